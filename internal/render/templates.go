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

	// execs are the copies of the sets that pages execute (see exec.go):
	// the sets above are only ever cloned.
	execs executors
	// hooked names the partials that count themselves on the stack (see
	// hookRecursion), so that partial does not count them twice.
	hooked map[string]bool
	// sites holds where each template calls another ("file:line:col" by
	// caller and callee), for errors of the depth limit.
	sites map[[2]string]string
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
			// A layout that cannot be read is a problem at its path, not
			// of the folder (a symbolic link outside the site, say).
			return &LayoutError{Path: "layouts/" + p, Msg: unwrapPath(err).Error()}
		}
		files[p] = string(data)
		return nil
	})
	var le *LayoutError
	if errors.As(err, &le) {
		return nil, le
	}
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
	fm := placeholderFuncs()
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
	t.partials = base
	// Calls to templates that do not exist fail at load, at their line,
	// whichever page would run them first.
	sets := append([]*template.Template{base}, t.layoutSets()...)
	for _, set := range sets {
		errs = append(errs, checkCalls(set, base, t.partialName)...)
	}
	if len(errs) > 0 {
		return nil, joinErrors(dedupe(errs))
	}
	t.sites = map[[2]string]string{}
	for i, set := range sets {
		for _, c := range calls(set, t.partialName) {
			if _, ok := t.sites[[2]string{c.from, c.to}]; !ok {
				t.sites[[2]string{c.from, c.to}] = c.at
			}
		}
		hooked, err := hookRecursion(set, t.partialName)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			t.hooked = hooked // partials run in base's copies
		}
	}
	// None of these sets is executed: executors clone them (see exec.go).
	return t, nil
}

// layoutSets returns the set of every layout file, by name.
func (t *Templates) layoutSets() []*template.Template {
	names := make([]string, 0, len(t.layouts))
	for name := range t.layouts {
		names = append(names, name)
	}
	sort.Strings(names)
	sets := make([]*template.Template, len(names))
	for i, name := range names {
		sets[i] = t.layouts[name].set
	}
	return sets
}

// dedupe drops repeated errors: a partial's error is found in every set
// that holds the partial.
func dedupe(errs []error) []error {
	seen := map[string]bool{}
	out := errs[:0]
	for _, e := range errs {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			out = append(out, e)
		}
	}
	return out
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
	return t.run(cardPartial, "the card of "+c.URL, func(e *executor) error {
		set, err := e.partialSet()
		if err != nil {
			return err
		}
		buf := bufPool.Get().(*bytes.Buffer)
		buf.Reset()
		defer bufPool.Put(buf)
		if err := e.execute(set, buf, cardPartial, cardPartial, c); err != nil {
			return executionError(err, t.sites)
		}
		c.HTML = template.HTML(buf.String())
		return nil
	})
}

// executionError is layoutError, but an error of the depth limit is
// reported once at the call that went too deep (found in sites, see
// callSites), with the chain of templates.
func executionError(err error, sites map[[2]string]string) error {
	var de *DepthError
	if errors.As(err, &de) {
		return depthError(err, de, sites)
	}
	return layoutError(err)
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

// ExecuteTo renders one page of the given kind into w. A template that
// panics, or calls deeper than MaxDepth, is an error naming the layout.
func (t *Templates) ExecuteTo(w io.Writer, kind string, v *View) error {
	set, entry, err := t.layoutFor(kind, v)
	if err != nil {
		return err
	}
	what := "a " + kind + " page"
	if v != nil && v.URL != "" {
		what = "the page " + v.URL
	}
	shown := kind + ".html"
	if v != nil && v.Layout != "" {
		shown = v.Layout
	}
	err = t.run(shown, what, func(e *executor) error {
		copied, err := e.clone(set)
		if err != nil {
			return err
		}
		if err := e.execute(copied, w, entry, shown, v); err != nil {
			return executionError(err, t.sites)
		}
		return nil
	})
	if err != nil && t.plain != nil {
		// Report the error with the lines of the layouts as written.
		if perr := t.plain.ExecuteTo(io.Discard, kind, v); perr != nil {
			return perr
		}
	}
	return err
}

// Minified reports whether the templates were parsed from minified sources,
// so that pages need no minifying of their own.
func (t *Templates) Minified() bool { return t.plain != nil }

var templateErr = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+)(?::\d+)?: (.*)$`)

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

// unwrapPath drops an fs.PathError's operation and path, which a
// LayoutError names itself.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func joinErrors(errs []error) error {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return errors.Join(errs...)
}
