package build

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/peeplcoach/folio/internal/browsertest"
	"github.com/peeplcoach/folio/internal/corpus"
	"github.com/peeplcoach/folio/internal/output"
)

// readerSite is a site of n synthetic articles plus two written for the
// reader features (a title with accents, a video, a callout, code), built
// with the bundled design and served over HTTP with netlify.toml's
// Content-Security-Policy, as Netlify serves it.
type readerSite struct {
	url       string
	searchKB  float64 // size of the whole search index
	searchN   int     // files in it
	served    atomic.Int64
	servedLog sync.Map
}

func newReaderSite(t testing.TB, n int) *readerSite {
	t.Helper()
	fsys := designFiles(t)
	site, err := os.ReadFile(filepath.Join("..", "..", "content", "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/site.yaml"] = &fstest.MapFile{Data: append(site, "\nchecklists: false\nshare_cards: false\n"...)}
	for _, f := range corpus.Generate(n, 42) {
		fsys["content/articles/"+f.Name] = &fstest.MapFile{Data: f.Data}
	}
	fsys["content/articles/fuhrung.md"] = &fstest.MapFile{Data: []byte(article("title: \"Führung im Café\"\ndate: 2025-05-01\ntopics: [Leadership]\nsummary: Leading from the café table.",
		"Intro about the zanzibarian method.\n\n> [!TIP]\n> Order the coffee first.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n```go\nfunc main() {}\n```\n"))}
	dir := t.TempDir()
	b, err := New(fsys, Options{Minify: true, Fingerprint: true, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(context.Background(), output.OpenFolder(dir)); err != nil {
		t.Fatal(err)
	}
	rs := &readerSite{}
	filepath.WalkDir(filepath.Join(dir, "search"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			info, _ := d.Info()
			rs.searchKB += float64(info.Size()) / 1024
			rs.searchN++
		}
		return nil
	})
	toml, err := os.ReadFile(filepath.Join("..", "..", "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Content-Security-Policy = "([^"]+)"`).FindSubmatch(toml)
	if m == nil {
		t.Fatal("netlify.toml has no Content-Security-Policy")
	}
	csp := string(m[1])
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		cw := &countingWriter{ResponseWriter: w}
		files.ServeHTTP(cw, r)
		if strings.HasPrefix(r.URL.Path, "/search/") && r.URL.Path != "/search/" {
			rs.served.Add(cw.n)
			rs.servedLog.Store(r.URL.Path, cw.n)
		}
	}))
	t.Cleanup(srv.Close)
	rs.url = srv.URL
	return rs
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	c.n += int64(n)
	return n, err
}

// cspWatch records Content-Security-Policy violations and requests to other
// hosts, from the first script of every page on.
const cspWatch = `window.__csp = []; document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));`

// query submits a search and waits for its results; it returns the result
// links and the script's own time for it, in milliseconds.
func query(ctx context.Context, q string) ([]string, int, error) {
	err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById("search-q").value = %q; document.getElementById("search-form").requestSubmit()`, q)),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.getElementById("search-results").getAttribute("data-query") === %q`, q), chromedp.WithPollingTimeout(20*time.Second)),
	)
	if err != nil {
		return nil, 0, err
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#search-results a")).map(a => a.getAttribute("href"))`))
	if err != nil {
		return nil, 0, err
	}
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[int](`+document.getElementById("search-results").getAttribute("data-ms")`))
	return links, ms, err
}

// rankMS is the script's time to rank the last query's hits, in milliseconds.
func rankMS(ctx context.Context) (float64, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[float64](`+document.getElementById("search-results").getAttribute("data-rank-ms")`))
}

