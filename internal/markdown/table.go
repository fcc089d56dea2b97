package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Table cells aligned by the delimiter row (|:-:|) carry a class, align-left,
// align-center or align-right, that static/css/site.css styles. goldmark
// would write style="text-align:…", which the site's Content-Security-Policy
// (no inline styles) blocks, or align="…", which HTML5 made obsolete.

// tableAlign sets the class of every aligned table cell.
type tableAlign struct{}

func (tableAlign) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.TableCell:
			if n.Alignment != east.AlignNone {
				class := "align-" + n.Alignment.String()
				if old, ok := n.AttributeString("class"); ok {
					if b, ok := old.([]byte); ok && len(b) > 0 {
						class = string(b) + " " + class
					}
				}
				n.SetAttributeString("class", []byte(class))
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.Heading, *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}
