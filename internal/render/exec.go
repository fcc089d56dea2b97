package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	ttemplate "text/template"

	"github.com/peeplcoach/folio/internal/key"
)

// MaxDepth is how deep template calls may nest: partial inside partial, or a
// template that calls itself through {{ template }}. Real layouts nest a
// handful deep; a recursion without end would otherwise exhaust the stack
// (through partial, killing folio) or run 100,000 deep and take half a
// minute to fail (through {{ template }}).
const MaxDepth = 100

// executor is a private copy of the template sets, used by one goroutine at
// a time, so that what a page's execution tracks (the chain of templates
// called, for the depth limit) needs no goroutine identity and no lock.
// Its partial functions are bound to it. Copies are cloned lazily from the
// sets Load parsed, which are never executed themselves (html/template
// cannot clone a set once it ran), and kept for reuse: a build runs as many
// at once as it has workers.
type executor struct {
	t        *Templates
	funcs    template.FuncMap
	partials *template.Template
	copies   map[*template.Template]*template.Template // by the set Load parsed
	stack    []string                                  // the templates being executed, outermost first
}

// executors is the free list of a Templates' executors.
type executors struct {
	mu   sync.Mutex
	free []*executor
}

// acquire returns an executor for this goroutine's use until release.
func (t *Templates) acquire() *executor {
	t.execs.mu.Lock()
	if n := len(t.execs.free); n > 0 {
		e := t.execs.free[n-1]
		t.execs.free = t.execs.free[:n-1]
		t.execs.mu.Unlock()
		return e
	}
	t.execs.mu.Unlock()
	e := &executor{t: t, copies: map[*template.Template]*template.Template{}}
	e.funcs = template.FuncMap{
		"partial":       e.partial,
		"partialCached": e.partialCached,
		enterFunc:       e.enter,
		leaveFunc:       e.leave,
	}
	return e
}

// release returns e to the free list. An executor whose execution panicked
// is dropped instead: its sets may be half escaped.
func (t *Templates) release(e *executor, ok bool) {
	if !ok {
		return
	}
	e.stack = e.stack[:0]
	t.execs.mu.Lock()
	t.execs.free = append(t.execs.free, e)
	t.execs.mu.Unlock()
}

// clone returns the executor's copy of a set Load parsed (a layout's).
func (e *executor) clone(src *template.Template) (*template.Template, error) {
	if s, ok := e.copies[src]; ok {
		return s, nil
	}
	s, err := src.Clone()
	if err != nil {
		return nil, fmt.Errorf("copy the templates of %s: %w", src.Name(), err)
	}
	s.Funcs(e.funcs)
	e.copies[src] = s
	return s, nil
}

// partialSet returns the executor's copy of baseof and the partials.
func (e *executor) partialSet() (*template.Template, error) {
	if e.partials != nil {
		return e.partials, nil
	}
	s, err := e.t.partials.Clone()
	if err != nil {
		return nil, fmt.Errorf("copy the partials: %w", err)
	}
	s.Funcs(e.funcs)
	e.partials = s
	return s, nil
}

// push records a template call, refusing one that nests deeper than MaxDepth.
func (e *executor) push(name string) error {
	if len(e.stack) >= MaxDepth {
		chain := append(append([]string(nil), e.stack...), name)
		return &DepthError{Chain: chain}
	}
	e.stack = append(e.stack, name)
	return nil
}

func (e *executor) pop() { e.stack = e.stack[:len(e.stack)-1] }

// enter and leave are called at the start and end of a template that can
// call itself through {{ template }} (see hookRecursion); they return
// false, for {{ if }}, so that they print nothing in any context.
func (e *executor) enter(name string) (bool, error) { return false, e.push(name) }
func (e *executor) leave() bool {
	if len(e.stack) > 0 {
		e.pop()
	}
	return false
}

// execute runs the template name of set into w as one call on the stack,
// shown as shown in the chain of an error.
func (e *executor) execute(set *template.Template, w io.Writer, name, shown string, data any) error {
	if err := e.push(shown); err != nil {
		return err
	}
	defer e.pop()
	return set.ExecuteTemplate(w, name, data)
}

