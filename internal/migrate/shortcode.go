package migrate

import (
	"path"
	"strings"
)

// shortcode is one Hugo shortcode tag: {{< name args >}} or {{% name args %}}.
type shortcode struct {
	start, end  int // the tag in the text
	name        string
	closing     bool // {{< /name >}}
	selfClosing bool // {{< name />}}
	comment     bool // {{</* name */>}}: the tag written out as text
	pos         []string
	named       map[string]string
	inner       string // the tag's text between the delimiters
}

// arg returns a named argument, or the positional one at i.
func (s shortcode) arg(name string, i int) string {
	if v, ok := s.named[name]; ok {
		return v
	}
	if i >= 0 && i < len(s.pos) {
		return s.pos[i]
	}
	return ""
}

// parseShortcode reads the shortcode tag at text[i:], which starts with
// "{{<" or "{{%".
func parseShortcode(text string, i int) (shortcode, bool) {
	if i+3 > len(text) || text[i:i+2] != "{{" || (text[i+2] != '<' && text[i+2] != '%') {
		return shortcode{}, false
	}
	closer := ">}}"
	if text[i+2] == '%' {
		closer = "%}}"
	}
	sc := shortcode{start: i, named: map[string]string{}}
	j := i + 3
	for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n') {
		j++
	}
	if strings.HasPrefix(text[j:], "/*") {
		end := strings.Index(text[j:], "*/")
		if end < 0 {
			return shortcode{}, false
		}
		k := j + end + 2
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		if !strings.HasPrefix(text[k:], closer) {
			return shortcode{}, false
		}
		sc.comment = true
		sc.end = k + 3
		sc.inner = text[j+2 : j+end]
		return sc, true
	}
	// Scan to the closer, outside quotes.
	k := j
	for k < len(text) {
		switch text[k] {
		case '"':
			k++
			for k < len(text) && text[k] != '"' {
				if text[k] == '\\' {
					k++
				}
				k++
			}
		case '`':
			k++
			for k < len(text) && text[k] != '`' {
				k++
			}
		}
		if k < len(text) && strings.HasPrefix(text[k:], closer) {
			break
		}
		k++
	}
	if k >= len(text) {
		return shortcode{}, false
	}
	sc.end = k + 3
	sc.inner = text[j:k]
	body := strings.TrimSpace(text[j:k])
	if strings.HasPrefix(body, "/") {
		sc.closing = true
		body = strings.TrimSpace(body[1:])
	}
	if strings.HasSuffix(body, "/") {
		sc.selfClosing = true
		body = strings.TrimSpace(strings.TrimSuffix(body, "/"))
	}
	toks := tokenize(body)
	if len(toks) == 0 {
		return shortcode{}, false
	}
	sc.name = toks[0].value
	for _, t := range toks[1:] {
		if t.key != "" {
			sc.named[t.key] = t.value
		} else {
			sc.pos = append(sc.pos, t.value)
		}
	}
	return sc, true
}

type token struct{ key, value string }

// tokenize splits shortcode arguments: words, "quoted text" (with
// backslash escapes), `raw text`, and key=value pairs of those.
func tokenize(s string) []token {
	var out []token
	i := 0
	read := func() string {
		if i >= len(s) {
			return ""
		}
		switch s[i] {
		case '"':
			var b strings.Builder
			i++
			for i < len(s) && s[i] != '"' {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
				i++
			}
			i++
			return b.String()
		case '`':
			end := strings.IndexByte(s[i+1:], '`')
			if end < 0 {
				v := s[i+1:]
				i = len(s)
				return v
			}
			v := s[i+1 : i+1+end]
			i += end + 2
			return v
		}
		start := i
		for i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '=' {
			i++
		}
		return s[start:i]
	}
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
		}
		if i >= len(s) {
			return out
		}
		quoted := s[i] == '"' || s[i] == '`'
		v := read()
		if !quoted && i < len(s) && s[i] == '=' {
			i++
			out = append(out, token{key: strings.ToLower(v), value: read()})
			continue
		}
		out = append(out, token{value: v})
	}
}

// singleShortcodes are Hugo's built-in shortcodes that take no closing tag.
var singleShortcodes = map[string]bool{"figure": true, "youtube": true, "vimeo": true, "gist": true, "tweet": true, "x": true, "instagram": true, "ref": true, "relref": true, "param": true}

