package build

import (
	"fmt"
	"strings"
	"testing"
)

// End-to-end cases of issue 9 (real-world Markdown and content): each states
// a few files and checks what a reader or a writer would see.

// warnings returns the build's warnings, one a line.
func (s *site) warnings() string {
	var w []string
	for _, e := range s.rep.Warnings {
		w = append(w, e.Error())
	}
	return strings.Join(w, "\n")
}

func (s *site) assertWarning(want string) {
	s.t.Helper()
	if !strings.Contains(s.warnings(), want) {
		s.t.Errorf("no warning %q; warnings:\n%s", want, s.warnings())
	}
}

func (s *site) assertNoWarning(absent string) {
	s.t.Helper()
	if strings.Contains(s.warnings(), absent) {
		s.t.Errorf("warning %q, but there should be none; warnings:\n%s", absent, s.warnings())
	}
}

// Case 5: .markdown is an article, never raw source; articles in year/month
// folders are articles; a bundle keeps its files; two files with one slug are
// an error naming both.
func TestMarkdownFilesAnywhereUnderArticles(t *testing.T) {
	s := newSite(t, map[string]string{
		"content/articles/old-post.markdown":     article("title: Old post\ndate: 2019-05-03", "From *Jekyll*.\n"),
		"content/articles/2019/05/nested.md":     article("title: Nested\ndate: 2019-05-04", "In a year folder.\n"),
		"content/articles/2020/bundle/index.md":  article("title: Bundled\ndate: 2020-01-01", "![A pixel](pixel.png)\n"),
		"content/articles/2020/bundle/pixel.png": string(onePixelPNG),
		"content/articles/2020/bundle/notes.md":  "Notes for the writer, no front matter.\n",
		"content/posts/hugo-post.md":             article("title: Hugo\ndate: 2019-01-01", "x"),
		"content/articles/_index.md":             article("title: Section", "x"),
		"static/images/share.png":                string(onePixelPNG),
	}).mustBuild()
	s.assertFile("articles/old-post/index.html", "<em>Jekyll</em>")
	s.assertNoFile("articles/old-post.markdown")
	s.assertFile("articles/nested/index.html", "In a year folder.")
	s.assertFile("articles/bundle/index.html", `src="pixel.png"`)
	s.file("articles/bundle/pixel.png")
	s.assertNoFile("articles/notes/index.html")
	s.assertWarning("content/articles/2020/bundle/notes.md: not published: it is inside the bundle of content/articles/2020/bundle/index.md")
	s.assertWarning("content/posts/hugo-post.md: not published: folio's articles live in content/articles/")
	s.assertWarning("content/articles/_index.md: not published: folio makes the list pages itself")
	s.assertFile("index.html", `href="/articles/nested/"`)
	s.assertFile("page/2/index.html", `href="/articles/old-post/"`)

	dup := newSite(t, map[string]string{
		"content/articles/2019/x.md": article("title: One\ndate: 2019-05-03", "x"),
		"content/articles/2020/x.md": article("title: Two\ndate: 2020-05-03", "x"),
		"static/images/share.png":    string(onePixelPNG),
	}).build()
	dup.assertErrors("content/articles/2020/x.md:1: URL /articles/x/ is already used by content/articles/2019/x.md: give one of them another slug")
}

// Case 6: HTML comments never show; <!--more--> ends the summary.
func TestHTMLCommentsNeverShow(t *testing.T) {
	s := withShareImage(newSite(t, map[string]string{
		"content/articles/a.md": article("title: A\ndate: 2025-01-01", "The summary, ended by the marker.\n\n<!--more-->\n\n<!-- TODO: check the numbers -->\n\n<!-- note --> Text after a note.\n\nMore text.\n"),
	})).mustBuild()
	s.assertFile("articles/a/index.html",
		"<p>Text after a note.</p>", "! TODO", "! &lt;!--", "! more--",
		`<meta name="description" content="The summary, ended by the marker.">`)
	s.assertFile("feed.xml", "The summary, ended by the marker.")
}

