package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/peeplcoach/folio/internal/browsertest"
)

// browserSite is a source folder whose fake build copies content/*.html
// into pages and static/ as is; a source containing BROKEN fails the build.
type browserSite struct {
	src, out string
}

var browserSources = map[string]string{
	"content/a.html":       `<h1 id="v">one</h1>` + strings.Repeat(`<p>Leadership is practice.</p>`, 300),
	"content/b.html":       `<h1 id="v">b one</h1>`,
	"static/css/site.css":  `p { color: rgb(255, 0, 0) }`,
	"static/js/noop.js":    `window.noop = 1;`,
	"content/site.yaml":    "title: Test",
	"layouts/article.html": "{{.}}",
}

func (s *browserSite) rebuild(ctx context.Context, _ []string) (Result, error) {
	outputs := map[string][]byte{}
	for _, name := range []string{"a", "b"} {
		body, err := os.ReadFile(filepath.Join(s.src, "content", name+".html"))
		if err != nil {
			return Result{}, err
		}
		if bytes.Contains(body, []byte("BROKEN")) {
			return Result{}, errors.New("content/" + name + ".html:1: broken front matter: \"tpoics\" is not a key")
		}
		outputs["articles/"+name+"/index.html"] = []byte(`<!doctype html><html><head><link rel="stylesheet" href="/css/site.css"><script src="/js/noop.js" defer></script></head><body>` + string(body) + `</body></html>`)
	}
	css, err := os.ReadFile(filepath.Join(s.src, "static", "css", "site.css"))
	if err != nil {
		return Result{}, err
	}
	outputs["css/site.css"] = css
	outputs["js/noop.js"] = []byte(browserSources["static/js/noop.js"])
	var changed []string
	for name, data := range outputs {
		path := filepath.Join(s.out, filepath.FromSlash(name))
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return Result{}, err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return Result{}, err
		}
		changed = append(changed, "/"+strings.TrimSuffix(name, "index.html"))
	}
	sort.Strings(changed)
	return Result{Changed: changed}, nil
}

func (s *browserSite) write(t *testing.T, rel, body string) {
	t.Helper()
	writeFile(t, filepath.Join(s.src, filepath.FromSlash(rel)), body)
}

