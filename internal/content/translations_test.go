package content

import (
	"strings"
	"testing"
)

// TestTranslations links an article with its translations both ways, and
// keeps related articles in each one's language (issue 9, case 11).
func TestTranslations(t *testing.T) {
	site := &Site{Title: "T", BaseURL: "https://example.com", Language: "en", Related: 3}
	pages := []*Page{
		article("trust", "2025-01-01", []string{"Trust"}),
		article("vertrauen", "2025-01-02", []string{"Trust"}, "language: de", "translation_of: trust"),
		article("confiance", "2025-01-03", []string{"Trust"}, "language: fr", "translation_of: /articles/vertrauen/"),
		article("other", "2025-01-04", []string{"Trust"}),
		article("andere", "2025-01-05", []string{"Trust"}, "language: de"),
	}
	idx, probs := NewIndex(site, pages, IndexOptions{Now: now})
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	langs := func(p *Page) string {
		var s []string
		for _, tr := range idx.Translations(p) {
			s = append(s, tr.Lang+"="+tr.Page.Slug)
		}
		return strings.Join(s, " ")
	}
	for _, tt := range []struct{ page, want string }{
		{"trust", "de=vertrauen fr=confiance"},
		{"vertrauen", "en=trust fr=confiance"},
		{"confiance", "de=vertrauen en=trust"},
		{"other", ""},
	} {
		p := idx.ByURL["/articles/"+tt.page+"/"]
		if got := langs(p); got != tt.want {
			t.Errorf("translations of %s = %q, want %q", tt.page, got, tt.want)
		}
	}
	if got := idx.Language(idx.ByURL["/articles/trust/"]); got != "en" {
		t.Errorf("language of trust = %q, want the site's, en", got)
	}
	related := func(slug string) string { return slugs(idx.Article("/articles/" + slug + "/").Related) }
	if got := related("trust"); got != "other" {
		t.Errorf("related to trust = %q, want only the English article", got)
	}
	if got := related("vertrauen"); got != "andere" {
		t.Errorf("related to vertrauen = %q, want only the German article", got)
	}
}

func TestTranslationErrors(t *testing.T) {
	site := &Site{Title: "T", BaseURL: "https://example.com", Language: "en"}
	tests := []struct {
		name  string
		pages []*Page
		want  string
	}{
		{"no such original", []*Page{
			article("a", "2025-01-01", nil, "language: de", "translation_of: nowhere"),
		}, `content/articles/a.md:6: translation_of "nowhere": no article or page has that slug or path`},
		{"same language as the original", []*Page{
			article("a", "2025-01-01", nil),
			article("b", "2025-01-01", nil, "translation_of: a"),
		}, `content/articles/b.md:5: this translation of content/articles/a.md is in en, as is the original: set its language:`},
		{"two translations in one language", []*Page{
			article("a", "2025-01-01", nil),
			article("b", "2025-01-01", nil, "language: de", "translation_of: a"),
			article("c", "2025-01-01", nil, "language: de", "translation_of: a"),
		}, `content/articles/c.md:6: this translation of content/articles/a.md is in de, as is content/articles/b.md: give each translation its own language:`},
		{"a loop", []*Page{
			article("a", "2025-01-01", nil, "language: de", "translation_of: b"),
			article("b", "2025-01-01", nil, "translation_of: a"),
		}, `content/articles/a.md:6: translation_of "b" leads back to this page: name the original, which has no translation_of` + "\n" + `content/articles/b.md:5: translation_of "a" leads back to this page: name the original, which has no translation_of`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := NewIndex(site, tt.pages, IndexOptions{Now: now})
			if got := strings.Join(messages(probs.Errors), "\n"); got != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
	// A translation of a draft is no error: it is linked once the draft is out.
	pages := []*Page{article("a", "2025-01-01", nil, "draft: true"), article("b", "2025-01-01", nil, "language: de", "translation_of: a")}
	idx, probs := NewIndex(site, pages, IndexOptions{Now: now})
	if err := probs.Err(); err != nil || len(idx.Translations(idx.ByURL["/articles/b/"])) != 0 {
		t.Errorf("translation of a draft: %v, %v", err, idx.Translations(idx.ByURL["/articles/b/"]))
	}
}
