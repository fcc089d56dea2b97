// Package render turns view data into pages with the Go html/template files of
// layouts/. It knows which template renders which page kind and what data each
// gets; it knows nothing of disk, Markdown or HTTP.
//
// Layout files:
//
//	baseof.html          the page skeleton; pulls in {{ block "main" . }}
//	partials/*.html      pieces called as {{ template "partials/card.html" . }}
//	<kind>.html          one per page kind; defines "main" (and may override other
//	                     blocks of baseof), or is a whole page of its own when it
//	                     defines no "main" (the printable checklist is one)
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Kinds lists the page kinds and so the template file each needs: <kind>.html.
var Kinds = []string{"home", "article", "page", "topics", "topic", "serieslist", "series", "404", "checklist", "checklists", "search"}

// Templates holds the parsed layouts: one template set per page kind, parsed
// once and safe for concurrent use.
type Templates struct {
	partials *template.Template // baseof and partials, for RenderCard
	byKind   map[string]*template.Template
	entry    map[string]string // template to execute for each kind
	layouts  map[string]layout // every top-level layout file by name (lookup.go)

	// plain holds the sets parsed from the layouts as written, when the sets
	// above were parsed from minified sources: an execution error is
	// reported again from them, with the line numbers of the files.
	plain *Templates

	cached sync.Map // partialCached's outputs: cacheKey → template.HTML
}

// LoadOptions configure Load.
type LoadOptions struct {
	// Minify, when set, minifies the source of each layout file once, so
	// that pages come out minified without a minifier pass over every page.
	Minify func(src string) (string, error)
}

// LayoutError is a template problem at a line of a layout file.
type LayoutError struct {
	Path string // "layouts/article.html"
	Line int
	Msg  string
}

