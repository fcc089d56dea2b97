package design

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/peeplcoach/folio/internal/browsertest"
)

// The pages of the bundled site's copy in testdata/bundled, one of each kind.
const (
	articleURL   = "/articles/get-your-manager-to-trust-you/"
	checklistURL = "/articles/get-your-manager-to-trust-you/checklist/"
)

var pageKinds = map[string]string{
	"home":       "/",
	"article":    articleURL,
	"page":       "/about/",
	"topics":     "/topics/",
	"topic":      "/topics/trust/",
	"serieslist": "/series/",
	"series":     "/series/universal-leadership-challenges/",
	"checklists": "/checklists/",
	"checklist":  checklistURL,
	"404":        "/404.html",
	"search":     "/search/",
}

// tab is one browser tab on the test site.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
}

// newTab builds and serves the bundled site and opens a browser on it.
func newTab(t *testing.T) *tab {
	t.Helper()
	return newSiteTab(t, "bundled")
}

// newSiteTab builds and serves the test site testdata/<name> and opens a
// browser on it.
func newSiteTab(t *testing.T, name string) *tab {
	t.Helper()
	browsertest.Chromium(t)
	base := serve(t, name)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	t.Cleanup(cancel)
	return &tab{t: t, ctx: browsertest.New(ctx, t), base: base}
}

// open shows a page of the site on a screen, in a colour scheme, and waits
// for it to load with its scripts run.
func (b *tab) open(path string, vp viewport, scheme string) {
	b.t.Helper()
	if err := emulate(b.ctx, vp, scheme); err != nil {
		b.t.Fatalf("emulate %s: %v", vp.Name, err)
	}
	if err := chromedp.Do(b.ctx, chromedp.Navigate(b.base+path), chromedp.WaitReady("body")); err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	// Deferred scripts have run once the document is complete.
	b.eval(`new Promise(r => document.readyState === "complete" ? r(true) : addEventListener("load", () => r(true)))`, new(bool))
}

// eval runs a script in the page and decodes its result into out.
func (b *tab) eval(script string, out any) {
	b.t.Helper()
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]byte](script, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("script failed: %v\n%s", err, script)
	}
	if err := jsonUnmarshal(raw, out); err != nil {
		b.t.Fatalf("script result %s: %v", raw, err)
	}
}

var axeSource = func() func(t testing.TB) string {
	var src string
	return func(t testing.TB) string {
		if src == "" {
			data, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
			if err != nil {
				t.Fatal(err)
			}
			src = string(data)
		}
		return src
	}
}()

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axe runs axe-core on the open page and returns its violations; it fails
// the test if axe did not run.
func (b *tab) axe(kind string) []axeViolation {
	b.t.Helper()
	var found struct {
		Violations []axeViolation
		Passes     int
	}
	b.eval(axeSource(b.t)+`;
axe.run(document, {resultTypes: ["violations"]}).then(r => ({Passes: r.passes.length, Violations: r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))
}))}))`, &found)
	if found.Passes < 10 {
		b.t.Fatalf("%s page: axe passed only %d rules: did it run?", kind, found.Passes)
	}
	return found.Violations
}

// TestAxe runs axe-core on a page of every kind, on a phone and a laptop, in
// the light and the dark scheme (contrast differs): no violations at all,
// best practices included.
func TestAxe(t *testing.T) {
	b := newTab(t)
	for kind, path := range pageKinds {
		for _, vp := range []viewport{phone, laptop} {
			for _, scheme := range []string{"light", "dark"} {
				b.open(path, vp, scheme)
				for _, v := range b.axe(kind) {
					t.Errorf("%s page (%s) %s, %s: axe %s (%s): %s: %v", kind, path, vp.Name, scheme, v.ID, v.Impact, v.Help, v.Nodes)
				}
			}
		}
	}
}

// TestFirstScreen: on a phone and a laptop the article's title, standfirst,
// byline and the start of its first paragraph show without scrolling.
func TestFirstScreen(t *testing.T) {
	b := newTab(t)
	for _, vp := range []viewport{phone, laptop} {
		b.open(articleURL, vp, "light")
		var got struct {
			Title, Standfirst, Byline, Paragraph float64
			LineHeight                           float64
		}
		b.eval(`(() => {
  const bottom = s => document.querySelector(s).getBoundingClientRect().bottom;
  const p = document.querySelector(".prose > p");
  return {Title: bottom("h1"), Standfirst: bottom(".standfirst"), Byline: bottom(".byline"),
    Paragraph: p.getBoundingClientRect().top, LineHeight: parseFloat(getComputedStyle(p).lineHeight)};
})()`, &got)
		h := float64(vp.Height)
		for name, y := range map[string]float64{"title": got.Title, "standfirst": got.Standfirst, "byline": got.Byline} {
			if y > h {
				t.Errorf("%s: the %s ends at y=%.0f, below the first screen (%0.f px)", vp.Name, name, y, h)
			}
		}
		// At least three lines of the text on the first screen.
		if bottom := got.Paragraph + 3*got.LineHeight; bottom > h {
			t.Errorf("%s: the first paragraph starts at y=%.0f: its first three lines end at %.0f, below the first screen (%.0f px)", vp.Name, got.Paragraph, bottom, h)
		}
	}
}

