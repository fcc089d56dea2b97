package content

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/peeplcoach/folio/internal/markdown"
)

// TestOtherGeneratorsKeys: a post moved in from Hugo or Jekyll keeps its
// taxonomy, summary, update date and authors (issue 9, case 13), with no
// unknown-key warnings for them.
func TestOtherGeneratorsKeys(t *testing.T) {
	p, probs := mustPage(t, "content/articles/a.md", `---
title: Moved in
date: 2019-05-03 09:02:02 +0200
lastmod: 2019-06-01
tags: [Go, Memory]
categories: programming performance
description: What the post is about.
author: [Ann, Bob]
lang: de
---
Body.
`)
	if len(probs.Errors)+len(probs.Warnings) > 0 {
		t.Fatalf("problems: %v %v", messages(probs.Errors), messages(probs.Warnings))
	}
	if got, want := p.TopicNames, []string{"Go", "Memory", "programming", "performance"}; !reflect.DeepEqual(got, want) {
		t.Errorf("topics = %q, want %q", got, want)
	}
	if p.Summary != "What the post is about." {
		t.Errorf("summary = %q", p.Summary)
	}
	if want := time.Date(2019, 5, 3, 7, 2, 2, 0, time.UTC); !p.Date.Equal(want) {
		t.Errorf("date = %v, want %v", p.Date, want)
	}
	if want := time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC); !p.Updated.Equal(want) {
		t.Errorf("updated = %v, want %v", p.Updated, want)
	}
	if !reflect.DeepEqual(p.Authors, []string{"Ann", "Bob"}) || p.Author != "Ann, Bob" {
		t.Errorf("authors = %q, author = %q", p.Authors, p.Author)
	}
	if p.Language != "de" {
		t.Errorf("language = %q, want de", p.Language)
	}
}

func TestOtherGeneratorsKeysProblems(t *testing.T) {
	tests := []struct {
		name, src string
		errors    []string
		warnings  []string
		check     func(t *testing.T, p *Page)
	}{
		{
			name:     "folio's own key wins",
			src:      "---\ntitle: A\ndate: 2025-01-01\nsummary: Mine.\ndescription: Theirs.\nupdated: 2025-02-01\nlastmod: 2025-03-01\n---\n",
			warnings: []string{`content/articles/a.md:5: description is ignored: summary is set, and folio uses one summary`, `content/articles/a.md:7: lastmod is ignored: updated is set`},
			check: func(t *testing.T, p *Page) {
				if p.Summary != "Mine." || p.Updated.Month() != 2 {
					t.Errorf("summary %q updated %v", p.Summary, p.Updated)
				}
			},
		},
		{
			name:  "author as a map",
			src:   "---\ntitle: A\ndate: 2025-01-01\nauthor:\n  name: Ann\n  email: ann@example.com\n---\n",
			check: func(t *testing.T, p *Page) { assertEqual(t, "author", p.Author, "Ann") },
		},
		{
			name:  "authors list",
			src:   "---\ntitle: A\ndate: 2025-01-01\nauthors: [Ann, Bob]\n---\n",
			check: func(t *testing.T, p *Page) { assertEqual(t, "author", p.Author, "Ann, Bob") },
		},
		{
			name:  "Jekyll's published: false is a draft",
			src:   "---\ntitle: A\ndate: 2025-01-01\npublished: false\n---\n",
			check: func(t *testing.T, p *Page) { assertEqual(t, "draft", p.Draft, true) },
		},
		{
			name:   "bad language",
			src:    "---\ntitle: A\ndate: 2025-01-01\nlanguage: English (UK)\n---\n",
			errors: []string{`content/articles/a.md:4: language "English (UK)" is not a language tag: write it as en, de, fr-CA, zh-Hant…`},
		},
		{
			name:  "excerpt is a summary",
			src:   "---\ntitle: A\ndate: 2025-01-01\nexcerpt: Short.\n---\nLong first paragraph.\n",
			check: func(t *testing.T, p *Page) { assertEqual(t, "summary", p.Summary, "Short.") },
		},
		{
			name:  "<!--more--> ends the summary",
			src:   "---\ntitle: A\ndate: 2025-01-01\n---\nFirst.\n\nSecond.\n\n<!--more-->\n\nRest.\n",
			check: func(t *testing.T, p *Page) { assertEqual(t, "summary", p.Summary, "First. Second.") },
		},
		{
			name:     "template calls are warnings",
			src:      "---\ntitle: A\ndate: 2025-01-01\n---\n{{< youtube abc >}}\n",
			warnings: []string{`content/articles/a.md:5: Hugo shortcode {{< youtube abc >}} is not run by folio and shows as text: rewrite it in Markdown, or put it in ` + "`backticks`" + ` to show it`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, probs := mustPage(t, "content/articles/a.md", tt.src)
			if got, want := strings.Join(messages(probs.Errors), "\n"), strings.Join(tt.errors, "\n"); got != want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, want)
			}
			if got, want := strings.Join(messages(probs.Warnings), "\n"), strings.Join(tt.warnings, "\n"); got != want {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
			}
			if tt.check != nil {
				tt.check(t, p)
			}
		})
	}
}

