package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestChecklistPagesAndPDFs(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("title: Third\ndate: 2025-03-10\ntopics: [Hiring]", "Intro.\n\n## Before the meeting\n\n- [ ] Write the agenda\n- [ ] Book a room\n\n## After\n\n- [ ] Send “notes” — today\n")
	s := withShareImage(newSite(t, files)).mustBuild()

	s.assertFile("articles/third/checklist/index.html",
		"<h1>Checklist: Third</h1>", "Before the meeting", "Write the agenda", "Send “notes” — today",
		"https://notes.example.com/articles/third/")
	for _, p := range []string{"articles/third/checklist-a4.pdf", "articles/third/checklist-letter.pdf"} {
		if data := s.file(p); !strings.HasPrefix(data, "%PDF-") {
			t.Errorf("%s is not a PDF", p)
		}
	}
	a4 := len(s.file("articles/third/checklist-a4.pdf"))
	s.assertFile("articles/third/index.html",
		`href="/articles/third/checklist/"`, `href="/articles/third/checklist-a4.pdf"`, `href="/articles/third/checklist-letter.pdf"`,
		fmt.Sprintf("(%d KB)", (a4+512)/1024))
	// Articles without task items get no checklist, no box, no files.
	s.assertNoFile("articles/second/checklist/index.html")
	s.assertNoFile("articles/second/checklist-a4.pdf")
	s.assertFile("articles/second/index.html", "! checklist-a4.pdf", "! /checklist/")
	s.assertFile("checklists/index.html", `href="/articles/third/checklist/"`, "! /articles/second/checklist/")
	s.assertFile("sitemap.xml", "https://notes.example.com/articles/third/checklist/", "https://notes.example.com/checklists/")
	s.assertFile("feed.xml", "! checklist")
}

func TestCachedArtifactsAreNotMadeAgain(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("title: Third\ndate: 2025-03-10", "- [ ] One item\n")
	s := withShareImage(newSite(t, files))
	s.opts.CacheDir = filepath.Join(t.TempDir(), "cache")
	s.mustBuild()
	first := cacheEntries(t, s.opts.CacheDir)
	if len(first) != 2+3+0 { // two PDFs, three article cards (the site has its own image)
		t.Fatalf("cache holds %d entries, want 5: %v", len(first), first)
	}
	pdf := s.file("articles/third/checklist-a4.pdf")
	s.mustBuild()
	second := cacheEntries(t, s.opts.CacheDir)
	for p, mod := range first {
		if !second[p].Equal(mod) {
			t.Errorf("%s was written again", p)
		}
	}
	if s.file("articles/third/checklist-a4.pdf") != pdf {
		t.Error("the cached PDF differs from the one first made")
	}
	// A changed item makes new PDFs; the cards stay.
	s.fsys["content/articles/third.md"].Data = []byte(article("title: Third\ndate: 2025-03-10", "- [ ] Another item\n"))
	s.mustBuild()
	if third := cacheEntries(t, s.opts.CacheDir); len(third) != len(first)+2 {
		t.Errorf("after an edit the cache holds %d entries, want %d", len(third), len(first)+2)
	}
}

func cacheEntries(t *testing.T, dir string) map[string]time.Time {
	entries := map[string]time.Time{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			info, _ := d.Info()
			entries[p] = info.ModTime()
		}
		return nil
	})
	return entries
}

func TestShareCardsAndLinkedInFeed(t *testing.T) {
	files := threeArticles()
	files["content/site.yaml"] = strings.Replace(testSiteYAML, "image:\n  src: /images/share.png\n  alt: The site's card\n", "", 1)
	files["content/articles/second.md"] = article("title: Second\ndate: 2025-02-10\nlinkedin:\n  hook: \"A hook of our own.\"\n  hashtags: [Leadership]", "Body.")
	s := newSite(t, files).mustBuild()
	card := s.file("articles/first/card.png")
	if !bytes.HasPrefix([]byte(card), []byte("\x89PNG")) {
		t.Fatal("card.png is not a PNG")
	}
	s.file("card.png") // the site's own card, for lists
	s.assertFile("index.html", `<meta property="og:image" content="https://notes.example.com/card.png">`)
	s.assertFile("feeds/linkedin.xml",
		"<title>Second</title>",
		"utm_source=linkedin&amp;utm_medium=social&amp;utm_campaign=second",
		"A hook of our own.",
		"<category>Leadership</category>",
		`url="https://notes.example.com/articles/second/card.png"`,
		fmt.Sprintf(`length="%d"`, len(s.file("articles/second/card.png"))),
	)
	s.assertFile("feeds/linkedin.json", `https://jsonfeed.org/version/1.1`, `utm_campaign=second`)

	files["content/articles/second.md"] = article("title: Second\ndate: 2025-02-10\nlinkedin:\n  hook: \""+strings.Repeat("Far too long. ", 12)+"\"", "Body.")
	s = newSite(t, files).build()
	if s.err == nil || !strings.Contains(s.err.Error(), "content/articles/second.md:5: linkedin.hook: ") {
		t.Errorf("a hook over 140 characters: err = %v", s.err)
	}
}