// TestReaderFeaturesInTheBrowser is issue 12's case 8 in Chromium under the
// production CSP: search finds by title, accents and prefixes, downloads a
// part of the index, and falls back to a form without scripts; a video loads
// nothing from its host until clicked, then plays from youtube-nocookie.com;
// highlighted code and the callout are styled by files, not inline styles.
func TestReaderFeaturesInTheBrowser(t *testing.T) {
	browsertest.Chromium(t)
	rs := newReaderSite(t, 300)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	ctx = browsertest.New(ctx, t, chromedp.WindowSize(1280, 900))
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	must("start", chromedp.Do(ctx, chromedp.Navigate("about:blank")))
	var external []string
	var mu sync.Mutex
	must("listen", chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && !strings.HasPrefix(e.Request.URL, rs.url) && !strings.HasPrefix(e.Request.URL, "data:") && e.Request.URL != "about:blank" {
			mu.Lock()
			external = append(external, e.Request.URL)
			mu.Unlock()
		}
	}))
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	must("network", err)
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch})
	must("watch CSP", err)

	// Search.
	must("open /search/", chromedp.Do(ctx, chromedp.Navigate(rs.url+"/search/"), chromedp.WaitVisible("#search-q")))
	noteHidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("search-note").hidden`))
	must("note", err)
	if !noteHidden {
		t.Error("with scripts on, the note about DuckDuckGo still shows")
	}
	for _, tt := range []struct{ q, want string }{
		{"Führung", "/articles/fuhrung/"},
		{"fuhrung cafe", "/articles/fuhrung/"},
		{"zanzibar", "/articles/fuhrung/"}, // a prefix of a word of the text
		{"ZANZIBARIAN", "/articles/fuhrung/"},
	} {
		links, _, err := query(ctx, tt.q)
		must("query "+tt.q, err)
		if len(links) == 0 || links[0] != tt.want {
			t.Errorf("search %q: first results %v, want %s", tt.q, links[:min(3, len(links))], tt.want)
		}
	}
	links, _, err := query(ctx, "qqqqqq")
	must("query qqqqqq", err)
	status, err := chromedp.Run(ctx, chromedp.Text("#search-status"))
	must("status", err)
	if len(links) != 0 || !strings.Contains(status, "No articles match") {
		t.Errorf("nonsense query: %v, status %q", links, status)
	}
	links, _, err = query(ctx, "team")
	must("query team", err)
	if len(links) != 10 {
		t.Errorf("a common word shows %d results on the first page, want 10", len(links))
	}
	status, err = chromedp.Run(ctx, chromedp.Text("#search-status"))
	must("status", err)
	if !regexp.MustCompile(`^\d+ articles match “team”$`).MatchString(status) {
		t.Errorf("status = %q", status)
	}
	loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
	must("location", err)
	if loc != "?q=team" {
		t.Errorf("location.search = %q, want the query in the address", loc)
	}
	fetched := 0
	rs.servedLog.Range(func(_, _ any) bool { fetched++; return true })
	if fetched*2 > rs.searchN {
		t.Errorf("six searches downloaded %d of the index's %d files: not a small part", fetched, rs.searchN)
	}

	// The article: callout, code, video.
	must("open the article", chromedp.Do(ctx, chromedp.Navigate(rs.url+"/articles/fuhrung/"), chromedp.WaitVisible(".embed-link")))
	styles, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`({
		kd: getComputedStyle(document.querySelector("pre.chroma .kd")).color,
		pre: getComputedStyle(document.querySelector("pre.chroma")).color,
		callout: getComputedStyle(document.querySelector(".callout-tip")).borderLeftWidth,
		inline: String(document.querySelectorAll("[style]").length)
	})`))
	must("styles", err)
	if styles["kd"] == styles["pre"] || styles["callout"] != "4px" || styles["inline"] != "0" {
		t.Errorf("styles = %v: want keywords coloured, the callout's border, no inline style", styles)
	}
	mu.Lock()
	before := append([]string(nil), external...)
	mu.Unlock()
	if len(before) != 0 {
		t.Errorf("the page loaded from other hosts before any click: %v", before)
	}
	must("play", chromedp.Do(ctx, chromedp.Click(".embed-link"), chromedp.WaitVisible("iframe.embed-frame")))
	srcAttr, err := chromedp.Run(ctx, chromedp.AttributeValue("iframe.embed-frame", "src"))
	must("player", err)
	if src := srcAttr.Value; src != "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1" {
		t.Errorf("player src = %q", srcAttr.Value)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp`))
	must("csp", err)
	if len(violations) != 0 {
		t.Errorf("CSP violations: %v", violations)
	}

	// Without scripts, the search page is a form that searches the site
	// on DuckDuckGo.
	_, err = chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	must("scripts off", err)
	must("open /search/ without scripts", chromedp.Do(ctx, chromedp.Navigate(rs.url+"/search/"), chromedp.WaitVisible("#search-q")))
	actionAttr, err := chromedp.Run(ctx, chromedp.AttributeValue("#search-form", "action"))
	must("action", err)
	sitesAttr, err := chromedp.Run(ctx, chromedp.AttributeValue(`#search-form input[name=sites]`, "value"))
	must("sites", err)
	_, err = chromedp.Run(ctx, chromedp.WaitVisible("#search-note"))
	must("note shown", err)
	action, sites, noteShown := actionAttr.Value, sitesAttr.Value, err == nil
	if action != "https://duckduckgo.com/" || sites != "insights.peeplcoach.com" || !noteShown {
		t.Errorf("without scripts: action %q, sites %q, note shown %v", action, sites, noteShown)
	}
}