// rawShortcodes are the names sites give the shortcode that passes HTML
// through untouched.
var rawShortcodes = map[string]bool{"raw": true, "rawhtml": true, "raw-html": true, "html": true, "unsafe": true, "noop": true}

// findClose finds the closing tag of the shortcode name after from, skipping
// nested pairs of the same name.
func findClose(text string, from int, name string) (shortcode, bool) {
	depth := 0
	for i := from; i < len(text); {
		j := nextShortcode(text, i)
		if j < 0 {
			return shortcode{}, false
		}
		sc, ok := parseShortcode(text, j)
		if !ok || sc.comment {
			i = j + 2
			if ok {
				i = sc.end
			}
			continue
		}
		if sc.name == name {
			switch {
			case sc.closing && depth == 0:
				return sc, true
			case sc.closing:
				depth--
			case !sc.selfClosing:
				depth++
			}
		}
		i = sc.end
	}
	return shortcode{}, false
}

func nextShortcode(text string, from int) int {
	for i := from; i < len(text); {
		j := strings.Index(text[i:], "{{")
		if j < 0 {
			return -1
		}
		j += i
		if j+2 < len(text) && (text[j+2] == '<' || text[j+2] == '%') {
			return j
		}
		i = j + 2
	}
	return -1
}

// convert turns the shortcodes of a Hugo page into Markdown.
func (h *hugoSite) convert(p *page, text string) *body {
	w := &body{}
	h.convertInto(w, p, text, 0)
	return w
}

// convertInto converts text (which starts at offset base of p's body, for
// line numbers) into w.
func (h *hugoSite) convertInto(w *body, p *page, text string, base int) {
	line := func(off int) int { return p.bodyLine + strings.Count(p.body[:min(base+off, len(p.body))], "\n") }
	i := 0
	for i < len(text) {
		j := nextShortcode(text, i)
		if j < 0 {
			w.WriteString(text[i:])
			return
		}
		w.WriteString(text[i:j])
		sc, ok := parseShortcode(text, j)
		if !ok {
			w.WriteString(text[j : j+2])
			i = j + 2
			continue
		}
		i = sc.end
		if sc.comment {
			w.WriteString(text[j:j+3] + sc.inner + text[sc.end-3:sc.end])
			continue
		}
		call := text[sc.start:sc.end]
		if sc.closing {
			w.leave(call, line(j), "closing tag "+shown(call)+" without its opening tag")
			continue
		}
		var close shortcode
		paired := false
		if !singleShortcodes[sc.name] && !sc.selfClosing {
			close, paired = findClose(text, sc.end, sc.name)
		}
		inner := ""
		if paired {
			inner = text[sc.end:close.start]
		}
		if kind := calloutKind(sc); paired && kind != "" {
			h.callout(w, p, sc, kind, inner, base+sc.end)
			i = close.end
			// A blank line after the quote, or the next line would join it.
			switch {
			case i < len(text) && text[i] != '\n':
				w.WriteString("\n\n")
			case i+1 < len(text) && text[i+1] != '\n':
				w.WriteString("\n")
			}
			continue
		}
		if out, ok := h.shortcodeMarkdown(w, p, sc, inner, paired); ok {
			if paired {
				i = close.end
			}
			w.WriteString(out)
			if strings.HasSuffix(out, "```") && i < len(text) && text[i] != '\n' {
				w.WriteString("\n") // a fence ends its line
			}
			continue
		}
		what := "shortcode " + shown(call) + " left as text"
		if file, ok := h.shortcodes[sc.name]; ok {
			what += "; its template is " + file
		}
		w.leave(call, line(j), what)
		if paired {
			h.convertInto(w, p, inner, base+sc.end)
			w.WriteString(text[close.start:close.end])
			i = close.end
		}
	}
}

// calloutShortcodes are the names themes give a box around a note (hugo-
// notice, LoveIt's admonition, hugo-book's hint, Docsy's alert…), and
// callouts named after their kind.
var calloutShortcodes = map[string]bool{"notice": true, "admonition": true, "alert": true, "hint": true, "callout": true, "message": true, "box": true}