func (e *LayoutError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Load parses the layouts in fsys (the layouts/ folder). Every problem is
// reported, each as a *LayoutError, joined.
func Load(fsys fs.FS, opts LoadOptions) (*Templates, error) {
	files, err := readLayouts(fsys)
	if err != nil {
		return nil, err
	}
	plain, err := parse(files)
	if err != nil || opts.Minify == nil {
		return plain, err
	}
	minified := make(map[string]string, len(files))
	for p, src := range files {
		min, err := opts.Minify(src)
		if err != nil {
			// Pages made from the layouts as written get minified one
			// by one instead (see Minified).
			return plain, nil
		}
		minified[p] = min
	}
	t, err := parse(minified)
	if err != nil {
		// Minifying should never break a template; if it does, the layouts
		// as written are correct and serve, unminified.
		return plain, nil
	}
	t.plain = plain
	return t, nil
}

func readLayouts(fsys fs.FS) (map[string]string, error) {
	files := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".html" {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files[p] = string(data)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read layouts: %w", err)
	}
	return files, nil
}

// parse parses a set of layout sources.
func parse(files map[string]string) (*Templates, error) {
	if _, ok := files["baseof.html"]; !ok {
		return nil, &LayoutError{Path: "layouts/baseof.html", Msg: "missing: every site needs a base layout"}
	}
	t := &Templates{byKind: map[string]*template.Template{}, entry: map[string]string{}}
	fm := template.FuncMap{"partial": t.partial, "partialCached": t.partialCached}
	for name, fn := range funcs {
		fm[name] = fn
	}
	base := template.New("baseof.html").Funcs(fm)
	var errs []error
	if _, err := base.Parse(files["baseof.html"]); err != nil {
		errs = append(errs, layoutError(err))
	}
	var partials []string
	for p := range files {
		if strings.HasPrefix(p, "partials/") {
			partials = append(partials, p)
		}
	}
	sort.Strings(partials)
	for _, p := range partials {
		if _, err := base.New(p).Parse(files[p]); err != nil {
			errs = append(errs, layoutError(err))
		}
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	if base.Lookup(cardPartial) == nil {
		return nil, &LayoutError{Path: "layouts/" + cardPartial, Msg: "missing: lists show articles with it"}
	}
	errs = t.parseLayouts(base, files)
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	// Every kind is cloned above; html/template forbids cloning a set once it
	// has run, so base is only executed from here on.
	t.partials = base
	return t, nil
}

// cardPartial renders an article as lists show it.
const cardPartial = "partials/card.html"

// RenderCard renders c with partials/card.html into c.HTML.
func (t *Templates) RenderCard(c *Card) error {
	if err := t.renderCard(c); err != nil {
		if t.plain != nil {
			if perr := t.plain.renderCard(c); perr != nil {
				return perr
			}
		}
		return err
	}
	return nil
}

func (t *Templates) renderCard(c *Card) error {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := t.partials.ExecuteTemplate(buf, cardPartial, c); err != nil {
		return layoutError(err)
	}
	c.HTML = template.HTML(buf.String())
	return nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Execute renders one page of the given kind and returns its bytes.
func (t *Templates) Execute(kind string, v *View) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.ExecuteTo(&buf, kind, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ExecuteTo renders one page of the given kind into w.
func (t *Templates) ExecuteTo(w io.Writer, kind string, v *View) error {
	set, entry, err := t.layoutFor(kind, v)
	if err != nil {
		return err
	}
	if err := set.ExecuteTemplate(w, entry, v); err != nil {
		if t.plain != nil {
			// Report the error with the lines of the layouts as written.
			if perr := t.plain.ExecuteTo(io.Discard, kind, v); perr != nil {
				return perr
			}
		}
		return layoutError(err)
	}
	return nil
}

// Minified reports whether the templates were parsed from minified sources,
// so that pages need no minifying of their own.
func (t *Templates) Minified() bool { return t.plain != nil }

// partial renders a partial and returns its HTML, so a template can keep it
// in a variable and show it twice without rendering it twice:
// {{ $box := partial "partials/checklist-box.html" . }}.
func (t *Templates) partial(name string, data any) (template.HTML, error) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := t.partials.ExecuteTemplate(buf, t.partialName(name), data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// partialCached renders a partial once per build for each distinct set of
// variants and reuses the output: {{ partialCached "partials/footer.html" . }}
// renders the footer once for the whole site; {{ partialCached
// "partials/header.html" . .Kind .NavCurrent }} once per kind and current
// navigation entry. The variants must say everything the partial's output
// depends on besides the site, or pages would show another page's partial.
func (t *Templates) partialCached(name string, data any, variants ...any) (template.HTML, error) {
	var site uint64
	if v, ok := data.(*View); ok && v.Site != nil {
		site = v.Site.cachedKey()
	}
	key := fmt.Sprint(name, "\x00", site, "\x00", variants)
	if html, ok := t.cached.Load(key); ok {
		return html.(template.HTML), nil
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := t.partials.ExecuteTemplate(buf, t.partialName(name), data); err != nil {
		return "", err
	}
	html := template.HTML(buf.String())
	t.cached.Store(key, html)
	return html, nil
}

var templateErr = regexp.MustCompile(`^(?:html/)?template: ([^:]+):(\d+)(?::\d+)?: (.*)$`)

// layoutError turns a text/template or html/template error into a *LayoutError
// naming the layout file and line.
func layoutError(err error) error {
	msg := err.Error()
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		return &LayoutError{Path: "layouts/" + m[1], Line: line, Msg: m[3]}
	}
	if i := strings.Index(msg, `"`); strings.HasPrefix(msg, "html/template:") && i > 0 {
		name := msg[i+1:]
		if j := strings.Index(name, `"`); j > 0 {
			return &LayoutError{Path: "layouts/" + name[:j], Msg: strings.TrimSpace(msg)}
		}
	}
	return &LayoutError{Path: "layouts", Msg: msg}
}

func joinErrors(errs []error) error {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return errors.Join(errs...)
}
