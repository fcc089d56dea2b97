package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// safeLinks keeps script-carrying link targets out of the output and marks
// external links. A link to javascript:, vbscript: or data: becomes its text; such
// an image becomes nothing but its alt text. External links (http, https and
// protocol-relative) get rel="noopener".
type safeLinks struct{}

func (safeLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if dangerousURL(n.Destination) {
				unsafe = append(unsafe, n)
			} else if externalURL(n.Destination) {
				n.SetAttributeString("rel", []byte("noopener"))
			}
		case *ast.Image:
			if dangerousURL(n.Destination) {
				unsafe = append(unsafe, n)
			}
		case *ast.AutoLink:
			if dangerousURL(n.URL(src)) {
				unsafe = append(unsafe, n)
			} else if n.AutoLinkType == ast.AutoLinkURL {
				n.SetAttributeString("rel", []byte("noopener"))
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		unwrap(n, src)
	}
}

// unwrap replaces a link by its content, an image by its alt text, and an autolink
// by its text, so the reader still sees the words and the target is gone.
func unwrap(n ast.Node, src []byte) {
	parent := n.Parent()
	switch n := n.(type) {
	case *ast.AutoLink:
		parent.ReplaceChild(parent, n, ast.NewString(n.Label(src)))
	case *ast.Image:
		parent.ReplaceChild(parent, n, ast.NewString(appendPlainText(nil, n, src)))
	default:
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// dangerousURL reports whether a link target runs script or embeds a document
// when followed. Browsers ignore ASCII whitespace and control characters inside a
// scheme and compare it case-insensitively, so this does too.
func dangerousURL(dest []byte) bool {
	if bytes.IndexByte(dest, '&') >= 0 {
		// goldmark resolves character references when it writes an href, so
		// "javascript&colon;" must be judged as the browser will see it.
		dest = util.ResolveEntityNames(util.ResolveNumericReferences(dest))
	}
	var scheme [16]byte
	n := 0
	for _, c := range dest {
		if c <= ' ' {
			continue
		}
		if c == ':' {
			s := string(scheme[:n])
			return s == "javascript" || s == "vbscript" || s == "data"
		}
		if n == len(scheme) || !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
		scheme[n] = c | 0x20 // lower-case ASCII letters; digits and +-. are unchanged
		n++
	}
	return false
}

func externalURL(dest []byte) bool {
	d := bytes.ToLower(bytes.TrimSpace(dest))
	return bytes.HasPrefix(d, []byte("http://")) || bytes.HasPrefix(d, []byte("https://")) || bytes.HasPrefix(d, []byte("//"))
}
