package build

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/peeplcoach/folio/internal/output"
)

// A tiny PNG (1×1), enough for image size checks.
var onePixelPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")

func threeArticles() map[string]string {
	return map[string]string{
		"content/articles/first.md": article(`
title: "First: Trust & Delegation"
date: 2025-01-10
topics: [Trust, Managing Up]
series: Leading Up
series_order: 1
summary: The first one.`, "Intro of the first.\n\n## One\n\n## Two\n\n### Two and a half\n\nText with a [link to the second](/articles/second/).\n"),
		"content/articles/second.md": article(`
title: Second
date: 2025-02-10
updated: 2025-03-01
topics: [trust]
series: Leading Up
series_order: 2`, "Intro of the second.\n\n## Only one heading\n"),
		"content/articles/third.md": article(`
title: Third
date: 2025-03-10
topics: [Hiring]`, "Third body.\n"),
		"content/about.md": article(`
title: About us
summary: Who we are.`, "We are [here](/topics/)."),
	}
}

func withShareImage(s *site) *site {
	s.fsys["static/images/share.png"] = &fstest.MapFile{Data: onePixelPNG}
	return s
}

func TestBuildPagesAtTheirURLs(t *testing.T) {
	s := withShareImage(newSite(t, threeArticles())).mustBuild()
	for _, p := range []string{
		"index.html", "page/2/index.html", "404.html",
		"articles/first/index.html", "articles/second/index.html", "articles/third/index.html",
		"about/index.html",
		"topics/index.html", "topics/trust/index.html", "topics/managing-up/index.html", "topics/hiring/index.html",
		"topics/trust/feed.xml", "series/index.html", "series/leading-up/index.html",
		"feed.xml", "feed.json", "sitemap.xml", "robots.txt", "_redirects",
	} {
		s.file(p)
	}
	if len(s.rep.Warnings) > 0 {
		t.Errorf("warnings: %v", s.rep.Warnings)
	}
}

func TestArticlePage(t *testing.T) {
	s := withShareImage(newSite(t, threeArticles())).mustBuild()
	s.assertFile("articles/first/index.html",
		`<html lang="en-GB">`,
		`<title>First: Trust &amp; Delegation · Test Notes</title>`,
		`<meta name="description" content="The first one.">`,
		`<link rel="canonical" href="https://notes.example.com/articles/first/">`,
		`<meta property="og:type" content="article">`,
		// the article's share card, drawn by folio
		`<meta property="og:image" content="https://notes.example.com/articles/first/card.png">`,
		`<meta property="og:image:width" content="1200">`, `<meta property="og:image:height" content="627">`,
		`<meta property="og:image:alt" content="First: Trust &amp; Delegation">`,
		`<meta name="twitter:image" content="https://notes.example.com/articles/first/card.png">`,
		`<meta property="article:published_time" content="2025-01-10T00:00:00Z">`,
		`<meta property="article:tag" content="Managing Up">`,
		`<meta name="twitter:card" content="summary_large_image">`,
		`"@type":"BlogPosting"`, `"headline":"First: Trust \u0026 Delegation"`, `"@type":"BreadcrumbList"`,
		`<a class="skip-link" href="#main">`, `<main id="main"`, `<nav aria-label="Main">`,
		`Part 1 of 2 in the series <a href="/series/leading-up/">“Leading Up”</a>`,
		`<meta property="og:locale" content="en_GB">`,
		`<a href="/articles/second/" rel="next">Second</a>`,
		// three headings: a table of contents
		`<details class="toc toc-fold"`, `<a href="#two-and-a-half">Two and a half</a>`,
		`<h2 id="one">One</h2><a class="anchor" href="#one"`,
		`<a href="/topics/trust/">Trust</a>`, `<a href="/topics/managing-up/">Managing Up</a>`,
		// related: the other trust article first, then the newest
		`Related articles`,
		`<link rel="alternate" type="application/atom&#43;xml"`,
		// one script, the site's own, which only enhances (ticks, contents)
		`<script src="/js/article.`, "! <script>",
	)
	first := s.file("articles/first/index.html")
	related := first[strings.Index(first, "Related articles"):]
	if i, j := strings.Index(related, "/articles/second/"), strings.Index(related, "/articles/third/"); i < 0 || j < 0 || i > j {
		t.Errorf("related articles should list second (shared topic) before third (newest): %q", related)
	}
	s.assertFile("articles/second/index.html",
		"Updated 1 March 2025",
		`<a href="/articles/first/" rel="prev">First: Trust &amp; Delegation</a>`,
		"! class=\"toc\"", // one heading: no table of contents
	)
}

