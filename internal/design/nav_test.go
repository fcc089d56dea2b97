package design

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTabStopsBeforeText: a keyboard reader reaches the article's text in a
// few Tab presses: skip link, logo, navigation, byline, checklist link,
// contents.
func TestTabStopsBeforeText(t *testing.T) {
	b := newTab(t)
	const most = 12
	for _, vp := range []viewport{phone, laptop} {
		b.open(articleURL, vp, "light")
		reached := 0
		for i := 1; i <= 40 && reached == 0; i++ {
			if err := chromedp.Do(b.ctx, chromedp.KeyEvent("\t")); err != nil {
				t.Fatal(err)
			}
			var in bool
			b.eval(`!!document.activeElement.closest(".prose")`, &in)
			if in {
				reached = i
			}
		}
		switch {
		case reached == 0:
			t.Errorf("%s: 40 Tabs never reached the article's text", vp.Name)
		case reached > most:
			t.Errorf("%s: the article's text is reached at Tab %d, want at most %d", vp.Name, reached, most)
		}
	}
}

// TestNavigation: About is in the header; the current section is marked on
// pages inside it; the article's title is not repeated around it; the footer
// does not repeat the site's name.
func TestNavigation(t *testing.T) {
	b := newTab(t)
	for _, tc := range []struct{ path, current, state string }{
		{articleURL, "/", "true"},
		{"/topics/trust/", "/topics/", "true"},
		{"/topics/", "/topics/", "page"},
		{"/series/universal-leadership-challenges/", "/series/", "true"},
		{"/checklists/", "/checklists/", "page"},
		{"/about/", "/about/", "page"},
	} {
		b.open(tc.path, phone, "light")
		var got struct {
			Marked [][2]string
			About  bool
		}
		b.eval(`({Marked: [...document.querySelectorAll(".site-header nav a[aria-current]")].map(a => [a.getAttribute("href"), a.getAttribute("aria-current")]),
  About: !!document.querySelector('.site-header nav a[href="/about/"]')})`, &got)
		if want := [][2]string{{tc.current, tc.state}}; fmt.Sprint(got.Marked) != fmt.Sprint(want) {
			t.Errorf("%s: navigation marks %v, want %v", tc.path, got.Marked, want)
		}
		if !got.About {
			t.Errorf("%s: no About in the header", tc.path)
		}
	}

	b.open(articleURL, phone, "light")
	var art struct {
		Title   string
		Outside int
		Footer  string
	}
	b.eval(`(() => {
  const title = document.querySelector("h1").textContent.trim();
  const page = document.body.cloneNode(true);
  page.querySelectorAll(".prose, .toc, .related").forEach(e => e.remove());
  return {Title: title, Outside: page.textContent.split(title).length - 1, Footer: document.querySelector(".site-footer").innerText};
})()`, &art)
	if art.Outside != 1 {
		t.Errorf("the title %q shows %d times outside the text, contents and related articles, want once (the heading)", art.Title, art.Outside)
	}
	if strings.Contains(art.Footer, "Peeplcoach Insights") || strings.Count(art.Footer, "Peeplcoach") > 2 {
		t.Errorf("the footer repeats the site's name:\n%s", art.Footer)
	}
}

// TestTopicsRowsOnPhone: on a phone every row of /topics/ has the same
// shape: the name, then its facts on one line below it at the same place.
func TestTopicsRowsOnPhone(t *testing.T) {
	b := newTab(t)
	b.open("/topics/", phone, "light")
	var rows []struct{ Height, FactsLeft, FactsTop float64 }
	b.eval(`[...document.querySelectorAll(".term-list li")].map(li => {
  const r = li.getBoundingClientRect(), f = li.querySelector(".term-facts").getBoundingClientRect();
  return {Height: r.height, FactsLeft: f.left - r.left, FactsTop: f.top - r.top};
})`, &rows)
	if len(rows) < 2 {
		t.Fatalf("found %d topic rows", len(rows))
	}
	for i, r := range rows {
		if r != rows[0] {
			t.Errorf("row %d is %+v, row 0 %+v: rows differ in shape", i, r, rows[0])
		}
	}
}