// BenchmarkSearch10k measures search on a site of 10,000 articles in
// Chromium: the size of the whole index, what one query downloads, and the
// script's time from submitting to results shown (min/median/max over the
// queries; the first one loads the manifest too).
//
//	go test ./internal/build -run '^$' -bench Search10k -benchtime 1x
func BenchmarkSearch10k(b *testing.B) {
	browsertest.Chromium(b)
	rs := newReaderSite(b, 10000)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	ctx = browsertest.New(ctx, b, chromedp.WindowSize(1280, 900))
	if err := chromedp.Do(ctx, chromedp.Navigate(rs.url+"/search/"), chromedp.WaitVisible("#search-q")); err != nil {
		b.Fatal(err)
	}
	queries := []string{"manager", "trust feedback", "delegat", "team meeting boundaries", "zanzibarian", "clear roadmap", "protect", "feedback"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var cold, warm []int
		var ranks []float64
		var sizes []int64
		for _, q := range queries {
			before := rs.served.Load()
			links, ms, err := query(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			downloaded := rs.served.Load() - before
			// Again, with its files in the browser's memory: the time of
			// the script itself.
			if _, _, err := query(ctx, "x"+q); err != nil {
				b.Fatal(err)
			}
			_, again, err := query(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			rank, err := rankMS(ctx)
			if err != nil {
				b.Fatal(err)
			}
			cold, warm, ranks, sizes = append(cold, ms), append(warm, again), append(ranks, rank), append(sizes, downloaded)
			b.Logf("%-26q %2d results shown; first %4d ms, %6.1f KB downloaded; again %3d ms, ranking %5.1f ms", q, len(links), ms, float64(downloaded)/1024, again, rank)
		}
		sort.Ints(cold)
		sort.Ints(warm)
		sort.Float64s(ranks)
		sort.Slice(sizes, func(i, j int) bool { return sizes[i] < sizes[j] })
		b.ReportMetric(float64(cold[len(cold)/2]), "first-median-ms")
		b.ReportMetric(float64(cold[len(cold)-1]), "first-max-ms")
		b.ReportMetric(float64(warm[len(warm)/2]), "again-median-ms")
		b.ReportMetric(ranks[len(ranks)-1], "rank-max-ms")
		b.ReportMetric(float64(sizes[len(sizes)/2])/1024, "median-KB/query")
		b.ReportMetric(float64(sizes[len(sizes)-1])/1024, "max-KB/query")
	}
	b.ReportMetric(rs.searchKB, "index-KB")
	b.ReportMetric(float64(rs.searchN), "index-files")
}
