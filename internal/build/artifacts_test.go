package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peeplcoach/folio/internal/output"
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
	entries := func() int {
		n := 0
		filepath.WalkDir(filepath.Join(s.opts.CacheDir, "artifacts"), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".pdf") || strings.HasSuffix(p, ".png")) {
				n++
			}
			return nil
		})
		return n
	}
	s.mustBuild()
	if n := entries(); n != 2+3+0 { // two PDFs, three article cards (the site has its own image)
		t.Fatalf("cache holds %d artifacts, want 5", n)
	}
	pdf := s.file("articles/third/checklist-a4.pdf")
	s.b.Close()
	entry, _ := filepath.Glob(filepath.Join(s.opts.CacheDir, "artifacts", "*", "*.pdf"))
	if len(entry) != 2 {
		t.Fatalf("PDF entries: %v", entry)
	}
	before, _ := os.Stat(entry[0])
	s.mustBuild()
	if after, err := os.Stat(entry[0]); err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Error("a second build made artifacts again")
	}
	if s.file("articles/third/checklist-a4.pdf") != pdf {
		t.Error("the cached PDF differs from the one first made")
	}
	// A changed item makes new PDFs; the cards stay.
	s.fsys["content/articles/third.md"].Data = []byte(article("title: Third\ndate: 2025-03-10", "- [ ] Another item\n"))
	s.b.Close()
	s.mustBuild()
	if n := entries(); n != 5+2 {
		t.Errorf("after an edit the cache holds %d artifacts, want %d", n, 5+2)
	}
	if info, err := os.Stat(entry[0]); err != nil || info.Mode().Perm()&0o222 != 0 {
		t.Errorf("a cache entry is writable: %v %v", info.Mode(), err)
	}
}

// A published card is a hard link to a read-only cache entry: writing to it
// fails, but for root; and when root writes to it anyway, the next build
// finds the entry damaged (its inode changed, its checksum differs), makes
// it again and publishes the whole card (issue 8, case 5).
func TestWrittenPublishedFileIsMadeAgain(t *testing.T) {
	files := threeArticles()
	files["content/site.yaml"] = strings.Replace(testSiteYAML, "image:\n  src: /images/share.png\n  alt: The site's card\n", "", 1)
	dir := t.TempDir()
	src := newSite(t, files)
	build := func() string {
		b, err := New(src.fsys, Options{CacheDir: filepath.Join(dir, "cache"), Now: func() time.Time { return fixedNow }})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		out := filepath.Join(dir, "public")
		os.RemoveAll(out)
		os.Mkdir(out, 0o755)
		if _, err := b.Build(context.Background(), output.OpenFolder(out)); err != nil {
			t.Fatal(err)
		}
		return filepath.Join(out, "articles", "first", "card.png")
	}
	card := build()
	want, _ := os.ReadFile(card)
	if err := os.WriteFile(card, nil, 0o644); err != nil { // : > public/articles/first/card.png
		t.Logf("writing to the published card fails: %v", err) // not root: read-only
	}
	card = build()
	if got, _ := os.ReadFile(card); !bytes.Equal(got, want) || len(got) == 0 {
		t.Errorf("after truncating a published card, the next build publishes %d bytes, want %d", len(got), len(want))
	}
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

// folio serve makes checklist PDFs and cards when first asked for (or in the
// background), not before serving: pages show no size for them, and every
// artifact is served.
func TestServeMakesArtifactsLazily(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("title: Third\ndate: 2025-03-10", "- [ ] One item\n")
	s := withShareImage(newSite(t, files))
	s.opts.Serve, s.opts.CacheDir = true, filepath.Join(t.TempDir(), "cache")
	s.mustBuild()
	s.assertNoFile("articles/third/checklist-a4.pdf")
	s.assertFile("articles/third/index.html", `href="/articles/third/checklist-a4.pdf"`, "! KB)", "! bytes)")
	for _, u := range []string{"/articles/third/checklist-a4.pdf", "/articles/third/checklist-letter.pdf", "/articles/first/card.png"} {
		data, ok := s.b.ArtifactFile(u)
		if !ok || len(data) < 100 {
			t.Errorf("%s: %d bytes, %v", u, len(data), ok)
		}
	}
	if _, ok := s.b.ArtifactFile("/articles/second/checklist-a4.pdf"); ok {
		t.Error("an article without a checklist serves a PDF")
	}
}

// A second build with the cache kept converts no Markdown and renders no
// page, and makes the same bytes; after an edit to one article, it converts
// that article and renders its outputs alone.
func TestSecondBuildTakesEverythingFromTheCache(t *testing.T) {
	s := withShareImage(newSite(t, threeArticles()))
	s.opts.CacheDir = filepath.Join(t.TempDir(), "cache")
	s.mustBuild()
	first := s.out.files
	s.b.Close()
	s.mustBuild()
	if s.rep.Converted != 0 || s.rep.Rendered != 0 {
		t.Errorf("second build converted %d files and rendered %d pages, want none", s.rep.Converted, s.rep.Rendered)
	}
	if !sameFiles(first, s.out.files) {
		t.Error("the second build's output differs from the first's")
	}
	s.b.Close()
	s.fsys["content/articles/first.md"].Data = append(s.fsys["content/articles/first.md"].Data, "\nOne more line.\n"...)
	s.mustBuild()
	if s.rep.Converted != 1 || s.rep.Rendered != 1 {
		t.Errorf("after one edit the build converted %d files and rendered %d pages, want 1 and 1", s.rep.Converted, s.rep.Rendered)
	}
	s.assertFile("articles/first/index.html", "One more line.")
	sameAsFullBuild(t, s)
}
