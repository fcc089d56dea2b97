package feed

import (
	"html"
	"net/url"
	"strings"
)

// ReaderHTML returns the HTML of an article's body as a feed reader should
// show it, away from the site and its stylesheet:
//
//   - every URL in an href, src or srcset attribute is absolute: a
//     root-relative one ("/articles/x/") on the origin of pageURL, as a
//     browser on the site would resolve it; a fragment ("#section") and a
//     document-relative one ("photo.jpg", "../b/") against pageURL itself.
//     Absolute URLs, protocol-relative ones ("//cdn.example/x") and other
//     schemes (mailto:) are left alone;
//   - heading anchor links (<a class="anchor">#</a>, which only the page's
//     CSS makes sense of) are removed, with the space before them;
//   - task-list checkboxes become the characters "☐" and, ticked, "☑"; other
//     form inputs are dropped, and labels keep their words only: a feed
//     reader shows no forms.
//
// Text outside tags, comments, and the content of script, style, textarea
// and title elements are copied as they are, byte for byte. pageURL is the
// absolute URL of the page the HTML belongs to; one with no "://" is used
// whole as the origin, less any trailing slash, and fragments are left
// alone.
func ReaderHTML(body, pageURL string) string {
	return string(readerHTML(make([]byte, 0, len(body)+len(body)/4), body, newBase(pageURL)))
}

// base is what relative URLs are resolved against, made once per page.
type base struct {
	origin string   // scheme://host[:port], HTML-escaped
	page   string   // the page's URL without its fragment, HTML-escaped; "" when not absolute
	url    *url.URL // the page's URL, parsed; nil when not absolute
}

