package migrate

import (
	"regexp"
	"strings"
)

var (
	kramdownTOC     = regexp.MustCompile(`^\s*\{:\s*\.?toc\s*\}\s*$`)
	kramdownIAL     = regexp.MustCompile(`^\s*\{:[^:}][^}]*\}\s*$|^\s*\{:\}\s*$`)
	kramdownSpanIAL = regexp.MustCompile("([)\\]*_`])\\{:[^}\\n]*\\}")
	kramdownOptions = regexp.MustCompile(`\{::options[^}]*/\}`)
	listItem        = regexp.MustCompile(`^\s*([*+-]|\d+[.)])\s`)
	blockAttrs      = regexp.MustCompile(`^\s*\{\s*(\.[\w-]+\s*|[\w-]+=("[^"]*"|'[^']*'|\S+)\s*)+\}\s*$`)
)

// cleanKramdown removes kramdown's markup that folio does not read, without
// adding or removing a line: {:toc} and the list item it replaces (folio
// makes its own table of contents), attribute lists alone on a line
// ({: .notice}) or right after a link or emphasis ({:target="_blank"}),
// {::options /} and {::comment} blocks. {::nomarkdown} keeps its HTML.
// Heading ids ({#id}) stay: they are folio's syntax too.
func (j *jekyllSite) clean(p *page, text string) string {
	if !j.kramdown {
		return text
	}
	lines := strings.Split(text, "\n")
	var fence string
	inComment := false
	for i, l := range lines {
		if f := fenceOf(l); f != "" && !inComment {
			if fence == "" {
				fence = f
			} else if f[0] == fence[0] && len(f) >= len(fence) {
				fence = ""
			}
			continue
		}
		if fence != "" {
			continue
		}
		if inComment {
			if k := strings.Index(l, "{:/"); k >= 0 {
				end := strings.IndexByte(l[k:], '}')
				lines[i] = l[k+end+1:]
				inComment = false
			} else {
				lines[i] = ""
			}
			continue
		}
		if k := strings.Index(l, "{::comment}"); k >= 0 {
			rest := l[k+len("{::comment}"):]
			if e := strings.Index(rest, "{:/"); e >= 0 {
				end := strings.IndexByte(rest[e:], '}')
				lines[i] = l[:k] + rest[e+end+1:]
			} else {
				lines[i] = l[:k]
				inComment = true
			}
			continue
		}
		switch {
		case kramdownTOC.MatchString(l):
			lines[i] = ""
			if i > 0 && listItem.MatchString(lines[i-1]) {
				lines[i-1] = ""
			}
			continue
		case kramdownIAL.MatchString(l):
			lines[i] = ""
			continue
		}
		if strings.Contains(l, "{::nomarkdown}") || strings.Contains(l, "{:/nomarkdown}") {
			j.im.rawHTML[p] = true
			l = strings.NewReplacer("{::nomarkdown}", "", "{:/nomarkdown}", "", "{:/}", "").Replace(l)
		}
		l = kramdownOptions.ReplaceAllString(l, "")
		lines[i] = outsideCode(l, func(s string) string { return kramdownSpanIAL.ReplaceAllString(s, "$1") })
	}
	return strings.Join(lines, "\n")
}

// clean removes goldmark's block attribute lines ({.center}) when the old
// site turned them on: folio's design has no use for the classes. Lines
// with an #id stay, since links may lead to it.
func (h *hugoSite) clean(p *page, text string) string {
	if !h.attrBlocks {
		return text
	}
	lines := strings.Split(text, "\n")
	var fence string
	for i, l := range lines {
		if f := fenceOf(l); f != "" {
			if fence == "" {
				fence = f
			} else if f[0] == fence[0] && len(f) >= len(fence) {
				fence = ""
			}
			continue
		}
		if fence == "" && !strings.Contains(l, "#") && blockAttrs.MatchString(l) {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}