// Cases 7 and 8: {#id} heading attributes, and ids and names in raw HTML,
// are anchors the link check knows.
func TestHeadingAttributesAndRawHTMLAnchors(t *testing.T) {
	body := "### Opaque structs {#lessmemory}\n\nSee [below](#lessmemory), [old](#old-anchor) and [nothing](#nowhere).\n\n<a name=\"old-anchor\"></a>\n"
	s := withShareImage(newSite(t, map[string]string{
		"content/site.yaml":     testSiteYAML + "unsafe_html: true\n",
		"content/articles/a.md": article("title: A\ndate: 2025-01-01", body),
	})).mustBuild()
	s.assertFile("articles/a/index.html", `<h3 id="lessmemory">Opaque structs</h3><a class="anchor" href="#lessmemory"`, "! {#lessmemory}", `<a name="old-anchor"></a>`)
	s.assertNoWarning("#lessmemory")
	s.assertNoWarning("#old-anchor")
	s.assertWarning("content/articles/a.md:8: link to #nowhere: no heading of this page has that id")

	// Without unsafe_html the raw HTML is text, and its name no anchor.
	safe := withShareImage(newSite(t, map[string]string{
		"content/articles/a.md": article("title: A\ndate: 2025-01-01", body),
	})).mustBuild()
	safe.assertNoWarning("#lessmemory")
	safe.assertWarning("link to #old-anchor: no heading of this page has that id")
}

// Case 9: 6,846 Chinese characters read in 14 minutes, not "3 min".
func TestReadingTimeOfChinese(t *testing.T) {
	text := strings.Repeat("信任不是给予的而是赢得的", 571)[:6846*3]
	s := withShareImage(newSite(t, map[string]string{
		"content/articles/zh.md": article("title: 信任\ndate: 2025-01-01", text+"\n"),
	})).mustBuild()
	s.assertFile("articles/zh/index.html", "14 min read", "! 3 min read")
}

// Case 10: dates as Jekyll, Hugo and Zola write them, each normalised.
func TestDatesInEveryForm(t *testing.T) {
	files := map[string]string{}
	for i, d := range []string{"2019-05-03 09:02:02 +0200", "2019-05-03T09:02:02+02:00", "2019-05-03 07:02:02", "2019-05-03T07:02:02Z"} {
		files[fmt.Sprintf("content/articles/d%d.md", i)] = article("title: D\ndate: "+d, "x")
	}
	s := withShareImage(newSite(t, files)).mustBuild()
	for i := range 4 {
		s.assertFile(fmt.Sprintf("articles/d%d/index.html", i), `<meta property="article:published_time" content="2019-05-03T07:02:02Z">`)
	}
	bad := withShareImage(newSite(t, map[string]string{
		"content/articles/bad.md": article("title: Bad\ndate: 2019-05-03 09:02:02 CEST", "x"),
	})).build()
	bad.assertErrors(`content/articles/bad.md:3: date "2019-05-03 09:02:02 CEST" is not a date: write it as 2025-03-01, 2025-03-01 09:30:00 +0200 or 2025-03-01T09:30:00Z`)
}

// Case 11: quotes follow the language; a mixed site gives each page its lang
// and links translations with hreflang.
func TestLanguageQuotesAndTranslations(t *testing.T) {
	s := withShareImage(newSite(t, map[string]string{
		"content/articles/trust.md":     article("title: Trust\ndate: 2025-01-01", `"Trust" is earned.`),
		"content/articles/vertrauen.md": article("title: Vertrauen\ndate: 2025-01-02\nlanguage: de\ntranslation_of: trust", `"Vertrauen" muss man sich verdienen.`),
	})).mustBuild()
	s.assertFile("articles/trust/index.html", `<html lang="en-GB">`, "“Trust” is earned.",
		`<link rel="alternate" hreflang="en-GB" href="https://notes.example.com/articles/trust/">`,
		`<link rel="alternate" hreflang="de" href="https://notes.example.com/articles/vertrauen/">`)
	s.assertFile("articles/vertrauen/index.html", `<html lang="de">`, "„Vertrauen“ muss",
		`<link rel="alternate" hreflang="de" href="https://notes.example.com/articles/vertrauen/">`,
		`<link rel="alternate" hreflang="en-GB" href="https://notes.example.com/articles/trust/">`)

	de := withShareImage(newSite(t, map[string]string{
		"content/site.yaml":     strings.Replace(testSiteYAML, "language: en-GB", "language: de", 1),
		"content/articles/a.md": article("title: A\ndate: 2025-01-01", `Er sagte "Hallo".`),
	})).mustBuild()
	de.assertFile("articles/a/index.html", `<html lang="de">`, "Er sagte „Hallo“.", "! hreflang")
}

