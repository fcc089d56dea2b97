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
	var fences fenceTracker
	inComment := false
	for i, l := range lines {
		if !inComment && fences.code(l) {
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
			if kind := noticeKind(l); kind != "" && calloutBefore(lines, i, kind) {
				p.cleaned = append(p.cleaned, cleanNote{line: i + 1, level: Info, msg: "kramdown " + strings.TrimSpace(l) + " made the paragraph above a callout ([!" + strings.ToUpper(kind) + "])"})
			} else {
				p.cleaned = append(p.cleaned, cleanNote{line: i + 1, level: Info, msg: "kramdown attribute list " + strings.TrimSpace(l) + " dropped: folio's design has no use for its classes"})
			}
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

// noticeKind returns the callout type of Minimal Mistakes' notice classes
// in an attribute list ({: .notice--warning} → "warning"), or "".
func noticeKind(ial string) string {
	for _, f := range strings.Fields(strings.Trim(strings.TrimSpace(ial), "{:}")) {
		switch f {
		case ".notice", ".notice--info", ".notice--primary":
			return "note"
		case ".notice--success":
			return "tip"
		case ".notice--warning":
			return "warning"
		case ".notice--danger":
			return "caution"
		}
	}
	return ""
}

// calloutBefore turns the paragraph that ends on the line before ial (the
// block a kramdown attribute list after it applies to) into a callout of
// kind: each of its lines is quoted, and the blank line before it becomes
// the [!KIND] marker, so no line is added or removed. It reports false, and
// changes nothing, when there is no such paragraph or no blank line before it.
func calloutBefore(lines []string, ial int, kind string) bool {
	end := ial - 1
	if end < 0 || strings.TrimSpace(lines[end]) == "" {
		return false
	}
	start := end
	for start > 0 && strings.TrimSpace(lines[start-1]) != "" {
		start--
	}
	if start == 0 || fenceOf(lines[start]) != "" || listItem.MatchString(lines[start]) || strings.HasPrefix(strings.TrimSpace(lines[start]), "#") {
		return false
	}
	for k := start; k <= end; k++ {
		lines[k] = "> " + lines[k]
	}
	lines[start-1] = "> [!" + strings.ToUpper(kind) + "]"
	return true
}

// clean removes goldmark's block attribute lines ({.center}) when the old
// site turned them on: folio's design has no use for the classes. Lines
// with an #id stay, since links may lead to it.
func (h *hugoSite) clean(p *page, text string) string {
	if !h.attrBlocks {
		return text
	}
	lines := strings.Split(text, "\n")
	var fences fenceTracker
	for i, l := range lines {
		if fences.code(l) {
			continue
		}
		if !strings.Contains(l, "#") && blockAttrs.MatchString(l) {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}
