package render

import (
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/i18n"
	"github.com/peeplcoach/folio/internal/slug"
)

// NewSite makes the site-wide view data of a build. strings are the interface
// strings of the site's language (with the site's own file on top); nil takes
// folio's built-in strings for it. image is the default share image when
// site.yaml names none (folio's drawn card), or nil.
func NewSite(idx *content.Index, assets *Assets, serve bool, strings *i18n.Catalog, image *Image) *Site {
	s := idx.Site
	if strings == nil {
		strings = siteStrings(s.Language)
	}
	site := &Site{
		Title:        s.Title,
		Description:  s.Description,
		Language:     s.Language,
		BaseURL:      s.BaseURL,
		Organisation: Party{Name: s.Organisation.Name, URL: s.Organisation.URL, Logo: s.Organisation.Logo},
		Author:       Party{Name: s.Author.Name, URL: s.Author.URL},
		LinkedIn:     s.LinkedIn.Page,
		Locale:       i18n.Locale(s.Language),
		words:        strings,
		Nav: []Link{
			{Name: strings.T("articles"), URL: "/"},
			{Name: strings.T("topics"), URL: "/topics/"},
			{Name: strings.T("all_series"), URL: "/series/"},
			{Name: strings.T("checklists"), URL: "/checklists/"},
		},
		Feeds: []FeedLink{
			{Title: s.Title + " (Atom)", URL: "/feed.xml", Type: "application/atom+xml", Label: strings.T("feed_atom")},
			{Title: s.Title + " (JSON Feed)", URL: "/feed.json", Type: "application/feed+json", Label: strings.T("feed_json")},
		},
		Serve: serve,
	}
	if s.Search {
		site.Nav = append(site.Nav, Link{Name: site.words.T("search"), URL: "/search/"})
	}
	for _, p := range idx.Pages {
		// The navigation names a page by its title, but for /about/,
		// whose title is often long ("About Peeplcoach Insights"): its
		// entry is the language's "About".
		name := p.Title
		if p.URL == "/about/" {
			name = strings.T("about")
		}
		site.Pages = append(site.Pages, Link{Name: name, URL: slug.EscapePath(p.URL)})
	}
	// The newest article's year (an update counts), not the clock's, so
	// that two builds of the same site are the same; the build sets the
	// year of a site with no article.
	for _, a := range idx.Articles {
		site.Year = max(site.Year, a.Modified().Year())
	}
	site.Image = image
	if s.Image.Src != "" {
		if a, ok := assets.Lookup(s.Image.Src); ok {
			site.Image = &Image{URL: s.URL(a.URL), Width: a.Width, Height: a.Height, Type: a.Type, Alt: s.Image.Alt}
		}
	}
	return site
}

// Strings returns the site's interface strings.
func (s *Site) Strings() *i18n.Catalog { return s.words }
