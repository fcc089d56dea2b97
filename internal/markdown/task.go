package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Task-list items (- [ ] …) are checkboxes a reader can tick, each labelled by
// its item's text: GFM's are disabled and unlabelled, so a screen reader
// announces "checkbox, unavailable" with no name. The text after the box is
// wrapped in a <label for> the box, so clicking the words ticks it too; a
// script of the design may remember the ticks (static/js/article.js).
//
//	<li class="task"><input type="checkbox" id="task-1"> <label for="task-1">Ask</label></li>

// kindTaskLabel is the inline node holding the text of a task item.
var kindTaskLabel = ast.NewNodeKind("TaskLabel")

type taskLabel struct {
	ast.BaseInline
	id string
}

func (n *taskLabel) Kind() ast.NodeKind { return kindTaskLabel }

func (n *taskLabel) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.id}, nil)
}

// taskLabels numbers the task items of a document and moves the inline
// content after each box into a taskLabel. It runs after headingIDs, so that
// no box takes a heading's id.
type taskLabels struct{}

func (taskLabels) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var boxes []*east.TaskCheckBox
	used := map[string]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Kind() == ast.KindHeading {
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					used[string(b)] = true
				}
			}
			return ast.WalkSkipChildren, nil
		}
		if box, ok := n.(*east.TaskCheckBox); ok {
			boxes = append(boxes, box)
		}
		return ast.WalkContinue, nil
	})
	next := 1
	for _, box := range boxes {
		id := ""
		for id == "" || used[id] {
			id = "task-" + strconv.Itoa(next)
			next++
		}
		used[id] = true
		box.SetAttributeString("id", []byte(id))
		// The item gets a class, so the design can style it without the
		// slower :has() selector.
		for li := box.Parent(); li != nil; li = li.Parent() {
			if li.Kind() == ast.KindListItem {
				li.SetAttributeString("class", []byte("task"))
				break
			}
		}
		label := &taskLabel{id: id}
		parent := box.Parent()
		for c := box.NextSibling(); c != nil; {
			following := c.NextSibling()
			parent.RemoveChild(parent, c)
			label.AppendChild(label, c)
			c = following
		}
		parent.InsertAfter(parent, box, label)
	}
}

// taskRenderer writes the box and its label.
type taskRenderer struct{}

func (taskRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, renderTaskBox)
	reg.Register(kindTaskLabel, renderTaskLabel)
}

func renderTaskBox(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.TaskCheckBox)
	_, _ = w.WriteString(`<input type="checkbox"`)
	if id, ok := n.AttributeString("id"); ok {
		_, _ = w.WriteString(` id="`)
		_, _ = w.Write(util.EscapeHTML(id.([]byte)))
		_ = w.WriteByte('"')
	}
	if n.IsChecked {
		_, _ = w.WriteString(` checked`)
	}
	_, _ = w.WriteString(`> `)
	return ast.WalkContinue, nil
}

func renderTaskLabel(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<label for="`)
		_, _ = w.Write(util.EscapeHTML([]byte(node.(*taskLabel).id)))
		_, _ = w.WriteString(`">`)
	} else {
		_, _ = w.WriteString(`</label>`)
	}
	return ast.WalkContinue, nil
}