// TestBrowserLiveReload drives the live-reload client in a real browser
// under a production-like Content-Security-Policy, with a fake build.
func TestBrowserLiveReload(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	browsertest.Chromium(t)
	site := &browserSite{src: t.TempDir(), out: filepath.Join(t.TempDir(), "public")}
	for rel, body := range browserSources {
		site.write(t, rel, body)
	}
	netlify := filepath.Join(t.TempDir(), "netlify.toml")
	writeFile(t, netlify, "[[headers]]\nfor = \"/*\"\n[headers.values]\nContent-Security-Policy = \"default-src 'self'; style-src 'self'\"\n")

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	srvCtx, stop := context.WithCancel(ctx)
	defer stop()
	s, err := Start(srvCtx, Config{SourceDir: site.src, OutputDir: site.out, Port: AnyPort, Netlify: netlify}, site.rebuild)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { stop(); s.Wait() }()

	browser := browsertest.New(ctx, t)
	if err := chromedp.Do(browser, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start the browser: %v", err)
	}
	events := openSSE(ctx, t, s.URL())

	page := s.URL() + "articles/a/"
	must := func(t *testing.T, step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	// waitIn polls expr in a tab until it is true; a poll interrupted by the
	// page reloading is simply started again.
	waitIn := func(t *testing.T, tab context.Context, step, expr string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			pctx, pcancel := context.WithDeadline(tab, deadline)
			_, err := chromedp.Run(pctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(0)))
			pcancel()
			if err == nil {
				return
			}
			if time.Now().After(deadline) || !reloading(err) {
				t.Fatalf("%s: %v", step, err)
			}
		}
	}
	eval := func(t *testing.T, tab context.Context, expr string) any {
		t.Helper()
		v, err := chromedp.Run(tab, chromedp.Evaluate[any](expr))
		must(t, expr, err)
		return v
	}
	// caughtUp is true once a page's live reload has seen the site's
	// version gen (see reload.js): the event of an edit has reached it.
	caughtUp := func(gen int) string {
		return fmt.Sprintf(`Number((document.documentElement.getAttribute("data-folio-seen") || "x.-1").split(" ")[0].split(".").pop()) >= %d`, gen)
	}
	// open opens the page in a fresh tab, once its live reload has caught
	// up with the site: each subtest has a page of its own.
	open := func(t *testing.T) context.Context {
		t.Helper()
		tab, cancel := chromedp.NewContext(browser)
		t.Cleanup(cancel)
		must(t, "open", chromedp.Do(tab, chromedp.Navigate(page)))
		waitIn(t, tab, "live reload connected", caughtUp(events.gen()))
		return tab
	}
	// edit writes a file and waits for the event of the rebuild it causes.
	edit := func(t *testing.T, rel, body string, want func(sseMessage) bool) sseMessage {
		t.Helper()
		site.write(t, rel, body)
		return events.next(t, want)
	}
	changes := func(path string) func(sseMessage) bool {
		return func(m sseMessage) bool { return m.Changed != nil && contains(m.Changed, path) }
	}
	fails := func(m sseMessage) bool { return m.Error != "" }
	succeeds := func(m sseMessage) bool { return m.Changed != nil }
	// A marker on window survives style swaps and overlays, not reloads.
	mark := func(t *testing.T, tab context.Context) { eval(t, tab, `window.folioMarker = 1`) }
	marked := func(t *testing.T, tab context.Context) bool { return eval(t, tab, `window.folioMarker === 1`) == true }
	color := `getComputedStyle(document.querySelector("p")).color`
	overlay := `document.querySelector("folio-build-error")`

	t.Run("article edit reloads, keeping the scroll position", func(t *testing.T) {
		tab := open(t)
		eval(t, tab, `window.scrollTo(0, 900)`)
		mark(t, tab)
		m := edit(t, "content/a.html", strings.Replace(browserSources["content/a.html"], ">one<", ">two<", 1), changes("/articles/a/"))
		waitIn(t, tab, "new text", caughtUp(m.gen())+` && document.getElementById("v").textContent === "two"`)
		if marked(t, tab) {
			t.Error("the page did not reload")
		}
		waitIn(t, tab, "scroll restored", `window.scrollY === 900`)
	})

	t.Run("CSS edit swaps the stylesheet without reloading", func(t *testing.T) {
		tab := open(t)
		if got := eval(t, tab, color); got != "rgb(255, 0, 0)" {
			t.Fatalf("color before = %v", got)
		}
		mark(t, tab)
		m := edit(t, "static/css/site.css", `p { color: rgb(0, 0, 255) }`, changes("/css/site.css"))
		waitIn(t, tab, "new color", caughtUp(m.gen())+` && `+color+` === "rgb(0, 0, 255)"`)
		if !marked(t, tab) {
			t.Error("the page reloaded for a CSS change")
		}
		waitIn(t, tab, "one stylesheet left", `document.querySelectorAll('link[rel="stylesheet"]').length === 1`)
	})

	t.Run("another page's edit leaves this page alone", func(t *testing.T) {
		// b changes and so does the CSS (in one batch or two): this page
		// swaps its stylesheet and does not reload.
		tab := open(t)
		mark(t, tab)
		site.write(t, "content/b.html", `<h1 id="v">b two</h1>`)
		seen := map[string]bool{}
		m := edit(t, "static/css/site.css", `p { color: rgb(0, 128, 0) }`, func(m sseMessage) bool {
			for _, c := range m.Changed {
				seen[c] = true
			}
			return seen["/articles/b/"] && seen["/css/site.css"]
		})
		waitIn(t, tab, "newer color", caughtUp(m.gen())+` && `+color+` === "rgb(0, 128, 0)"`)
		if !marked(t, tab) {
			t.Error("the page reloaded for another page's change")
		}
	})

	t.Run("a broken build shows the error, the fix removes it", func(t *testing.T) {
		tab := open(t)
		mark(t, tab)
		edit(t, "content/a.html", "BROKEN", fails)
		waitIn(t, tab, "overlay", overlay+` !== null && `+overlay+`.shadowRoot.textContent.includes("content/a.html:1")`)
		if got := eval(t, tab, overlay+`.shadowRoot.querySelector(".folio-error-location").textContent`); got != "content/a.html:1" {
			t.Errorf("location shown = %v", got)
		}
		if !marked(t, tab) {
			t.Error("the page reloaded on a failed build")
		}
		// Restore the last good text: the build succeeds with nothing
		// changed, and the overlay goes by itself.
		m := edit(t, "content/a.html", strings.Replace(browserSources["content/a.html"], ">one<", ">two<", 1), succeeds)
		waitIn(t, tab, "overlay gone", caughtUp(m.gen())+` && `+overlay+` === null`)
		if !marked(t, tab) {
			t.Error("the page reloaded though its output did not change")
		}
	})

	t.Run("the overlay can be dismissed", func(t *testing.T) {
		tab := open(t)
		edit(t, "content/b.html", "BROKEN", fails)
		waitIn(t, tab, "overlay", overlay+` !== null`)
		eval(t, tab, overlay+`.shadowRoot.querySelector("button").click()`)
		waitIn(t, tab, "dismissed", overlay+` === null`)
		edit(t, "content/b.html", `<h1 id="v">b two</h1>`, succeeds)
	})

	t.Run("a page opened while the build is broken shows the error", func(t *testing.T) {
		edit(t, "content/b.html", "BROKEN", fails)
		tab := open(t)
		waitIn(t, tab, "overlay at once", overlay+` !== null && `+overlay+`.shadowRoot.textContent.includes("content/b.html:1")`)
		m := edit(t, "content/b.html", `<h1 id="v">b three</h1>`, changes("/articles/b/"))
		waitIn(t, tab, "overlay gone", caughtUp(m.gen())+` && `+overlay+` === null`)
	})

	t.Run("many tabs share one stream", func(t *testing.T) {
		// Browsers allow six HTTP/1.1 connections per host: with one event
		// stream per tab, the seventh tab would never load.
		var tabs []context.Context
		for range 9 {
			tabs = append(tabs, open(t))
		}
		m := edit(t, "content/a.html", strings.Replace(browserSources["content/a.html"], ">one<", ">three<", 1), changes("/articles/a/"))
		for i, tab := range tabs {
			waitIn(t, tab, fmt.Sprintf("tab %d reloads", i+1), caughtUp(m.gen())+` && document.getElementById("v") && document.getElementById("v").textContent === "three"`)
		}
	})
}

