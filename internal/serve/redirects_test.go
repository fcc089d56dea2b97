package serve

import (
	"os"
	"path/filepath"
	"testing"
)

// TestHeaderForIsNetlifys checks header paths against the regular expression
// Netlify's headers parser makes for them (getForRegExp).
func TestHeaderForIsNetlifys(t *testing.T) {
	tests := []struct {
		pattern, path string
		ok            bool
	}{
		{"/*", "/", true},
		{"/*", "/a/b.css", true},
		{"/", "/", true},
		{"/", "/a", false},
		{"/css/*", "/css", true},
		{"/css/*", "/css/a.css", true},
		{"/css/*", "/cssx/a", true}, // Netlify's "/css/?(.*)" matches this too
		{"/feed.xml", "/feed.xml", true},
		{"/feed.xml", "/FEED.XML", true},
		{"/feed.xml", "/feedxxml", false}, // a plain segment is literal
		{"/*.xml", "/feed.xml", true},
		{"/*.xml", "/feedxxml", true}, // in a wildcard segment, "." is a regexp dot
		{"/articles/:slug/", "/articles/a", true},
		{"/articles/:slug/", "/articles/a/b", false},
		{"articles", "/articles/", true}, // Netlify adds the leading slash
		{"/a /b ", "/a/b", true},         // segments are trimmed at the end
	}
	for _, tt := range tests {
		re, err := headerFor(tt.pattern)
		if err != nil {
			t.Fatalf("%q: %v", tt.pattern, err)
		}
		if got := re.MatchString(tt.path); got != tt.ok {
			t.Errorf("for %q, path %q: match %v, want %v (regexp %s)", tt.pattern, tt.path, got, tt.ok, re)
		}
	}
}

func TestServeFeedContentTypeFromNetlify(t *testing.T) {
	toml := `
[[headers]]
  for = "/feeds/linkedin.xml"
  [headers.values]
    Content-Type = "application/rss+xml; charset=utf-8"
[[headers]]
  for = "/feed.xml"
  [headers.values]
    Content-Type = "application/atom+xml; charset=utf-8"
[[headers]]
  for = "/*"
  [headers.values]
    X-Frame-Options = "DENY"
`
	files := map[string]string{"feed.xml": "<feed/>", "feeds/linkedin.xml": "<rss/>", "sitemap.xml": "<urlset/>", "404.html": "<p>Not here"}
	h, _ := newTestHandler(t, files, toml, "127.0.0.1")
	for path, want := range map[string]string{
		"/feed.xml":           "application/atom+xml; charset=utf-8",
		"/feeds/linkedin.xml": "application/rss+xml; charset=utf-8",
		"/sitemap.xml":        "application/xml; charset=utf-8",
	} {
		w := do(h, "GET", path)
		if w.Code != 200 || w.Header().Get("Content-Type") != want || w.Header().Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: %d, Content-Type %q, want %q", path, w.Code, w.Header().Get("Content-Type"), want)
		}
	}
}

func TestServeAppliesRedirectsFile(t *testing.T) {
	files := map[string]string{
		"articles/new/index.html":  "<p>New home",
		"articles/kept/index.html": "<p>Kept",
		"404.html":                 "<p>Not here",
		"_redirects": "# Old URLs of moved pages (front matter aliases), made by folio.\n" +
			"/old-post/ /articles/new/ 301\n" +
			"/2019/05/new /articles/new/ 301 # a comment\n" +
			"/articles/kept/ /elsewhere/ 301\n" + // a file answers: not applied
			"/forced/ /articles/new/ 302!\n" +
			"/with/query id=:id /articles/new/ 301\n", // skipped, with a warning
	}
	h, out := newTestHandler(t, files, "[[redirects]]\nfrom = \"/old-post/\"\nto = \"/from-toml/\"\nstatus = 302\n", "127.0.0.1")
	h.loadRedirects()
	tests := []struct {
		path, location string
		status         int
	}{
		{"/old-post/", "/articles/new/", 301}, // _redirects before netlify.toml
		{"/old-post", "/articles/new/", 301},
		{"/2019/05/new", "/articles/new/", 301},
		{"/articles/kept/", "", 200},
		{"/forced/", "/articles/new/", 302},
		{"/with/query", "", 404},
	}
	for _, tt := range tests {
		w := do(h, "GET", tt.path)
		if w.Code != tt.status || w.Header().Get("Location") != tt.location {
			t.Errorf("%s: %d %q, want %d %q", tt.path, w.Code, w.Header().Get("Location"), tt.status, tt.location)
		}
	}
	// A rebuild that drops an alias drops its redirect.
	if err := os.WriteFile(filepath.Join(out, "_redirects"), []byte("# none\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.loadRedirects()
	if w := do(h, "GET", "/2019/05/new"); w.Code != 404 {
		t.Errorf("after the alias went: %d %q", w.Code, w.Header().Get("Location"))
	}
	if w := do(h, "GET", "/old-post/"); w.Code != 302 || w.Header().Get("Location") != "/from-toml/" {
		t.Errorf("netlify.toml's rule after _redirects lost it: %d %q", w.Code, w.Header().Get("Location"))
	}
}
