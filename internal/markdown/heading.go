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

// headingRenderer renders headings with a visible anchor link after the text, so
// a reader can copy a link to any section.
type headingRenderer struct{}

func (r *headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.render)
}

func (r *headingRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := "0123456"[n.Level]
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, node, html.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok {
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		// The fragment in the one URL form (upper-case percent-encoding),
		// as templates write it too; the id attribute keeps the letters.
		if b := id.([]byte); plainID(b) {
			_, _ = w.Write(b)
		} else {
			_, _ = w.Write(util.EscapeHTML([]byte(slug.EscapePath(string(b)))))
		}
		_, _ = w.WriteString(`" aria-label="Link to this section">#</a>`)
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}
