package content

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/slug"
)

// FuzzFrontMatter reads any front matter into a page: it must never panic,
// every problem must name the file and a line of it, and a page without
// errors must be within the limits: a title of at most MaxTitle characters,
// at most MaxTopics topics with visible names, a date from MinYear to
// MaxYear, aliases that are site paths. The seed corpus runs in go test;
// fuzz it with
//
//	go test -fuzz FuzzFrontMatter -run '^$' ./internal/content/
func FuzzFrontMatter(f *testing.F) {
	for _, fm := range []string{
		"title: A\ndate: 2025-03-01",
		"title: \"7 Tips\"\ndate: 2025-03-01T09:30:00Z\nupdated: 2025-04-01\ntopics: [Trust, Managing Up]\nseries: Leading\nseries_order: 2\naliases: [/old/, \"2025/03/x\"]\nimage: a.png\nimage_alt: A\ndraft: true\nslug: seven-tips",
		"title: A\ndate: 0001-01-01",
		"title: A\ntitle: B\ndate: 2025-01-01",
		"title: A\ndate: 2025-01-01\ntopics: [\"C++\", \"Tr\u200bust\", \"\u202eevil\"]",
		"title: A\ndate: 2025-01-01\naliases: [\"/x\\n/y /z 200\", \"/*\", \"//evil.com\", \"/../etc\"]",
		"title: A\ndate: 2025-01-01\nchecklist:\n  title: C\n  items:\n    - heading: H\n      items: [a, b]\n    - plain\nlinkedin:\n  hook: Hook\n  hashtags: [a, b]",
		"title: [1, 2]\ndate: {a: b}\ntopics: 3\nseries_order: -1",
		"title: A\ndate: 2025-01-01\nslug: Not A Slug",
	} {
		f.Add(fm, "Body with a [link](/x/).\n\n- [ ] a task\n")
	}
	f.Fuzz(func(t *testing.T, fm, body string) {
		src := "---\n" + fm + "\n---\n" + body
		doc, err := conv.Convert([]byte(src))
		if err != nil {
			var e *markdown.Error
			if !errors.As(err, &e) || e.Line < 1 {
				t.Fatalf("Convert error %v is not an *Error at a line", err)
			}
			return
		}
		const path = "content/articles/fuzzed.md"
		p, probs := NewPage(path, Place{Kind: KindArticle, Slug: "fuzzed"}, doc)
		lines := strings.Count(src, "\n") + 1
		for _, e := range append(probs.Errors, probs.Warnings...) {
			if e.Path != path || e.Line < 1 || e.Line > lines {
				t.Fatalf("problem not at a line of the file: %v", e)
			}
		}
		if len(probs.Errors) > 0 {
			return
		}
		if n := utf8.RuneCountInString(p.Title); n > MaxTitle || n == 0 {
			t.Fatalf("title of %d characters accepted", n)
		}
		if len(p.TopicNames) > MaxTopics {
			t.Fatalf("%d topics accepted", len(p.TopicNames))
		}
		for _, name := range append([]string{p.SeriesName}, p.TopicNames...) {
			if name != visible(name) {
				t.Fatalf("name %q keeps invisible characters", name)
			}
		}
		if y := p.Date.Year(); y < MinYear || y > MaxYear {
			t.Fatalf("date %v accepted", p.Date)
		}
		for _, a := range p.Aliases {
			if got, err := checkAlias(a); err != nil || got != a {
				t.Fatalf("alias %q accepted: %v", a, err)
			}
		}
		if !slug.Valid(p.Slug) {
			t.Fatalf("slug %q accepted", p.Slug)
		}
	})
}
