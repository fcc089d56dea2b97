package render

import (
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"
	tparse "text/template/parse"

	"github.com/peeplcoach/folio/internal/suggest"
)

// Names of the functions hookRecursion calls. They are in every FuncMap,
// as placeholders until an executor binds them.
const (
	enterFunc = "folioEnterTemplate"
	leaveFunc = "folioLeaveTemplate"
)

// call is one template calling another: {{ template "x" }}, or partial or
// partialCached with a constant name.
type call struct {
	from, to string
	partial  bool   // through partial or partialCached
	at       string // "file:line:col" of the call
}

// calls lists the calls every template of set makes, sorted by where;
// resolve turns the name a partial is called by into the template's
// ("card.html" → "partials/card.html", see partialName).
func calls(set *template.Template, resolve func(string) string) []call {
	var out []call
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		tree := t.Tree
		walk(tree.Root, func(n tparse.Node) {
			c := call{from: t.Name()}
			switch n := n.(type) {
			case *tparse.TemplateNode:
				c.to = n.Name
			case *tparse.CommandNode:
				if len(n.Args) < 2 {
					return
				}
				id, ok := n.Args[0].(*tparse.IdentifierNode)
				if !ok || id.Ident != "partial" && id.Ident != "partialCached" {
					return
				}
				s, ok := n.Args[1].(*tparse.StringNode)
				if !ok {
					return // a name computed at run time: partial counts it then
				}
				c.to, c.partial = resolve(s.Text), true
			default:
				return
			}
			c.at, _ = tree.ErrorContext(n)
			out = append(out, c)
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].at < out[j].at })
	return out
}

// walk calls fn on every node below n.
func walk(n tparse.Node, fn func(tparse.Node)) {
	if n == nil {
		return
	}
	fn(n)
	switch n := n.(type) {
	case *tparse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, fn)
		}
	case *tparse.ActionNode:
		walk(n.Pipe, fn)
	case *tparse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, fn)
		}
	case *tparse.CommandNode:
		for _, a := range n.Args {
			walk(a, fn)
		}
	case *tparse.ChainNode:
		walk(n.Node, fn)
	case *tparse.IfNode:
		walkBranch(&n.BranchNode, fn)
	case *tparse.RangeNode:
		walkBranch(&n.BranchNode, fn)
	case *tparse.WithNode:
		walkBranch(&n.BranchNode, fn)
	case *tparse.TemplateNode:
		walk(n.Pipe, fn)
	}
}

func walkBranch(b *tparse.BranchNode, fn func(tparse.Node)) {
	walk(b.Pipe, fn)
	if b.List != nil {
		walk(b.List, fn)
	}
	if b.ElseList != nil {
		walk(b.ElseList, fn)
	}
}

// checkCalls reports every call to a template that the set does not define,
// at the line of the call: otherwise the page that first runs it fails, with
// a message naming the missing template as if it were a file. Partials
// resolve among baseof and the partials (partialSet), {{ template }} among
// the whole set.
func checkCalls(set, partials *template.Template, resolve func(string) string) []error {
	var errs []error
	for _, c := range calls(set, resolve) {
		in := set
		if c.partial {
			in = partials
		}
		if t := in.Lookup(c.to); t != nil && t.Tree != nil {
			continue
		}
		how := fmt.Sprintf("{{ template %q }}", c.to)
		if c.partial {
			how = fmt.Sprintf("partial %q", c.to)
		}
		errs = append(errs, callError(c.at, fmt.Sprintf("%s: no such template: %s", how, suggestTemplate(c.to, in))))
	}
	return errs
}

// suggestTemplate says which templates there are, or the closest one.
func suggestTemplate(name string, set *template.Template) string {
	var names []string
	for _, t := range set.Templates() {
		if t.Tree != nil && strings.HasPrefix(t.Name(), "partials/") {
			names = append(names, t.Name())
		}
	}
	if best := suggest.Nearest(name, names); best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	if strings.HasPrefix(name, "partials/") {
		return fmt.Sprintf("add layouts/%s, or call one of the partials there are", name)
	}
	return "define it with {{ define }} in a layout, or call one that exists"
}

// callError is a LayoutError at a parse location "file:line:col".
func callError(at, msg string) *LayoutError {
	file, rest, _ := strings.Cut(at, ":")
	lineText, _, _ := strings.Cut(rest, ":")
	line, _ := strconv.Atoi(lineText)
	return &LayoutError{Path: "layouts/" + file, Line: line, Msg: msg}
}

// hookRecursion makes every template of set that can call itself, through
// {{ template }} calls and constant partials, count itself on the
// executor's stack: {{ if enter "name" }}{{ end }} before its body and
// {{ if leave }}{{ end }} after it. An {{ if }} with an empty body prints
// nothing in any HTML context, so the escaper leaves the output as it was.
// Templates that cannot recurse are left alone and cost nothing; partial
// counts itself anyway, whatever its name.
func hookRecursion(set *template.Template, resolve func(string) string) (map[string]bool, error) {
	hooked := map[string]bool{}
	graph := map[string][]string{}
	for _, c := range calls(set, resolve) {
		graph[c.from] = append(graph[c.from], c.to)
	}
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil || !reaches(graph, t.Name(), t.Name()) {
			continue
		}
		hook, err := template.New("hook").Funcs(placeholderFuncs()).Parse(fmt.Sprintf(`{{ if %s %q }}{{ end }}{{ if %s }}{{ end }}`, enterFunc, t.Name(), leaveFunc))
		if err != nil {
			return nil, fmt.Errorf("hook template %s: %w", t.Name(), err)
		}
		nodes := hook.Tree.Root.Nodes
		root := t.Tree.Root
		root.Nodes = append(append([]tparse.Node{nodes[0]}, root.Nodes...), nodes[1])
		hooked[t.Name()] = true
	}
	return hooked, nil
}

// reaches reports whether to can be reached from from in one or more calls.
func reaches(graph map[string][]string, from, to string) bool {
	seen := map[string]bool{}
	stack := append([]string(nil), graph[from]...)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == to {
			return true
		}
		if seen[n] {
			continue
		}
		seen[n] = true
		stack = append(stack, graph[n]...)
	}
	return false
}

// placeholderFuncs are the functions executors bind (see acquire). The
// sets Load parses are never executed; these only let them parse.
func placeholderFuncs() template.FuncMap {
	unbound := func(...any) (template.HTML, error) {
		return "", fmt.Errorf("internal error: a template ran outside an executor")
	}
	return template.FuncMap{
		"partial":       func(string, any) (template.HTML, error) { return unbound() },
		"partialCached": func(string, any, ...any) (template.HTML, error) { return unbound() },
		enterFunc:       func(string) (bool, error) { return false, nil },
		leaveFunc:       func() bool { return false },
	}
}
