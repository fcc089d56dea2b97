package migrate

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
)

// liquid is one Liquid tag, {% name args %}, or output, {{ expr }}.
type liquid struct {
	start, end int
	output     bool
	name       string // a tag's name
	args       string // a tag's arguments, or an output's expression
}

// parseLiquid reads the tag or output at text[i:], which starts with "{%"
// or "{{".
func parseLiquid(text string, i int) (liquid, bool) {
	if i+2 > len(text) || text[i] != '{' || (text[i+1] != '%' && text[i+1] != '{') {
		return liquid{}, false
	}
	closer := "%}"
	if text[i+1] == '{' {
		closer = "}}"
	}
	k := i + 2
	for k < len(text) {
		switch text[k] {
		case '"', '\'':
			q := text[k]
			if end := strings.IndexByte(text[k+1:], q); end >= 0 && !strings.Contains(text[k+1:k+1+end], "\n\n") {
				k += end + 1
			}
		}
		if strings.HasPrefix(text[k:], closer) {
			break
		}
		if text[k] == '\n' && k+1 < len(text) && text[k+1] == '\n' {
			return liquid{}, false // a tag does not span paragraphs
		}
		k++
	}
	if k >= len(text) {
		return liquid{}, false
	}
	inner := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(text[i+2:k], "-"), "-"))
	l := liquid{start: i, end: k + 2, output: closer == "}}", args: inner}
	if !l.output {
		l.name, l.args, _ = strings.Cut(inner, " ")
		l.name = strings.TrimSpace(l.name)
		l.args = strings.TrimSpace(l.args)
		if l.name == "" {
			return liquid{}, false
		}
	}
	return l, true
}

// nextLiquid finds the next "{%" or "{{" from i.
func nextLiquid(text string, from int) int {
	for i := from; i < len(text); {
		j := strings.IndexByte(text[i:], '{')
		if j < 0 {
			return -1
		}
		j += i
		if j+1 < len(text) && (text[j+1] == '%' || text[j+1] == '{') {
			return j
		}
		i = j + 1
	}
	return -1
}

// findEnd finds the tag {% end %} closing a block opened before from,
// skipping nested blocks of the same name.
func findEnd(text string, from int, name, end string) (liquid, bool) {
	depth := 0
	for i := from; i < len(text); {
		j := nextLiquid(text, i)
		if j < 0 {
			return liquid{}, false
		}
		l, ok := parseLiquid(text, j)
		if !ok {
			i = j + 2
			continue
		}
		switch {
		case l.output:
		case l.name == name:
			depth++
		case l.name == end && depth == 0:
			return l, true
		case l.name == end:
			depth--
		}
		i = l.end
	}
	return liquid{}, false
}

// liquidEnds are tags that close or continue a block: they are left in the
// text with their opening tag but not reported again.
var liquidEnds = regexp.MustCompile(`^(end\w+|else|elsif|when)$`)

// convert turns the Liquid of a Jekyll page into Markdown.
func (j *jekyllSite) convert(p *page, text string) *body {
	w := &body{}
	j.convertInto(w, p, text, 0)
	return w
}

func (j *jekyllSite) convertInto(w *body, p *page, text string, base int) {
	line := func(off int) int { return p.bodyLine + strings.Count(p.body[:min(base+off, len(p.body))], "\n") }
	i := 0
	for i < len(text) {
		k := nextLiquid(text, i)
		if k < 0 {
			w.WriteString(text[i:])
			return
		}
		w.WriteString(text[i:k])
		l, ok := parseLiquid(text, k)
		if !ok {
			w.WriteString(text[k : k+2])
			i = k + 2
			continue
		}
		i = l.end
		call := text[l.start:l.end]
		if l.output {
			if out, ok := j.output(p, l.args, text[i:]); ok {
				w.WriteString(out)
			} else {
				w.leave(call, line(k), "Liquid output "+shown(call)+" left as text")
			}
			continue
		}
		switch l.name {
		case "raw", "comment", "highlight":
			end, ok := findEnd(text, l.end, l.name, "end"+l.name)
			if !ok {
				w.leave(call, line(k), "Liquid tag "+shown(call)+" has no {% end"+l.name+" %}: left as text")
				continue
			}
			inner := text[l.end:end.start]
			i = end.end
			switch l.name {
			case "raw":
				w.WriteString(inner)
			case "highlight":
				lang, _, _ := strings.Cut(l.args, " ")
				code := strings.Trim(inner, "\n")
				f := strings.Repeat("`", fenceLen(code))
				if !w.atLineStart() {
					w.WriteString("\n")
				}
				w.WriteString(f + lang + "\n")
				j.convertInto(w, p, code, base+l.end+strings.Index(inner, code))
				w.WriteString("\n" + f)
				if i < len(text) && text[i] != '\n' {
					w.WriteString("\n")
				}
			}
			continue
		}
		if out, ok := j.tag(w, p, l); ok {
			w.WriteString(out)
			continue
		}
		if liquidEnds.MatchString(l.name) {
			w.WriteString(call)
			continue
		}
		w.leave(call, line(k), "Liquid tag "+shown(call)+" left as text")
	}
}

