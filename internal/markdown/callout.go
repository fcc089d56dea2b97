package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Callouts, as GitHub writes them: a block quote whose first line is only
// [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION] (any case)
// becomes <div class="callout callout-note" role="note"> with a title in the
// page's language (the site's i18n/ file first), then the rest of the quote. Any other block quote stays one.
//
//	> [!TIP]
//	> Ask for feedback before the review, not in it.

// calloutKinds are the callout types, lower-case, as GitHub names them.
var calloutKinds = []string{"note", "tip", "important", "warning", "caution"}

// KindCallout is the AST node kind of a callout.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a block quote marked as a callout. Its children are the quote's
// blocks, the marker line removed.
type Callout struct {
	ast.BaseBlock
	CalloutType string // "note", "tip", "important", "warning" or "caution"
	Title       string // the type's name in the document's language
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Type": n.CalloutType}, nil)
}

// callouts turns marked block quotes into callouts.
type callouts struct{}

func (callouts) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if q, ok := n.(*ast.Blockquote); ok {
			quotes = append(quotes, q)
		}
		if n.Type() == ast.TypeInline || n.Kind() == ast.KindParagraph {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		first := para.Lines().At(0)
		kind := calloutKind(bytes.TrimSpace(first.Value(src)))
		if kind == "" {
			continue
		}
		// Drop the inline nodes of the marker line.
		for c := para.FirstChild(); c != nil; {
			next := c.NextSibling()
			t, isText := c.(*ast.Text)
			if !isText || t.Segment.Start >= first.Stop {
				break
			}
			para.RemoveChild(para, c)
			c = next
		}
		if para.Lines().Len() == 1 {
			q.RemoveChild(q, para)
		} else {
			lines := para.Lines()
			rest := text.NewSegments()
			for i := 1; i < lines.Len(); i++ {
				rest.Append(lines.At(i))
			}
			para.SetLines(rest)
		}
		callout := &Callout{CalloutType: kind, Title: words(pc).T("callout_" + kind)}
		for c := q.FirstChild(); c != nil; {
			next := c.NextSibling()
			callout.AppendChild(callout, c)
			c = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, callout)
	}
}

// calloutKind returns the type of a marker line ("[!NOTE]" → "note"), or "".
func calloutKind(line []byte) string {
	if len(line) < 4 || line[0] != '[' || line[1] != '!' || line[len(line)-1] != ']' {
		return ""
	}
	name := bytes.ToLower(line[2 : len(line)-1])
	for _, k := range calloutKinds {
		if string(name) == k {
			return k
		}
	}
	return ""
}

// calloutRenderer writes callouts with their title.
type calloutRenderer struct{}

func (r calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, r.render)
}

func (r calloutRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Callout)
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="callout callout-`)
	_, _ = w.WriteString(n.CalloutType)
	_, _ = w.WriteString(`" role="note">` + "\n" + `<p class="callout-title">`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.Title)))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}
