package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Safe links: a link to javascript:, vbscript: or data: becomes its text (see
// unwrap), so such targets never reach the output; external links (http,
// https and protocol-relative) get rel="noopener". collectFacts applies both
// in its walk over the document, before it is rendered.

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
