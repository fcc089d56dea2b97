package check

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"strings"

	"github.com/peeplcoach/folio/internal/content"
)

// The text folio new writes into a new article for the writer to replace.
// Left in, the introduction becomes the page's meta description and the
// first line of its LinkedIn post.
const (
	PlaceholderIntro   = "Write the introduction here."
	PlaceholderHeading = "First section"
	PlaceholderTask    = "An action item readers can tick off"
)

// placeholders pairs each placeholder with what it would become.
var placeholders = [...]struct{ text, becomes string }{
	{PlaceholderIntro, "it would be the page's meta description and the first line of its LinkedIn post"},
	{PlaceholderHeading, "it would be a heading of the page and a key point of its LinkedIn post"},
	{PlaceholderTask, "it would be an item of the printable checklist"},
}

// Placeholders reports the placeholder text of folio new left in published
// pages, at its line. src is the site folder, read only for the pages that
// have some, to find the line; nil reports the file without a line.
func Placeholders(idx *content.Index, src fs.FS) []*content.Error {
	var out []*content.Error
	for _, p := range pages(idx) {
		if !hasPlaceholder(p) {
			continue
		}
		found := false
		if src != nil {
			if data, err := fs.ReadFile(src, p.Path); err == nil {
				sc := bufio.NewScanner(bytes.NewReader(data))
				for line := 1; sc.Scan(); line++ {
					for _, ph := range placeholders {
						if strings.Contains(sc.Text(), ph.text) {
							out = append(out, placeholderError(p.Path, line, ph.text, ph.becomes))
							found = true
						}
					}
				}
			}
		}
		if !found {
			for _, ph := range placeholders {
				if pageHas(p, ph.text) {
					out = append(out, placeholderError(p.Path, 0, ph.text, ph.becomes))
				}
			}
		}
	}
	return out
}

func placeholderError(path string, line int, text, becomes string) *content.Error {
	return &content.Error{Path: path, Line: line, Err: fmt.Errorf("%q is folio new's placeholder: replace it, or %s", text, becomes)}
}

// hasPlaceholder reports whether any placeholder is in the page's text.
func hasPlaceholder(p *content.Page) bool {
	for _, ph := range placeholders {
		if pageHas(p, ph.text) {
			return true
		}
	}
	return false
}

// pageHas reports whether the page's summary, introduction, headings or
// task items contain s.
func pageHas(p *content.Page, s string) bool {
	if strings.Contains(p.Summary, s) {
		return true
	}
	for _, t := range p.Doc.Intro {
		if strings.Contains(t, s) {
			return true
		}
	}
	for _, h := range p.Doc.Headings {
		if strings.Contains(h.Text, s) {
			return true
		}
	}
	for _, t := range p.Doc.Tasks {
		if strings.Contains(t.Text, s) {
			return true
		}
	}
	return false
}

// Content reports what an article lacks or still has from folio new: the
// placeholder text (see Placeholders), no topics, no summary of its own.
func Content(idx *content.Index, src fs.FS) []*content.Error {
	out := Placeholders(idx, src)
	for _, a := range idx.Articles {
		if len(a.Topics) == 0 {
			out = append(out, &content.Error{Path: a.Path, Line: a.Line("topics"),
				Err: fmt.Errorf("no topics: readers and feeds find articles by topic, and the LinkedIn post makes its hashtags from them")})
		}
		if !ownSummary(a.Page) {
			out = append(out, &content.Error{Path: a.Path, Line: a.Line("summary"),
				Err: fmt.Errorf("no summary: search results, lists and feeds show the first paragraph cut at 200 characters; write one or two sentences in summary:")})
		}
	}
	content.SortErrors(out)
	return out
}

// ownSummary reports whether the page's summary was written for it, rather
// than made from its first paragraph (see content.NewPage).
func ownSummary(p *content.Page) bool {
	if p.Summary == "" {
		return false
	}
	return len(p.Doc.Intro) == 0 || p.Summary != content.Truncate(p.Doc.Intro[0], 200)
}

// pages returns the published articles and standalone pages.
func pages(idx *content.Index) []*content.Page {
	ps := make([]*content.Page, 0, len(idx.Articles)+len(idx.Pages))
	for _, a := range idx.Articles {
		ps = append(ps, a.Page)
	}
	return append(ps, idx.Pages...)
}
