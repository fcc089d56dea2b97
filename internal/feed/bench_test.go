package feed

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// benchContent is about 8 KB of article HTML with the mix a rendered
// article has: paragraphs, root-relative and external links, an image,
// a task list, entities and non-ASCII text.
func benchContent() string {
	const para = `<h2 id="s%d">%d. Clarify Your Team's Boundaries</h2>
<p>Notice how <a href="/articles/how-to-build-trust-%d/">your manager</a> quietly protects <strong>the clear roadmap</strong> &amp; when a peer feels “overloaded”, <a href="https://example.com/x">ask</a> or read <a href="/topics/delegation/">delegation</a>.</p>
<ul><li><input type="checkbox" checked disabled> Revisit the agenda</li><li><input type="checkbox" disabled> Name the risk</li></ul>
<p><img src="/img/p%d.png" srcset="/img/p%d.png 1x, /img/p%d@2x.png 2x" alt="Figure"> Ask yourself whether <em>the vague deadline</em> is honest or merely calm.</p>
`
	var b strings.Builder
	for i := 0; b.Len() < 8<<10; i++ {
		fmt.Fprintf(&b, para, i, i, i, i, i, i)
	}
	return b.String()
}

func benchFeed() Feed {
	f := testFeed()
	content := benchContent()
	f.Entries = make([]Entry, 20)
	for i := range f.Entries {
		u := fmt.Sprintf("https://peeplcoach.example/articles/article-%d/", i)
		f.Entries[i] = Entry{
			ID: u, URL: u, Title: fmt.Sprintf("Article %d: Trust & Delegation", i),
			Summary: trickySummary, ContentHTML: content,
			Published:  time.Date(2024, 1, 20-i, 7, 0, 0, 0, time.UTC),
			Categories: []string{"Trust", "Delegation"},
			Image:      u + "card.png",
		}
	}
	return f
}

func BenchmarkAtom(b *testing.B) {
	f := benchFeed()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Atom(f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSON(b *testing.B) {
	f := benchFeed()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := JSON(f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReaderHTML rewrites the content of one 8 KB entry.
func BenchmarkReaderHTML(b *testing.B) {
	html := benchContent()
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	for b.Loop() {
		ReaderHTML(html, "https://peeplcoach.example/articles/a/")
	}
}