// TestNoHorizontalScroll: no page is wider than the screen, from 320 px up.
func TestNoHorizontalScroll(t *testing.T) {
	b := newTab(t)
	for kind, path := range pageKinds {
		for _, w := range []int64{320, 360, 390, 768, 1024, 1280} {
			b.open(path, viewport{Name: "w", Width: w, Height: 800, Mobile: w < 768}, "light")
			var over []string
			b.eval(`(() => {
  const w = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= w) return [];
  return [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > w + 0.5)
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).replace(/ /g, ".") : ""));
})()`, &over)
			if len(over) > 0 {
				t.Errorf("%s page at %d px scrolls sideways; too wide: %v", kind, w, over)
			}
		}
	}
}

// TestChecklistPageDoesNotShift: the print button's place is kept while the
// script that shows it loads, so nothing moves (cumulative layout shift 0).
func TestChecklistPageDoesNotShift(t *testing.T) {
	b := newTab(t)
	for _, vp := range []viewport{phone, laptop} {
		b.open(checklistURL, vp, "light")
		var got struct {
			Shift float64
			Ready bool
		}
		b.eval(`new Promise(resolve => {
  let shift = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) shift += e.value; })
    .observe({type: "layout-shift", buffered: true});
  const button = document.querySelector("[data-print]");
  setTimeout(() => resolve({Shift: shift, Ready: getComputedStyle(button).visibility === "visible"}), 300);
})`, &got)
		if got.Shift != 0 {
			t.Errorf("%s: the checklist page shifts by %.3f while it loads, want 0", vp.Name, got.Shift)
		}
		if !got.Ready {
			t.Errorf("%s: the print button is not shown once the script ran", vp.Name)
		}
	}
}

// TestHeadingAnchors: each section heading of the article has its "#" link
// outside the heading, so the heading's accessible name is its text alone;
// the link is named by the heading, hidden until hovered or focused.
func TestHeadingAnchors(t *testing.T) {
	b := newTab(t)
	b.open(articleURL, laptop, "light")
	var got []struct {
		Heading, Inside, LinkName string
		Hidden, Focused           bool
	}
	b.eval(`(() => [...document.querySelectorAll(".prose .anchor")].map(a => {
  const h = document.getElementById(a.getAttribute("href").slice(1));
  const hidden = getComputedStyle(a).opacity === "0";
  a.focus({focusVisible: true});
  const focused = getComputedStyle(a).opacity === "1";
  a.blur();
  return {Heading: h.textContent, Inside: a.closest("h1,h2,h3,h4,h5,h6") ? "yes" : "",
    LinkName: (a.getAttribute("aria-labelledby") || "").split(" ").map(id => document.getElementById(id).textContent).join(" "),
    Hidden: hidden, Focused: focused};
}))()`, &got)
	if len(got) < 10 {
		t.Fatalf("found %d heading anchors, want one per section heading (10 or more)", len(got))
	}
	for _, a := range got {
		if a.Inside != "" || strings.Contains(a.Heading, "#") {
			t.Errorf("heading %q: its anchor is part of the heading", a.Heading)
		}
		if a.LinkName != a.Heading {
			t.Errorf("heading %q: its anchor is named %q, want the heading's text", a.Heading, a.LinkName)
		}
		if !a.Hidden || !a.Focused {
			t.Errorf("heading %q: anchor hidden until hover or focus = %v, shown on focus = %v; want both", a.Heading, a.Hidden, a.Focused)
		}
	}
}

// TestChecklistItems: every task item of the article is a checkbox with a
// label, ticking it by its label works, and the tick is still there after a
// reload (kept in this browser).
func TestChecklistItems(t *testing.T) {
	b := newTab(t)
	b.open(articleURL, phone, "light")
	var boxes []struct {
		Label    string
		Disabled bool
	}
	b.eval(`[...document.querySelectorAll(".prose input[type=checkbox]")].map(c => ({
  Label: c.labels.length === 1 ? c.labels[0].textContent.trim() : "", Disabled: c.disabled}))`, &boxes)
	if len(boxes) < 24 {
		t.Fatalf("found %d checkboxes in the article, want one per task item (24)", len(boxes))
	}
	for i, c := range boxes {
		if c.Label == "" || c.Disabled {
			t.Errorf("checkbox %d: label %q, disabled %v; want a label and a box that can be ticked", i, c.Label, c.Disabled)
		}
	}
	var ticked bool
	b.eval(`(() => { const c = document.querySelectorAll(".prose input[type=checkbox]")[2]; c.labels[0].click(); return c.checked; })()`, &ticked)
	if !ticked {
		t.Fatal("clicking an item's label does not tick its box")
	}
	b.open(articleURL, phone, "light")
	var after []bool
	b.eval(`[...document.querySelectorAll(".prose input[type=checkbox]")].map(c => c.checked)`, &after)
	for i, c := range after {
		if c != (i == 2) {
			t.Errorf("after a reload box %d is ticked = %v, want %v", i, c, i == 2)
		}
	}
}
