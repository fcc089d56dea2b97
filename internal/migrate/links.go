package migrate

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/peeplcoach/folio/internal/slug"
)

var (
	// inlineDest finds the destination of an inline link or image: "](dest".
	// Matching from "](" rather than from "[" also finds the link around an
	// image: [![alt](img)](link).
	inlineDest = regexp.MustCompile(`\]\([ \t]*(<[^>\n]*>|[^\s)]*(?:\([^\s)]*\)[^\s)]*)*)`)
	// refDest finds the destination of a reference definition: "[id]: dest".
	refDest = regexp.MustCompile(`^( {0,3}\[[^\]]+\]:[ \t]*)(<[^>]*>|\S+)`)
	// htmlDest finds href and src attributes in raw HTML.
	htmlDest = regexp.MustCompile(`(?i)(\s(?:href|src)[ \t]*=[ \t]*)("[^"]*"|'[^']*')`)
)

// rewriteLinks passes every link destination of Markdown text through fn,
// outside code blocks and code spans. It never adds or removes a line.
func rewriteLinks(text string, fn func(dest string) string) string {
	lines := strings.Split(text, "\n")
	var fences fenceTracker
	for i, l := range lines {
		if fences.code(l) {
			continue
		}
		// Most lines hold no link: a substring test spares them the regexps.
		inline, html := strings.Contains(l, "]("), strings.Contains(l, "=")
		if inline || html {
			lines[i] = outsideCode(l, func(s string) string {
				if inline {
					s = replaceGroup(s, inlineDest, 1, fn)
				}
				if html {
					s = replaceGroup(s, htmlDest, 2, func(q string) string {
						return q[:1] + fn(q[1:len(q)-1]) + q[len(q)-1:]
					})
				}
				return s
			})
		}
		if !strings.Contains(lines[i], "]:") {
			continue
		}
		if m := refDest.FindStringSubmatchIndex(lines[i]); m != nil {
			lines[i] = lines[i][:m[4]] + wrapDest(lines[i][m[4]:m[5]], fn) + lines[i][m[5]:]
		}
	}
	return strings.Join(lines, "\n")
}

// replaceGroup replaces submatch g of every match of re in s with fn of it.
func replaceGroup(s string, re *regexp.Regexp, g int, fn func(string) string) string {
	ms := re.FindAllStringSubmatchIndex(s, -1)
	if ms == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		start, end := m[2*g], m[2*g+1]
		b.WriteString(s[last:start])
		if g == 1 {
			b.WriteString(wrapDest(s[start:end], fn))
		} else {
			b.WriteString(fn(s[start:end]))
		}
		last = end
	}
	b.WriteString(s[last:])
	return b.String()
}

// wrapDest applies fn to a Markdown destination, keeping <angle brackets>.
func wrapDest(d string, fn func(string) string) string {
	if strings.HasPrefix(d, "<") && strings.HasSuffix(d, ">") {
		return "<" + fn(d[1:len(d)-1]) + ">"
	}
	return fn(d)
}

// fenceTracker follows the fenced code blocks of Markdown text, line by line.
type fenceTracker struct{ open string }

// code reports whether line l is code: a fence that opens or closes a
// block, or a line inside one. A block closes at a fence of its own
// character, at least as long, with nothing after it; any other fence line
// inside it is code.
func (t *fenceTracker) code(l string) bool {
	f := fenceOf(l)
	switch {
	case f != "" && t.open == "":
		t.open = f
		return true
	case f != "" && f[0] == t.open[0] && len(f) >= len(t.open) && strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), f[:1])) == "":
		t.open = ""
		return true
	}
	return t.open != ""
}

// fenceOf returns the fence a line opens or closes (``` or ~~~, three or
// more), or "".
func fenceOf(l string) string {
	t := strings.TrimLeft(l, " \t")
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(t) && t[n] == c {
			n++
		}
		// A backtick fence's info string has no backticks: ```a``` on one
		// line is a code span.
		if n >= 3 && (c == '~' || !strings.ContainsRune(t[n:], '`')) {
			return t[:n]
		}
	}
	return ""
}

