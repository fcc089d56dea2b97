package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// collectFacts walks the parsed document once and records what later stages need
// without parsing the HTML again: headings, task items, the introduction, links
// and the number of words. In the same walk it makes links safe (see links.go).
func collectFacts(doc *Doc, root ast.Node, src []byte) {
	lines := newLineIndex(src)
	var buf []byte
	var unsafe []ast.Node
	seenHeading := false
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			seenHeading = true
			buf = appendPlainText(buf[:0], n, src)
			id, _ := n.AttributeString("id")
			idBytes, _ := id.([]byte)
			doc.Headings = append(doc.Headings, Heading{Level: n.Level, ID: string(idBytes), Text: string(buf), Line: lines.of(blockStart(n))})
			doc.Words += countWords(buf)
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph:
			if !seenHeading && n.Parent() == root {
				buf = appendPlainText(buf[:0], n, src)
				doc.Intro = append(doc.Intro, string(buf))
			}
		case *east.TaskCheckBox:
			block := n.Parent()
			buf = appendPlainText(buf[:0], block, src)
			doc.Tasks = append(doc.Tasks, Task{
				Text:    string(bytes.TrimSpace(buf)),
				Checked: n.IsChecked,
				Line:    lines.of(blockStart(block)),
				Heading: len(doc.Headings) - 1,
			})
		case *ast.Link:
			if dangerousURL(n.Destination) {
				unsafe = append(unsafe, n)
				break
			}
			if externalURL(n.Destination) {
				n.SetAttributeString("rel", []byte("noopener"))
			}
			doc.Links = append(doc.Links, Link{Dest: string(n.Destination), Line: lines.of(blockStart(n))})
		case *ast.Image:
			if dangerousURL(n.Destination) {
				unsafe = append(unsafe, n)
				return ast.WalkSkipChildren, nil
			}
			doc.Links = append(doc.Links, Link{Dest: string(n.Destination), Image: true, Line: lines.of(blockStart(n))})
		case *ast.AutoLink:
			url := n.URL(src)
			if dangerousURL(url) {
				unsafe = append(unsafe, n)
				return ast.WalkSkipChildren, nil
			}
			if n.AutoLinkType == ast.AutoLinkURL {
				n.SetAttributeString("rel", []byte("noopener"))
			}
			doc.Links = append(doc.Links, Link{Dest: string(url), Line: lines.of(blockStart(n))})
		case *ast.Text:
			doc.Words += countWords(n.Value(src))
		case *ast.String:
			doc.Words += countWords(n.Value)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		unwrap(n, src)
	}
}

// appendPlainText appends the text of n's inline content: emphasis and links
// become their words, soft line breaks become spaces, checkboxes and raw HTML
// are dropped.
func appendPlainText(dst []byte, n ast.Node, src []byte) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			dst = append(dst, c.Value(src)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				dst = append(dst, ' ')
			}
		case *ast.String:
			dst = append(dst, c.Value...)
		case *ast.AutoLink:
			dst = append(dst, c.Label(src)...)
		case *ast.RawHTML, *east.TaskCheckBox:
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if text, ok := t.(*ast.Text); ok {
					dst = append(dst, text.Value(src)...)
				} else if s, ok := t.(*ast.String); ok {
					dst = append(dst, s.Value...)
				}
			}
		default:
			dst = appendPlainText(dst, c, src)
		}
	}
	return dst
}

// countWords counts runs of letters and digits. Bytes of multi-byte UTF-8
// characters count as letters, so "Über" is one word; the typographic dashes
// and quotes this misreads are rare next to the words of a text. Apostrophes
// and hyphens inside a word do not split it. A reading-time estimate needs no
// more precision, and this runs over every byte of every article.
func countWords(b []byte) int {
	words, inWord := 0, false
	for i := 0; i < len(b); i++ {
		kind := wordByte[b[i]]
		// General Punctuation (U+2010–U+206F: dashes, curly quotes, …) starts
		// with E2 80/81: a separator, except ’ (U+2019), which joins "isn’t".
		if b[i] == 0xE2 && i+2 < len(b) && (b[i+1] == 0x80 || b[i+1] == 0x81) {
			kind = 0
			if b[i+1] == 0x80 && b[i+2] == 0x99 {
				kind = 2
			}
			i += 2
		}
		switch kind {
		case 1:
			if !inWord {
				words++
				inWord = true
			}
		case 2: // ' ’ or - : part of a word only inside one
		default:
			inWord = false
		}
	}
	return words
}

// wordByte classifies bytes for countWords: 1 letter or digit, 2 joiner, 0 other.
var wordByte = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c >= 0x80:
			t[c] = 1
		case c == '\'' || c == '-':
			t[c] = 2
		}
	}
	return t
}()

// blockStart returns the byte offset where the block holding n starts.
func blockStart(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) of(offset int) int {
	return sort.SearchInts(l, offset+1)
}
