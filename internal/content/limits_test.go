package content

import (
	"fmt"
	"strings"
	"testing"
)

func TestPageLimits(t *testing.T) {
	many := func(n int) string {
		var items []string
		for i := range n {
			items = append(items, fmt.Sprintf("topic %d", i))
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	tests := []struct {
		name, front, want string
	}{
		{"a title too long", "title: " + strings.Repeat("Word ", 100) + "\ndate: 2025-01-01", "content/articles/a.md:2: the title is 499 characters long, more than 300"},
		{"too many topics", "title: A\ndate: 2025-01-01\ntopics: " + many(10000), "content/articles/a.md:4: 10000 topics, more than 25"},
		{"a topic name too long", "title: A\ndate: 2025-01-01\ntopics: [" + strings.Repeat("x", 101) + "]", "content/articles/a.md:4: topic"},
		{"a series name too long", "title: A\ndate: 2025-01-01\nseries: " + strings.Repeat("x", 101), "content/articles/a.md:4: the series name is 101 characters long"},
		{"year 0001", "title: A\ndate: 0001-01-01", "content/articles/a.md:3: date is in the year 0001: folio takes dates from 1900 to 2200"},
		{"year 0000", "title: A\ndate: 0000-01-01", "content/articles/a.md:3: date is in the year 0000"},
		{"year 9999 updated", "title: A\ndate: 2025-01-01\nupdated: \"9999-12-31\"", "content/articles/a.md:4: updated is in the year 9999"},
		{"too many aliases", "title: A\ndate: 2025-01-01\naliases: [" + strings.TrimSuffix(strings.Repeat("/a/,", 51), ",") + "]", "content/articles/a.md:4: 51 aliases, more than 50"},
	}
	for _, tt := range tests {
		_, probs := mustPage(t, "content/articles/a.md", "---\n"+tt.front+"\n---\nBody.\n")
		if got := strings.Join(messages(probs.Errors), "\n"); !strings.Contains(got, tt.want) {
			t.Errorf("%s: errors\n%s\nwant %q", tt.name, got, tt.want)
		}
	}
	// At the limits, no error.
	_, probs := mustPage(t, "content/articles/a.md", "---\ntitle: "+strings.Repeat("x", 300)+"\ndate: 1900-01-01\nupdated: 2200-12-31\ntopics: "+many(25)+"\n---\nBody.\n")
	if len(probs.Errors) > 0 {
		t.Errorf("at the limits: %v", messages(probs.Errors))
	}
}

func TestAliasesAreSitePaths(t *testing.T) {
	for _, bad := range []string{
		"/x\n/y /z 200", "/x\r\n/evil 200!", "/*", "/old/*", "/:slug/", "/../../etc", "/a/../b", "//evil.com", "/a//b",
		"/a!b", "https://evil.example/", "/a\tb", "/a\u200bb", "/a\u202eb", "/%0a/evil", "/%2e%2e/etc", "/a%2fb", "/%zz", "/a b", "/a?b", "/a#b", "/",
	} {
		if got, err := checkAlias(bad); err == nil {
			t.Errorf("checkAlias(%q) = %q, want an error", bad, got)
		}
	}
	for in, want := range map[string]string{
		"/old/trust":       "/old/trust",
		"2025/03/trust/":   "/2025/03/trust/",
		"/über-uns/":       "/über-uns/",
		"/caf%C3%A9/":      "/caf%C3%A9/",
		"/a.b/index.html":  "/a.b/index.html",
		"  /spaced-out/  ": "/spaced-out/",
	} {
		if got, err := checkAlias(in); err != nil || got != want {
			t.Errorf("checkAlias(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestInvisibleCharactersLeaveNames(t *testing.T) {
	p, probs := mustPage(t, "content/articles/a.md", "---\ntitle: A\ndate: 2025-01-01\ntopics: [\"Tr\u200bust\", \"\u202eManaging Up\", \"\u200b\"]\nseries: \"Lead\u200dership \u2066One\u2069\"\n---\nBody.\n")
	if len(probs.Errors) > 0 {
		t.Fatal(messages(probs.Errors))
	}
	if got := strings.Join(p.TopicNames, "|"); got != "Trust|Managing Up" {
		t.Errorf("topics = %q", got)
	}
	if p.SeriesName != "Leadership One" {
		t.Errorf("series = %q", p.SeriesName)
	}
}

func TestTopicsThatCollideAfterSlugging(t *testing.T) {
	pages := []*Page{
		article("a", "2025-01-01", []string{`"C++"`, "Managing Up"}),
		article("b", "2025-01-02", []string{"C", "managing-up", "MANAGING_UP"}),
		article("c", "2025-01-03", nil, "series: Leading Up"),
		article("d", "2025-01-04", nil, "series: Leading Up!"),
	}
	_, probs := NewIndex(testSite, pages, IndexOptions{Now: now})
	want := []string{
		`content/articles/b.md:4: topic "C" and topic "C++" (in content/articles/a.md) both make the URL /topics/c/: spell them the same, or rename one`,
		`content/articles/d.md:5: series "Leading Up!" and series "Leading Up" (in content/articles/c.md) both make the URL /series/leading-up/: spell them the same, or rename one`,
	}
	SortErrors(probs.Errors)
	if got := strings.Join(messages(probs.Errors), "\n"); got != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

func TestSiteSizeLimit(t *testing.T) {
	idx := &Index{Articles: make([]*Article, MaxPages), Pages: make([]*Page, 1)}
	var probs Problems
	checkSize(idx, &probs)
	if got := strings.Join(messages(probs.Errors), ""); !strings.Contains(got, "content: the site has 100001 pages") {
		t.Errorf("errors: %q", got)
	}
}

func TestSiteLimits(t *testing.T) {
	_, probs := ParseSite(conv, []byte("title: T\nbase_url: https://example.com\ndescription: "+strings.Repeat("x", 501)+"\n"))
	if got := strings.Join(messages(probs.Errors), "\n"); got != "content/site.yaml:3: the description is 501 characters long, more than 500" {
		t.Errorf("errors: %q", got)
	}
}
