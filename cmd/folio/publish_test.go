package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peeplcoach/folio/internal/i18n"
	"github.com/peeplcoach/folio/internal/social"
)

// publishSite is a small site whose first article has what feeds used to
// get wrong: a post with blank lines, a code block with indentation, heading
// anchors, task items, a link to a heading of the same page, a bundle image
// and a link to another article.
func publishSite(t *testing.T) string {
	t.Helper()
	return newSite(t, map[string]string{
		"content/site.yaml": `title: Publish Test
base_url: https://publish.example/
language: en
author: {name: Tester}
linkedin:
  hashtags: [Leadership]
`,
		"content/articles/alpha/index.md": "---\ntitle: Alpha Lessons for New Managers\ndate: 2025-03-01\nsummary: What new managers learn first.\ntopics: [Trust, Feedback]\nseries: Starting Out\n---\n\n" +
			"Do new managers really need to change how they work?\n\n" +
			"See [the checklist](#before-you-start) and [beta](/articles/beta/), with a picture: ![a chart](chart.png)\n\n" +
			"## Before You Start\n\n- [ ] Ask your team\n- [x] Read the brief\n\n" +
			"## 1. Listen More Than You Talk\n\nText.\n\n```go\nfunc main() {\n\tif ok {\n\t\treturn\n\t}\n}\n```\n\n" +
			"## 2. Give Credit in Public\n\nText.\n\n## 3. Follow Up\n\nText.\n",
		"content/articles/alpha/chart.png": "not really a png",
		"content/articles/beta.md":         "---\ntitle: Beta\ndate: 2025-02-01\nsummary: The second one.\ntopics: [Trust, Hiring, Coaching]\nseries: Starting Out\nlinkedin:\n  link: comment\n---\n\nA first sentence about beta. And a second one.\n",
	}, "")
}

// rssItems reads the items of an RSS feed: title and description.
func rssItems(t *testing.T, data []byte) []struct{ Title, Description, FirstComment string } {
	t.Helper()
	var doc struct {
		Items []struct {
			Title        string `xml:"title"`
			Description  string `xml:"description"`
			FirstComment string `xml:"https://github.com/peeplcoach/folio/ns/1 first_comment"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("feed does not parse: %v", err)
	}
	var out []struct{ Title, Description, FirstComment string }
	for _, it := range doc.Items {
		out = append(out, struct{ Title, Description, FirstComment string }{it.Title, it.Description, it.FirstComment})
	}
	return out
}

// TestLinkedInFeedEqualsExport is issue 10, case 2: the published LinkedIn
// feeds, built with minification on as Netlify builds them, carry every post
// exactly as folio snippets exports it, blank lines and all.
func TestLinkedInFeedEqualsExport(t *testing.T) {
	dir := publishSite(t)
	if code, _, errs := folio(t, "build", "--src", dir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	code, out, errs := folio(t, "snippets", "--src", dir, "--format", "json")
	if code != 0 {
		t.Fatalf("snippets: exit %d: %s", code, errs)
	}
	var records []social.Record
	if err := json.Unmarshal([]byte(out), &records); err != nil {
		t.Fatal(err)
	}
	if len(records) != 2 {
		t.Fatalf("%d posts, want 2", len(records))
	}
	rss := rssItems(t, []byte(readFile(t, filepath.Join(dir, "public", "feeds", "linkedin.xml"))))
	var jf struct {
		Items []struct {
			Title       string `json:"title"`
			ContentText string `json:"content_text"`
			Folio       struct {
				FirstComment string `json:"first_comment"`
			} `json:"_folio"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "public", "feeds", "linkedin.json"))), &jf); err != nil {
		t.Fatal(err)
	}
	if len(rss) != len(records) || len(jf.Items) != len(records) {
		t.Fatalf("RSS has %d items, JSON Feed %d, export %d", len(rss), len(jf.Items), len(records))
	}
	for i, rec := range records {
		if !strings.Contains(rec.ContentText, "\n\n") {
			t.Errorf("post %q has no blank line: the test would prove nothing", rec.Slug)
		}
		if rss[i].Title != rec.Title || rss[i].Description != rec.ContentText {
			t.Errorf("RSS item %d differs from the export:\n%q\nwant\n%q", i, rss[i].Description, rec.ContentText)
		}
		if jf.Items[i].ContentText != rec.ContentText {
			t.Errorf("JSON Feed item %d differs from the export:\n%q\nwant\n%q", i, jf.Items[i].ContentText, rec.ContentText)
		}
		if rss[i].FirstComment != rec.FirstComment || jf.Items[i].Folio.FirstComment != rec.FirstComment {
			t.Errorf("first comment %d: RSS %q, JSON %q, export %q", i, rss[i].FirstComment, jf.Items[i].Folio.FirstComment, rec.FirstComment)
		}
	}
	if beta := records[1]; beta.FirstComment == "" || strings.Contains(beta.ContentText, beta.URL) || !strings.Contains(beta.FirstComment, beta.URL) {
		t.Errorf("beta keeps its link for the first comment: text %q, comment %q", beta.ContentText, beta.FirstComment)
	}
}