// calloutKinds maps the kinds themes name to the five callouts folio draws
// (GitHub's).
var calloutKinds = map[string]string{
	"note": "NOTE", "info": "NOTE", "information": "NOTE", "abstract": "NOTE", "summary": "NOTE", "example": "NOTE", "quote": "NOTE", "question": "NOTE",
	"tip": "TIP", "hint": "TIP", "success": "TIP", "check": "TIP", "done": "TIP",
	"important": "IMPORTANT",
	"warning":   "WARNING", "warn": "WARNING", "attention": "WARNING",
	"caution": "CAUTION", "danger": "CAUTION", "error": "CAUTION", "failure": "CAUTION", "bug": "CAUTION",
}

// calloutKind returns the callout a shortcode means, or "".
func calloutKind(sc shortcode) string {
	name := strings.ToLower(sc.name)
	if k, ok := calloutKinds[name]; ok && name != "quote" && name != "summary" && name != "example" {
		return k // {{< warning >}} … {{< /warning >}}
	}
	if !calloutShortcodes[name] {
		return ""
	}
	for _, v := range append([]string{sc.named["type"], sc.named["class"], sc.named["color"]}, sc.pos...) {
		if k, ok := calloutKinds[strings.ToLower(v)]; ok {
			return k
		}
	}
	return "NOTE"
}

// callout writes a theme's note box as a callout, GitHub's quote with
// [!NOTE] on its first line, which folio draws as a box with a title in
// the site's language; a title the shortcode gave comes first, in bold.
func (h *hugoSite) callout(w *body, p *page, sc shortcode, kind, inner string, innerBase int) {
	trimmed := strings.TrimLeft(inner, "\n")
	innerBase += len(inner) - len(trimmed)
	sub := &body{}
	h.convertInto(sub, p, strings.TrimRight(trimmed, "\n \t"), innerBase)
	header := "> [!" + kind + "]\n"
	if title := sc.named["title"]; title != "" {
		header += "> **" + oneLine(title) + "**\n"
	}
	w.quote(sub, header)
}

// shortcodeMarkdown converts one of Hugo's built-in shortcodes, or a raw
// HTML one; ok is false for any other.
func (h *hugoSite) shortcodeMarkdown(w *body, p *page, sc shortcode, inner string, paired bool) (string, bool) {
	switch {
	case sc.name == "figure":
		return figureMarkdown(sc.arg("src", -1), sc.arg("alt", -1), sc.arg("title", -1), sc.arg("caption", -1), sc.arg("link", -1)), sc.arg("src", -1) != ""
	case sc.name == "youtube":
		if id := sc.arg("id", 0); id != "" {
			return "<https://www.youtube.com/watch?v=" + id + ">", true
		}
	case sc.name == "vimeo":
		if id := sc.arg("id", 0); id != "" {
			return "<https://vimeo.com/" + id + ">", true
		}
	case sc.name == "gist":
		user, id := sc.arg("user", 0), sc.arg("id", 1)
		if user != "" && id != "" {
			u := "https://gist.github.com/" + user + "/" + id
			if f := sc.arg("file", 2); f != "" {
				u += "#file-" + strings.ReplaceAll(f, ".", "-")
			}
			return "<" + u + ">", true
		}
	case sc.name == "tweet" || sc.name == "x":
		id, user := sc.arg("id", 0), sc.arg("user", -1)
		if len(sc.pos) == 2 {
			user, id = sc.pos[0], sc.pos[1]
		}
		host := "twitter.com"
		if sc.name == "x" {
			host = "x.com"
		}
		if user == "" {
			user = "i"
		}
		if id != "" {
			return "<https://" + host + "/" + user + "/status/" + id + ">", true
		}
	case sc.name == "instagram":
		if id := sc.arg("id", 0); id != "" {
			return "<https://www.instagram.com/p/" + id + "/>", true
		}
	case sc.name == "highlight" && paired:
		return fence(w, sc.arg("lang", 0), strings.Trim(inner, "\n")), true
	case sc.name == "ref" || sc.name == "relref":
		return h.ref(p, sc.arg("path", 0))
	case sc.name == "param":
		name := strings.ToLower(sc.arg("name", 0))
		if v := str(p.fm[name]); v != "" {
			return v, true
		}
		if v := str(sub(h.cfg, "params")[name]); v != "" {
			return v, true
		}
	case rawShortcodes[strings.ToLower(sc.name)] && paired:
		w.raw = true
		return inner, true
	}
	return "", false
}

