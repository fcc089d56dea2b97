package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peeplcoach/folio/internal/output"
)

// sameAsFullBuild checks that the output of a site rebuilt step by step is
// byte for byte the output of a fresh build of the same files.
func sameAsFullBuild(t *testing.T, s *site) {
	t.Helper()
	fresh := newSite(t, nil)
	fresh.fsys, fresh.opts = s.fsys, s.opts
	fresh.opts.CacheDir = "" // nothing from the cache: the oracle makes everything
	fresh.mustBuild()
	for p, want := range fresh.out.files {
		got, ok := s.out.files[p]
		if !ok {
			t.Errorf("rebuilt output lacks %s", p)
		} else if !bytes.Equal(got, want) {
			t.Errorf("rebuilt %s differs from a fresh build", p)
		}
	}
	for p := range s.out.files {
		if _, ok := fresh.out.files[p]; !ok {
			t.Errorf("rebuilt output keeps %s, which a fresh build does not make", p)
		}
	}
}

func TestRebuildBodyEditRendersOnlyItsPage(t *testing.T) {
	files := threeArticles()
	s := withShareImage(newSite(t, files))
	s.opts.Serve = true
	s.mustBuild()
	total := s.rep.Pages

	first := strings.Replace(files["content/articles/first.md"], "Intro of the first.", "Intro of the first, edited.", 1)
	s.edit(map[string]string{"content/articles/first.md": first})
	if s.err != nil {
		t.Fatal(s.err)
	}
	if s.rep.Rendered != 1 {
		t.Errorf("a body edit rendered %d of %d pages, want 1", s.rep.Rendered, total)
	}
	s.assertFile("articles/first/index.html", "Intro of the first, edited.")
	s.assertFile("feed.xml", "Intro of the first, edited.")
	if !contains(s.rep.Changed, "/articles/first/") || contains(s.rep.Changed, "/") {
		t.Errorf("changed = %v, want the article and not the home page", s.rep.Changed)
	}
	sameAsFullBuild(t, s)
}

func TestRebuildTitleEditUpdatesLists(t *testing.T) {
	files := threeArticles()
	s := withShareImage(newSite(t, files))
	s.mustBuild()
	third := strings.Replace(files["content/articles/third.md"], "title: Third", "title: Third, renamed", 1)
	s.edit(map[string]string{"content/articles/third.md": third})
	if s.err != nil {
		t.Fatal(s.err)
	}
	s.assertFile("index.html", "Third, renamed")
	s.assertFile("topics/hiring/index.html", "Third, renamed")
	s.assertFile("articles/first/index.html", "Third, renamed") // in its related articles
	if s.rep.Rendered >= s.rep.Pages {
		t.Errorf("a title edit rendered all %d pages", s.rep.Rendered)
	}
	sameAsFullBuild(t, s)
}

func TestRebuildChecklistEdit(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("title: Third\ndate: 2025-03-10", "- [ ] Write the agenda\n")
	s := withShareImage(newSite(t, files))
	s.mustBuild()
	s.edit(map[string]string{"content/articles/third.md": article("title: Third\ndate: 2025-03-10", "- [ ] Write the agenda\n- [ ] Book a room\n")})
	if s.err != nil {
		t.Fatal(s.err)
	}
	s.assertFile("articles/third/checklist/index.html", "Book a room")
	s.assertFile("checklists/index.html", "2 items")
	sameAsFullBuild(t, s)
}

func TestRebuildDeleteAndAdd(t *testing.T) {
	files := threeArticles()
	s := withShareImage(newSite(t, files))
	s.mustBuild()
	s.edit(map[string]string{"content/articles/third.md": ""})
	if s.err != nil {
		t.Fatal(s.err)
	}
	s.assertNoFile("articles/third/index.html")
	s.assertNoFile("topics/hiring/index.html")
	s.assertFile("index.html", "! /articles/third/")
	if s.rep.Removed == 0 || !contains(s.rep.Changed, "/articles/third/") {
		t.Errorf("removed %d, changed %v", s.rep.Removed, s.rep.Changed)
	}
	sameAsFullBuild(t, s)

	s.edit(map[string]string{"content/articles/fourth.md": article("title: Fourth\ndate: 2025-05-01\ntopics: [Trust]", "New.")})
	s.assertFile("index.html", "/articles/fourth/")
	s.assertFile("topics/trust/index.html", "/articles/fourth/")
	sameAsFullBuild(t, s)
}

