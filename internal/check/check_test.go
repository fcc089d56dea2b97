package check

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/markdown"
)

// index makes the index of a site from its Markdown files.
func index(t *testing.T, files map[string]string) (*content.Index, fstest.MapFS) {
	t.Helper()
	conv := markdown.New(markdown.Options{})
	site, probs := content.ParseSite(conv, []byte("title: T\nbase_url: https://t.example/\nauthor: {name: A}\n"))
	if len(probs.Errors) > 0 {
		t.Fatal(probs.Errors)
	}
	fsys := fstest.MapFS{}
	var pages []*content.Page
	for p, src := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(src)}
		place, ok := content.Locate(p)
		if !ok {
			t.Fatalf("%s is not a page", p)
		}
		doc, err := conv.Convert([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		pg, probs := content.NewPage(p, place, doc)
		if len(probs.Errors) > 0 {
			t.Fatal(probs.Errors)
		}
		pages = append(pages, pg)
	}
	idx, probs := content.NewIndex(site, pages, content.IndexOptions{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if len(probs.Errors) > 0 {
		t.Fatal(probs.Errors)
	}
	return idx, fsys
}

// record builds an Output from files as a build would write them.
func record(t *testing.T, files map[string]string) *Output {
	t.Helper()
	r := NewRecorder(nil)
	for p, data := range files {
		if err := r.WriteFile(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	return r.Output()
}

func TestLinks(t *testing.T) {
	idx, _ := index(t, map[string]string{
		"content/articles/a.md": "---\ntitle: A\ndate: 2025-01-01\n---\n\n" +
			"[same page](#part-two) [missing here](#nope) [top](#top)\n\n" + // line 6
			"[b](/articles/b/) [b's id](/articles/b/#raw) [b's missing](/articles/b/#gone)\n\n" + // line 8
			"[no slash](/articles/b) [relative](../b/) [moved](/old/) [nowhere](/articles/zzz/)\n\n" + // line 10
			"[pdf](/articles/b/checklist-a4.pdf#page=2) [absolute self](https://t.example/articles/b/) [mail](mailto:x@y.z)\n\n" + // line 12
			"![pic](pic.png) ![lost](lost.png) [ext](https://other.example/x#y) [ext again](https://other.example/x)\n\n" + // line 14
			"## Part Two\n",
		"content/articles/b.md": "---\ntitle: B\ndate: 2025-01-02\n---\n\nText.\n",
	})
	out := record(t, map[string]string{
		"articles/a/index.html":       `<h2 id="part-two">Part Two</h2><a href="/broken-in-layout/">x</a><a href="https://layout.example/">y</a>`,
		"articles/b/index.html":       `<p><span id="raw"></span></p><a href="/broken-in-layout/">x</a>`,
		"articles/a/pic.png":          "png",
		"articles/b/checklist-a4.pdf": "pdf",
		"index.html":                  `<a href="/broken-in-layout/">x</a><a href="https://layout.example/">y</a>`,
		"_redirects":                  "# comment\n/old/ /articles/b/ 301\n",
	})
	findings, ext := Links(idx, out, "https://t.example")
	var got []string
	for _, f := range findings {
		got = append(got, f.Error())
	}
	want := []string{
		"content/articles/a.md:6: link to /articles/a/#nope: that page has no heading or element with the id \"nope\"",
		"content/articles/a.md:8: link to /articles/b/#gone: that page has no heading or element with the id \"gone\"",
		"content/articles/a.md:10: link to /articles/b should end with a slash: /articles/b/",
		"content/articles/a.md:10: link to /articles/zzz/ leads nowhere: no page or file of the site has that URL",
		"content/articles/a.md:14: image /articles/a/lost.png is missing: no file of the site has that URL",
		"page / (and 2 other pages): link to /broken-in-layout/ leads nowhere: no page or file of the site has that URL",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(ext) != 2 || ext[0].URL != "https://layout.example/" || ext[1].URL != "https://other.example/x" || len(ext[1].Where) != 2 || ext[1].Where[0] != (Where{"content/articles/a.md", 14}) {
		t.Errorf("external = %+v", ext)
	}
}

func TestContentFindings(t *testing.T) {
	idx, fsys := index(t, map[string]string{
		"content/articles/new.md": "---\ntitle: New\ndate: 2025-01-01\nsummary: \"\"\ntopics: []\n---\n\n" + PlaceholderIntro + "\n\n## " + PlaceholderHeading + "\n\n- [ ] " + PlaceholderTask + "\n",
		"content/articles/ok.md":  "---\ntitle: OK\ndate: 2025-01-01\nsummary: Written for it.\ntopics: [Trust]\n---\n\nBody.\n",
	})
	var got []string
	for _, f := range Content(idx, fsys) {
		got = append(got, f.Error())
	}
	want := []string{
		"content/articles/new.md:4: no summary",
		"content/articles/new.md:5: no topics",
		"content/articles/new.md:8: \"Write the introduction here.\" is folio new's placeholder",
		"content/articles/new.md:10: \"First section\" is folio new's placeholder",
		"content/articles/new.md:12: \"An action item readers can tick off\" is folio new's placeholder",
	}
	if len(got) != len(want) {
		t.Fatalf("findings:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %d = %q, want it to start %q", i, got[i], want[i])
		}
	}
	// Without the files, the page is still reported, without a line.
	if f := Placeholders(idx, nil); len(f) != 3 || f[0].Line != 0 {
		t.Errorf("Placeholders without files = %v", f)
	}
}

// server answers like the web does: paths name a status; /nohead refuses
// HEAD; /slow answers late. It records when each request came.
type server struct {
	*httptest.Server
	mu    sync.Mutex
	times map[string][]time.Time
}

func newServer(t *testing.T) *server {
	s := &server{times: map[string][]time.Time{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.times[r.URL.Path] = append(s.times[r.URL.Path], time.Now())
		s.mu.Unlock()
		switch r.URL.Path {
		case "/ok", "/a", "/b", "/c":
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/robots-unwelcome":
			w.WriteHeader(999) // LinkedIn's answer to robots
		case "/forbidden":
			w.WriteHeader(http.StatusForbidden)
		case "/error":
			w.WriteHeader(http.StatusInternalServerError)
		case "/nohead":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/slow":
			time.Sleep(300 * time.Millisecond)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.times[path])
}

func refs(base string, paths ...string) []ExternalRef {
	var out []ExternalRef
	for i, p := range paths {
		out = append(out, ExternalRef{URL: base + p, Where: []Where{{Path: "content/articles/a.md", Line: i + 1}}})
	}
	return out
}

func TestExternal(t *testing.T) {
	s := newServer(t)
	cache := LinkCache{}
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	o := ExternalOptions{Timeout: 100 * time.Millisecond, PerHost: time.Millisecond, Cache: cache, Now: func() time.Time { return now }}
	findings := External(context.Background(), refs(s.URL, "/ok", "/gone", "/missing", "/robots-unwelcome", "/forbidden", "/error", "/nohead", "/slow"), o)
	var got []string
	for _, f := range findings {
		got = append(got, f.Error())
	}
	want := []string{
		"content/articles/a.md:2: link to " + s.URL + "/gone is dead: 410 Gone",
		"content/articles/a.md:3: link to " + s.URL + "/missing is dead: 404 Not Found",
		"content/articles/a.md:6: link to " + s.URL + "/error is dead: 500 Internal Server Error",
		"content/articles/a.md:8: link to " + s.URL + "/slow is dead: no answer within the timeout",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s.count("/nohead") != 2 {
		t.Errorf("/nohead asked %d times, want HEAD then GET", s.count("/nohead"))
	}

	// An hour later the good results are trusted, the failures asked again.
	now = now.Add(time.Hour)
	before := map[string]int{"/ok": s.count("/ok"), "/gone": s.count("/gone")}
	External(context.Background(), refs(s.URL, "/ok", "/gone"), o)
	if s.count("/ok") != before["/ok"] || s.count("/gone") == before["/gone"] {
		t.Errorf("within a day: /ok asked again (%v) or /gone not (%v)", s.count("/ok") != before["/ok"], s.count("/gone") == before["/gone"])
	}
	// A day later, everything is asked again.
	now = now.Add(24 * time.Hour)
	External(context.Background(), refs(s.URL, "/ok"), o)
	if s.count("/ok") == before["/ok"] {
		t.Error("a day later /ok was not asked again")
	}
	var b strings.Builder
	if err := cache.Write(&b); err != nil {
		t.Fatal(err)
	}
	if back := ReadLinkCache(strings.NewReader(b.String())); len(back) != len(cache) || !back[s.URL+"/ok"].Checked.Equal(cache[s.URL+"/ok"].Checked) {
		t.Errorf("the cache does not read back: %v", back)
	}
}

// TestExternalPerHost: requests to one host are PerHost apart, while other
// hosts are asked at the same time.
func TestExternalPerHost(t *testing.T) {
	s1, s2 := newServer(t), newServer(t)
	const gap = 150 * time.Millisecond
	start := time.Now()
	External(context.Background(), append(refs(s1.URL, "/a", "/b", "/c"), refs(s2.URL, "/a", "/b", "/c")...), ExternalOptions{PerHost: gap})
	elapsed := time.Since(start)
	for _, s := range []*server{s1, s2} {
		var ts []time.Time
		for _, p := range []string{"/a", "/b", "/c"} {
			ts = append(ts, s.times[p]...)
		}
		if len(ts) != 3 {
			t.Fatalf("%d requests, want 3", len(ts))
		}
		for i := 1; i < len(ts); i++ {
			if d := ts[i].Sub(ts[i-1]); d < gap-10*time.Millisecond && d > -gap+10*time.Millisecond {
				t.Errorf("two requests to one host %v apart, want at least %v", d, gap)
			}
		}
	}
	// Two hosts in parallel: about two gaps, not four.
	if elapsed > 4*gap {
		t.Errorf("took %v: the two hosts were not checked at the same time", elapsed)
	}
}
