package render

import (
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/i18n"
	"github.com/peeplcoach/folio/internal/slug"
)

// NewSite makes the site-wide view data of a build. image is the default
// share image when site.yaml names none (folio's drawn card), or nil.
func NewSite(idx *content.Index, assets *Assets, serve bool, image *Image) *Site {
	s := idx.Site
	site := &Site{
		Title:        s.Title,
		Description:  s.Description,
		Language:     s.Language,
		BaseURL:      s.BaseURL,
		Organisation: Party{Name: s.Organisation.Name, URL: s.Organisation.URL, Logo: s.Organisation.Logo},
		Author:       Party{Name: s.Author.Name, URL: s.Author.URL},
		LinkedIn:     s.LinkedIn.Page,
		Locale:       i18n.Locale(s.Language),
		words:        siteStrings(s.Language),
		Nav: []Link{
			{Name: "Articles", URL: "/"},
			{Name: "Topics", URL: "/topics/"},
			{Name: "Series", URL: "/series/"},
			{Name: "Checklists", URL: "/checklists/"},
		},
		Feeds: []FeedLink{
			{Title: s.Title + " (Atom)", URL: "/feed.xml", Type: "application/atom+xml", Label: "Atom feed"},
			{Title: s.Title + " (JSON Feed)", URL: "/feed.json", Type: "application/feed+json", Label: "JSON Feed"},
		},
		Serve: serve,
	}
	if s.Search {
		site.Nav = append(site.Nav, Link{Name: site.words.T("search"), URL: "/search/"})
	}
	for _, p := range idx.Pages {
		site.Pages = append(site.Pages, Link{Name: p.Title, URL: slug.EscapePath(p.URL)})
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
