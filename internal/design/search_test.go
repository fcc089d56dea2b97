package design

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSearchStatus: the search page says how many articles match in plain
// words. A query found in one article reads “1 article matches “trust””,
// without the straight quotes that html/template's JavaScript escaping once
// put around it (see TestNoDataOnAttributes).
func TestSearchStatus(t *testing.T) {
	b := newTab(t)
	for _, tc := range []struct{ query, want string }{
		{"trust", "1 article matches “trust”"},
		{"zzzzqqq", "No articles match “zzzzqqq”."},
	} {
		b.open("/search/?q="+tc.query, phone, "light")
		var status string
		b.eval(`new Promise(resolve => {
  const list = document.getElementById("search-results");
  const done = () => list.getAttribute("data-query") !== null;
  if (done()) return resolve(document.getElementById("search-status").textContent);
  new MutationObserver((_, o) => { if (done()) { o.disconnect(); resolve(document.getElementById("search-status").textContent); } })
    .observe(list, {attributes: true});
})`, &status)
		if status != tc.want {
			t.Errorf("search %q: status %q, want %q", tc.query, status, tc.want)
		}
	}
}

// TestNoDataOnAttributes: html/template takes an attribute whose name is
// on… or data-on… for an event handler and escapes a value put into it as a
// JavaScript string, quotes and all (data-one="{{ .T … }}" came out as
// "&#34;1 article matches …&#34;"). No layout may fill such an attribute.
func TestNoDataOnAttributes(t *testing.T) {
	attr := regexp.MustCompile(`(?i)\s((?:data-)?on[a-z0-9_-]*)\s*=\s*"[^"]*\{\{`)
	files, err := filepath.Glob(filepath.Join(root, "layouts", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	partials, err := filepath.Glob(filepath.Join(root, "layouts", "partials", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, partials...)
	if len(files) < 10 {
		t.Fatalf("found %d layouts, want every layout of the design", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range attr.FindAllStringSubmatchIndex(string(data), -1) {
			line := 1 + strings.Count(string(data[:m[2]]), "\n")
			t.Errorf("%s:%d: attribute %s holds a template action, which html/template escapes as JavaScript; rename it (not on…, not data-on…)", f, line, data[m[2]:m[3]])
		}
	}
}