func newBase(pageURL string) base {
	b := base{origin: originOf(pageURL)}
	if u, err := url.Parse(pageURL); err == nil && u.Scheme != "" && u.Host != "" {
		u.Fragment, u.RawFragment = "", ""
		b.url = u
		b.page = html.EscapeString(u.String())
	}
	return b
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

// readerHTML appends the reader's form of body to dst (see ReaderHTML). It
// copies the text between changes in whole runs.
func readerHTML(dst []byte, body string, b base) []byte {
	r := rewriter{dst: dst, h: body, base: b}
	n := len(body)
	for i := 0; i < n; {
		lt := strings.IndexByte(body[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := body[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			i = skipPast(body, i+4, "-->")
		case len(rest) > 1 && isLetter(rest[1]):
			i = r.tag(i)
		case len(rest) > 7 && strings.EqualFold(rest[:8], "</label>"):
			// The end of a task item's label (see the label case in tag).
			r.replace(i, i+8, "")
			i += 8
		case len(rest) > 1 && (rest[1] == '/' || rest[1] == '!' || rest[1] == '?'):
			i = skipPast(body, i+1, ">")
		default: // a lone "<" in text
			i++
		}
	}
	return append(r.dst, body[r.last:]...)
}

type rewriter struct {
	dst   []byte
	h     string
	base  base
	last  int        // h[last:] is not yet copied to dst
	attrs []attrSpan // scratch: the attributes of the tag being read
}

// attrSpan is an attribute of a start tag: h[name0:name1]="h[val0:val1]".
type attrSpan struct {
	name0, name1 int
	val0, val1   int // equal when the attribute has no value
}

// replace copies h up to start, then s, and skips h[start:end].
func (r *rewriter) replace(start, end int, s string) {
	r.dst = append(r.dst, r.h[r.last:start]...)
	r.dst = append(r.dst, s...)
	r.last = end
}

// tag reads the start tag at h[i] ('<' then a letter) and returns the index
// after it, or after the element's end tag when the element is dropped or its
// content is not markup.
func (r *rewriter) tag(i int) int {
	h, n := r.h, len(r.h)
	j := i + 1
	for j < n && !isSpace(h[j]) && h[j] != '>' && h[j] != '/' {
		j++
	}
	name := h[i+1 : j]
	r.attrs = r.attrs[:0]
	for {
		for j < n && (isSpace(h[j]) || h[j] == '/') {
			j++
		}
		if j >= n {
			// An unterminated tag: its attributes still count.
			r.urls()
			return n
		}
		if h[j] == '>' {
			j++
			break
		}
		a := attrSpan{name0: j}
		for j < n && !isSpace(h[j]) && h[j] != '=' && h[j] != '>' && h[j] != '/' {
			j++
		}
		a.name1 = j
		for j < n && isSpace(h[j]) {
			j++
		}
		if j >= n || h[j] != '=' {
			a.val0, a.val1 = j, j
			r.attrs = append(r.attrs, a) // an attribute with no value
			continue
		}
		j++
		for j < n && isSpace(h[j]) {
			j++
		}
		if j < n && (h[j] == '"' || h[j] == '\'') {
			a.val0, a.val1 = j+1, n
			if k := strings.IndexByte(h[j+1:], h[j]); k >= 0 {
				a.val1 = j + 1 + k
			}
			j = min(a.val1+1, n)
		} else {
			a.val0 = j
			for j < n && !isSpace(h[j]) && h[j] != '>' {
				j++
			}
			a.val1 = j
		}
		r.attrs = append(r.attrs, a)
	}
	switch {
	case strings.EqualFold(name, "a") && r.hasClass("anchor"):
		// A heading's anchor link: drop it and the space that separates
		// it from the heading's text.
		start := i
		if start > r.last && h[start-1] == ' ' {
			start--
		}
		end := skipEndTag(h, j, "a")
		r.replace(start, end, "")
		return end
	case strings.EqualFold(name, "label"):
		// A task item's label names its checkbox, which is gone: keep
		// the words, drop the element.
		r.replace(i, j, "")
		return j
	case strings.EqualFold(name, "input"):
		mark := ""
		if strings.EqualFold(r.value("type"), "checkbox") {
			mark = "☐"
			if r.has("checked") {
				mark = "☑"
			}
		}
		r.replace(i, j, mark)
		return j
	}
	r.urls()
	for _, raw := range []string{"script", "style", "textarea", "title"} {
		if strings.EqualFold(name, raw) {
			return skipEndTag(h, j, raw)
		}
	}
	return j
}

// urls rewrites the URL attributes of the tag just read.
func (r *rewriter) urls() {
	for _, a := range r.attrs {
		switch name := r.h[a.name0:a.name1]; {
		case strings.EqualFold(name, "href"), strings.EqualFold(name, "src"):
			r.url(a.val0, a.val1)
		case strings.EqualFold(name, "srcset"):
			r.srcset(a.val0, a.val1)
		}
	}
}

// has reports whether the tag just read has the attribute.
func (r *rewriter) has(name string) bool {
	for _, a := range r.attrs {
		if strings.EqualFold(r.h[a.name0:a.name1], name) {
			return true
		}
	}
	return false
}

// value returns the value of the tag's attribute, or "".
func (r *rewriter) value(name string) string {
	for _, a := range r.attrs {
		if strings.EqualFold(r.h[a.name0:a.name1], name) {
			return strings.TrimSpace(r.h[a.val0:a.val1])
		}
	}
	return ""
}

// hasClass reports whether the tag's class attribute lists class.
func (r *rewriter) hasClass(class string) bool {
	for _, c := range strings.Fields(r.value("class")) {
		if c == class {
			return true
		}
	}
	return false
}

// url makes h[start:end], a URL in an attribute value, absolute. Browsers
// ignore leading spaces and treat "\" as "/", so " /x" is root-relative and
// "/\cdn" is protocol-relative.
func (r *rewriter) url(start, end int) {
	h := r.h
	for start < end && isSpace(h[start]) {
		start++
	}
	if start == end {
		return
	}
	v := h[start:end]
	switch {
	case v[0] == '/':
		if len(v) == 1 || v[1] != '/' && v[1] != '\\' {
			r.replace(start, start, r.base.origin)
		}
	case hasScheme(v) || r.base.url == nil:
	case v[0] == '#':
		r.replace(start, start, r.base.page)
	default:
		ref, err := url.Parse(html.UnescapeString(v))
		if err != nil {
			return // not a URL a reader could follow either: leave it be
		}
		r.replace(start, end, html.EscapeString(r.base.url.ResolveReference(ref).String()))
	}
}

// hasScheme reports whether v starts with a URL scheme ("mailto:", "https:").
func hasScheme(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == ':':
			return i > 0
		case isLetter(c), i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// srcset rewrites each candidate URL of a srcset value: candidates are
// separated by commas, and each is a URL then optional descriptors.
func (r *rewriter) srcset(start, end int) {
	h := r.h
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
func skipPast(h string, i int, sep string) int {
	if k := strings.Index(h[i:], sep); k >= 0 {
		return i + k + len(sep)
	}
	return len(h)
}

// skipEndTag returns the index after "</name…>" at or after i, matching
// the name in any case, or len(h).
func skipEndTag(h string, i int, name string) int {
	for {
		k := strings.Index(h[i:], "</")
		if k < 0 {
			return len(h)
		}
		i += k + 2
		if e := i + len(name); e <= len(h) && strings.EqualFold(h[i:e], name) &&
			(e == len(h) || isSpace(h[e]) || h[e] == '>' || h[e] == '/') {
			return skipPast(h, e, ">")
		}
	}
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