// sseMessage is a message of the preview's event stream.
type sseMessage struct {
	Version string   `json:"version"`
	Changed []string `json:"changed"`
	Error   string   `json:"error"`
}

// gen is the number of successful builds the message's version counts.
func (m sseMessage) gen() int {
	n, _ := strconv.Atoi(m.Version[strings.LastIndexByte(m.Version, '.')+1:])
	return n
}

// sseStream follows the preview's event stream from the test, as a page
// does: the test waits on its events, never on timers.
type sseStream struct {
	ch   chan sseMessage
	mu   sync.Mutex
	last sseMessage
}

func openSSE(ctx context.Context, t *testing.T, base string) *sseStream {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"__folio/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	s := &sseStream{ch: make(chan sseMessage, 64)}
	first := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		once := false
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var m sseMessage
			if json.Unmarshal([]byte(data), &m) != nil {
				continue
			}
			s.mu.Lock()
			s.last = m
			s.mu.Unlock()
			if !once {
				once = true
				close(first)
				continue
			}
			s.ch <- m
		}
	}()
	select {
	case <-first:
	case <-time.After(20 * time.Second):
		t.Fatal("no state message on the event stream")
	}
	return s
}

// gen is the site's version as the stream last told it.
func (s *sseStream) gen() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last.gen()
}

// next waits for the next message that satisfies want.
func (s *sseStream) next(t *testing.T, want func(sseMessage) bool) sseMessage {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case m := <-s.ch:
			if want(m) {
				return m
			}
		case <-timeout:
			t.Fatal("no such event within 20 s")
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// reloading reports whether a DevTools error only means the page was
// replaced while being inspected.
func reloading(err error) bool {
	for _, msg := range []string{"navigated or closed", "context was destroyed", "Cannot find context"} {
		if strings.Contains(err.Error(), msg) {
			return true
		}
	}
	return false
}
