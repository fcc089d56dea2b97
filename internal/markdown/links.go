package markdown

import (
	"bytes"
	"net/url"
	"strings"

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

// Links with credentials: a URL such as https://user:pass@host/ would publish
// the password in the page, its feeds and search index, and a user name
// before the host is a known phishing form (https://bank.com@evil.example/).
// Links and images lose the user information; an autolink, which is text the
// writer typed, stays that text but is no link. Either way a warning names
// the host only, never the password (warnings end up in CI logs).

// withoutUserinfo returns dest without the user information of its
// authority ("user:pass@"), and whether it had any. Only URLs with an
// authority ("scheme://" or "//") have one: "mailto:a@b" is left alone.
func withoutUserinfo(dest []byte) ([]byte, bool) {
	i := bytes.Index(dest, []byte("//"))
	if i < 0 {
		return dest, false
	}
	for _, c := range dest[:i] {
		// A scheme, then ':'; or nothing (a protocol-relative URL).
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.' || c == ':') {
			return dest, false
		}
	}
	start := i + 2
	end := len(dest)
	if j := bytes.IndexAny(dest[start:], "/?#"); j >= 0 {
		end = start + j
	}
	at := bytes.LastIndexByte(dest[start:end], '@')
	if at < 0 {
		return dest, false
	}
	out := make([]byte, 0, len(dest)-at-1)
	out = append(out, dest[:start]...)
	return append(out, dest[start+at+1:]...), true
}

// credentialsWarning is the warning for a link whose user information was
// dropped; clean is the link without it.
func credentialsWarning(line int, clean []byte) *Error {
	return &Error{Line: line, Msg: "link to " + string(clean) + " had a user name or password before the host: published without them (remove them from the file; never publish a password)"}
}

// credentialsTextWarning is the warning for an autolink with user
// information, left as text.
func credentialsTextWarning(line int, clean []byte) *Error {
	return &Error{Line: line, Msg: "the address " + string(clean) + " is typed with a user name or password before the host: it stays text, not a link (never publish a password)"}
}

// linkableHost reports whether an autolink's URL has a host a browser can
// follow: it parses, and its host is not percent-encoded.
func linkableHost(u []byte) bool {
	p, err := url.Parse(string(u))
	return err == nil && p.Host != "" && !strings.ContainsRune(p.Host, '%')
}
