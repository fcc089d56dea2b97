package build

import (
	"strings"
	"testing"
)

// TestGermanSite builds a site with language: de: every word the layouts put
// around the writer's text is German, dates are written the German way, and
// the site's i18n/de.yaml overrides folio's strings.
func TestGermanSite(t *testing.T) {
	files := threeArticles()
	files["content/site.yaml"] = strings.Replace(testSiteYAML, "language: en-GB", "language: de", 1)
	files["content/articles/third.md"] = article("\ntitle: Third\ndate: 2025-03-10\ntopics: [Hiring]", "Third body.\n\n- [ ] Raum buchen\n")
	files["i18n/de.yaml"] = "related_articles: Mehr zum Thema\n"
	s := withShareImage(newSite(t, files)).mustBuild()
	s.assertFile("articles/first/index.html",
		`<html lang="de">`,
		"10. Januar 2025", "1 Min. Lesezeit", `Teil 1 von 2 der Serie <a href="/series/leading-up/">„Leading Up“</a>`,
		`<summary>Inhalt</summary>`, ">Themen</a>", ">Serien</a>", ">Checklisten</a>", ">Über uns</a>",
		"Zum Inhalt springen", "Mehr zum Thema", "Atom-Feed",
		"! min read", "! Contents", "! Related articles", "! Part 1", "! >Topics<", "! Skip to content",
	)
	s.assertFile("articles/second/index.html", "Aktualisiert am 1. März 2025", "Zurück")
	s.assertFile("articles/third/index.html", "Checkliste zum Ausdrucken: 1 Punkt zum Abhaken", "Checkliste drucken")
	s.assertFile("articles/third/checklist/index.html", "Diese Checkliste drucken", "Notizen", "Aus dem Artikel „", "! Print this checklist",
		"<h1>Checkliste: Third</h1>", "Drucken Sie dieses Blatt aus", "! Checklist:", "! Print this sheet")
	s.assertFile("topics/index.html", "2 Artikel", "zuletzt am", "! articles")
	s.assertFile("index.html", "Neueste Artikel", "Nächste Seite", "Seite 1 von 2")
	s.assertFile("404.html", "Seite nicht gefunden", "Fehler 404")
	s.assertFile("checklists/index.html", "Checklisten zum Ausdrucken", "aus dem Artikel")
}

// TestBadStringsFile: a site's strings file that is not valid stops the
// build with an error naming it.
func TestBadStringsFile(t *testing.T) {
	files := threeArticles()
	files["i18n/en-GB.yaml"] = "contents: [not, a, text]\n"
	s := newSite(t, files)
	s.build()
	if s.err == nil || !strings.Contains(s.err.Error(), "i18n/en-GB.yaml: contents: want a text or {one, other}") {
		t.Fatalf("err = %v, want one naming i18n/en-GB.yaml and the key", s.err)
	}
}

// TestRebuildStringsFile: editing, adding and removing the site's strings
// file in serve updates every page that shows a string, exactly as a fresh
// build of the same files would.
func TestRebuildStringsFile(t *testing.T) {
	s := withShareImage(newSite(t, threeArticles()))
	s.opts.Serve = true
	s.mustBuild()
	s.edit(map[string]string{"i18n/en-GB.yaml": "related_articles: Read next\n"})
	if s.err != nil {
		t.Fatal(s.err)
	}
	s.assertFile("articles/first/index.html", "Read next", "! Related articles")
	sameAsFullBuild(t, s)

	s.edit(map[string]string{"i18n/en-GB.yaml": "related_articles: Keep reading\n"})
	if s.err != nil {
		t.Fatal(s.err)
	}
	s.assertFile("articles/first/index.html", "Keep reading", "! Read next")
	sameAsFullBuild(t, s)

	s.edit(map[string]string{"i18n/en-GB.yaml": ""})
	if s.err != nil {
		t.Fatal(s.err)
	}
	s.assertFile("articles/first/index.html", "Related articles", "! Keep reading")
	sameAsFullBuild(t, s)
}

// TestCalloutWordsPerPage: on an English site, a French article's callout is
// titled in French, from the site's i18n/fr.yaml when it has the string.
func TestCalloutWordsPerPage(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("\ntitle: Third\ndate: 2025-03-10\ntopics: [Hiring]\nlanguage: fr", "> [!NOTE]\n> Texte.\n\n> [!TIP]\n> Astuce.\n")
	files["i18n/fr.yaml"] = "callout_note: \"À noter\"\n"
	s := withShareImage(newSite(t, files)).mustBuild()
	s.assertFile("articles/third/index.html", `<p class="callout-title">À noter</p>`, `<p class="callout-title">Astuce</p>`, "! >Note<", "! >Tip<")
}

// TestRightToLeftPages: a Hebrew article on an English site is written
// right to left (dir="rtl"), its checklist too; English pages say nothing.
func TestRightToLeftPages(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("\ntitle: שלישי\ndate: 2025-03-10\ntopics: [Hiring]\nlanguage: he", "טקסט.\n\n- [ ] משימה\n")
	s := withShareImage(newSite(t, files)).mustBuild()
	s.assertFile("articles/third/index.html", `<html lang="he" dir="rtl">`)
	s.assertFile("articles/third/checklist/index.html", `<html lang="he" dir="rtl">`)
	s.assertFile("articles/third/checklist-a4.pdf", "/Lang(he)") // what a screen reader reads it in
	s.assertFile("articles/first/index.html", `<html lang="en-GB">`)
	// On the site's lists, the Hebrew article's own words are marked as
	// Hebrew, right to left; the site's words around them are not.
	s.assertFile("topics/hiring/index.html",
		`<h2 class="card-title" lang="he" dir="rtl"><a href="/articles/third/">שלישי</a></h2>`,
		`<article class="card">`)
}

// TestRebuildCalloutWords: editing the site's i18n/fr.yaml in serve retitles
// a French article's callouts, as a fresh build of the same files would.
func TestRebuildCalloutWords(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("\ntitle: Third\ndate: 2025-03-10\ntopics: [Hiring]\nlanguage: fr", "> [!NOTE]\n> Texte.\n")
	s := withShareImage(newSite(t, files))
	s.opts.Serve = true
	s.mustBuild()
	s.assertFile("articles/third/index.html", `<p class="callout-title">Remarque</p>`)
	s.edit(map[string]string{"i18n/fr.yaml": "callout_note: \"À noter\"\n"})
	if s.err != nil {
		t.Fatal(s.err)
	}
	s.assertFile("articles/third/index.html", `<p class="callout-title">À noter</p>`)
	sameAsFullBuild(t, s)
}