func TestRebuildLayoutAndStaticAndSettings(t *testing.T) {
	s := withShareImage(newSite(t, threeArticles()))
	s.mustBuild()
	base := string(s.fsys["layouts/baseof.html"].Data)
	s.edit(map[string]string{"layouts/baseof.html": strings.Replace(base, `<main id="main"`, `<p class="notice">Hello</p><main id="main"`, 1)})
	if s.err != nil {
		t.Fatal(s.err)
	}
	if s.rep.Rendered != s.rep.Pages {
		t.Errorf("a layout edit rendered %d of %d pages", s.rep.Rendered, s.rep.Pages)
	}
	s.assertFile("about/index.html", `<p class="notice">Hello</p>`)
	sameAsFullBuild(t, s)

	css := string(s.fsys["static/css/site.css"].Data)
	s.edit(map[string]string{"static/css/site.css": css + "\n.x{color:red}\n"})
	if s.err != nil {
		t.Fatal(s.err)
	}
	sameAsFullBuild(t, s)

	s.edit(map[string]string{"content/site.yaml": strings.Replace(testSiteYAML, "Test Notes", "Renamed Notes", 1)})
	if s.err != nil {
		t.Fatal(s.err)
	}
	s.assertFile("articles/second/index.html", "Renamed Notes")
	sameAsFullBuild(t, s)
}

