package render

import (
	"bytes"
	"os"
	"testing"
	"time"
)

func BenchmarkZZArticle(b *testing.B) {
	tmpl, err := Load(os.DirFS(layoutsDir()), LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	card := func(t string) *Card {
		c := &Card{Title: t, URL: "/articles/" + t + "/", Summary: "A summary of the thing.", Date: time.Now(), Topics: []Link{{"Trust", "/topics/trust/"}, {"Managing Up", "/topics/managing-up/"}}, ReadingMinutes: 4}
		tmpl.RenderCard(c)
		return c
	}
	site := &Site{Title: "Site", Language: "en", BaseURL: "https://x.com", Nav: []Link{{"Articles", "/"}, {"Topics", "/topics/"}, {"Series", "/series/"}, {"Checklists", "/checklists/"}}, Feeds: []FeedLink{{"A", "/feed.xml", "application/atom+xml", "Atom"}}, Organisation: Party{Name: "Org", Logo: "/images/logo.svg"}}
	assets := NewAssets(map[string]Asset{"/css/site.css": {URL: "/css/site.1.css"}, "/favicon.svg": {URL: "/favicon.svg"}, "/images/logo.svg": {URL: "/images/logo.svg"}})
	var toc []TOCEntry
	for i := 0; i < 10; i++ {
		toc = append(toc, TOCEntry{Level: 2 + i%2, ID: "id", Text: "A heading of some length"})
	}
	links := &ChecklistLinks{Page: "/a/checklist/", A4: Download{"/a.pdf", 37000}, Letter: Download{"/l.pdf", 36000}, Items: 24}
	v := &View{Site: site, Kind: "article", Title: "7 Tips", Description: "d", URL: "/articles/a/", Published: time.Now(), Modified: time.Now(), Author: &Link{"A", "https://a"}, Tags: []string{"Trust", "Managing Up", "Feedback"},
		Breadcrumbs: []Link{{"Home", "/"}, {"Trust", "/topics/trust/"}, {"7 Tips", "/articles/a/"}},
		Image:       &Image{URL: "https://x.com/a/card.png", Width: 1200, Height: 627, Type: "image/png", Alt: "alt"},
		Article:     &Article{Card: card("a"), Body: "<p>body</p>", TOC: toc, SeriesBox: &SeriesBox{Name: "S", URL: "/s/", Part: 2, Parts: 5, Prev: card("p"), Next: card("n")}, Related: []*Card{card("r1"), card("r2"), card("r3")}, Checklist: links},
		assets:      assets}
	var buf bytes.Buffer
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if err := tmpl.ExecuteTo(&buf, "article", v); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

func layoutsDir() string {
	if d := os.Getenv("LAY"); d != "" {
		return d
	}
	return "../../layouts"
}