func TestListsAndPagination(t *testing.T) {
	s := withShareImage(newSite(t, threeArticles())).mustBuild()
	// per_page is 2: newest first, the third article on page 2.
	home := s.file("index.html")
	if i, j := strings.Index(home, "/articles/third/"), strings.Index(home, "/articles/second/"); i < 0 || j < 0 || i > j {
		t.Errorf("home should list third before second")
	}
	s.assertFile("index.html", "! /articles/first/\"", `<a href="/page/2/" rel="next">`, "<title>Test Notes</title>")
	s.assertFile("page/2/index.html", `href="/articles/first/"`, `<a href="/" rel="prev">`, "Page 2 of 2")
	s.assertFile("topics/index.html", `<a href="/topics/trust/">Trust</a> <span class="term-facts"><span class="count">2 articles</span>`, `<a href="/topics/hiring/">Hiring</a> <span class="term-facts"><span class="count">1 article</span>`)
	s.assertFile("topics/trust/index.html", `href="/articles/second/"`, `href="/articles/first/"`, `href="/topics/trust/feed.xml"`)
	s.assertFile("series/leading-up/index.html", `<ol class="cards series-list" start="1">`)
	s.assertFile("series/index.html", `<a href="/series/leading-up/">Leading Up</a> <span class="term-facts"><span class="count">2 parts</span>`)
	s.assertFile("about/index.html", "<title>About us · Test Notes</title>", `We are <a href="/topics/">here</a>`)
	s.assertFile("404.html", `<meta name="robots" content="noindex">`)
	// Lists use the site's image from site.yaml.
	s.assertFile("index.html", `<meta property="og:image" content="https://notes.example.com/images/share.png">`, `<meta property="og:image:width" content="1">`, `<meta property="og:image:alt" content="The site&#39;s card">`)
}

