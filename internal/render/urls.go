package render

import "github.com/peeplcoach/folio/internal/slug"

// A page's URL is written one way everywhere: percent-encoded with upper-case
// hex (slug.EscapePath). The content model keeps URLs readable ("/articles/
// café/"), as the output files are named; views get the encoded form, since
// html/template would otherwise encode "é" itself, in lower case, and a feed
// or sitemap would disagree with the page's own links.

// escapeURLs puts every site path of a view in the one URL form. Cards are
// escaped once, when made (escapeCard); absolute URLs (images, og:url) come
// through content.Site.URL or View.Abs, which escape too.
func (v *View) escapeURLs() {
	v.URL = slug.EscapePath(v.URL)
	escapeLinks(v.Breadcrumbs)
	for i := range v.Feeds {
		v.Feeds[i].URL = slug.EscapePath(v.Feeds[i].URL)
	}
	for i := range v.Translations {
		v.Translations[i].URL = slug.EscapePath(v.Translations[i].URL)
	}
	if a := v.Article; a != nil {
		if s := a.SeriesBox; s != nil {
			s.URL = slug.EscapePath(s.URL)
		}
		escapeChecklistLinks(a.Checklist)
		for i := range a.TOC {
			a.TOC[i].Href = "#" + slug.EscapePath(a.TOC[i].ID)
		}
	}
	if l := v.List; l != nil {
		pg := &l.Pager
		pg.Prev, pg.Next = slug.EscapePath(pg.Prev), slug.EscapePath(pg.Next)
		pg.First, pg.Last = slug.EscapePath(pg.First), slug.EscapePath(pg.Last)
	}
	for _, counts := range [][]Count{v.Topics, v.Series} {
		for i := range counts {
			counts[i].URL = slug.EscapePath(counts[i].URL)
		}
	}
	if c := v.Checklist; c != nil {
		c.Article.URL = slug.EscapePath(c.Article.URL)
		escapeChecklistLinks(&c.Links)
	}
	for i := range v.Checklists {
		c := &v.Checklists[i]
		c.Article.URL = slug.EscapePath(c.Article.URL)
		escapeChecklistLinks(&c.Links)
	}
}

// escapeCard puts a card's URLs in the one URL form.
func escapeCard(c *Card) {
	c.URL = slug.EscapePath(c.URL)
	escapeLinks(c.Topics)
	if c.Series != nil {
		c.Series.URL = slug.EscapePath(c.Series.URL)
	}
}

func escapeLinks(links []Link) {
	for i := range links {
		links[i].URL = slug.EscapePath(links[i].URL)
	}
}

func escapeChecklistLinks(c *ChecklistLinks) {
	if c == nil {
		return
	}
	c.Page = slug.EscapePath(c.Page)
	c.A4.URL = slug.EscapePath(c.A4.URL)
	c.Letter.URL = slug.EscapePath(c.Letter.URL)
}
