package render

import (
	"html/template"
	"net/url"
	"strings"

	"github.com/peeplcoach/folio/internal/i18n"
)

// seriesLineHTML is the series sentence of i18n's SeriesLine, the words the
// card image, the LinkedIn post and the feeds use too, with the quoted
// series name linked to the series page: "Part 2 of 5 in the series
// <a href="/series/s/">“Name”</a>".
func seriesLineHTML(c *i18n.Catalog, part, parts int, name, url string) template.HTML {
	quoted := c.Quote(name)
	line := c.SeriesLine(part, parts, name)
	before, after, found := strings.Cut(line, quoted)
	if !found {
		// A site's override of series_line without {series}: no link.
		return template.HTML(template.HTMLEscapeString(line))
	}
	return template.HTML(template.HTMLEscapeString(before) +
		`<a href="` + template.HTMLEscapeString(url) + `">` + template.HTMLEscapeString(quoted) + `</a>` +
		template.HTMLEscapeString(after))
}

// siteStrings returns the words of the site's language: folio's own
// strings, English for a language folio has none for.
func siteStrings(lang string) *i18n.Catalog {
	c, err := i18n.New(lang, nil, "")
	if err != nil {
		return i18n.English() // folio's own strings always parse; see i18n's tests
	}
	return c
}

// Share is a link that shares a page on a social network.
type Share struct {
	URL   string // the network's share address, with the page's URL in it
	Label string // "Share on LinkedIn", in the site's language
}

// LinkedInShare returns the link that shares the page on LinkedIn: a plain
// link to LinkedIn's share address, which needs no script and lets
// LinkedIn read the page's Open Graph tags. It is nil for pages that are
// not published (drafts, scheduled articles) and for the 404 page.
func (v *View) LinkedInShare() *Share {
	if v.NoIndex || v.Site == nil {
		return nil
	}
	return &Share{
		URL:   "https://www.linkedin.com/sharing/share-offsite/?url=" + url.QueryEscape(v.Canonical()),
		Label: v.Site.words.T("share_linkedin"),
	}
}

// MarkPreview makes the site a deploy preview: every page shows a banner
// saying so and asks search engines not to index it.
func (s *Site) MarkPreview() {
	s.Preview = true
	s.PreviewBanner = s.words.T("preview_banner", "site", s.Title)
}