// outsideCode applies fn to the parts of a line outside `code spans`.
func outsideCode(l string, fn func(string) string) string {
	if !strings.Contains(l, "`") {
		return fn(l)
	}
	var b strings.Builder
	rest := l
	for {
		i := strings.IndexByte(rest, '`')
		if i < 0 {
			b.WriteString(fn(rest))
			return b.String()
		}
		n := i
		for n < len(rest) && rest[n] == '`' {
			n++
		}
		run := rest[i:n]
		end := strings.Index(rest[n:], run)
		if end < 0 {
			b.WriteString(fn(rest))
			return b.String()
		}
		b.WriteString(fn(rest[:i]))
		b.WriteString(rest[i : n+end+len(run)])
		rest = rest[n+end+len(run):]
	}
}

// relink points a link of page p at where its target lives in the new site:
// another imported page's new URL, a file of p's bundle (unchanged), or a
// file of the old site, which is then copied into static/ at the same path.
func (im *importer) relink(p *page, dest string) string {
	d := strings.TrimSpace(dest)
	if d == "" || strings.HasPrefix(d, "#") {
		return dest
	}
	base, suffix := d, ""
	if i := strings.IndexAny(d, "?#"); i >= 0 {
		base, suffix = d[:i], d[i:]
	}
	if u, ok := im.sameSite(base); ok {
		base = u
	} else if strings.Contains(base, ":") || strings.HasPrefix(base, "//") {
		return dest // another site, mailto:, data:…
	}
	if isMarkdownFile(base) {
		if q := im.pageOfFile(p, base); q != nil {
			return q.url + suffix
		}
	}
	relative := !strings.HasPrefix(base, "/")
	if relative && p.bundle != "" && im.inBundle(p, decodePath(base)) {
		return dest
	}
	abs := base
	if relative {
		abs = resolvePath(p.oldURL, base)
	}
	if q := im.byURL[urlKey(abs)]; q != nil {
		return q.url + suffix
	}
	if q, rel := im.resourceAt(abs); q != nil {
		return linkPath(q.url+rel) + suffix
	}
	if u, ok := im.listLink(abs, suffix); ok {
		return u
	}
	if newPath, ok := im.copyFile(abs); ok {
		if !relative && newPath == base {
			return dest
		}
		return linkPath(newPath) + suffix
	}
	// A link to nothing the old site had is left as written: folio's link
	// check reports it.
	return dest
}

// listLink points a link to one of the old site's lists at folio's: a tag
// or category page (/tags/go/, /categories/go, /en/tags/#go) at the topic
// of that name, when there is one; the list of all tags or categories at
// /topics/; an archive at the home page.
func (im *importer) listLink(abs, suffix string) (string, bool) {
	segs := strings.Split(strings.Trim(decodePath(abs), "/"), "/")
	for i, s := range segs {
		switch strings.ToLower(s) {
		case "tags", "tag", "categories", "category", "topics":
		case "archive", "archives":
			if i == len(segs)-1 {
				return "/", true
			}
			continue
		default:
			continue
		}
		name := ""
		switch {
		case i == len(segs)-1 && strings.HasPrefix(suffix, "#"):
			name = suffix[1:]
		case i == len(segs)-1:
			return "/topics/", true
		case i == len(segs)-2:
			name = segs[i+1]
		default:
			continue
		}
		if t := slug.Make(decodePath(name)); im.topics[t] {
			return "/topics/" + t + "/", true
		}
	}
	return "", false
}

// copyFile finds a file the old site published at an old URL (with or
// without the path the old site lived under), marks it to be copied into
// static/, and returns its path in the new site, which lives at the root.
func (im *importer) copyFile(abs string) (string, bool) {
	abs = decodePath(abs)
	b := im.site.basePath
	key := abs
	src, ok := im.files[key]
	if !ok && b != "" && !strings.HasPrefix(abs, b+"/") {
		key = b + abs
		src, ok = im.files[key]
	}
	if !ok {
		return "", false
	}
	newPath := key
	if b != "" {
		newPath = strings.TrimPrefix(key, b)
	}
	im.copies["static"+newPath] = src
	return newPath, true
}

