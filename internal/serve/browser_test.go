package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
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

	tab := browsertest.New(ctx, t)

	page := s.URL() + "articles/a/"
	must := func(t *testing.T, step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	// waitIn polls expr in a tab until it is true; a poll interrupted by the
	// page reloading is simply started again.
	waitIn := func(t *testing.T, c context.Context, step, expr string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			pctx, pcancel := context.WithDeadline(c, deadline)
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
	wait := func(t *testing.T, step, expr string) {
		t.Helper()
		waitIn(t, tab, step, expr)
	}
	eval := func(t *testing.T, expr string) any {
		t.Helper()
		v, err := chromedp.Run(tab, chromedp.Evaluate[any](expr))
		must(t, expr, err)
		return v
	}
	// A marker on window survives style swaps and overlays, not reloads.
	mark := func(t *testing.T) { eval(t, `window.folioMarker = 1`) }
	marked := func(t *testing.T) bool { return eval(t, `window.folioMarker === 1`) == true }
	color := `getComputedStyle(document.querySelector("p")).color`

	must(t, "open", chromedp.Do(tab, chromedp.Navigate(page)))
	wait(t, "first page", `document.getElementById("v") && document.getElementById("v").textContent === "one"`)
	wait(t, "script ran", `document.querySelector('script[src="/__folio/reload.js"]') !== null`)
	eval(t, `window.scrollTo(0, 900)`)
	mark(t)

	t.Run("article edit reloads, keeping the scroll position", func(t *testing.T) {
		site.write(t, "content/a.html", strings.Replace(browserSources["content/a.html"], ">one<", ">two<", 1))
		wait(t, "new text", `document.getElementById("v").textContent === "two"`)
		if marked(t) {
			t.Error("the page did not reload")
		}
		wait(t, "scroll restored", `window.scrollY === 900`)
		mark(t)
	})

	t.Run("CSS edit swaps the stylesheet without reloading", func(t *testing.T) {
		if got := eval(t, color); got != "rgb(255, 0, 0)" {
			t.Fatalf("color before = %v", got)
		}
		site.write(t, "static/css/site.css", `p { color: rgb(0, 0, 255) }`)
		wait(t, "new color", color+` === "rgb(0, 0, 255)"`)
		if !marked(t) {
			t.Error("the page reloaded for a CSS change")
		}
		wait(t, "one stylesheet left", `document.querySelectorAll('link[rel="stylesheet"]').length === 1`)
	})

	t.Run("another page's edit leaves this page alone", func(t *testing.T) {
		// One batch: b changes and so does the CSS; this page swaps its
		// stylesheet and does not reload.
		site.write(t, "content/b.html", `<h1 id="v">b two</h1>`)
		site.write(t, "static/css/site.css", `p { color: rgb(0, 128, 0) }`)
		wait(t, "newer color", color+` === "rgb(0, 128, 0)"`)
		if !marked(t) {
			t.Error("the page reloaded for another page's change")
		}
	})

	overlay := `document.querySelector("folio-build-error")`
	t.Run("a broken build shows the error, the fix removes it", func(t *testing.T) {
		site.write(t, "content/a.html", "BROKEN")
		wait(t, "overlay", overlay+` !== null && `+overlay+`.shadowRoot.textContent.includes("content/a.html:1")`)
		if got := eval(t, overlay+`.shadowRoot.querySelector(".folio-error-location").textContent`); got != "content/a.html:1" {
			t.Errorf("location shown = %v", got)
		}
		if !marked(t) {
			t.Error("the page reloaded on a failed build")
		}
		// Restore the last good text: the build succeeds with nothing
		// changed, and the overlay goes by itself.
		site.write(t, "content/a.html", strings.Replace(browserSources["content/a.html"], ">one<", ">two<", 1))
		wait(t, "overlay gone", overlay+` === null`)
		if !marked(t) {
			t.Error("the page reloaded though its output did not change")
		}
	})

	t.Run("the overlay can be dismissed", func(t *testing.T) {
		site.write(t, "content/b.html", "BROKEN")
		wait(t, "overlay", overlay+` !== null`)
		eval(t, overlay+`.shadowRoot.querySelector("button").click()`)
		wait(t, "dismissed", overlay+` === null`)
		site.write(t, "content/b.html", `<h1 id="v">b two</h1>`)
	})

	t.Run("a page opened while the build is broken shows the error", func(t *testing.T) {
		site.write(t, "content/b.html", "BROKEN")
		wait(t, "overlay", overlay+` !== null`)
		must(t, "reopen", chromedp.Do(tab, chromedp.Navigate(page)))
		wait(t, "overlay at once", overlay+` !== null && `+overlay+`.shadowRoot.textContent.includes("content/b.html:1")`)
		site.write(t, "content/b.html", `<h1 id="v">b three</h1>`)
		wait(t, "overlay gone", overlay+` === null`)
	})

	t.Run("many tabs share one stream", func(t *testing.T) {
		// Browsers allow six HTTP/1.1 connections per host: with one event
		// stream per tab, the seventh tab would never load.
		var tabs []context.Context
		for i := range 9 {
			c, cancel := chromedp.NewContext(tab)
			defer cancel()
			nctx, ncancel := context.WithTimeout(c, 15*time.Second)
			defer ncancel()
			if err := chromedp.Do(nctx, chromedp.Navigate(page)); err != nil {
				t.Fatalf("tab %d did not load: %v", i+1, err)
			}
			tabs = append(tabs, c)
		}
		site.write(t, "content/a.html", strings.Replace(browserSources["content/a.html"], ">one<", ">three<", 1))
		for i, c := range tabs {
			waitIn(t, c, fmt.Sprintf("tab %d reloads", i+1), `document.getElementById("v") && document.getElementById("v").textContent === "three"`)
		}
	})
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
