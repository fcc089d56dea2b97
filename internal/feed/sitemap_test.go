package feed

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
}

func TestSitemap(t *testing.T) {
	in := []URL{
		{Loc: "https://peeplcoach.example/", LastMod: date("2024-03-05T19:30:00+10:00")},
		{Loc: "https://peeplcoach.example/search/?q=a&b=<c>"},
		{Loc: "https://peeplcoach.example/articles/café/", LastMod: date("2023-01-10T07:00:00Z")},
	}
	b, err := Sitemap(in)
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, b)
	var got urlset
	if err := xml.Unmarshal(b, &got); err != nil {
		t.Fatalf("unmarshal sitemap: %v\n%s", err, b)
	}
	want := []struct{ loc, lastmod string }{
		{"https://peeplcoach.example/", "2024-03-05T09:30:00Z"},
		{"https://peeplcoach.example/search/?q=a&b=<c>", ""},
		{"https://peeplcoach.example/articles/café/", "2023-01-10T07:00:00Z"},
	}
	if len(got.URLs) != len(want) {
		t.Fatalf("got %d URLs, want %d", len(got.URLs), len(want))
	}
	for i, w := range want {
		if got.URLs[i].Loc != w.loc || got.URLs[i].LastMod != w.lastmod {
			t.Errorf("url %d = %+v, want loc %q lastmod %q", i, got.URLs[i], w.loc, w.lastmod)
		}
		if w.lastmod != "" {
			if _, err := time.Parse(time.RFC3339, w.lastmod); err != nil {
				t.Errorf("lastmod %q is not a W3C date-time: %v", w.lastmod, err)
			}
		}
	}
	if strings.Count(string(b), "<lastmod>") != 2 {
		t.Errorf("want <lastmod> only for the two dated URLs:\n%s", b)
	}
	if !strings.HasPrefix(string(b), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("sitemap lacks the XML declaration:\n%s", b)
	}
}

func TestSitemapEmpty(t *testing.T) {
	b, err := Sitemap(nil)
	if err != nil {
		t.Fatal(err)
	}
	var got urlset
	if err := xml.Unmarshal(b, &got); err != nil || len(got.URLs) != 0 {
		t.Errorf("empty sitemap: %d URLs, err %v", len(got.URLs), err)
	}
}

func TestSitemapErrors(t *testing.T) {
	tests := []struct {
		name string
		urls []URL
		want string
	}{
		{"relative", []URL{{Loc: "/a/"}, {Loc: "https://x.example/"}, {Loc: "b"}}, `loc "/a/" is not an absolute URL` + "\n" + `loc "b"`},
		{"too many", make([]URL, maxSitemapURLs+1), "50001 URLs, more than the 50000"},
	}
	for _, tc := range tests {
		_, err := Sitemap(tc.urls)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "write sitemap: ") {
			t.Errorf("%s: error = %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
}

func TestRobots(t *testing.T) {
	tests := []struct{ sitemap, want string }{
		{"https://peeplcoach.example/sitemap.xml", "User-agent: *\nAllow: /\n\nSitemap: https://peeplcoach.example/sitemap.xml\n"},
		{"", "User-agent: *\nAllow: /\n"},
		{"https://x.example/s.xml\nDisallow: /", "User-agent: *\nAllow: /\n\nSitemap: https://x.example/s.xmlDisallow: /\n"},
	}
	for _, tc := range tests {
		if got := string(Robots(tc.sitemap)); got != tc.want {
			t.Errorf("Robots(%q) = %q, want %q", tc.sitemap, got, tc.want)
		}
	}
}