func TestRebuildErrorKeepsOutputAndRecovers(t *testing.T) {
	files := threeArticles()
	s := withShareImage(newSite(t, files))
	s.mustBuild()
	before := s.file("articles/second/index.html")
	s.edit(map[string]string{"content/articles/second.md": "---\ntitle: Second\ndate: not a date\n---\nBroken."})
	if s.err == nil || !strings.Contains(s.err.Error(), "content/articles/second.md:3:") {
		t.Fatalf("err = %v, want the file and line", s.err)
	}
	if s.file("articles/second/index.html") != before {
		t.Error("a failed rebuild changed the output")
	}
	s.edit(map[string]string{"content/articles/second.md": files["content/articles/second.md"]})
	if s.err != nil {
		t.Fatal(s.err)
	}
	sameAsFullBuild(t, s)
	// A broken layout, then fixed.
	base := string(s.fsys["layouts/baseof.html"].Data)
	s.edit(map[string]string{"layouts/baseof.html": base + "{{ .Nope }"})
	if s.err == nil || !strings.Contains(s.err.Error(), "layouts/baseof.html:") {
		t.Fatalf("err = %v, want the layout file and line", s.err)
	}
	s.edit(map[string]string{"layouts/baseof.html": base})
	if s.err != nil {
		t.Fatal(s.err)
	}
	sameAsFullBuild(t, s)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Issue 11, case 1: adding unsafe_html: true to site.yaml converts every page
// again and renders every page that shows a body, the feeds included.
func TestRebuildUnsafeHTMLRendersAgain(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("title: Third\ndate: 2025-03-10\ntopics: [Hiring]", "Raw <b class=\"raw\">bold</b> text.\n")
	s := withShareImage(newSite(t, files))
	s.mustBuild()
	s.assertFile("articles/third/index.html", `&lt;b class=&quot;raw&quot;&gt;`, `! <b class="raw">`)
	s.edit(map[string]string{"content/site.yaml": testSiteYAML + "unsafe_html: true\n"})
	if s.err != nil {
		t.Fatal(s.err)
	}
	s.assertFile("articles/third/index.html", `<b class="raw">bold</b>`)
	s.assertFile("feed.xml", `bold&lt;/b&gt;`, `! &amp;lt;b`)
	sameAsFullBuild(t, s)
}

// Issue 11, case 1: a renamed article leaves no feed, list or sitemap
// pointing at its old URL.
func TestRebuildRenameUpdatesFeeds(t *testing.T) {
	files := threeArticles()
	s := withShareImage(newSite(t, files))
	s.mustBuild()
	s.assertFile("feed.xml", "/articles/third/")
	s.edit(map[string]string{"content/articles/third.md": "", "content/articles/fourth.md": files["content/articles/third.md"]})
	if s.err != nil {
		t.Fatal(s.err)
	}
	for _, p := range []string{"feed.xml", "feed.json", "topics/hiring/feed.xml", "sitemap.xml", "feeds/linkedin.xml", "index.html"} {
		s.assertFile(p, "/articles/fourth/", "! /articles/third/")
	}
	s.assertNoFile("articles/third/index.html")
	sameAsFullBuild(t, s)
}

// Issue 11, case 3: a rebuild that fails writes nothing, even when some of
// its pages rendered well: here home.html changes and article.html breaks in
// one batch, and index.html keeps the old layout. The output is a folder on
// disk, as folio serve's is.
func TestFailedRebuildWritesNothing(t *testing.T) {
	s := withShareImage(newSite(t, threeArticles()))
	b, err := New(s.fsys, s.opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "public")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out := output.OpenFolder(dir)
	if _, err := b.Build(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	read := func(p string) string {
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	home, art := string(s.fsys["layouts/home.html"].Data), string(s.fsys["layouts/article.html"].Data)
	before := read("index.html")
	s.fsys["layouts/home.html"].Data = []byte(strings.Replace(home, `{{ define "main" }}`, `{{ define "main" }}<p id="new-home">New</p>`, 1))
	// Parsed well, fails when run: found only while rendering.
	s.fsys["layouts/article.html"].Data = []byte(strings.Replace(art, `{{ define "main" }}`, `{{ define "main" }}{{ .Nope }}`, 1))
	if _, err := b.Rebuild(context.Background(), out, []string{"layouts/article.html", "layouts/home.html"}); err == nil || !strings.Contains(err.Error(), "layouts/article.html") {
		t.Fatalf("err = %v, want the broken layout", err)
	}
	if got := read("index.html"); got != before {
		t.Error("a failed rebuild rewrote index.html")
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range entries {
		if e.Name() != "public" {
			t.Errorf("a failed rebuild left %s behind", e.Name())
		}
	}
	s.fsys["layouts/article.html"].Data = []byte(art)
	if _, err := b.Rebuild(context.Background(), out, []string{"layouts/article.html"}); err != nil {
		t.Fatal(err)
	}
	if got := read("index.html"); !strings.Contains(got, `id="new-home"`) {
		t.Error("the fixed rebuild did not write the new home page")
	}
}

// A layout error that every page meets is reported once, not once per page.
func TestLayoutErrorReportedOnce(t *testing.T) {
	s := withShareImage(newSite(t, threeArticles()))
	art := string(s.fsys["layouts/article.html"].Data)
	s.fsys["layouts/article.html"].Data = []byte(strings.Replace(art, `{{ define "main" }}`, `{{ define "main" }}{{ .Nope }}`, 1))
	s.build()
	var be *Errors
	if !errors.As(s.err, &be) {
		t.Fatalf("err = %v", s.err)
	}
	if len(be.List) != 1 || !strings.Contains(be.List[0].Error(), "layouts/article.html") {
		t.Errorf("errors: %q, want one, naming the layout", be.List)
	}
}

// Errors do not hide warnings: a build that fails still reports every
// warning it found (issue 9, case 4).
func TestErrorsKeepWarnings(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("title: Third\ndate: 2025-03-10\ntpoics: [x]", "A [dead link](/nowhere/).\n")
	files["content/articles/second.md"] = "---\ntitle: Second\ndate: not a date\n---\nx\n"
	s := withShareImage(newSite(t, files)).build()
	var be *Errors
	if !errors.As(s.err, &be) {
		t.Fatalf("err = %v", s.err)
	}
	var warnings []string
	for _, w := range be.Warnings {
		warnings = append(warnings, w.Error())
	}
	got := strings.Join(warnings, "\n")
	for _, want := range []string{`content/articles/third.md:4: unknown key "tpoics"`, "content/articles/third.md:7: link to /nowhere/ leads nowhere"} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
}
