package design

import (
	"testing"
)

// The pages of testdata/rtl: a site in Hebrew, with one article in English.
var rtlPages = map[string]string{
	"home":      "/",
	"article":   "/articles/building-trust/",
	"english":   "/articles/english-in-rtl/",
	"checklist": "/articles/building-trust/checklist/",
	"topic":     "/topics/אמון/",
}

// TestRightToLeft: a page in a right-to-left language is the mirror of a
// left-to-right one, as a reader sees it: bullets, task boxes, the quote's and
// the callout's rule, the side contents and the checklist's boxes are on the
// right, where the lines start; code still reads left to right. The page of
// the same site in English stays left to right.
func TestRightToLeft(t *testing.T) {
	b := newSiteTab(t, "rtl")
	for _, vp := range []viewport{phone, laptop} {
		b.open(rtlPages["article"], vp, "light")
		// Edges in CSS pixels; the text column is the first paragraph's box.
		var got struct {
			Dir                                      string
			TextLeft, TextRight                      float64
			ListLeft, ListRight, ItemLeft, ItemRight float64
			BoxLeft, BoxRight, LabelRight            float64
			QuoteRight, QuoteTextRight               float64
			QuoteRule, QuoteLeftRule                 string
			CalloutRule, CalloutLeftRule             string
			CodeDir                                  string
			CodeStart, CodeLeft                      float64
			FirstCellRight, TableRight               float64
			TOCShown                                 bool
			TOCRule, TOCLeftRule                     string
			TOCEdge                                  float64
			NavLeft, NavRight, SearchRight           float64
			TitleLeft                                float64
		}
		b.eval(`(() => {
  const q = s => document.querySelector(s), r = e => e.getBoundingClientRect(), cs = e => getComputedStyle(e);
  const text = r(q(".prose > p"));
  const ul = q(".prose > ul:not(:has(.task))"), li = ul.querySelector("li");
  const box = q(".prose li.task > input[type=checkbox]");
  const bq = q(".prose > blockquote"), callout = q(".prose .callout");
  const pre = q(".prose pre"), code = pre.querySelector("code");
  const range = document.createRange(); range.selectNodeContents(code);
  const th = q(".prose th"), table = q(".prose table");
  const toc = q(".toc-side"), nav = q(".site-header nav"), search = q(".header-search"), title = q(".site-title");
  return {
    Dir: document.documentElement.dir,
    TextLeft: text.left, TextRight: text.right,
    ListLeft: r(ul).left, ListRight: r(ul).right, ItemLeft: r(li).left, ItemRight: r(li).right,
    BoxLeft: r(box).left, BoxRight: r(box).right, LabelRight: r(box.labels[0]).right,
    QuoteRight: r(bq).right, QuoteTextRight: r(bq.querySelector("p")).right,
    QuoteRule: cs(bq).borderRightWidth, QuoteLeftRule: cs(bq).borderLeftWidth,
    CalloutRule: cs(callout).borderRightWidth, CalloutLeftRule: cs(callout).borderLeftWidth,
    CodeDir: cs(pre).direction, CodeStart: range.getClientRects()[0].left, CodeLeft: r(pre).left + parseFloat(cs(pre).paddingLeft),
    FirstCellRight: r(th).right, TableRight: r(table).right,
    TOCShown: cs(toc).display !== "none",
    TOCRule: cs(toc).borderRightWidth, TOCLeftRule: cs(toc).borderLeftWidth, TOCEdge: r(toc).right,
    NavLeft: r(nav).left, NavRight: r(nav).right, SearchRight: r(search).right, TitleLeft: r(title).left,
  };
})()`, &got)
		if got.Dir != "rtl" {
			t.Fatalf("%s: the Hebrew article has dir=%q, want rtl", vp.Name, got.Dir)
		}
		near := func(a, b float64) bool { return a-b < 1 && b-a < 1 }
		if !near(got.ItemLeft, got.ListLeft) || got.ListRight-got.ItemRight < 10 {
			t.Errorf("%s: a list item spans x=%.0f…%.0f in its list's %.0f…%.0f: want the room for its bullet on the right", vp.Name, got.ItemLeft, got.ItemRight, got.ListLeft, got.ListRight)
		}
		if got.BoxLeft < got.LabelRight || !near(got.BoxRight, got.TextRight) {
			t.Errorf("%s: a task's box spans x=%.0f…%.0f, its label ends at %.0f, the text column at %.0f: want the box at the column's right edge, right of its label", vp.Name, got.BoxLeft, got.BoxRight, got.LabelRight, got.TextRight)
		}
		if got.QuoteRule != "4px" || got.QuoteLeftRule != "0px" || got.QuoteRight-got.QuoteTextRight < 10 {
			t.Errorf("%s: the quote's rule is %s on the right, %s on the left, its text ends %.0f px from its right edge: want the rule on the right, the text inside it", vp.Name, got.QuoteRule, got.QuoteLeftRule, got.QuoteRight-got.QuoteTextRight)
		}
		if got.CalloutRule != "4px" || got.CalloutLeftRule != "0px" {
			t.Errorf("%s: the callout's rule is %s on the right, %s on the left: want it on the right", vp.Name, got.CalloutRule, got.CalloutLeftRule)
		}
		if got.CodeDir != "ltr" || !near(got.CodeStart, got.CodeLeft) {
			t.Errorf("%s: the code block is %s and its first line starts at x=%.0f: want left to right from its left padding (%.0f)", vp.Name, got.CodeDir, got.CodeStart, got.CodeLeft)
		}
		if !near(got.FirstCellRight, got.TableRight) {
			t.Errorf("%s: the table's first column ends at x=%.0f, the table at %.0f: want the first column on the right", vp.Name, got.FirstCellRight, got.TableRight)
		}
		if vp == laptop {
			// The contents sit left of the text, their rule between the two.
			if !got.TOCShown || got.TOCEdge > got.TextLeft || got.TOCRule != "2px" || got.TOCLeftRule != "0px" {
				t.Errorf("laptop: side contents shown %v, ending at x=%.0f (text starts at %.0f), rule %s right, %s left: want them left of the text with the rule on their right", got.TOCShown, got.TOCEdge, got.TextLeft, got.TOCRule, got.TOCLeftRule)
			}
			// The sections stay beside the search link (now on the left),
			// away from the site's name on the right.
			if gap := got.NavLeft - got.SearchRight; gap < 0 || gap > 40 || got.TitleLeft-got.NavRight < 100 {
				t.Errorf("laptop: header sections at x=%.0f…%.0f, search ends at %.0f, the site's name starts at %.0f: want the sections next to the search link", got.NavLeft, got.NavRight, got.SearchRight, got.TitleLeft)
			}
		}

		b.open(rtlPages["checklist"], vp, "light")
		var sheet struct{ BoxLeft, ItemRight float64 }
		b.eval(`(() => { const li = document.querySelector(".group li");
  return {BoxLeft: li.querySelector(".box").getBoundingClientRect().left, ItemRight: li.querySelector(".item").getBoundingClientRect().right}; })()`, &sheet)
		if sheet.BoxLeft < sheet.ItemRight {
			t.Errorf("%s: on the checklist a box starts at x=%.0f, left of the end of its item (%.0f): want it on the right", vp.Name, sheet.BoxLeft, sheet.ItemRight)
		}

		// The article in English on the same site reads left to right.
		b.open(rtlPages["english"], vp, "light")
		var en struct {
			Dir, QuoteRule, CodeDir string
			BoxLeft, TextLeft       float64
			BoxRight, LabelLeft     float64
			Native                  []string
		}
		b.eval(`(() => {
  const q = s => document.querySelector(s), box = q(".prose li.task > input[type=checkbox]");
  return {Dir: getComputedStyle(document.body).direction, QuoteRule: getComputedStyle(q(".prose > blockquote")).borderLeftWidth,
    CodeDir: getComputedStyle(q(".prose pre")).direction,
    BoxLeft: box.getBoundingClientRect().left, BoxRight: box.getBoundingClientRect().right,
    LabelLeft: box.labels[0].getBoundingClientRect().left, TextLeft: q(".prose > p").getBoundingClientRect().left,
    Native: [...document.querySelectorAll(".prose input[type=checkbox]")].filter(c => getComputedStyle(c).appearance !== "none").map(c => c.labels[0].textContent)};
})()`, &en)
		if en.Dir != "ltr" || en.QuoteRule != "4px" || en.CodeDir != "ltr" || !near(en.BoxLeft, en.TextLeft) || en.BoxRight > en.LabelLeft {
			t.Errorf("%s: the English article on the Hebrew site: direction %s, quote rule %s on the left, code %s, task box at x=%.0f…%.0f (text starts at %.0f, label at %.0f): want it left to right", vp.Name, en.Dir, en.QuoteRule, en.CodeDir, en.BoxLeft, en.BoxRight, en.TextLeft, en.LabelLeft)
		}
		// A loose task list (its items apart) puts each box inside the
		// item's paragraph: drawn all the same.
		if len(en.Native) > 0 {
			t.Errorf("%s: tasks %q show the browser's own small checkbox, not the drawn one", vp.Name, en.Native)
		}
	}
}

// TestAxeRightToLeft runs axe-core on the pages of the right-to-left site,
// as TestAxe does on the bundled one: no violations.
func TestAxeRightToLeft(t *testing.T) {
	b := newSiteTab(t, "rtl")
	for kind, path := range rtlPages {
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