// TestTypography: no straight apostrophe or quote in the words of the
// checklists page.
func TestTypography(t *testing.T) {
	b := newTab(t)
	for _, path := range []string{"/checklists/", "/topics/", "/series/", "/404.html"} {
		b.open(path, laptop, "light")
		var text string
		b.eval(`document.body.innerText`, &text)
		if strings.ContainsAny(text, `'"`) {
			t.Errorf("%s has a straight apostrophe or quote:\n%s", path, text)
		}
	}
}

// TestDarkLogo: in the dark scheme the logo's tile is set off from the page
// by a ring of at least 3:1 contrast (the tile itself is 1.6:1).
func TestDarkLogo(t *testing.T) {
	b := newTab(t)
	b.open("/", laptop, "dark")
	var got struct{ Ring, Page string }
	b.eval(`({Ring: getComputedStyle(document.querySelector(".site-logo")).boxShadow, Page: getComputedStyle(document.body).backgroundColor})`, &got)
	ring, ok1 := parseRGB(got.Ring)
	page, ok2 := parseRGB(got.Page)
	if !ok1 || !ok2 {
		t.Fatalf("logo ring %q on page %q: no colours", got.Ring, got.Page)
	}
	if c := contrast(ring, page); c < 3 {
		t.Errorf("the dark logo's ring has %.2f:1 contrast with the page, want 3:1 or more", c)
	}
}

// parseRGB reads the first rgb(…) colour of a computed style.
func parseRGB(s string) ([3]float64, bool) {
	var c [3]float64
	i := strings.Index(s, "rgb")
	if i < 0 {
		return c, false
	}
	s = s[i:]
	s = s[strings.Index(s, "(")+1:]
	_, err := fmt.Sscanf(strings.NewReplacer(",", " ").Replace(s), "%f %f %f", &c[0], &c[1], &c[2])
	return c, err == nil
}

// contrast is the WCAG contrast ratio of two sRGB colours.
func contrast(a, b [3]float64) float64 {
	lum := func(c [3]float64) float64 {
		var l [3]float64
		for i, v := range c {
			v /= 255
			if v <= 0.04045 {
				l[i] = v / 12.92
			} else {
				l[i] = math.Pow((v+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	la, lb := lum(a), lum(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// TestNavigationStaysPut: the header's links are at the same places on every
// page, although the current page's entry is set in bold: going from
// Articles to Topics to About does not make the row jump sideways. The
// sections stay in one row down to 320 px.
func TestNavigationStaysPut(t *testing.T) {
	b := newTab(t)
	narrow := viewport{"320 px", 320, 640, true}
	for _, vp := range []viewport{narrow, phone, laptop} {
		var first []float64
		for _, path := range []string{"/", "/topics/", "/series/", "/checklists/", "/about/", articleURL} {
			b.open(path, vp, "light")
			var got struct {
				Lefts []float64
				Rows  int
			}
			b.eval(`({Lefts: [...document.querySelectorAll(".site-header nav a, .header-search")].map(a => Math.round(a.getBoundingClientRect().left * 10) / 10),
  Rows: new Set([...document.querySelectorAll(".site-header nav a")].map(a => Math.round(a.getBoundingClientRect().top))).size})`, &got)
			if got.Rows != 1 {
				t.Errorf("%s %s: the sections take %d rows, want 1", vp.Name, path, got.Rows)
			}
			if first == nil {
				first = got.Lefts
				continue
			}
			if fmt.Sprint(got.Lefts) != fmt.Sprint(first) {
				t.Errorf("%s %s: the header's links start at x=%v, on / at %v", vp.Name, path, got.Lefts, first)
			}
		}
	}
}