// ref resolves {{< ref "path" >}} to the new URL of the page it names, the
// way Hugo looks it up: from the content root for "/…", from the page's
// folder otherwise, and then by file name anywhere.
func (h *hugoSite) ref(p *page, ref string) (string, bool) {
	target, frag, _ := strings.Cut(ref, "#")
	if frag != "" {
		frag = "#" + frag
	}
	if target == "" {
		return frag, frag != ""
	}
	var tries []string
	if strings.HasPrefix(target, "/") {
		tries = append(tries, path.Join(h.contentDir, target))
	} else {
		dir := path.Dir(p.src)
		tries = append(tries, path.Join(dir, target))
		if p.bundle != "" {
			// From a bundle, Hugo also looks beside the bundle.
			tries = append(tries, path.Join(path.Dir(dir), target))
		}
		tries = append(tries, path.Join(h.contentDir, target))
	}
	for _, t := range tries {
		for _, cand := range []string{t, t + ".md", t + "/index.md", t + "/_index.md", t + "." + h.lang + ".md", t + "/index." + h.lang + ".md"} {
			if q := h.im.bySrcAnyExt(cand); q != nil {
				return q.url + frag, true
			}
		}
	}
	// By name alone, when exactly one page has it. Hugo's lookups ignore case.
	target = path.Clean(target)
	want := strings.ToLower(strings.TrimSuffix(target, path.Ext(target)))
	var found *page
	for _, q := range h.im.pages {
		rel := strings.TrimSuffix(q.src, path.Ext(q.src))
		if q.bundle != "" {
			rel = q.bundle
		}
		rel = strings.ToLower(rel)
		if rel == want || strings.HasSuffix(rel, "/"+strings.TrimPrefix(want, "/")) {
			if found != nil && found != q {
				return "", false
			}
			found = q
		}
	}
	if found != nil {
		return found.url + frag, true
	}
	return "", false
}

// bySrcAnyExt finds a page by its old file, whatever its Markdown extension.
func (im *importer) bySrcAnyExt(p string) *page {
	if q := im.bySrc[p]; q != nil {
		return q
	}
	if !isMarkdownFile(p) {
		return nil
	}
	stem := strings.TrimSuffix(p, path.Ext(p))
	for ext := range hugoMarkdown {
		if q := im.bySrc[stem+ext]; q != nil {
			return q
		}
	}
	return nil
}

// figureMarkdown writes a figure as a Markdown image, linked when it had a
// link, with its title and caption as an emphasised line below it.
func figureMarkdown(src, alt, title, caption, link string) string {
	var captionText []string
	for _, s := range []string{title, caption} {
		if s = oneLine(s); s != "" {
			captionText = append(captionText, s)
		}
	}
	if alt == "" && len(captionText) > 0 {
		alt = stripMarkup(captionText[0])
	}
	img := "![" + escapeBrackets(oneLine(alt)) + "](" + linkPath(src) + ")"
	if link != "" {
		img = "[" + img + "](" + linkPath(link) + ")"
	}
	if len(captionText) == 0 {
		return img
	}
	return img + "\\\n*" + strings.Join(captionText, " — ") + "*"
}

func escapeBrackets(s string) string {
	return strings.NewReplacer("[", `\[`, "]", `\]`).Replace(s)
}

// stripMarkup removes HTML tags and Markdown emphasis from a caption used
// as alt text.
func stripMarkup(s string) string {
	s = htmlTag.ReplaceAllString(s, "")
	return strings.NewReplacer("**", "", "*", "", "__", "", "`", "").Replace(s)
}

// fence writes code as a fenced block on lines of its own, with a fence
// longer than any run of backticks in the code.
func fence(w *body, lang, code string) string {
	f := strings.Repeat("`", fenceLen(code))
	var b strings.Builder
	if !w.atLineStart() {
		b.WriteByte('\n')
	}
	b.WriteString(f + strings.TrimSpace(lang) + "\n" + code + "\n" + f)
	return b.String()
}