func assertEqual[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// TestSlugFromFileName: a file name that is not a slug gives the slug made
// from it, and "Café" typed in NFC or NFD gives one (issue 9, case 12).
func TestSlugFromFileName(t *testing.T) {
	for _, tt := range []struct{ path, slug string }{
		{"content/articles/My Post.md", "my-post"},
		{"content/articles/v1.2 Release Notes.markdown", "v1-2-release-notes"},
		{"content/articles/Caf\u00e9.md", "caf\u00e9"},
		{"content/articles/Cafe\u0301.md", "caf\u00e9"},
		{"content/articles/2019/Cafe\u0301/index.md", "caf\u00e9"},
	} {
		p, probs := mustPage(t, tt.path, "---\ntitle: A\ndate: 2025-01-01\n---\n")
		if len(probs.Errors) > 0 {
			t.Errorf("%s: %v", tt.path, messages(probs.Errors))
		}
		if p.Slug != tt.slug || p.URL != "/articles/"+tt.slug+"/" {
			t.Errorf("%s: slug %q URL %q, want %q", tt.path, p.Slug, p.URL, tt.slug)
		}
	}
	p, _ := mustPage(t, "content/articles/a.md", "---\ntitle: A\ndate: 2025-01-01\nslug: cafe\u0301\n---\n")
	if p.Slug != "caf\u00e9" {
		t.Errorf("slug: in NFD = %q, want the NFC slug", p.Slug)
	}
	_, probs := mustPage(t, "content/articles/!!!.md", "---\ntitle: A\ndate: 2025-01-01\n---\n")
	if got := messages(probs.Errors); len(got) != 1 || !strings.Contains(got[0], "no letter or digit") {
		t.Errorf("errors = %q", got)
	}
}

// TestReadingMinutesCJK: 6,846 Chinese characters read in 14 minutes, not
// "3 min" (issue 9, case 9); a mixed text counts words and characters.
func TestReadingMinutesCJK(t *testing.T) {
	tests := []struct {
		words, chars, want int
	}{
		{0, 6846, 14},
		{230, 0, 1},
		{231, 0, 2},
		{2300, 0, 10},
		{1150, 2500, 10}, // 5 minutes of each
		{0, 0, 1},
	}
	for _, tt := range tests {
		if got := readingMinutes(&markdown.Doc{Words: tt.words, Chars: tt.chars}); got != tt.want {
			t.Errorf("%d words, %d chars: %d minutes, want %d", tt.words, tt.chars, got, tt.want)
		}
	}
	text := strings.Repeat("信任不是给予的而是赢得的", 571)[:6846*3] // 6,846 characters
	p, _ := mustPage(t, "content/articles/a.md", "---\ntitle: 信任\ndate: 2025-01-01\n---\n"+text+"\n")
	if got := p.ReadingMinutes(); got != 14 {
		t.Errorf("6,846 Chinese characters: %d minutes, want 14 (%d words, %d chars)", got, p.Doc.Words, p.Doc.Chars)
	}
}
