package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/peeplcoach/folio/internal/slug"
)

// headingIDs gives every heading a stable, unique id made from its plain text
// (after inline parsing, so "**Bold** [link](/x)" gives "bold-link", not the
// Markdown source). Non-ASCII letters are kept. A repeated heading gets "-2",
// "-3"…, so ids do not change when a later section is added. An id the writer
// gave ("## Opaque structs {#lessmemory}", as in Hugo and Pandoc) is kept, and
// no made id takes it.
type headingIDs struct{}

func (headingIDs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	used := map[string]bool{}
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Kind() != ast.KindHeading {
			// Headings are blocks: the walk need not enter inline content.
			if n.Type() == ast.TypeInline || n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock {
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		}
		h := n.(*ast.Heading)
		if id, ok := explicitID(h); ok {
			used[id] = true
		} else {
			headings = append(headings, h)
		}
		return ast.WalkSkipChildren, nil
	})
	var buf []byte
	for _, n := range headings {
		buf = appendPlainText(buf[:0], n, src)
		base := slug.Make(string(buf))
		if base == "" {
			base = "section"
		}
		id := base
		for i := 2; used[id]; i++ {
			id = base + "-" + strconv.Itoa(i)
		}
		used[id] = true
		n.SetAttributeString("id", []byte(id))
	}
}

// explicitID returns the id a writer gave a heading with {#id}.
func explicitID(h *ast.Heading) (string, bool) {
	v, ok := h.AttributeString("id")
	if !ok {
		return "", false
	}
	b, ok := v.([]byte)
	if !ok || len(b) == 0 {
		return "", false
	}
	return string(b), true
}

// plainID reports whether an id is written the same in a URL and in HTML:
// ASCII letters, digits, hyphens and underscores, as most ids are.
func plainID(id []byte) bool {
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// headingRenderer renders headings with an anchor link beside them, so a
// reader can copy a link to any section. The link stands after the heading,
// not inside it, so that it is no part of the heading's name for assistive
// technology; its own name is the heading's text (aria-labelledby), in any
// language. The design shows it on hover and focus. A heading that starts
// with a number ("3. Meet deadlines") gets the number in a span, so the
// design can show numbered sections as a sequence.
//
//	<div class="heading heading-h2"><h2 id="x">Text</h2><a class="anchor" href="#x" aria-labelledby="x">#</a></div>
type headingRenderer struct{}

func (r *headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.render)
}

func (r *headingRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := "0123456"[n.Level]
	id, hasID := n.AttributeString("id")
	if entering {
		if hasID {
			// Classes say the level and whether the heading is numbered,
			// so the design needs no slower :has() selector.
			_, _ = w.WriteString(`<div class="heading heading-h`)
			_ = w.WriteByte(level)
			if headingNumber(n, source) > 0 {
				_, _ = w.WriteString(` numbered`)
			}
			_, _ = w.WriteString(`">`)
		}
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, node, html.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		writeHeadingNumber(w, n, source)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_ = w.WriteByte('>')
	if hasID {
		b := id.([]byte)
		_, _ = w.WriteString(`<a class="anchor" href="#`)
		// The fragment in the one URL form (upper-case percent-encoding),
		// as templates write it too; the id attribute keeps the letters.
		if plainID(b) {
			_, _ = w.Write(b)
		} else {
			_, _ = w.Write(util.EscapeHTML([]byte(slug.EscapePath(string(b)))))
		}
		_, _ = w.WriteString(`" aria-labelledby="`)
		_, _ = w.Write(util.EscapeHTML(b))
		_, _ = w.WriteString(`">#</a></div>`)
	}
	_ = w.WriteByte('\n')
	return ast.WalkContinue, nil
}

// headingNumber returns the length of the heading's leading number with its
// "." or ")" ("12." gives 3), or 0 when it has none: digits, then "." or ")",
// then a space. The parser may split the number over several text nodes ("2"
// and ". Delegate"), so it is read across the leading ones.
func headingNumber(n *ast.Heading, source []byte) int {
	var lead []byte
	for c := n.FirstChild(); c != nil && len(lead) < 5; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			break
		}
		lead = append(lead, t.Segment.Value(source)...)
		if t.SoftLineBreak() || t.HardLineBreak() {
			break
		}
	}
	i := 0
	for i < len(lead) && i < 3 && lead[i] >= '0' && lead[i] <= '9' {
		i++
	}
	if i == 0 || i+1 >= len(lead) || (lead[i] != '.' && lead[i] != ')') || lead[i+1] != ' ' {
		return 0
	}
	return i + 1
}

// writeHeadingNumber writes the heading's leading number in a span and moves
// the start of its text past it, so the text goes on after the span. Facts
// (the heading's plain text, its id) were taken before rendering and keep
// the number.
func writeHeadingNumber(w util.BufWriter, n *ast.Heading, source []byte) {
	skip := headingNumber(n, source)
	if skip == 0 {
		return
	}
	_, _ = w.WriteString(`<span class="heading-number">`)
	for c := n.FirstChild(); skip > 0; c = c.NextSibling() {
		t := c.(*ast.Text)
		k := min(skip, t.Segment.Len())
		_, _ = w.Write(t.Segment.Value(source)[:k])
		t.Segment = t.Segment.WithStart(t.Segment.Start + k)
		skip -= k
	}
	_, _ = w.WriteString(`</span>`)
}
