package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// HTML comments (<!--more-->, <!-- TODO -->) are notes to the writer, never
// content. Without unsafe_html they are dropped; with it they pass through as
// comments, as Hugo does. Two details make this more than a renderer:
//
//   - CommonMark makes a line that starts with "<!--" an HTML block up to the
//     line holding "-->", text after the comment included, so
//     "<!-- note --> text" would hide "text" in the block (Hugo loses it;
//     folio used to show the whole line as code). commentAwareHTMLBlocks
//     leaves such a line to the paragraph parser, where the comment is inline
//     raw HTML and the text stays a paragraph.
//   - "<!--more-->" marks the end of the summary, as in Hugo (see moreMarker).

// commentAwareHTMLBlocks wraps goldmark's HTML block parser.
type commentAwareHTMLBlocks struct{ parser.BlockParser }

func (p commentAwareHTMLBlocks) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	if rest, ok := afterLeadingComment(line); ok && len(bytes.TrimSpace(withoutComments(rest))) > 0 {
		return nil, parser.NoChildren
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// afterLeadingComment returns what follows a comment that opens line (after
// at most three spaces) and closes on it; ok is false when line does not
// start with a comment or the comment goes on to later lines.
func afterLeadingComment(line []byte) (rest []byte, ok bool) {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	if !bytes.HasPrefix(line[i:], []byte("<!--")) {
		return nil, false
	}
	body := line[i+4:]
	// "<!-->" and "<!--->" are complete (empty) comments.
	for _, empty := range []string{">", "->"} {
		if bytes.HasPrefix(body, []byte(empty)) {
			return body[len(empty):], true
		}
	}
	end := bytes.Index(body, []byte("-->"))
	if end < 0 {
		return nil, false
	}
	return body[end+3:], true
}

// isComment reports whether raw HTML is a comment.
func isComment(raw []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(raw, " \t"), []byte("<!--"))
}

// moreMarker reports whether raw HTML is Hugo's summary divider, <!--more-->
// (spaces inside allowed).
func moreMarker(raw []byte) bool {
	raw = bytes.TrimSpace(raw)
	inner, ok := bytes.CutPrefix(raw, []byte("<!--"))
	if !ok {
		return false
	}
	inner, ok = bytes.CutSuffix(inner, []byte("-->"))
	return ok && string(bytes.TrimSpace(inner)) == "more"
}

// htmlBlockText returns the source of an HTML block, closing line included.
func htmlBlockText(n *ast.HTMLBlock, src []byte) []byte {
	var b []byte
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b = append(b, seg.Value(src)...)
	}
	if n.HasClosure() {
		b = append(b, n.ClosureLine.Value(src)...)
	}
	return b
}

// rawHTMLText returns the source of inline raw HTML.
func rawHTMLText(n *ast.RawHTML, src []byte) []byte {
	var b []byte
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// withoutComments returns text with every complete HTML comment removed.
func withoutComments(text []byte) []byte {
	var out []byte
	for {
		start := bytes.Index(text, []byte("<!--"))
		if start < 0 {
			return append(out, text...)
		}
		out = append(out, text[:start]...)
		rest, ok := afterLeadingComment(text[start:])
		if !ok {
			// An unclosed comment runs to the end, as in HTML.
			return out
		}
		text = rest
	}
}

// renderCommentBlock renders, without unsafe_html, an HTML block that starts
// with a comment: the comments vanish and any text beside them (rare: after a
// comment of several lines) is kept as a paragraph, escaped.
func renderCommentBlock(w util.BufWriter, n *ast.HTMLBlock, src []byte) {
	rest := bytes.TrimSpace(withoutComments(htmlBlockText(n, src)))
	if len(rest) == 0 {
		return
	}
	_, _ = w.WriteString("<p>")
	_, _ = w.Write(util.EscapeHTML(rest))
	_, _ = w.WriteString("</p>\n")
}

// trimAfterLeadingComment drops, when comments are dropped, the spaces
// between comments that open a paragraph and its text, so that
// "<!-- note --> Text" renders as "<p>Text", not "<p> Text".
func trimAfterLeadingComment(p *ast.Paragraph, src []byte) {
	c := p.FirstChild()
	for c != nil {
		raw, ok := c.(*ast.RawHTML)
		if !ok || !isComment(rawHTMLText(raw, src)) {
			break
		}
		c = c.NextSibling()
	}
	if c == p.FirstChild() {
		return
	}
	if t, ok := c.(*ast.Text); ok {
		for t.Segment.Start < t.Segment.Stop && (src[t.Segment.Start] == ' ' || src[t.Segment.Start] == '\t') {
			t.Segment.Start++
		}
	}
}
