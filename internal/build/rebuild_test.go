package build

import (
	"bytes"
	"strings"
	"testing"
)

// sameAsFullBuild checks that the output of a site rebuilt step by step is
// byte for byte the output of a fresh build of the same files.
func sameAsFullBuild(t *testing.T, s *site) {
	t.Helper()
	fresh := newSite(t, nil)
	fresh.fsys, fresh.opts = s.fsys, s.opts
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
