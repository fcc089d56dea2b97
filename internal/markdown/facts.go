package markdown

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/peeplcoach/folio/internal/slug"
)

// factOptions shape what collectFacts records.
type factOptions struct {
	// firstLine is the line of the file the parsed source starts on: 1, or
	// the line after TOML or JSON front matter, which goldmark never sees.
	firstLine int
	// unsafe says raw HTML reaches the page (UnsafeHTML), so its ids count.
	unsafe bool
}

// collectFacts walks the parsed document once and records what later stages need
// without parsing the HTML again: headings, task items, the introduction, the
// summary before <!--more-->, links, ids in raw HTML, the amount of text and
// warnings. In the same walk it makes links safe (see links.go).
func collectFacts(doc *Doc, root ast.Node, src []byte, opts factOptions) {
	lines := newLineIndex(src, opts.firstLine)
	var buf []byte
	var unsafe []ast.Node
	var count textCount
	var before []string // top-level paragraphs, for a summary ended by <!--more-->
	// Most documents have no marker: then no paragraph is kept for it.
	summaryDone := !bytes.Contains(src, []byte("more"))
	seenHeading := false
	endSummary := func(last string) {
		if summaryDone {
			return
		}
		summaryDone = true
		if last != "" {
			before = append(before, last)
		}
		doc.Summary = string(bytes.TrimSpace([]byte(joinText(before))))
	}
	// heading is the heading being walked: its text is counted whole when
	// it is entered, and its links are made safe as any other.
	var heading ast.Node
	prevLevel := 1 // the title's
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n == heading {
				heading = nil
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			heading = n
			first := !seenHeading
			seenHeading = true
			filterHeadingAttributes(doc, n, opts.unsafe, lines)
			buf = appendPlainText(buf[:0], n, src)
			id, _ := n.AttributeString("id")
			idBytes, _ := id.([]byte)
			doc.Headings = append(doc.Headings, Heading{Level: n.Level, ID: string(idBytes), Text: string(buf), Line: lines.of(blockStart(n))})
			if n.Level > prevLevel+1 {
				// The page's title is its h1: HTML's outline may not skip
				// a level after it, nor after any heading.
				doc.Warnings = append(doc.Warnings, &Error{Line: lines.of(blockStart(n)), Msg: fmt.Sprintf("heading %s skips a level after %s: make it %s (the page's title is its h1)", strings.Repeat("#", n.Level), prevName(prevLevel, first), strings.Repeat("#", prevLevel+1))})
			}
			prevLevel = n.Level
			count.add(buf)
			findTemplateCalls(doc, n, src, lines)
		case *ast.Paragraph:
			findTemplateCalls(doc, n, src, lines)
			if !opts.unsafe {
				trimAfterLeadingComment(n, src)
			}
			if n.Parent() != root || seenHeading && summaryDone {
				break
			}
			buf = appendPlainText(buf[:0], n, src)
			if !seenHeading {
				doc.Intro = append(doc.Intro, string(buf))
			}
			if summaryDone {
				break
			}
			if marker := moreMarkerChild(n, src); marker != nil {
				buf = appendChildrenText(buf[:0], n.FirstChild(), marker, src)
				endSummary(string(bytes.TrimSpace(buf)))
			} else {
				before = append(before, string(buf))
			}
		case *ast.TextBlock:
			findTemplateCalls(doc, n, src, lines)
		case *ast.HTMLBlock:
			text := htmlBlockText(n, src)
			if n.Parent() == root && moreMarker(text) {
				endSummary("")
			}
			if opts.unsafe {
				doc.IDs = appendHTMLIDs(doc.IDs, text)
			}
			if n.HTMLBlockType != ast.HTMLBlockType2 {
				findTemplateCalls(doc, n, src, lines)
			}
		case *ast.RawHTML:
			if opts.unsafe {
				doc.IDs = appendHTMLIDs(doc.IDs, rawHTMLText(n, src))
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
			if clean, had := withoutUserinfo(n.Destination); had {
				n.Destination = clean
				doc.Warnings = append(doc.Warnings, credentialsWarning(lines.of(blockStart(n)), clean))
			}
			n.Destination = normalizeDest(n.Destination)
			doc.Links = append(doc.Links, Link{Dest: string(n.Destination), Line: lines.of(blockStart(n))})
		case *ast.Image:
			if dangerousURL(n.Destination) {
				unsafe = append(unsafe, n)
				return ast.WalkSkipChildren, nil
			}
			if clean, had := withoutUserinfo(n.Destination); had {
				n.Destination = clean
				doc.Warnings = append(doc.Warnings, credentialsWarning(lines.of(blockStart(n)), clean))
			}
			n.Destination = normalizeDest(n.Destination)
			doc.Links = append(doc.Links, Link{Dest: string(n.Destination), Image: true, Line: lines.of(blockStart(n))})
		case *ast.AutoLink:
			url := n.URL(src)
			if dangerousURL(url) {
				unsafe = append(unsafe, n)
				return ast.WalkSkipChildren, nil
			}
			if n.AutoLinkType == ast.AutoLinkURL {
				n.SetAttributeString("rel", []byte("noopener"))
				if clean, had := withoutUserinfo(url); had {
					// A URL typed in the text with a user name (a console
					// transcript, "git remote add origin http://root@host/")
					// stays the text it is, but is no link.
					unsafe = append(unsafe, n)
					doc.Warnings = append(doc.Warnings, credentialsTextWarning(lines.of(blockStart(n)), clean))
					return ast.WalkSkipChildren, nil
				}
				if !linkableHost(url) {
					// "http://%2Fvar%2Frun%2Fdocker.sock/" in an error
					// message is no address a browser can follow.
					unsafe = append(unsafe, n)
					return ast.WalkSkipChildren, nil
				}
			}
			doc.Links = append(doc.Links, Link{Dest: string(url), Line: lines.of(blockStart(n))})
		case *ast.Text:
			if heading == nil {
				count.add(n.Value(src))
			}
		case *ast.String:
			if heading == nil {
				count.add(n.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		unwrap(n, src)
	}
	doc.Words, doc.Chars = count.words, count.chars
}

// prevName names the heading before: the title, or #, ## and so on.
func prevName(level int, first bool) string {
	if first {
		return "the title"
	}
	return strings.Repeat("#", level)
}

// normalizeDest writes a link target in folio's one URL form (see
// slug.NormalizeURL): "%c3%a9" and "%C3%A9" are one address, and so are é
// typed in NFC and NFD.
func normalizeDest(dest []byte) []byte {
	if i := bytes.IndexByte(dest, '#'); i >= 0 && bytes.IndexByte(dest[i+1:], '#') >= 0 {
		// A second # (a typo, "/a/#one#two") cannot be in a fragment: it
		// is percent-encoded, as a browser would send it.
		frag := bytes.ReplaceAll(dest[i+1:], []byte("#"), []byte("%23"))
		dest = append(dest[:i+1:i+1], frag...)
	}
	for _, c := range dest {
		if c == '%' || c >= 0x80 {
			return []byte(slug.NormalizeURL(string(dest)))
		}
	}
	return dest
}

// joinText joins paragraphs' text with spaces.
func joinText(parts []string) string {
	var b bytes.Buffer
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// moreMarkerChild returns the <!--more--> marker among a paragraph's
// inline content, or nil.
func moreMarkerChild(p *ast.Paragraph, src []byte) ast.Node {
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if raw, ok := c.(*ast.RawHTML); ok && moreMarker(rawHTMLText(raw, src)) {
			return c
		}
	}
	return nil
}

// appendPlainText appends the text of n's inline content: emphasis and links
// become their words, soft line breaks become spaces, checkboxes and raw HTML
// are dropped.
func appendPlainText(dst []byte, n ast.Node, src []byte) []byte {
	return appendChildrenText(dst, n.FirstChild(), nil, src)
}

// appendChildrenText appends the text of the siblings from first up to stop
// (or all of them, for nil), as appendPlainText does.
func appendChildrenText(dst []byte, first, stop ast.Node, src []byte) []byte {
	for c := first; c != nil && c != stop; c = c.NextSibling() {
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

// blockStart returns the byte offset where the block holding n starts.
func blockStart(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

// lineIndex maps byte offsets to 1-based line numbers of the file.
type lineIndex struct {
	starts []int // offset of the start of each line of the source
	first  int   // the file's line of the source's first line
}

func newLineIndex(src []byte, first int) lineIndex {
	idx := lineIndex{starts: []int{0}, first: first}
	for i, c := range src {
		if c == '\n' {
			idx.starts = append(idx.starts, i+1)
		}
	}
	return idx
}

func (l lineIndex) of(offset int) int {
	return sort.SearchInts(l.starts, offset+1) + l.first - 1
}
