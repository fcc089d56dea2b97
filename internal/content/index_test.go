package content

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/peeplcoach/folio/internal/markdown"
)

// article makes a page as NewPage would, for index tests.
func article(slug string, date string, topics []string, extra ...string) *Page {
	src := fmt.Sprintf("---\ntitle: %s\ndate: %s\ntopics: [%s]\n%s\n---\nBody.\n", slug, date, strings.Join(topics, ", "), strings.Join(extra, "\n"))
	doc, err := conv.Convert([]byte(src))
	if err != nil {
		panic(err)
	}
	p, probs := NewPage("content/articles/"+slug+".md", Place{Kind: KindArticle, Slug: slug}, doc)
	if len(probs.Errors) > 0 {
		panic(probs.Err())
	}
	return p
}

var testSite = &Site{Title: "T", BaseURL: "https://example.com", Related: 3}
var now = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

func slugs(as []*Article) string {
	var s []string
	for _, a := range as {
		s = append(s, a.Slug)
	}
	return strings.Join(s, " ")
}

func TestIndexDraftsAndFuture(t *testing.T) {
	pages := []*Page{
		article("old", "2024-01-01", nil),
		article("new", "2025-05-01", nil),
		article("draft", "2025-01-01", nil, "draft: true"),
		article("later", "2025-12-01", nil),
	}
	tests := []struct {
		opts IndexOptions
		want string
	}{
		{IndexOptions{Now: now}, "new old"},
		{IndexOptions{Now: now, Drafts: true}, "new draft old"},
		{IndexOptions{Now: now, Future: true}, "later new old"},
	}
	for _, tt := range tests {
		idx, probs := NewIndex(testSite, pages, tt.opts)
		if err := probs.Err(); err != nil {
			t.Fatal(err)
		}
		if got := slugs(idx.Articles); got != tt.want {
			t.Errorf("%+v: articles %q, want %q", tt.opts, got, tt.want)
		}
	}
	idx, _ := NewIndex(testSite, pages, IndexOptions{Now: now, Future: true})
	if !idx.Articles[0].Scheduled || idx.Articles[1].Scheduled {
		t.Errorf("Scheduled flags wrong: %v %v", idx.Articles[0].Scheduled, idx.Articles[1].Scheduled)
	}
}

func TestIndexTopics(t *testing.T) {
	pages := []*Page{
		article("a", "2025-01-01", []string{"Managing Up", "trust"}),
		article("b", "2025-02-01", []string{"managing-up", "one-on-ones"}),
		article("c", "2025-03-01", []string{"Managing Up"}),
	}
	idx, _ := NewIndex(testSite, pages, IndexOptions{Now: now})
	var got []string
	for _, tp := range idx.Topics {
		got = append(got, fmt.Sprintf("%s=%s(%s)", tp.Slug, tp.Name, slugs(tp.Articles)))
	}
	want := "managing-up=Managing Up(c b a) one-on-ones=One on ones(b) trust=Trust(a)"
	if strings.Join(got, " ") != want {
		t.Errorf("topics = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestIndexSeries(t *testing.T) {
	pages := []*Page{
		article("two", "2025-01-01", nil, "series: Leading Up", "series_order: 2"),
		article("one", "2025-02-01", nil, "series: Leading Up", "series_order: 1"),
		article("extra", "2024-01-01", nil, "series: leading-up"),
	}
	idx, probs := NewIndex(testSite, pages, IndexOptions{Now: now})
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	s := idx.Series[0]
	if s.Name != "Leading Up" || s.URL != "/series/leading-up/" || slugs(s.Articles) != "one two extra" {
		t.Fatalf("series = %s %s %q", s.Name, s.URL, slugs(s.Articles))
	}
	two := s.Articles[1]
	if two.Part != 2 || two.Prev.Slug != "one" || two.Next.Slug != "extra" {
		t.Errorf("part %d prev %v next %v", two.Part, two.Prev.Slug, two.Next.Slug)
	}

	pages = append(pages, article("dup", "2025-03-01", nil, "series: Leading Up", "series_order: 2"))
	_, probs = NewIndex(testSite, pages, IndexOptions{Now: now})
	if got, want := fmt.Sprint(probs.Err()), `content/articles/dup.md:6: series_order 2 in series "Leading Up" is also used by content/articles/two.md: give each part its own number`; got != want {
		t.Errorf("err = %s\nwant %s", got, want)
	}
}

func TestIndexCollisionsAndRedirects(t *testing.T) {
	pages := []*Page{
		article("a", "2025-01-01", nil, "aliases: [/old-a/, /articles/b/]"),
		article("b", "2025-01-02", nil, "aliases: [/old-a/]"),
		article("c", "2025-01-03", nil, "slug: a"),
	}
	idx, probs := NewIndex(testSite, pages, IndexOptions{Now: now})
	want := []string{
		"content/articles/a.md:5: alias /articles/b/ is the URL of content/articles/b.md: an alias must be an old URL that no longer exists",
		"content/articles/a.md:5: alias /old-a/ is also claimed by content/articles/b.md",
		"content/articles/c.md:5: URL /articles/a/ is already used by content/articles/a.md: give one of them another slug",
	}
	SortErrors(probs.Errors)
	if got := strings.Join(messages(probs.Errors), "\n"); got != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if len(idx.Redirects) != 1 || idx.Redirects[0] != (Redirect{From: "/old-a/", To: "/articles/b/", Path: "content/articles/b.md"}) {
		t.Errorf("redirects = %+v", idx.Redirects)
	}
}

func TestIndexRelated(t *testing.T) {
	pages := []*Page{
		article("base", "2025-01-01", []string{"trust", "feedback"}),
		article("both-old", "2024-01-01", []string{"trust", "feedback"}),
		article("trust-new", "2025-04-01", []string{"trust"}),
		article("trust-old", "2023-01-01", []string{"trust"}),
		article("other-newest", "2025-05-01", []string{"hiring"}),
	}
	idx, _ := NewIndex(testSite, pages, IndexOptions{Now: now})
	related := map[string]string{}
	for _, a := range idx.Articles {
		related[a.Slug] = slugs(a.Related)
	}
	if got, want := related["base"], "both-old trust-new trust-old"; got != want {
		t.Errorf("related(base) = %q, want %q", got, want)
	}
	// Nothing shared: fill with the newest.
	if got, want := related["other-newest"], "trust-new base both-old"; got != want {
		t.Errorf("related(other-newest) = %q, want %q", got, want)
	}
}

func BenchmarkIndex10k(b *testing.B) {
	topics := []string{"trust", "delegation", "feedback", "micromanagement", "accountability", "communication", "conflict", "motivation", "burnout", "hiring", "onboarding", "one-on-ones", "psychological-safety", "decision-making", "strategy", "influence", "managing-up", "remote-teams", "performance-reviews", "career-growth", "culture", "emotional-intelligence", "time-management", "coaching"}
	var pages []*Page
	for i := range 10000 {
		p := &Page{Kind: KindArticle, Path: fmt.Sprintf("content/articles/a%05d.md", i), Slug: fmt.Sprintf("a%05d", i), Title: "T", Doc: &markdown.Doc{},
			Date:       time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i*7919%50000) * time.Hour),
			TopicNames: []string{topics[i%24], topics[(i*7)%24], topics[(i*13+5)%24]}}
		if i%3 > 0 {
			p.SeriesName = fmt.Sprintf("Series %d", i%6)
		}
		p.URL = "/articles/" + p.Slug + "/"
		pages = append(pages, p)
	}
	for b.Loop() {
		NewIndex(testSite, pages, IndexOptions{Now: now})
	}
}
