package build

import (
	"strings"
	"testing"
)

// TestDesignerTemplates is issue 12's case 9 as a designer meets it: a
// front-matter field shown without Go (declared in site.yaml, so no
// warning), a page kind made by a layout file and a layout: line, a list that
// renders its cards with its own partial, and a layout: that names no file.
func TestDesignerTemplates(t *testing.T) {
	files := threeArticles()
	files["content/site.yaml"] = testSiteYAML + "params: [mood]\n"
	files["content/articles/third.md"] = article("title: Third\ndate: 2025-03-10\ntopics: [Trust]\nmood: calm", "Body.")
	files["content/reading-list.md"] = "---\ntitle: Reading list\nlayout: reading\n---\nBooks.\n"
	files["layouts/reading.html"] = `{{ define "main" }}<section class="reading">{{ .Title }}: {{ .Page.Body }}</section>{{ end }}`
	files["layouts/partials/mood-card.html"] = `<p class="mood-card">{{ .Title }}{{ with .Params.mood }} ({{ . }}){{ end }}</p>`
	files["layouts/topic.html"] = `{{ define "main" }}{{ range where .List.Articles "Params.mood" "calm" }}{{ partial "mood-card.html" . }}{{ end }}{{ end }}`
	s := withShareImage(newSite(t, files)).mustBuild()
	if len(s.rep.Warnings) != 0 {
		t.Errorf("warnings = %v", s.rep.Warnings)
	}
	s.assertFile("reading-list/index.html", `<section class="reading">Reading list: <p>Books.</p>`)
	s.assertFile("topics/trust/index.html", `<p class="mood-card">Third (calm)</p>`, "! First")

	s.fsys["content/reading-list.md"].Data = []byte("---\ntitle: Reading list\n\nlayout: nope\n---\nBooks.\n")
	s.build()
	s.assertErrors(`content/reading-list.md:4: layout "nope.html": there is no layouts/nope.html`)

	// Without the declaration, mood is a key folio does not know.
	files["content/site.yaml"] = testSiteYAML
	delete(files, "content/reading-list.md")
	s = withShareImage(newSite(t, files)).mustBuild()
	if len(s.rep.Warnings) != 1 || !strings.Contains(s.rep.Warnings[0].Error(), `third.md:5: unknown key "mood"`) {
		t.Errorf("warnings = %v", s.rep.Warnings)
	}
}