// fenceLen is the length of the fence fence() writes for code.
func fenceLen(code string) int {
	n := 3
	for run, i := 0, 0; i < len(code); i++ {
		if code[i] == '`' {
			run++
			n = max(n, run+1)
		} else {
			run = 0
		}
	}
	return n
}

// tag converts one Liquid tag; ok is false for tags it does not know.
func (j *jekyllSite) tag(w *body, p *page, l liquid) (string, bool) {
	args := l.args
	switch l.name {
	case "link":
		target := strings.Trim(strings.TrimSpace(args), `"'`)
		// Jekyll's link and post_url give the old URL without the base
		// path (writers put {{ site.baseurl }} before them); the link pass
		// then points it at the new URL.
		if q := j.im.bySrc[strings.TrimPrefix(target, "/")]; q != nil && q.oldURL != "" {
			return strings.TrimPrefix(q.oldURL, j.im.site.basePath), true
		}
	case "post_url":
		name := strings.Trim(strings.TrimSpace(args), `"'`)
		name = strings.TrimSuffix(name, path.Ext(name))
		for _, n := range []string{name, path.Base(name)} {
			if q := j.posts[n]; q != nil && q.oldURL != "" {
				return strings.TrimPrefix(q.oldURL, j.im.site.basePath), true
			}
		}
	case "include":
		return j.include(w, p, args)
	case "include_relative":
		file, _, _ := strings.Cut(args, " ")
		data, err := fs.ReadFile(j.im.old, path.Join(path.Dir(p.src), file))
		if err == nil && !strings.Contains(string(data), "{%") {
			return strings.TrimRight(string(data), "\n"), true
		}
	case "gist":
		f := strings.Fields(args)
		if len(f) > 0 {
			u := "https://gist.github.com/" + strings.Trim(f[0], `"'`)
			if len(f) > 1 {
				u += "#file-" + strings.ReplaceAll(strings.Trim(f[1], `"'`), ".", "-")
			}
			return "<" + u + ">", true
		}
	case "youtube", "vimeo":
		id := strings.Trim(strings.TrimSpace(args), `"'`)
		if id == "" {
			break
		}
		if strings.HasPrefix(id, "http") {
			return "<" + id + ">", true
		}
		if l.name == "vimeo" {
			return "<https://vimeo.com/" + id + ">", true
		}
		return "<https://www.youtube.com/watch?v=" + id + ">", true
	case "twitter", "tweet":
		u := strings.Trim(strings.TrimSpace(args), `"'`)
		if strings.HasPrefix(u, "http") {
			u, _, _ = strings.Cut(u, " ")
			return "<" + u + ">", true
		}
	case "img":
		return octopressImage(args)
	}
	return "", false
}

// include converts {% include … %}: a table of contents is dropped (folio
// makes one), the figure and video includes of popular themes become an
// image or a link, and an include of Markdown or HTML with no Liquid but
// {{ include.x }} in it is written out with its arguments.
func (j *jekyllSite) include(w *body, p *page, args string) (string, bool) {
	file, rest, _ := strings.Cut(strings.TrimSpace(args), " ")
	params := liquidParams(rest)
	name := strings.TrimSuffix(file, path.Ext(file))
	switch name {
	case "toc":
		return "", true
	case "figure":
		if src := params["image_path"]; src != "" {
			return figureMarkdown(src, params["alt"], "", params["caption"], ""), true
		}
	case "video":
		id := params["id"]
		switch params["provider"] {
		case "youtube":
			return "<https://www.youtube.com/watch?v=" + id + ">", id != ""
		case "vimeo":
			return "<https://vimeo.com/" + id + ">", id != ""
		}
	}
	html := strings.HasSuffix(file, ".html") || strings.HasSuffix(file, ".htm")
	if strings.Contains(file, "{{") || (!isMarkdownFile(file) && !html) {
		return "", false
	}
	data, err := fs.ReadFile(j.im.old, "_includes/"+file)
	if err != nil {
		return "", false
	}
	text := includeParam.ReplaceAllStringFunc(string(data), func(m string) string {
		k := includeParam.FindStringSubmatch(m)[1]
		if v, ok := params[k]; ok {
			return v
		}
		return m
	})
	if strings.Contains(text, "{%") || strings.Contains(text, "{{") {
		return "", false
	}
	if html {
		w.raw = true // kramdown let it through; folio does with unsafe_html
	}
	return strings.TrimRight(text, "\n"), true
}

