package migrate

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// body is converted Markdown on its way out, with the template calls the
// converter left in it.
type body struct {
	b    strings.Builder
	last byte // the last byte written
	left []leftCall
	raw  bool // the converter wrote raw HTML (a raw shortcode, an include)
}

// leftCall is a template call left in the text for the writer.
type leftCall struct {
	off  int // in the converted text
	from int // line in the old file
	what string
}

func (w *body) WriteString(s string) {
	if s != "" {
		w.b.WriteString(s)
		w.last = s[len(s)-1]
	}
}

// atLineStart reports whether the next byte written starts a line.
func (w *body) atLineStart() bool { return w.b.Len() == 0 || w.last == '\n' }

// leave copies a call the converter cannot handle into the text, and
// remembers where, for the report.
func (w *body) leave(call string, fromLine int, what string) {
	w.left = append(w.left, leftCall{off: w.b.Len(), from: fromLine, what: what})
	w.WriteString(call)
}

// quote writes sub's text as a Markdown quote after header, keeping the
// calls sub left in the report, at their lines.
func (w *body) quote(sub *body, header string) {
	if !w.atLineStart() {
		w.WriteString("\n")
	}
	start := w.b.Len() + len(header)
	w.WriteString(header)
	text := sub.b.String()
	for i, l := range strings.Split(text, "\n") {
		if i > 0 {
			w.WriteString("\n")
		}
		w.WriteString("> " + l)
	}
	for _, l := range sub.left {
		// Each line before the call, and its own, gained "> ".
		l.off = start + l.off + 2*(strings.Count(text[:l.off], "\n")+1)
		w.left = append(w.left, l)
	}
	w.raw = w.raw || sub.raw
}

// shown shortens a template call to one line for the report.
func shown(call string) string {
	s := oneLine(call)
	if r := []rune(s); len(r) > 72 {
		s = string(r[:60]) + " … " + string(r[len(r)-8:])
	}
	return s
}

// lineAt returns the line (from 1) of an offset of s.
func lineAt(s string, off int) int {
	return 1 + strings.Count(s[:min(off, len(s))], "\n")
}

// write converts a page and returns the new file's bytes. newURLs are the
// URLs of every imported page, which no alias may take.
func (im *importer) write(p *page, newURLs map[string]bool) []byte {
	if clean, n := dropControls(p.body); n > 0 {
		// Line numbers stay: no line break is a control character dropped.
		p.body = clean
		im.pageNote(Info, p, "%d invisible control %s (such as U+0008) removed: HTML and feeds cannot carry them", n, plural(n, "character", "characters"))
	}
	conv := im.convert(p, p.body)
	text := conv.b.String()
	if conv.raw {
		im.rawHTML[p] = true
	}
	if im.clean != nil {
		text = im.clean(p, text)
	}
	if raised, n := raiseHeadings(text); n > 0 {
		text = raised
		im.pageNote(Info, p, "%d %s raised so that none skips a level (the title is the page's h1, then ##, ###…), as HTML requires", n, plural(n, "heading", "headings"))
	}
	text = rewriteLinks(text, func(d string) string { return im.relink(p, d) })
	text = dropMoreMarker(text)
	text = strings.TrimLeft(text, "\n")
	// Lines the trim took off shift every call left.
	shift := strings.Count(conv.b.String(), "\n") - strings.Count(text, "\n")

	fm := im.frontText(p, newURLs)
	fmLines := strings.Count(fm, "\n")
	for _, l := range conv.left {
		line := lineAt(conv.b.String(), l.off) - shift + fmLines
		im.notes = append(im.notes, Note{Level: Left, Path: p.path, Line: line, From: fmt.Sprintf("%s:%d", p.src, l.from), Msg: l.what})
	}
	for _, c := range p.cleaned {
		im.notes = append(im.notes, Note{Level: c.level, Path: p.path, Line: c.line - shift + fmLines, From: p.src, Msg: c.msg})
	}
	for _, l := range erbLines(text) {
		im.notes = append(im.notes, Note{Level: Left, Path: p.path, Line: fmLines + l.line, From: p.src, Msg: "ERB tag " + shown(l.tag) + " left as text"})
	}
	if !conv.raw && hasRawHTML(text) {
		im.rawHTML[p] = true
	}
	out := fm + text
	if !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	return []byte(out)
}

// dropMoreMarker removes Hugo's and Jekyll's summary divider, <!--more-->,
// which folio has no use for (it takes the first paragraph), without moving
// any line.
func dropMoreMarker(text string) string {
	for _, m := range []string{"<!--more-->", "<!-- more -->"} {
		text = strings.ReplaceAll(text, m, "")
	}
	return text
}