// sameSite returns the path of an absolute URL of the old site.
func (im *importer) sameSite(u string) (string, bool) {
	if im.site.baseURL == "" {
		return "", false
	}
	rest, ok := strings.CutPrefix(u, "//")
	if !ok {
		i := strings.Index(u, "://")
		if i < 0 {
			return "", false
		}
		rest = u[i+3:]
	}
	host, p, _ := strings.Cut(rest, "/")
	site, err := url.Parse(im.site.baseURL)
	if err != nil || !strings.EqualFold(host, site.Host) {
		return "", false
	}
	return "/" + p, true
}

func isMarkdownFile(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn":
		return true
	}
	return false
}

// pageOfFile finds the page a link to a Markdown file means: relative to
// the linking file, or from the root of the old site.
func (im *importer) pageOfFile(p *page, ref string) *page {
	ref = decodePath(ref)
	var tries []string
	if strings.HasPrefix(ref, "/") {
		tries = append(tries, strings.TrimPrefix(ref, "/"))
		for _, root := range im.contentRoots() {
			tries = append(tries, path.Join(root, ref))
		}
	} else {
		tries = append(tries, path.Join(path.Dir(p.src), ref))
	}
	for _, t := range tries {
		if q := im.bySrc[t]; q != nil {
			return q
		}
	}
	return nil
}

// contentRoots are the folders page paths are relative to in the old site.
func (im *importer) contentRoots() []string {
	roots := map[string]bool{}
	for _, p := range im.pages {
		if i := strings.IndexByte(p.src, '/'); i > 0 {
			roots[p.src[:i]] = true
		}
	}
	var out []string
	for r := range roots {
		out = append(out, r)
	}
	return out
}

func (im *importer) inBundle(p *page, rel string) bool {
	want := path.Join(p.bundle, rel)
	for _, r := range p.resources {
		if r == want {
			return true
		}
	}
	return false
}

// resourceAt finds the page whose bundle holds the file at an old URL.
func (im *importer) resourceAt(abs string) (*page, string) {
	abs = decodePath(abs)
	dir := abs
	for {
		i := strings.LastIndexByte(strings.TrimSuffix(dir, "/"), '/')
		if i < 0 {
			return nil, ""
		}
		dir = dir[:i+1]
		if q := im.byURL[urlKey(dir)]; q != nil && q.bundle != "" {
			rel := strings.TrimPrefix(abs, dir)
			if im.inBundle(q, rel) {
				return q, rel
			}
			return nil, ""
		}
		if dir == "/" {
			return nil, ""
		}
	}
}

// resolvePath resolves a relative reference against a page's URL, the way a
// browser does: "img/a.png" on /posts/x/ is /posts/x/img/a.png.
func resolvePath(pageURL, ref string) string {
	dir := pageURL[:strings.LastIndexByte(pageURL, '/')+1]
	if dir == "" {
		dir = "/"
	}
	out := path.Join(dir, ref)
	if strings.HasSuffix(ref, "/") && !strings.HasSuffix(out, "/") {
		out += "/"
	}
	return out
}

// decodePath undoes percent-encoding, leaving text it cannot decode alone.
func decodePath(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	if d, err := url.PathUnescape(s); err == nil {
		return d
	}
	return s
}

// linkPath writes a path as a Markdown link destination: letters of every
// script stay readable; what would end the destination is encoded.
func linkPath(p string) string {
	var b strings.Builder
	for _, r := range p {
		switch r {
		case ' ':
			b.WriteString("%20")
		case '(':
			b.WriteString("%28")
		case ')':
			b.WriteString("%29")
		case '<':
			b.WriteString("%3C")
		case '>':
			b.WriteString("%3E")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
