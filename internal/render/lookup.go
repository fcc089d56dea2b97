package render

import (
	"fmt"
	"html/template"
	"sort"
	"strings"
)

// Which layout renders a page. A page whose front matter says layout: wide is
// rendered with layouts/wide.html. Otherwise each kind has its file,
// <kind>.html; when a site lacks it, the kind falls back to single.html (the
// pages of one thing: article, page, checklist, 404) or list.html (the lists),
// as Hugo's lookup does. So a designer adds a page kind with a layout file
// and a layout: line, and a site can make do with baseof, single and list.

// fallbacks lists the layouts tried for each kind after <kind>.html.
var fallbacks = map[string][]string{
	"article":    {"single.html"},
	"page":       {"single.html"},
	"checklist":  {"single.html"},
	"404":        {"single.html"},
	"search":     {"single.html"},
	"home":       {"list.html"},
	"topic":      {"list.html"},
	"series":     {"list.html"},
	"topics":     {"list.html"},
	"serieslist": {"list.html"},
	"checklists": {"list.html"},
}

// layout is one top-level layout file, parsed with baseof and the partials.
type layout struct {
	set   *template.Template
	entry string // the template to execute: "baseof.html" when the file defines "main"
}

// parseLayouts parses every top-level layout file (not baseof, not a
// partial) into its own copy of base, and resolves the layout of each kind.
func (t *Templates) parseLayouts(base *template.Template, files map[string]string) []error {
	var errs []error
	var names []string
	for name := range files {
		if name != "baseof.html" && !strings.Contains(name, "/") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	t.layouts = map[string]layout{}
	broken := map[string]bool{}
	for _, name := range names {
		src := files[name]
		set, err := base.Clone()
		if err == nil {
			_, err = set.New(name).Parse(src)
		}
		if err != nil {
			errs = append(errs, layoutError(err))
			broken[name] = true
			continue
		}
		l := layout{set: set, entry: name}
		// baseof.html declares the "main" block, so look at the file's own
		// source: defining "main" means "fill the base layout".
		if strings.Contains(src, `define "main"`) {
			l.entry = "baseof.html"
		}
		t.layouts[name] = l
	}
	for _, kind := range Kinds {
		candidates := append([]string{kind + ".html"}, fallbacks[kind]...)
		found := false
		for _, name := range candidates {
			if broken[name] {
				found = true // reported above
				break
			}
			if l, ok := t.layouts[name]; ok {
				t.byKind[kind] = l.set
				t.entry[kind] = l.entry
				found = true
				break
			}
		}
		if !found {
			msg := "missing: the " + kind + " page needs it"
			if fb := fallbacks[kind]; len(fb) > 0 {
				msg += " (or " + strings.Join(fb, ", ") + " to fall back on)"
			}
			errs = append(errs, &LayoutError{Path: "layouts/" + kind + ".html", Msg: msg})
		}
	}
	return errs
}

// layoutFor returns the template set and entry that render a page: the
// layout its front matter names, or its kind's.
func (t *Templates) layoutFor(kind string, v *View) (*template.Template, string, error) {
	if v != nil && v.Layout != "" {
		l, ok := t.layouts[v.Layout]
		if !ok {
			return nil, "", &LayoutError{Path: "layouts/" + v.Layout, Msg: fmt.Sprintf("missing: the page %s asks for it (layout: in its front matter)", v.URL)}
		}
		return l.set, l.entry, nil
	}
	set, ok := t.byKind[kind]
	if !ok {
		return nil, "", fmt.Errorf("no template for page kind %q", kind)
	}
	return set, t.entry[kind], nil
}

// HasLayout reports whether layouts/ has a top-level file of that name
// ("wide.html"), so the build can report a page's layout: naming none at the
// line that says so.
func (t *Templates) HasLayout(name string) bool {
	_, ok := t.layouts[name]
	return ok
}

// partialName resolves a partial's name as templates give it: a name
// defined as given ("partials/card.html", or a {{ define }}d one), else the
// file of partials/ ("card.html" → "partials/card.html").
func (t *Templates) partialName(name string) string {
	if t.partials.Lookup(name) != nil {
		return name
	}
	if full := "partials/" + name; t.partials.Lookup(full) != nil {
		return full
	}
	return name
}