// partial renders a partial and returns its HTML, so a template can keep it
// in a variable and show it twice without rendering it twice:
// {{ $box := partial "partials/checklist-box.html" . }}.
func (e *executor) partial(name string, data any) (template.HTML, error) {
	set, err := e.partialSet()
	if err != nil {
		return "", err
	}
	name = e.t.partialName(name)
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if e.t.hooked[name] {
		// The template counts itself (see hookRecursion).
		err = set.ExecuteTemplate(buf, name, data)
	} else {
		err = e.execute(set, buf, name, name, data)
	}
	if err != nil {
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
func (e *executor) partialCached(name string, data any, variants ...any) (template.HTML, error) {
	var site key.Sum
	if v, ok := data.(*View); ok && v.Site != nil {
		site = v.Site.Key()
	}
	key := fmt.Sprint(name, "\x00", site, "\x00", variants)
	if html, ok := e.t.cached.Load(key); ok {
		return html.(template.HTML), nil
	}
	html, err := e.partial(name, data)
	if err != nil {
		return "", err
	}
	e.t.cached.Store(key, html)
	return html, nil
}

// run executes fn with an executor of t, turning a panic into an error
// that names the template and what was being rendered.
func (t *Templates) run(layout, what string, fn func(e *executor) error) (err error) {
	e := t.acquire()
	ok := false
	defer func() {
		if p := recover(); p != nil {
			err = &LayoutError{Path: "layouts/" + layout, Msg: fmt.Sprintf("folio failed while rendering %s: %v (this is a bug in folio: please report it with this template)", what, p)}
		}
		t.release(e, ok)
	}()
	err = fn(e)
	ok = true
	return err
}

// callsHook reports whether an execution error's own level (its first
// "error calling") is the hook's call.
func callsHook(msg string) bool {
	_, after, ok := strings.Cut(msg, "error calling ")
	return ok && strings.HasPrefix(after, enterFunc+":")
}

// DepthError is a chain of template calls deeper than MaxDepth.
type DepthError struct {
	Chain []string // template names, outermost first
}

func (e *DepthError) Error() string {
	return fmt.Sprintf("template calls nest more than %d deep: %s", MaxDepth, summarizeChain(e.Chain))
}

// summarizeChain shows a long chain of template calls by its start and the
// cycle that repeats: "article.html → partials/a.html → partials/b.html →
// partials/a.html → … (partials/a.html and partials/b.html call each other
// without end: …)".
func summarizeChain(chain []string) string {
	n := len(chain)
	for period := 1; period <= 8 && 3*period <= n; period++ {
		repeats := true
		for i := n - 1; i >= n-2*period; i-- {
			if chain[i] != chain[i-period] {
				repeats = false
				break
			}
		}
		if !repeats {
			continue
		}
		// Where the cycle starts: walk back while the chain repeats.
		start := n - period
		for start-period >= 0 && chain[start-1] == chain[start-1+period] {
			start--
		}
		cycle := chain[start : start+period]
		shown := append(append([]string(nil), chain[:start+period]...), cycle[0], "…")
		verb := "calls itself"
		if period > 1 {
			verb = "and " + strings.Join(cycle[1:], " and ") + " call each other"
		}
		return fmt.Sprintf("%s (%s %s without end: stop the recursion with an {{ if }})", strings.Join(shown, " → "), cycle[0], verb)
	}
	if n > 12 {
		chain = append(append(append([]string(nil), chain[:6]...), "…"), chain[n-5:]...)
	}
	return strings.Join(chain, " → ")
}

var execLocation = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+)(?::\d+)?: `)

// depthError turns an execution error caused by a DepthError into one
// LayoutError at the call that went too deep: the last call of the chain,
// found among the calls the layouts make (sites); text/template would
// otherwise wrap the error once per level, a hundred times over. A partial
// whose name is computed has no known call site: then the innermost
// location text/template reports is used.
func depthError(err error, de *DepthError, sites map[[2]string]string) error {
	le := &LayoutError{Path: "layouts", Msg: de.Error()}
	if n := len(de.Chain); n >= 2 {
		if at, ok := sites[[2]string{de.Chain[n-2], de.Chain[n-1]}]; ok {
			ce := callError(at, "")
			le.Path, le.Line = ce.Path, ce.Line
			return le
		}
	}
	for {
		var ee ttemplate.ExecError
		if !errors.As(err, &ee) {
			return le
		}
		if m := execLocation.FindStringSubmatch(ee.Err.Error()); m != nil && !callsHook(ee.Err.Error()) {
			le.Path = "layouts/" + m[1]
			le.Line, _ = strconv.Atoi(m[2])
		}
		err = ee.Err // look below this level
	}
}