// frontText writes the page's front matter with folio's keys, in the order
// README.md lists them.
func (im *importer) frontText(p *page, newURLs map[string]bool) string {
	var b strings.Builder
	b.WriteString("---\n")
	kv := func(k, v string) { fmt.Fprintf(&b, "%s: %s\n", k, v) }
	kv("title", quote(p.title))
	if !p.date.isZero() {
		kv("date", p.date.String())
	}
	if !p.updated.isZero() && p.updated.after(p.date) {
		kv("updated", p.updated.String())
	}
	f := p.fmMapped
	if f.summary != "" {
		kv("summary", quote(f.summary))
	}
	switch len(f.authors) {
	case 0:
	case 1:
		kv("author", quote(f.authors[0]))
	default:
		kv("author", quoteList(f.authors))
	}
	// A page's own language, when it is not the site's (a translation, a
	// post in another language).
	if l := f.language; l != "" && !sameLanguage(l, im.site.language) {
		kv("language", quote(l))
	}
	if p.original != nil {
		kv("translation_of", quote(p.original.url))
	}
	if len(f.topics) > 0 {
		kv("topics", quoteList(f.topics))
	}
	if f.series != "" {
		kv("series", quote(f.series))
	}
	if p.draft {
		kv("draft", "true")
	}
	if img := im.shareImage(p); img != "" {
		kv("image", quote(img))
		if f.imageAlt != "" {
			kv("image_alt", quote(f.imageAlt))
		}
	}
	// A draft was never published: no old URL to keep.
	if aliases := im.aliases(p, newURLs); len(aliases) > 0 && !p.draft {
		b.WriteString("aliases:\n")
		for _, a := range aliases {
			fmt.Fprintf(&b, "  - %s\n", quote(a))
		}
	}
	b.WriteString("---\n\n")
	return b.String()
}

// aliases are the page's old URLs that folio should redirect: not its new
// URL, nor another page's, and in the form folio accepts (a path without
// spaces, query or fragment).
func (im *importer) aliases(p *page, newURLs map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range append([]string{p.oldURL}, p.aliases...) {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		if u, ok := im.sameSite(a); ok {
			a = u
		}
		if strings.Contains(a, "://") {
			im.note(Warning, p.path, 0, "alias %s is on another site: left out", a)
			continue
		}
		if i := strings.IndexAny(a, "?#"); i >= 0 {
			a = a[:i]
		}
		a = decodePath(a)
		if !strings.HasPrefix(a, "/") {
			a = resolvePath(p.oldURL, a)
		}
		a = strings.NewReplacer(" ", "%20", "\t", "%09").Replace(path.Clean(a) + trailingSlash(a))
		if a == "/" || a == p.url || newURLs[a] || newURLs[a+"/"] || seen[a] {
			continue
		}
		seen[a] = true
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

func trailingSlash(a string) string {
	if strings.HasSuffix(a, "/") && a != "/" {
		return "/"
	}
	return ""
}

// shareImage returns the page's share image as folio finds it: a file of
// the page's bundle, a file of static/ (copied there), or an http(s) URL.
func (im *importer) shareImage(p *page) string {
	src := strings.TrimSpace(p.fmMapped.image)
	if src == "" {
		return ""
	}
	if strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://") {
		if u, ok := im.sameSite(src); ok {
			src = u
		} else {
			return src
		}
	}
	if !strings.HasPrefix(src, "/") && p.bundle != "" && im.inBundle(p, src) {
		return src
	}
	abs := src
	if !strings.HasPrefix(src, "/") {
		abs = resolvePath(p.oldURL, src)
	}
	if q, rel := im.resourceAt(abs); q == p {
		return rel
	}
	if newPath, ok := im.copyFile(abs); ok {
		return newPath
	}
	// Themes often read the image from a folder of their own; without the
	// file folio would stop the build, so the image is left out.
	im.note(Warning, p.path, 0, "share image %s: no such file in the old site, left out", src)
	return ""
}

// quoteList writes a YAML flow list of quoted strings.
func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// sameLanguage reports whether a page's language tag says nothing the
// site's does not: "en" on an "en-US" site, "fr-CA" on an "fr-CA" site.
func sameLanguage(page, site string) bool {
	if strings.EqualFold(page, site) {
		return true
	}
	p, _, region := strings.Cut(page, "-")
	s, _, _ := strings.Cut(site, "-")
	return !region && strings.EqualFold(p, s)
}

// quote writes a YAML double-quoted string. Go's escapes (\n, \t, \", \\,
// \xNN, \uNNNN, \UNNNNNNNN) are all YAML escapes too.
func quote(s string) string {
	return strconv.Quote(s)
}

// hasRawHTML reports whether Markdown text holds an HTML tag outside code,
// which folio shows as text unless site.yaml sets unsafe_html.
func hasRawHTML(text string) bool {
	found := false
	var fences fenceTracker
	for _, l := range strings.Split(text, "\n") {
		if fences.code(l) || strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "\t") {
			continue
		}
		outsideCode(l, func(s string) string {
			if htmlTag.MatchString(s) {
				found = true
			}
			return s
		})
		if found {
			return true
		}
	}
	return false
}

// dropControls removes the C0 control characters other than tab and line
// breaks, which no HTML page or XML feed may contain, and counts them.
func dropControls(s string) (string, int) {
	n := strings.IndexFunc(s, isControl)
	if n < 0 {
		return s, 0
	}
	count := 0
	out := strings.Map(func(r rune) rune {
		if isControl(r) {
			count++
			return -1
		}
		return r
	}, s)
	return out, count
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f
}

// erbTag matches an ERB tag (<%= … %>), the templates of Middleman and
// Rails that posts moved from there still carry.
var erbTag = regexp.MustCompile(`<%.*?%>`)

type erbAt struct {
	line int
	tag  string
}

// erbLines finds ERB tags outside code, with their lines.
func erbLines(text string) []erbAt {
	if !strings.Contains(text, "<%") {
		return nil
	}
	var out []erbAt
	var fences fenceTracker
	for i, l := range strings.Split(text, "\n") {
		if fences.code(l) {
			continue
		}
		outsideCode(l, func(s string) string {
			for _, m := range erbTag.FindAllString(s, -1) {
				out = append(out, erbAt{line: i + 1, tag: m})
			}
			return s
		})
	}
	return out
}
