package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// Posts moved in from Hugo or Jekyll carry their generator's template calls:
// Hugo shortcodes ({{< figure >}}, {{% notice %}}), Liquid tags and output
// ({% include %}, {{ site.url }}) and ERB (<%= … %>). folio runs none of them,
// so they would show on the page as written. Each one is a warning at its
// line, so the writer finds them; in code (`{{< x >}}` or a code block) they
// are text meant to be shown, and nothing is said.

// templateCall matches the opening of one of these calls.
var templateCall = regexp.MustCompile(`\{\{[<%]|\{%|\{\{|<%`)

// findTemplateCalls warns about template calls in the text of a block,
// outside code spans.
func findTemplateCalls(doc *Doc, n ast.Node, src []byte, lines lineIndex) {
	segs := n.Lines()
	if segs.Len() == 0 {
		return
	}
	var code [][2]int // byte ranges of code spans
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		text := src[seg.Start:seg.Stop]
		if !bytes.Contains(text, []byte("{{")) && !bytes.Contains(text, []byte("{%")) && !bytes.Contains(text, []byte("<%")) {
			continue
		}
		if code == nil {
			code = codeSpanRanges(n, [][2]int{})
		}
		for _, m := range templateCall.FindAllIndex(text, -1) {
			at := seg.Start + m[0]
			if inRanges(code, at) {
				continue
			}
			doc.Warnings = append(doc.Warnings, &Error{Line: lines.of(at), Msg: describeCall(src[at:seg.Stop])})
		}
	}
}

// describeCall names the template call that starts text and says what to do.
func describeCall(text []byte) string {
	var kind, close string
	switch {
	case bytes.HasPrefix(text, []byte("{{<")):
		kind, close = "Hugo shortcode", ">}}"
	case bytes.HasPrefix(text, []byte("{{%")):
		kind, close = "Hugo shortcode", "%}}"
	case bytes.HasPrefix(text, []byte("{%")):
		kind, close = "Liquid tag", "%}"
	case bytes.HasPrefix(text, []byte("<%")):
		kind, close = "ERB tag", "%>"
	default:
		kind, close = "template call", "}}"
	}
	call := text
	if i := bytes.Index(text[2:], []byte(close)); i >= 0 {
		call = text[:2+i+len(close)]
	}
	// A call over several lines is shown on one: a message is one line,
	// and its cut marked.
	cut := !bytes.HasSuffix(bytes.TrimSpace(call), []byte(close))
	call = bytes.Join(bytes.Fields(call), []byte(" "))
	if cut {
		call = append(call, " …"...)
	}
	return fmt.Sprintf("%s %s is not run by folio and shows as text: rewrite it in Markdown, or put it in `backticks` to show it", kind, short(call, 60))
}

// short cuts s to n characters, marking the cut with an ellipsis.
func short(s []byte, n int) string {
	if utf8.RuneCount(s) <= n {
		return string(s)
	}
	count := 0
	for i := range string(s) {
		if count == n-1 {
			return string(s[:i]) + "…"
		}
		count++
	}
	return string(s)
}

// codeSpanRanges appends the source ranges of the code spans under n.
func codeSpanRanges(n ast.Node, ranges [][2]int) [][2]int {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if cs, ok := c.(*ast.CodeSpan); ok {
			start, stop := -1, -1
			for t := cs.FirstChild(); t != nil; t = t.NextSibling() {
				if text, ok := t.(*ast.Text); ok {
					if start < 0 {
						start = text.Segment.Start
					}
					stop = text.Segment.Stop
				}
			}
			if start >= 0 {
				ranges = append(ranges, [2]int{start, stop})
			}
			continue
		}
		ranges = codeSpanRanges(c, ranges)
	}
	return ranges
}

func inRanges(ranges [][2]int, at int) bool {
	for _, r := range ranges {
		if at >= r[0] && at < r[1] {
			return true
		}
	}
	return false
}