var (
	includeParam = regexp.MustCompile(`\{\{-?\s*include\.(\w+)\s*-?\}\}`)
	liquidParam  = regexp.MustCompile(`(\w+)\s*=\s*("[^"]*"|'[^']*'|\S+)`)
	quotedText   = regexp.MustCompile(`"([^"]*)"|'([^']*)'`)
)

// liquidParams reads key="value" arguments; unquoted values are variables,
// which cannot be known, and are left out.
func liquidParams(s string) map[string]string {
	out := map[string]string{}
	for _, m := range liquidParam.FindAllStringSubmatch(s, -1) {
		v := m[2]
		if v[0] == '"' || v[0] == '\'' {
			out[m[1]] = v[1 : len(v)-1]
		}
	}
	return out
}

// octopressImage converts Octopress's {% img [class] src [w [h]] ["title" ["alt"]] %}.
func octopressImage(args string) (string, bool) {
	f := strings.Fields(args)
	i := 0
	for i < len(f) && !strings.HasPrefix(f[i], "/") && !strings.HasPrefix(f[i], "http") {
		i++
	}
	if i >= len(f) {
		return "", false
	}
	src := f[i]
	rest := strings.Join(f[i+1:], " ")
	for {
		t := strings.TrimSpace(rest)
		first, after, _ := strings.Cut(t, " ")
		if first == "" || strings.Trim(first, "0123456789") != "" {
			break
		}
		rest = after
	}
	var texts []string
	for _, m := range quotedText.FindAllStringSubmatch(rest, -1) {
		texts = append(texts, m[1]+m[2])
	}
	// The first text is the title, the second the alt text; without one,
	// the title describes the image.
	alt := ""
	if len(texts) > 0 {
		alt = texts[len(texts)-1]
	}
	return "![" + escapeBrackets(alt) + "](" + linkPath(src) + ")", true
}

// output converts a Liquid output: the site's base URL and URL filters
// become paths, and page and site variables that hold text become the text.
func (j *jekyllSite) output(p *page, expr, after string) (string, bool) {
	parts := strings.Split(expr, "|")
	value := strings.TrimSpace(parts[0])
	var filters []string
	for _, f := range parts[1:] {
		filters = append(filters, strings.Join(strings.Fields(f), " "))
	}
	basePath := j.im.site.basePath
	if lit, ok := quoted(value); ok {
		out := lit
		for _, f := range filters {
			switch f {
			case "relative_url", "absolute_url", "prepend: site.baseurl", "prepend:site.baseurl":
				if strings.HasPrefix(out, "/") {
					out = basePath + out
				} else if !strings.Contains(out, "://") {
					out = basePath + "/" + out
				}
			case "prepend: site.url", "prepend:site.url":
			default:
				return "", false
			}
		}
		return out, true
	}
	if len(filters) > 0 {
		return "", false
	}
	switch value {
	case "site.baseurl":
		return basePath, true
	case "site.url":
		if strings.HasPrefix(after, "/") || strings.HasPrefix(after, "{{") {
			return "", true
		}
		return j.im.site.baseURL, j.im.site.baseURL != ""
	case "page.title":
		return p.title, true
	}
	if key, ok := strings.CutPrefix(value, "page."); ok {
		if s := lookup(p.fm, key); s != "" {
			return s, true
		}
	}
	if key, ok := strings.CutPrefix(value, "site."); ok && !strings.HasPrefix(key, "data.") && !strings.HasPrefix(key, "posts") && !strings.HasPrefix(key, "pages") {
		if s := lookup(j.cfg, key); s != "" {
			return s, true
		}
	}
	return "", false
}

// quoted returns the text of a Liquid string literal.
func quoted(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1], true
	}
	return "", false
}

// lookup follows a dotted key into nested maps and returns text found there.
func lookup(m map[string]any, key string) string {
	var v any = m
	for _, k := range strings.Split(key, ".") {
		mm, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = mm[k]
	}
	return str(v)
}
