package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// linkServer is another site: /ok answers, /dead is not found. It counts
// the requests for each path.
type linkServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newLinkServer(t *testing.T) *linkServer {
	s := &linkServer{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		if r.URL.Path == "/ok" {
			w.Write([]byte("<p>fine</p>"))
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *linkServer) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// brokenSite has, in its first article: a link to a page that does not
// exist (line 8), a link to a heading another page does not have (line 9),
// a dead link to another site (line 10), a good one (line 11) and a missing
// image (line 12).
func brokenSite(t *testing.T, other string) string {
	return newSite(t, map[string]string{
		"content/site.yaml": "title: Check Test\nbase_url: https://check.example/\nauthor: {name: Tester}\n",
		"content/articles/alpha.md": "---\ntitle: Alpha\ndate: 2025-03-01\nsummary: The first.\ntopics: [Trust]\n---\n\n" +
			"See [nothing](/articles/nope/).\n\n" +
			"See [beta's missing part](/articles/beta/#no-such-heading), but [its real one](/articles/beta/#the-real-one) is fine.\n\n" +
			"A [dead site](" + other + "/dead).\n\n" +
			"A [live site](" + other + "/ok).\n\n" +
			"![a chart](/images/missing.png)\n",
		"content/articles/beta.md": "---\ntitle: Beta\ndate: 2025-02-01\nsummary: The second.\ntopics: [Trust]\n---\n\nText.\n\n## The Real One\n\nMore.\n",
	}, "")
}

// TestCheckFindsBrokenLinks is issue 10, case 6 and its "done when": folio
// check finds a broken link, a missing heading on another page, a dead
// external link (a local test server) and a missing image, each at its file
// and line, and exits 1; a second run within a day asks the server only for
// the link that failed; --external=false asks nothing.
func TestCheckFindsBrokenLinks(t *testing.T) {
	other := newLinkServer(t)
	dir := brokenSite(t, other.URL)
	code, out, errs := folio(t, "check", "--src", dir, "--per-host", "1ms")
	if code != 1 {
		t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	file := filepath.Join(dir, "content", "articles", "alpha.md")
	for _, want := range []string{
		file + ":8: link to /articles/nope/ leads nowhere",
		file + ":10: link to /articles/beta/#no-such-heading: that page has no heading or element with the id \"no-such-heading\"",
		file + ":12: link to " + other.URL + "/dead is dead: 404 Not Found",
		file + ":16: image /images/missing.png is missing",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("folio check does not report\n  %s\nstdout:\n%s", want, out)
		}
	}
	for _, notWant := range []string{"the-real-one", other.URL + "/ok"} {
		if strings.Contains(out, notWant) {
			t.Errorf("folio check reports %q, which is fine:\n%s", notWant, out)
		}
	}
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; n != 4 {
		t.Errorf("%d findings, want 4:\n%s", n, out)
	}
	if !strings.Contains(errs, "folio check: 4 problems") {
		t.Errorf("stderr: %q", errs)
	}
	if other.count("/ok") == 0 || other.count("/dead") == 0 {
		t.Fatalf("the other site was not asked: %v", other.hits)
	}

	// Within a day, a good result is kept (in .cache); a failure is checked again.
	ok, dead := other.count("/ok"), other.count("/dead")
	if code, _, _ := folio(t, "check", "--src", dir, "--per-host", "1ms"); code != 1 {
		t.Errorf("second run: exit %d, want 1", code)
	}
	if other.count("/ok") != ok || other.count("/dead") == dead {
		t.Errorf("second run asked for /ok %d→%d times, /dead %d→%d: want /ok from the cache, /dead again", ok, other.count("/ok"), dead, other.count("/dead"))
	}
	if _, err := os.Stat(filepath.Join(dir, ".cache", "links.json")); err != nil {
		t.Errorf("no link cache: %v", err)
	}

	// Offline: the site's own problems only, and no request.
	ok, dead = other.count("/ok"), other.count("/dead")
	code, out, _ = folio(t, "check", "--src", dir, "--external=false")
	if code != 1 || strings.Contains(out, other.URL) || !strings.Contains(out, "/articles/nope/") {
		t.Errorf("--external=false: exit %d:\n%s", code, out)
	}
	if other.count("/ok") != ok || other.count("/dead") != dead {
		t.Error("--external=false fetched links")
	}
}

// TestBuildStrict: folio build --strict fails on what folio check finds
// without the network, and leaves the last good output as it was.
func TestBuildStrict(t *testing.T) {
	other := newLinkServer(t)
	dir := brokenSite(t, other.URL)
	alpha := filepath.Join(dir, "content", "articles", "alpha.md")
	broken := readFile(t, alpha)
	writeFile(t, alpha, "---\ntitle: Alpha\ndate: 2025-03-01\nsummary: The first.\ntopics: [Trust]\n---\n\nSee [beta](/articles/beta/#the-real-one).\n")
	if code, _, errs := folio(t, "build", "--src", dir, "--strict"); code != 0 {
		t.Fatalf("a site with no problem: exit %d:\n%s", code, errs)
	}
	page := filepath.Join(dir, "public", "articles", "alpha", "index.html")
	good := readFile(t, page)

	writeFile(t, alpha, broken)
	code, _, errs := folio(t, "build", "--src", dir, "--strict")
	if code != 1 || !strings.Contains(errs, "/articles/nope/ leads nowhere") || !strings.Contains(errs, "no-such-heading") || !strings.Contains(errs, "is unchanged") {
		t.Fatalf("exit %d, want 1 with the broken link and heading:\n%s", code, errs)
	}
	if other.count("/ok")+other.count("/dead") != 0 {
		t.Error("build --strict used the network")
	}
	if got := readFile(t, page); got != good {
		t.Error("build --strict replaced the last good output")
	}
	// Without --strict the same site builds, with warnings.
	if code, _, errs := folio(t, "build", "--src", dir); code != 0 {
		t.Fatalf("without --strict: exit %d:\n%s", code, errs)
	}
}

// TestCheckPlaceholders is issue 10, case 6: folio new's placeholder text,
// published, is found at its line, as are an article with no topics and no
// summary; folio build warns about the placeholder even without --strict.
func TestCheckPlaceholders(t *testing.T) {
	dir := newSite(t, map[string]string{"content/site.yaml": "title: New\nbase_url: https://new.example/\nauthor: {name: Tester}\n"}, "")
	if code, _, errs := folio(t, "new", "--src", dir, "Fresh Thoughts"); code != 0 {
		t.Fatalf("new: %s", errs)
	}
	path := filepath.Join(dir, "content", "articles", "fresh-thoughts.md")
	src := strings.Replace(readFile(t, path), "draft: true", "draft: false", 1)
	writeFile(t, path, src)
	code, out, _ := folio(t, "check", "--src", dir, "--external=false")
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out)
	}
	lines := strings.Split(src, "\n")
	lineOf := func(s string) string {
		for i, l := range lines {
			if strings.Contains(l, s) {
				return ":" + strconv.Itoa(i+1) + ": "
			}
		}
		t.Fatalf("folio new no longer writes %q", s)
		return ""
	}
	for _, want := range []string{
		path + lineOf("Write the introduction here.") + `"Write the introduction here." is folio new's placeholder`,
		path + lineOf("First section") + `"First section" is folio new's placeholder`,
		path + lineOf("An action item") + `"An action item readers can tick off" is folio new's placeholder`,
		path + lineOf("topics:") + "no topics",
		path + lineOf("summary:") + "no summary",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("folio check does not report\n  %s\nin:\n%s", want, out)
		}
	}
	code, _, errs := folio(t, "build", "--src", dir)
	if code != 0 || !strings.Contains(errs, "warning: "+path+lineOf("Write the introduction here.")) {
		t.Errorf("folio build does not warn about the placeholder: exit %d\n%s", code, errs)
	}
	code, _, errs = folio(t, "snippets", "--src", dir)
	if code != 0 || !strings.Contains(errs, "warning: "+path+lineOf("Write the introduction here.")) {
		t.Errorf("folio snippets does not warn about the placeholder in the post: exit %d\n%s", code, errs)
	}
}
