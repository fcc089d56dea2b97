package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/peeplcoach/folio/internal/browsertest"
)

// TestServeBrowser opens an article of a real folio serve in headless
// chromium, under the production Content-Security-Policy, and checks that
// the page follows the writer's edits by itself: new text, the error
// overlay and its removal, and a stylesheet swapped without a reload.
func TestServeBrowser(t *testing.T) {
	browsertest.Chromium(t)
	src := newSite(t, serveSite, "")
	p := startServe(t, src)
	articleFile := filepath.Join(src, "content", "articles", "listen-first.md")
	cssFile := filepath.Join(src, "static", "css", "site.css")
	original := readFile(t, articleFile)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tab := browsertest.New(ctx, t)

	// wait polls a JavaScript expression until it is true. A poll cut short
	// by the page reloading is started again; the deadline is a guard.
	wait := func(t *testing.T, step, expr string) {
		t.Helper()
		deadline := time.Now().Add(waitGuard)
		for {
			pctx, pcancel := context.WithDeadline(tab, deadline)
			_, err := chromedp.Run(pctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(0)))
			pcancel()
			if err == nil {
				return
			}
			if time.Now().After(deadline) || !pageReplaced(err) {
				t.Fatalf("%s: %v\nserve log:\n%s", step, err, p.stdout)
			}
		}
	}
	eval := func(t *testing.T, expr string) any {
		t.Helper()
		v, err := chromedp.Run(tab, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	// A marker on window survives an overlay or a stylesheet swap, not a
	// reload.
	mark := func(t *testing.T) { eval(t, `window.__marker = 1`) }
	marked := func(t *testing.T) bool { return eval(t, `window.__marker === 1`) == true }
	const prose = `(document.querySelector(".prose") || document.body).textContent`
	const overlay = `document.querySelector("folio-build-error")`

	if _, err := chromedp.Run(tab, chromedp.Navigate(p.url+"articles/listen-first/")); err != nil {
		t.Fatalf("open the article: %v", err)
	}
	wait(t, "article shown", `document.querySelector("h1") && document.querySelector("h1").textContent === "Listen Before You Lead"`)
	// The live-reload script loads under the production CSP, and has its
	// event stream or shared worker open.
	wait(t, "live reload running", `performance.getEntriesByType("resource").some(e => e.name.endsWith("/__folio/reload.js"))`)
	mark(t)

	t.Run("an edit to the Markdown shows without any action", func(t *testing.T) {
		saveAtomic(t, articleFile, strings.Replace(original, "already knows.", "already knows. Quiet rooms teach loudly.", 1))
		wait(t, "new text", prose+`.includes("Quiet rooms teach loudly.")`)
		if marked(t) {
			t.Error("the text changed without a reload: the page was not served anew")
		}
		mark(t)
	})

	t.Run("broken front matter shows the overlay, the fix removes it", func(t *testing.T) {
		good := readFile(t, articleFile)
		saveAtomic(t, articleFile, strings.Replace(good, "date: 2024-05-01T09:00:00Z", "date: notadate", 1))
		wait(t, "overlay", overlay+` !== null && `+overlay+`.shadowRoot.textContent.includes("content/articles/listen-first.md:3")`)
		if got := eval(t, overlay+`.shadowRoot.querySelector(".folio-error-location").textContent`); got != "content/articles/listen-first.md:3" {
			t.Errorf("error location shown = %v, want content/articles/listen-first.md:3", got)
		}
		if !marked(t) {
			t.Error("the page reloaded on a failed build")
		}
		if !eval(t, prose+`.includes("Quiet rooms teach loudly.")`).(bool) {
			t.Error("the last good text is gone under the overlay")
		}

		saveAtomic(t, articleFile, good)
		wait(t, "overlay gone", overlay+` === null`)
		if !marked(t) {
			t.Error("the page reloaded though its output did not change")
		}
	})

	t.Run("a CSS edit restyles the page without a reload", func(t *testing.T) {
		const outline = `getComputedStyle(document.body).outlineColor + " " + getComputedStyle(document.body).outlineWidth`
		if got := eval(t, outline); got == "rgb(1, 2, 3) 7px" {
			t.Fatalf("outline before the edit = %v", got)
		}
		saveAtomic(t, cssFile, readFile(t, cssFile)+"\nbody { outline: 7px solid rgb(1, 2, 3); }\n")
		wait(t, "new style", outline+` === "rgb(1, 2, 3) 7px"`)
		if !marked(t) {
			t.Error("the page reloaded for a CSS change")
		}
		wait(t, "old stylesheet removed", `document.querySelectorAll('link[rel="stylesheet"][data-folio-old]').length === 0`)
	})
}

// pageReplaced reports whether a DevTools error only means the page was
// replaced (reloaded) while being inspected.
func pageReplaced(err error) bool {
	for _, msg := range []string{"navigated or closed", "context was destroyed", "Cannot find context"} {
		if strings.Contains(err.Error(), msg) {
			return true
		}
	}
	return false
}
