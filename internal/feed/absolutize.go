package feed

import (
	"bytes"
	"html"
	"strings"
)

// Absolutize returns a copy of the HTML fragment with every root-relative
// URL ("/articles/x/") in an href, src or srcset attribute made absolute on
// the origin (scheme and host) of base: with base "https://example.com/blog/",
// href="/a/" becomes href="https://example.com/a/", as a browser on the site
// would resolve it. Absolute URLs, fragments (#x), protocol-relative URLs
// (//cdn.example.com/x), other schemes (mailto:) and document-relative paths
// are left alone, as is text outside tags and inside comments, script and
// style. A base with no "://" is used whole, less any trailing slash.
//
// Feed readers show content away from the site, where root-relative links
// would point at the reader's own host.
func Absolutize(html []byte, base string) []byte {
	return absolutize(make([]byte, 0, len(html)+len(html)/4), html, originOf(base))
}

// contentScratch returns buffers big enough for any entry's content and
// its absolutized form, so the writers allocate them once per feed.
func contentScratch(entries []Entry) (src, abs []byte) {
	n := 0
	for i := range entries {
		n = max(n, len(entries[i].ContentHTML))
	}
	return make([]byte, 0, n), make([]byte, 0, n+n/4)
}

// originOf returns scheme://host[:port] of base, HTML-escaped for insertion
// into an attribute value.
func originOf(base string) string {
	origin := strings.TrimRight(base, "/")
	if i := strings.Index(base, "://"); i >= 0 {
		if j := strings.IndexAny(base[i+3:], "/?#"); j >= 0 {
			origin = base[:i+3+j]
		}
	}
	return html.EscapeString(origin)
}

// absolutize appends html to dst with origin inserted before each
// root-relative URL. It only ever inserts, so it copies the text between
// insertion points in whole runs.
func absolutize(dst, html []byte, origin string) []byte {
	r := rewriter{dst: dst, html: html, origin: origin}
	n := len(html)
	for i := 0; i < n; {
		lt := bytes.IndexByte(html[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := html[i:]
		switch {
		case len(rest) > 3 && rest[1] == '!' && rest[2] == '-' && rest[3] == '-':
			i = skipPast(html, i+4, "-->")
		case len(rest) > 1 && isLetter(rest[1]):
			i = r.tag(i)
		case len(rest) > 1 && (rest[1] == '/' || rest[1] == '!' || rest[1] == '?'):
			i = skipPast(html, i+1, ">")
		default: // a lone "<" in text
			i++
		}
	}
	return append(r.dst, html[r.last:]...)
}

type rewriter struct {
	dst    []byte
	html   []byte
	origin string
	last   int // html[last:] is not yet copied to dst
}

// insert copies html up to at, then the origin.
func (r *rewriter) insert(at int) {
	r.dst = append(r.dst, r.html[r.last:at]...)
	r.dst = append(r.dst, r.origin...)
	r.last = at
}

// tag scans the start tag at html[i] ('<' then a letter), rewrites its URL
// attributes and returns the index after it, or after the element's end
// tag for elements whose content is not markup.
func (r *rewriter) tag(i int) int {
	h, n := r.html, len(r.html)
	j := i + 1
	for j < n && !isSpace(h[j]) && h[j] != '>' && h[j] != '/' {
		j++
	}
	name := h[i+1 : j]
	for {
		for j < n && (isSpace(h[j]) || h[j] == '/') {
			j++
		}
		if j >= n {
			return n
		}
		if h[j] == '>' {
			j++
			break
		}
		a := j
		for j < n && !isSpace(h[j]) && h[j] != '=' && h[j] != '>' && h[j] != '/' {
			j++
		}
		attr := h[a:j]
		for j < n && isSpace(h[j]) {
			j++
		}
		if j >= n || h[j] != '=' {
			continue // an attribute with no value
		}
		j++
		for j < n && isSpace(h[j]) {
			j++
		}
		var start, end int
		if j < n && (h[j] == '"' || h[j] == '\'') {
			start = j + 1
			end = n
			if k := bytes.IndexByte(h[start:], h[j]); k >= 0 {
				end = start + k
			}
			j = min(end+1, n)
		} else {
			start = j
			for j < n && !isSpace(h[j]) && h[j] != '>' {
				j++
			}
			end = j
		}
		switch {
		case equalFold(attr, "href"), equalFold(attr, "src"):
			r.url(start, end)
		case equalFold(attr, "srcset"):
			r.srcset(start, end)
		}
	}
	for _, raw := range []string{"script", "style", "textarea", "title"} {
		if equalFold(name, raw) {
			return skipEndTag(h, j, raw)
		}
	}
	return j
}

// url inserts the origin if html[start:end] is a root-relative URL.
// Browsers ignore leading spaces and treat "\" as "/", so " /x" is
// root-relative and "/\cdn" is protocol-relative.
func (r *rewriter) url(start, end int) {
	h := r.html
	for start < end && isSpace(h[start]) {
		start++
	}
	if start < end && h[start] == '/' && (start+1 == end || h[start+1] != '/' && h[start+1] != '\\') {
		r.insert(start)
	}
}

// srcset rewrites each candidate URL of a srcset value: candidates are
// separated by commas, and each is a URL then optional descriptors.
func (r *rewriter) srcset(start, end int) {
	h := r.html
	for i := start; i < end; {
		for i < end && (isSpace(h[i]) || h[i] == ',') {
			i++
		}
		u := i
		for i < end && !isSpace(h[i]) {
			i++
		}
		r.url(u, i)
		if i > u && h[i-1] == ',' {
			continue // "a.jpg," ends the candidate: no descriptors
		}
		// Skip descriptors up to the comma ending this candidate.
		depth := 0
		for ; i < end && (h[i] != ',' || depth > 0); i++ {
			switch h[i] {
			case '(':
				depth++
			case ')':
				depth = max(0, depth-1)
			}
		}
	}
}

// skipPast returns the index after the first sep at or after i, or len(h).
func skipPast(h []byte, i int, sep string) int {
	if k := bytes.Index(h[i:], []byte(sep)); k >= 0 {
		return i + k + len(sep)
	}
	return len(h)
}

// skipEndTag returns the index after "</name…>" at or after i, matching
// the name in any case, or len(h).
func skipEndTag(h []byte, i int, name string) int {
	for {
		k := bytes.Index(h[i:], []byte("</"))
		if k < 0 {
			return len(h)
		}
		i += k + 2
		if e := i + len(name); e <= len(h) && equalFold(h[i:e], name) &&
			(e == len(h) || isSpace(h[e]) || h[e] == '>' || h[e] == '/') {
			return skipPast(h, e, ">")
		}
	}
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// equalFold reports whether b equals the lower-case ASCII string s in any case.
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		if b[i]|0x20 != s[i] {
			return false
		}
	}
	return true
}