func TestFeedsSitemapRobotsRedirects(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("title: Third\ndate: 2025-03-10\naliases: [/old/third, /2025/third/]", "Third body with [a link](/about/).")
	s := withShareImage(newSite(t, files)).mustBuild()

	var atom struct {
		ID      string `xml:"id"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Content string `xml:"content"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(s.file("feed.xml")), &atom); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	if len(atom.Entries) != 3 || atom.Entries[0].Link.Href != "https://notes.example.com/articles/third/" {
		t.Fatalf("feed entries: %+v", atom.Entries)
	}
	if !strings.Contains(atom.Entries[0].Content, `href="https://notes.example.com/about/"`) {
		t.Errorf("feed content links are not absolute: %s", atom.Entries[0].Content)
	}
	if !strings.HasPrefix(atom.Entries[0].ID, "tag:notes.example.com,2025-03-10:") {
		t.Errorf("entry id %q is not a stable tag URI", atom.Entries[0].ID)
	}
	s.assertFile("feed.json", `"version":"https://jsonfeed.org/version/1.1"`, `"url":"https://notes.example.com/articles/third/"`)
	s.assertFile("topics/trust/feed.xml", "https://notes.example.com/articles/second/", "! /articles/third/")

	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(s.file("sitemap.xml")), &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	locs := map[string]string{}
	for _, u := range sm.URLs {
		locs[u.Loc] = u.LastMod
	}
	for _, want := range []string{"https://notes.example.com/", "https://notes.example.com/articles/first/", "https://notes.example.com/about/", "https://notes.example.com/topics/trust/", "https://notes.example.com/series/leading-up/"} {
		if _, ok := locs[want]; !ok {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	if got := locs["https://notes.example.com/articles/second/"]; !strings.HasPrefix(got, "2025-03-01") {
		t.Errorf("lastmod of second = %q, want its updated date", got)
	}
	if _, ok := locs["https://notes.example.com/404.html"]; ok {
		t.Errorf("sitemap lists the 404 page")
	}
	s.assertFile("robots.txt", "Sitemap: https://notes.example.com/sitemap.xml")
	s.assertFile("_redirects", "/2025/third/ /articles/third/ 301\n/old/third /articles/third/ 301\n")
}

func TestDraftsAndFuture(t *testing.T) {
	files := threeArticles()
	files["content/articles/draft.md"] = article("title: Draft one\ndate: 2025-01-01\ndraft: true\ntopics: [Trust]", "Not yet.")
	files["content/articles/later.md"] = article("title: Later one\ndate: 2025-12-01\ntopics: [Trust]", "Soon.")

	s := withShareImage(newSite(t, files)).mustBuild()
	s.assertNoFile("articles/draft/index.html")
	s.assertNoFile("articles/later/index.html")
	s.assertFile("topics/trust/index.html", "! Draft one", "! Later one")
	s.assertFile("feed.xml", "! Draft one", "! Later one")

	s.opts.Drafts, s.opts.Future, s.opts.Serve = true, true, true
	s.mustBuild()
	s.assertFile("articles/draft/index.html", `<div class="status-banner" role="status"><strong>Draft</strong>`, `<meta name="robots" content="noindex">`)
	s.assertFile("articles/later/index.html", "<strong>Scheduled for 1 December 2025</strong>")
	s.assertFile("topics/trust/page/2/index.html", `<span class="status">Draft</span>`)
}

func TestFrontMatterErrorsNameFileAndLine(t *testing.T) {
	files := threeArticles()
	files["content/articles/bad.md"] = "---\ntitle: Bad\ndate: someday\ntpoics: [x]\n---\nBody\n"
	files["content/articles/yaml.md"] = "---\ntitle: [unclosed\n---\nBody\n"
	files["content/articles/dup.md"] = article("title: Dup\ndate: 2025-01-01\nslug: first", "")
	s := withShareImage(newSite(t, files)).build()
	s.assertErrors(
		`content/articles/bad.md:3: date "someday" is not a date: write it as 2025-03-01, 2025-03-01 09:30:00 +0200 or 2025-03-01T09:30:00Z`,
		`content/articles/dup.md:4: URL /articles/first/ is already used by content/articles/first.md: give one of them another slug`,
		`content/articles/yaml.md:2: front matter is not valid YAML: did not find expected ',' or ']'`,
	)
}

func TestUnknownKeyIsAWarning(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("title: Third\ndate: 2025-03-10\ntpoics: [x]", "Body.")
	s := withShareImage(newSite(t, files)).mustBuild()
	if len(s.rep.Warnings) != 1 || s.rep.Warnings[0].Error() != `content/articles/third.md:4: unknown key "tpoics" (did you mean "topics"?)` {
		t.Errorf("warnings = %v", s.rep.Warnings)
	}
}

func TestRawHTMLIsEscapedUnlessAllowed(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("title: Third\ndate: 2025-03-10", "Hello <script>alert(1)</script> and [x](javascript:alert(2)).")
	s := withShareImage(newSite(t, files)).mustBuild()
	s.assertFile("articles/third/index.html", "Hello &lt;script&gt;alert(1)&lt;/script&gt;", "! javascript:")

	s.fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(testSiteYAML + "unsafe_html: true\n")}
	s.mustBuild()
	s.assertFile("articles/third/index.html", "Hello <script>alert(1)</script>", "! javascript:")
}

func TestBuildIsDeterministic(t *testing.T) {
	s := withShareImage(newSite(t, threeArticles()))
	s.opts.Minify = true
	first := s.mustBuild().out.files
	second := s.mustBuild().out.files
	if len(first) != len(second) {
		t.Fatalf("%d files, then %d", len(first), len(second))
	}
	for p, data := range first {
		if !bytes.Equal(data, second[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

func TestMinifyAndFingerprint(t *testing.T) {
	s := withShareImage(newSite(t, threeArticles()))
	s.opts.Minify = true
	s.mustBuild()
	var css string
	for _, p := range s.paths() {
		if strings.HasPrefix(p, "css/site.") && strings.HasSuffix(p, ".css") {
			css = p
		}
	}
	if css == "" || css == "css/site.css" {
		t.Fatalf("no fingerprinted stylesheet in %v", s.paths())
	}
	page := s.file("articles/first/index.html")
	if !strings.Contains(page, "/"+css) {
		t.Errorf("page does not link %s", css)
	}
	if strings.Contains(page, "\n<meta") || strings.Contains(s.file(css), "\n  ") {
		t.Errorf("output is not minified")
	}
	s.opts.Minify = false
	s.mustBuild()
	if !strings.Contains(s.file("articles/first/index.html"), "\n<meta") {
		t.Errorf("--minify=false output is minified")
	}
}

func TestBundleResourcesAreCopied(t *testing.T) {
	files := threeArticles()
	files["content/articles/bundle/index.md"] = article("title: Bundle\ndate: 2025-01-01\nslug: pictures\nimage: photo.png\nimage_alt: A photo", "![A photo](photo.png)")
	s := withShareImage(newSite(t, files))
	s.fsys["content/articles/bundle/photo.png"] = &fstest.MapFile{Data: onePixelPNG}
	s.mustBuild()
	s.file("articles/pictures/photo.png")
	s.assertFile("articles/pictures/index.html", `<img src="photo.png" alt="A photo" decoding="async" width="1" height="1">`, `<meta property="og:image" content="https://notes.example.com/articles/pictures/photo.png">`, `<meta property="og:image:alt" content="A photo">`)
}

func TestSiteSettingsErrors(t *testing.T) {
	s := newSite(t, threeArticles())
	s.fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte("title: T\nbase_url: https://e.com\nper_page: many\n")}
	s.build()
	s.assertErrors(`content/site.yaml:3: per_page must be a whole number, not the text "many"`)
}

func TestBrokenInternalLinksWarn(t *testing.T) {
	files := threeArticles()
	files["content/articles/third.md"] = article("title: Third\ndate: 2025-03-10", "See [gone](/articles/gone/), [slash](/about), [here](#nowhere) and [ok](/articles/first/#one).")
	s := withShareImage(newSite(t, files)).mustBuild()
	var got []string
	for _, w := range s.rep.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		"content/articles/third.md:6: link to #nowhere: no heading of this page has that id",
		"content/articles/third.md:6: link to /about should end with a slash: /about/",
		"content/articles/third.md:6: link to /articles/gone/ leads nowhere: no page or file of the site has that URL",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMinifiedTemplatesRenderTheSame checks the shortcut that minifies layouts
// and bodies once instead of every page: each page of the bundled site, made
// that way, minifies to the same bytes as the page made from the layouts as
// written. So a minified page shows what the unminified one shows.
func TestMinifiedTemplatesRenderTheSame(t *testing.T) {
	build := func(minify bool) *memSink {
		b, err := New(os.DirFS("../.."), Options{Minify: minify, Fingerprint: true, Now: func() time.Time { return fixedNow }})
		if err != nil {
			t.Fatal(err)
		}
		out := newMemSink()
		if _, err := b.Build(context.Background(), out); err != nil {
			t.Fatal(err)
		}
		if minify && !b.c.tmpl.tmpl.Minified() {
			t.Fatal("the bundled layouts were not minified as templates")
		}
		return out
	}
	fast, plain := build(true), build(false)
	m := output.NewMinifier()
	pages, fastBytes, minBytes := 0, 0, 0
	// The minifier keeps a line break where whitespace stood by a template
	// action and a space where it made one; both mean a space in HTML.
	normal := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte(" ")) }
	for p, data := range plain.files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		want, err := m.Minify(p, data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := m.Minify(p, fast.files[p])
		if err != nil {
			t.Fatal(err)
		}
		fastBytes, minBytes = fastBytes+len(fast.files[p]), minBytes+len(want)
		got, want = normal(got), normal(want)
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			from := max(0, i-80)
			t.Errorf("%s: minified templates give another page at byte %d:\n got …%q\nwant …%q", p, i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
		}
	}
	if pages < 10 {
		t.Fatalf("only %d pages compared", pages)
	}
	// Values written into quoted attributes keep their quotes: a little larger.
	if fastBytes > minBytes+minBytes/25 {
		t.Errorf("pages total %d bytes, over 4%% more than minifying each page (%d)", fastBytes, minBytes)
	}
	t.Logf("%d pages: %d bytes, minifying each page would give %d", pages, fastBytes, minBytes)
}