// TestFeedHTMLForReaders is issue 10, cases 2 and 3: the Atom feed keeps a
// code block's indentation, and its HTML is written for feed readers: no
// heading anchors, no form inputs, every link absolute.
func TestFeedHTMLForReaders(t *testing.T) {
	dir := publishSite(t)
	if code, _, errs := folio(t, "build", "--src", dir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	for _, name := range []string{"feed.xml", "topics/trust/feed.xml", "feed.json"} {
		data := readFile(t, filepath.Join(dir, "public", filepath.FromSlash(name)))
		var content string
		if strings.HasSuffix(name, ".json") {
			var f struct {
				Items []struct {
					ContentHTML string `json:"content_html"`
				} `json:"items"`
			}
			if err := json.Unmarshal([]byte(data), &f); err != nil {
				t.Fatal(err)
			}
			content = f.Items[0].ContentHTML
		} else {
			var f struct {
				Entries []struct {
					Content string `xml:"content"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal([]byte(data), &f); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			content = f.Entries[0].Content
		}
		// Highlighted code is split into spans: compare its text.
		text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(content, "")
		if want := "func main() {\n\tif ok {\n\t\treturn\n\t}\n}"; !strings.Contains(text, want) {
			t.Errorf("%s: the code block lost its indentation:\n%s", name, content)
		}
		// Bodies are minified once for pages and feeds alike, which may
		// leave attribute values unquoted: compare without quotes.
		bare := strings.ReplaceAll(content, `"`, "")
		for _, bad := range []string{"class=anchor", "<input", "href=#", "href=/", "src=/", "src=chart.png"} {
			if strings.Contains(bare, bad) {
				t.Errorf("%s: content holds %q, page-only markup:\n%s", name, bad, content)
			}
		}
		for _, want := range []string{"☐ Ask your team", "☑ Read the brief",
			"href=https://publish.example/articles/alpha/#before-you-start>",
			"href=https://publish.example/articles/beta/>",
			"src=https://publish.example/articles/alpha/chart.png ",
			">Before You Start</h2>"} {
			if !strings.Contains(bare, want) {
				t.Errorf("%s: content lacks %q:\n%s", name, want, content)
			}
		}
		for _, m := range regexp.MustCompile(`(?:href|src)=([^\s>]*)`).FindAllStringSubmatch(bare, -1) {
			if !strings.HasPrefix(m[1], "https://") {
				t.Errorf("%s: link %q is not absolute", name, m[1])
			}
		}
	}
}

// TestEmptySiteBuilds is issue 9, case 3: a site with no published article
// (only folio new's draft) builds, with valid feeds that have no entries,
// and builds the same bytes twice.
func TestEmptySiteBuilds(t *testing.T) {
	dir := newSite(t, map[string]string{
		"content/site.yaml": "title: Empty\nbase_url: https://empty.example/\nauthor: {name: Nobody}\n",
	}, "")
	if code, _, errs := folio(t, "new", "--src", dir, "A First Draft"); code != 0 {
		t.Fatalf("new: exit %d: %s", code, errs)
	}
	var first map[string][]byte
	for run := range 2 {
		out := filepath.Join(t.TempDir(), "public")
		code, _, errs := folio(t, "build", "--src", dir, "--out", out)
		if code != 0 {
			t.Fatalf("build of an empty site: exit %d: %s", code, errs)
		}
		files := map[string][]byte{}
		for _, name := range []string{"feed.xml", "feed.json", "feeds/linkedin.xml", "feeds/linkedin.json", "sitemap.xml", "index.html"} {
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			files[name] = data
		}
		if run == 0 {
			first = files
			for _, name := range []string{"feed.xml", "feeds/linkedin.xml", "sitemap.xml"} {
				if err := xml.Unmarshal(files[name], new(struct{})); err != nil {
					t.Errorf("%s does not parse: %v\n%s", name, err, files[name])
				}
				if bytes.Contains(files[name], []byte("<entry>")) || bytes.Contains(files[name], []byte("<item>")) {
					t.Errorf("%s has entries", name)
				}
			}
			for _, name := range []string{"feed.json", "feeds/linkedin.json"} {
				var f struct {
					Items []any `json:"items"`
				}
				if err := json.Unmarshal(files[name], &f); err != nil || f.Items == nil || len(f.Items) != 0 {
					t.Errorf("%s: want \"items\": [], got %v\n%s", name, err, files[name])
				}
			}
			continue
		}
		for name, data := range files {
			if !bytes.Equal(data, first[name]) {
				t.Errorf("%s differs between two builds of the same site", name)
			}
		}
	}
}

// tagText is the text of HTML, tags removed.
func tagText(html string) string {
	return strings.Join(strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(html, " ")), " ")
}

// TestSeriesWordingEverywhere is issue 10, case 8: the article page, its card
// in lists, its share card and its LinkedIn post say the same about its
// series, in i18n's words; a series of one part is not "1 of 1", and the
// series page says "1 part".
func TestSeriesWordingEverywhere(t *testing.T) {
	dir := newSite(t, map[string]string{
		"content/site.yaml":        "title: Series Test\nbase_url: https://series.example/\nauthor: {name: Tester}\n",
		"content/articles/only.md": "---\ntitle: The Only Part\ndate: 2025-03-01\nsummary: One.\ntopics: [A, B, C]\nseries: Starting Out\n---\n\nIs one enough?\n",
	}, "")
	if code, _, errs := folio(t, "build", "--src", dir, "--cache", t.TempDir()); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	const want = "Part 1 in the series “Starting Out”"
	if got := i18n.English().SeriesLine(1, 1, "Starting Out"); got != want {
		t.Fatalf("i18n says %q; this test expects %q", got, want)
	}
	page := readFile(t, filepath.Join(dir, "public", "articles", "only", "index.html"))
	box := regexp.MustCompile(`(?s)<aside class="?series-box.*?</aside>`).FindString(page)
	meta := regexp.MustCompile(`(?s)<p class="?meta.*?</p>`).FindString(page)
	for name, html := range map[string]string{"series box": box, "meta line": meta} {
		if !strings.Contains(tagText(html), want) {
			t.Errorf("%s says %q, want %q", name, tagText(html), want)
		}
	}
	if home := readFile(t, filepath.Join(dir, "public", "index.html")); !strings.Contains(tagText(home), want) {
		t.Errorf("the card on the home page lacks %q", want)
	}
	for _, f := range []string{"articles/only/index.html", "index.html", "series/starting-out/index.html"} {
		if text := tagText(readFile(t, filepath.Join(dir, "public", filepath.FromSlash(f)))); strings.Contains(text, "1 of 1") || strings.Contains(text, "1 parts") || strings.Contains(text, "first part") {
			t.Errorf("%s: %q", f, text)
		}
	}
	if s := readFile(t, filepath.Join(dir, "public", "series", "starting-out", "index.html")); !strings.Contains(s, "in reading order: 1 part.") {
		t.Errorf("series page: want \"1 part\"")
	}
	post := rssItems(t, []byte(readFile(t, filepath.Join(dir, "public", "feeds", "linkedin.xml"))))[0].Description
	if !strings.HasSuffix(post, "\n\n"+want) {
		t.Errorf("post does not end with %q:\n%s", want, post)
	}
	// The share card is the one drawn with exactly that line.
	card, err := social.Card(social.CardInput{Title: "The Only Part", Series: want, SiteName: "Series Test"})
	if err != nil {
		t.Fatal(err)
	}
	if got := []byte(readFile(t, filepath.Join(dir, "public", "articles", "only", "card.png"))); !bytes.Equal(got, card) {
		t.Errorf("card.png is not the card drawn with the series line %q", want)
	}
}

// TestLocaleYearAndShare is issue 10, case 9 (og:locale, footer year) and
// the share link: og:locale is "en_US" for language "en"; the footer year is
// the newest article's, else (no article) the build's; each article links to
// LinkedIn's share page for its URL, with no script.
func TestLocaleYearAndShare(t *testing.T) {
	dir := publishSite(t)
	if code, _, errs := folio(t, "build", "--src", dir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	// Pages are minified, which may leave attribute values unquoted.
	page := strings.ReplaceAll(readFile(t, filepath.Join(dir, "public", "articles", "alpha", "index.html")), `"`, "")
	for _, want := range []string{
		"<meta property=og:locale content=en_US>",
		"© 2025 ",
		"href=https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fpublish.example%2Farticles%2Falpha%2F ",
		">Share on LinkedIn</a>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("article page lacks %s", want)
		}
	}
	if strings.Contains(page, "platform.linkedin.com") {
		t.Error("the share link loads LinkedIn's script")
	}
	empty := newSite(t, map[string]string{"content/site.yaml": "title: Empty\nbase_url: https://empty.example/\nauthor: {name: Nobody}\n"}, "")
	if code, _, errs := folio(t, "build", "--src", empty); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	if home := readFile(t, filepath.Join(empty, "public", "index.html")); !strings.Contains(home, "© "+strconv.Itoa(time.Now().Year())+" ") {
		t.Errorf("a site with no article: the footer year is not the build's")
	}
}

// TestPreviewBuild is issue 10, case 5: a deploy preview built with
// --preview --drafts --future shows drafts and scheduled articles, a banner
// on every page, asks search engines not to index any of it, and has Netlify
// send X-Robots-Tag: noindex.
func TestPreviewBuild(t *testing.T) {
	dir := publishSite(t)
	writeFile(t, filepath.Join(dir, "content", "articles", "draft.md"), "---\ntitle: A Draft\ndate: 2025-03-05\ndraft: true\ntopics: [Trust]\nsummary: Not yet.\n---\n\nSoon.\n")
	writeFile(t, filepath.Join(dir, "content", "articles", "later.md"), "---\ntitle: Later\ndate: 2199-01-01\ntopics: [Trust]\nsummary: Scheduled.\n---\n\nLater.\n")
	code, _, errs := folio(t, "build", "--src", dir, "--preview", "--drafts", "--future", "--base-url", "https://deploy-preview-7--site.netlify.app")
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	pub := filepath.Join(dir, "public")
	headers := readFile(t, filepath.Join(pub, "_headers"))
	if !regexp.MustCompile(`(?m)^/\*\n\s+X-Robots-Tag: noindex$`).MatchString(headers) {
		t.Errorf("_headers does not send X-Robots-Tag: noindex for every path:\n%s", headers)
	}
	pages := 0
	err := filepath.WalkDir(pub, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		html := readFile(t, p)
		if !strings.Contains(html, "Preview of Publish Test") {
			t.Errorf("%s has no preview banner", p)
		}
		if !regexp.MustCompile(`<meta name="?robots"? content="?noindex`).MatchString(html) {
			t.Errorf("%s does not ask search engines not to index it", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"articles/draft/index.html", "articles/later/index.html"} {
		if _, err := os.Stat(filepath.Join(pub, filepath.FromSlash(p))); err != nil {
			t.Errorf("the preview lacks %s: %v", p, err)
		}
	}
	if pages < 10 {
		t.Errorf("only %d pages checked", pages)
	}
	// The production build has none of it.
	if code, _, errs := folio(t, "build", "--src", dir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(pub, "_headers")); err == nil {
		t.Error("a production build has the preview's _headers")
	}
	if strings.Contains(readFile(t, filepath.Join(pub, "index.html")), "Preview of") {
		t.Error("a production build shows the preview banner")
	}
}

// TestNextScheduled is issue 10, case 4: folio build says when the next
// article held back for its date comes out, so the owner knows the daily
// build (netlify/functions/publish-scheduled.mjs, tested by TestNetlifyNode)
// will publish it; drafts are not scheduled.
func TestNextScheduled(t *testing.T) {
	dir := publishSite(t)
	writeFile(t, filepath.Join(dir, "content", "articles", "later.md"), "---\ntitle: Later\ndate: 2199-01-02T09:30:00Z\ntopics: [Trust]\nsummary: Later.\n---\n\nLater.\n")
	writeFile(t, filepath.Join(dir, "content", "articles", "much-later.md"), "---\ntitle: Much Later\ndate: 2199-06-01\ntopics: [Trust]\nsummary: Much later.\n---\n\nText.\n")
	writeFile(t, filepath.Join(dir, "content", "articles", "draft.md"), "---\ntitle: Draft\ndate: 2198-01-01\ndraft: true\ntopics: [Trust]\nsummary: A draft.\n---\n\nText.\n")
	code, out, errs := folio(t, "build", "--src", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := `folio: next scheduled article: "Later" on 2199-01-02 09:30 UTC (` + filepath.Join(dir, "content", "articles", "later.md") + `)`
	if !strings.Contains(out, want) {
		t.Errorf("build output lacks\n  %s\ngot:\n%s", want, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "articles", "later")); err == nil {
		t.Error("the scheduled article is published before its date")
	}
	// Nothing scheduled, nothing said.
	os.Remove(filepath.Join(dir, "content", "articles", "later.md"))
	os.Remove(filepath.Join(dir, "content", "articles", "much-later.md"))
	if _, out, _ := folio(t, "build", "--src", dir); strings.Contains(out, "next scheduled") {
		t.Errorf("a site with nothing scheduled: %s", out)
	}
}

// TestSnippetsPresets: the bulk-upload CSVs of Buffer (its header row,
// exactly) and Hootsuite (no header; date, text, link), read back as a
// spreadsheet would.
func TestSnippetsPresets(t *testing.T) {
	dir := publishSite(t)
	writeFile(t, filepath.Join(dir, "content", "articles", "later.md"), "---\ntitle: Later\ndate: 2199-01-02T09:30:00Z\ntopics: [Trust, Feedback, Hiring]\nsummary: Later.\n---\n\nIs later better?\n")
	code, out, errs := folio(t, "snippets", "--src", dir, "--future", "--preset", "buffer")
	if code != 0 {
		t.Fatalf("buffer: exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "Text,Image URL,Tags,Posting Time" {
		t.Errorf("Buffer header %q", got)
	}
	code, jsonOut, _ := folio(t, "snippets", "--src", dir, "--future", "--format", "json")
	var records []social.Record
	if code != 0 || json.Unmarshal([]byte(jsonOut), &records) != nil || len(rows) != len(records)+1 {
		t.Fatalf("%d Buffer rows for %d posts", len(rows)-1, len(records))
	}
	for i, r := range records {
		row := rows[i+1]
		if row[0] != r.ContentText || row[1] != r.Image || row[2] != "" {
			t.Errorf("Buffer row %d = %q, want the post and its card", i, row)
		}
		wantTime := ""
		if r.Slug == "later" {
			wantTime = "2199-01-02 09:30"
		}
		if row[3] != wantTime {
			t.Errorf("Buffer row %d (%s): Posting Time %q, want %q", i, r.Slug, row[3], wantTime)
		}
	}

	code, out, errs = folio(t, "snippets", "--src", dir, "--future", "--preset", "hootsuite")
	if code != 0 {
		t.Fatalf("hootsuite: exit %d: %s", code, errs)
	}
	rows, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(records) || len(rows[0]) != 3 {
		t.Fatalf("Hootsuite: %d rows of %d columns, want %d of 3, no header", len(rows), len(rows[0]), len(records))
	}
	if rows[0][0] != "02/01/2199 09:30" || rows[0][1] != records[0].ContentText || rows[0][2] != "" {
		t.Errorf("Hootsuite row 0 = %q", rows[0])
	}
	if rows[1][0] != "" || !strings.Contains(errs, "hootsuite needs a future date on every row: fill in the date of alpha, beta") {
		t.Errorf("Hootsuite: past posts get no date and a warning: %q\n%s", rows[1], errs)
	}
	if code, _, errs := folio(t, "snippets", "--src", dir, "--preset", "buffer", "--format", "json"); code != 2 || !strings.Contains(errs, "--preset buffer writes CSV") {
		t.Errorf("--preset with --format json: exit %d %q", code, errs)
	}
	if code, _, _ := folio(t, "snippets", "--src", dir, "--preset", "later"); code != 2 {
		t.Errorf("unknown preset: exit %d", code)
	}
}