// Case 12: "Café" in NFC and NFD is one slug, and its URL is written one way
// (upper-case percent-encoding) in HTML, feeds, sitemap, og:url and LinkedIn.
func TestOneSlugAndOneURLForm(t *testing.T) {
	dup := withShareImage(newSite(t, map[string]string{
		"content/articles/Caf\u00e9.md":  article("title: NFC\ndate: 2025-01-01", "x"),
		"content/articles/Cafe\u0301.md": article("title: NFD\ndate: 2025-01-02", "x"),
	})).build()
	dup.assertErrors("content/articles/Caf\u00e9.md:1: URL /articles/caf\u00e9/ is already used by content/articles/Cafe\u0301.md: give one of them another slug")

	s := withShareImage(newSite(t, map[string]string{
		"content/articles/caf\u00e9.md": article("title: Café culture\ndate: 2025-01-01\ntopics: [Führung]", "Text.\n\n## Über uns\n\n## Zwei\n\n## Drei\n\n- [ ] Order a coffee\n"),
		"content/articles/other.md":     article("title: Other\ndate: 2025-01-02", "See [the café](/articles/cafe\u0301/) and [again](/articles/caf%c3%a9/).\n"),
	})).mustBuild()
	const enc = "/articles/caf%C3%A9/"
	const abs = "https://notes.example.com" + enc
	s.assertFile("articles/café/index.html", `<link rel="canonical" href="`+abs+`">`, `<meta property="og:url" content="`+abs+`">`,
		`href="/topics/f%C3%BChrung/"`, `href="`+enc+`checklist/"`, "! %c3", "! caf\u00e9/\"",
		`<h2 id="über-uns">Über uns</h2><a class="anchor" href="#%C3%BCber-uns"`, `<a href="#%C3%BCber-uns">Über uns</a>`)
	s.assertFile("articles/other/index.html", `href="`+enc+`">the café</a>`, `href="`+enc+`">again</a>`, "! %c3")
	s.assertNoWarning("leads nowhere")
	s.assertFile("index.html", `href="`+enc+`"`, "! %c3")
	s.assertFile("topics/führung/index.html", `href="`+enc+`"`)
	s.assertFile("sitemap.xml", "<loc>"+abs+"</loc>", "<loc>https://notes.example.com/topics/f%C3%BChrung/</loc>")
	s.assertFile("feed.xml", `href="`+abs+`"`, ":"+enc+"</id>", "! caf\u00e9/\"", "! caf\u00e9/<")
	s.assertFile("feed.json", `"url":"`+abs+`"`)
	s.assertFile("feeds/linkedin.xml", "<link>"+abs, "! %c3")
	s.file("articles/café/checklist/index.html")
}

// Case 13: TOML and JSON front matter, other generators' keys, and their
// template calls, which are warnings at their line.
func TestMovedInPosts(t *testing.T) {
	s := withShareImage(newSite(t, map[string]string{
		"content/articles/toml.md": "+++\ntitle = \"From Hugo\"\ndate = 2019-05-03T09:02:02+02:00\ntags = [\"Go\"]\ncategories = [\"Performance\"]\ndescription = \"Hugo's summary.\"\nlastmod = 2019-06-01\n+++\n\n{{< figure src=\"a.png\" >}}\n\nBody.\n",
		"content/articles/json.md": "{\n  \"title\": \"From JSON\",\n  \"date\": \"2019-05-04\",\n  \"author\": [\"Ann\", \"Bob\"]\n}\n\nBody with {% include note.html %}.\n",
	})).mustBuild()
	s.assertFile("articles/toml/index.html", `<meta name="description" content="Hugo&#39;s summary.">`, `href="/topics/go/"`, `href="/topics/performance/"`)
	s.file("topics/go/index.html")
	s.assertFile("articles/json/index.html", "Ann, Bob")
	s.assertWarning("content/articles/toml.md:10: Hugo shortcode {{< figure src=\"a.png\" >}} is not run by folio")
	s.assertWarning("content/articles/json.md:7: Liquid tag {% include note.html %} is not run by folio")
	s.assertNoWarning("unknown key")
}
