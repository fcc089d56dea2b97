package content

import (
	"strings"
	"testing"
	"time"

	"github.com/peeplcoach/folio/internal/markdown"
)

var conv = markdown.New(markdown.Options{})

func mustPage(t *testing.T, path, src string) (*Page, Problems) {
	t.Helper()
	place, ok := Locate(path)
	if !ok {
		t.Fatalf("Locate(%q) not a page", path)
	}
	doc, err := conv.Convert([]byte(src))
	if err != nil {
		t.Fatalf("Convert: %v", err)
	}
	return NewPage(path, place, doc)
}

func messages(errs []*Error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestNewPageValid(t *testing.T) {
	p, probs := mustPage(t, "content/articles/trust.md", `---
title: "7 Tips to Get Your Manager to Trust You"
date: 2025-03-01
updated: 2025-04-02T10:00:00+02:00
topics: [Trust, Managing Up]
series: Universal Leadership Challenges
series_order: 1
aliases: [/old/trust, "/2025/03/trust/"]
image: /images/trust.png
image_alt: Two people talking
---
Intro paragraph.
`)
	if len(probs.Errors)+len(probs.Warnings) > 0 {
		t.Fatalf("problems: %v %v", messages(probs.Errors), messages(probs.Warnings))
	}
	if p.URL != "/articles/trust/" || p.Slug != "trust" || p.Kind != KindArticle {
		t.Errorf("got URL %q slug %q kind %v", p.URL, p.Slug, p.Kind)
	}
	if want := time.Date(2025, 4, 2, 8, 0, 0, 0, time.UTC); !p.Updated.Equal(want) {
		t.Errorf("Updated = %v, want %v", p.Updated, want)
	}
	if got := strings.Join(p.Aliases, " "); got != "/old/trust /2025/03/trust/" {
		t.Errorf("Aliases = %q", got)
	}
	if p.Summary != "Intro paragraph." {
		t.Errorf("Summary = %q, want the first paragraph", p.Summary)
	}
}

func TestNewPageProblems(t *testing.T) {
	tests := []struct {
		name, path, src string
		errors          []string
		warnings        []string
	}{
		{
			name:     "unknown key suggests the nearest",
			path:     "content/articles/a.md",
			src:      "---\ntitle: A\ndate: 2025-01-01\ntpoics: [x]\n---\n",
			warnings: []string{`content/articles/a.md:4: unknown key "tpoics" (did you mean "topics"?)`},
		},
		{
			name:   "missing title and date",
			path:   "content/articles/a.md",
			src:    "---\nsummary: s\n---\n",
			errors: []string{"content/articles/a.md:1: date is required (write it as 2025-03-01)", "content/articles/a.md:1: title is required"},
		},
		{
			name:   "bad date",
			path:   "content/articles/a.md",
			src:    "---\ntitle: A\ndate: March 1st\n---\n",
			errors: []string{`content/articles/a.md:3: date "March 1st" is not a date: write it as 2025-03-01, 2025-03-01 09:30:00 +0200 or 2025-03-01T09:30:00Z`},
		},
		{
			name:   "date out of range",
			path:   "content/articles/a.md",
			src:    "---\ntitle: A\ndate: 2019-02-30 10:00:00 +0200\n---\n",
			errors: []string{`content/articles/a.md:3: date "2019-02-30 10:00:00 +0200" is not a date (day out of range): write it as 2025-03-01, 2025-03-01 09:30:00 +0200 or 2025-03-01T09:30:00Z`},
		},
		{
			name:   "wrong types",
			path:   "content/articles/a.md",
			src:    "---\ntitle: A\ndate: 2025-01-01\ndraft: maybe\nseries_order: first\ntopics: {a: b}\n---\n",
			errors: []string{`content/articles/a.md:4: draft must be true or false, not the text "maybe"`, `content/articles/a.md:5: series_order must be a whole number, not the text "first"`, `content/articles/a.md:6: topics must be a list, not a map of keys`},
		},
		{
			name:   "bad slug",
			path:   "content/articles/a.md",
			src:    "---\ntitle: A\ndate: 2025-01-01\nslug: My Post\n---\n",
			errors: []string{`content/articles/a.md:4: slug "My Post" must be lower-case letters, digits and single hyphens (try "my-post")`},
		},
		{
			name:   "bad checklist",
			path:   "content/articles/a.md",
			src:    "---\ntitle: A\ndate: 2025-01-01\nchecklist:\n  title: T\n  itmes: [x]\n---\n",
			errors: []string{`content/articles/a.md:6: unknown key "checklist.itmes" (did you mean "checklist.items"?)`},
		},
		{
			name:   "reserved page name",
			path:   "content/topics.md",
			src:    "---\ntitle: T\n---\n",
			errors: []string{`content/topics.md:1: the page name "topics" is used by folio itself: choose another file name or slug`},
		},
		{
			name:   "no front matter",
			path:   "content/about.md",
			src:    "Hello\n",
			errors: []string{"content/about.md:1: no front matter: start the file with ---, then title: and date:, then ---", "content/about.md:1: title is required"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := mustPage(t, tt.path, tt.src)
			if got, want := strings.Join(messages(probs.Errors), "\n"), strings.Join(tt.errors, "\n"); got != want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, want)
			}
			if got, want := strings.Join(messages(probs.Warnings), "\n"), strings.Join(tt.warnings, "\n"); got != want {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestLocate(t *testing.T) {
	tests := []struct {
		path string
		want Place
		ok   bool
	}{
		{"content/articles/a.md", Place{Kind: KindArticle, Slug: "a"}, true},
		{"content/articles/a/index.md", Place{Kind: KindArticle, Slug: "a", Bundle: "content/articles/a"}, true},
		{"content/about.md", Place{Kind: KindPage, Slug: "about"}, true},
		{"content/about/index.md", Place{Kind: KindPage, Slug: "about", Bundle: "content/about"}, true},
		{"content/articles/a.markdown", Place{Kind: KindArticle, Slug: "a"}, true},
		{"content/articles/a.MD", Place{Kind: KindArticle, Slug: "a"}, true},
		{"content/about.mdown", Place{Kind: KindPage, Slug: "about"}, true},
		// folders of any depth under articles/: the file or bundle names the article
		{"content/articles/2019/05/x.md", Place{Kind: KindArticle, Slug: "x"}, true},
		{"content/articles/2019/05/x/index.markdown", Place{Kind: KindArticle, Slug: "x", Bundle: "content/articles/2019/05/x"}, true},
		// a file beside a bundle's index.md is placed as an article by its
		// path; InsideBundles then takes it back into its bundle
		{"content/articles/a/notes.md", Place{Kind: KindArticle, Slug: "notes"}, true},
		{"content/articles/a/photo.jpg", Place{}, false},
		{"content/articles/index.md", Place{}, false},
		{"content/articles/_index.md", Place{}, false},
		{"content/articles/2019/_index.md", Place{}, false},
		{"content/posts/x.md", Place{}, false},
		{"content/docs/x.md", Place{}, false},
		{"content/about.txt", Place{}, false},
		{"content/site.yaml", Place{}, false},
	}
	for _, tt := range tests {
		got, ok := Locate(tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Locate(%q) = %+v, %v; want %+v, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"Trust starts with clarity, always.", 20, "Trust starts with…"},
		{"Überlänge", 5, "Über…"},
	}
	for _, tt := range tests {
		if got := Truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestParseSite(t *testing.T) {
	s, probs := ParseSite(conv, []byte("title: Insights\nbase_url: https://example.com/\nper_page: 5\nauthor:\n  name: Ann\n  nmae: x\n"))
	if got, want := strings.Join(messages(probs.Errors), "\n"), `content/site.yaml:6: unknown key "author.nmae" (did you mean "author.name"?)`; got != want {
		t.Errorf("errors = %q, want %q", got, want)
	}
	if s.BaseURL != "https://example.com" || s.PerPage != 5 || s.Language != "en" || s.Author.Name != "Ann" {
		t.Errorf("site = %+v", s)
	}
	_, probs = ParseSite(conv, []byte("title: x\nbase_url: example.com\n"))
	if len(probs.Errors) != 1 || probs.Errors[0].Line != 2 {
		t.Errorf("relative base_url: errors = %v", messages(probs.Errors))
	}
}
