package render

import (
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/key"
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
	for _, p := range idx.Pages {
		site.Pages = append(site.Pages, Link{Name: p.Title, URL: p.URL})
	}
	if len(idx.Articles) > 0 {
		site.Year = idx.Articles[0].Date.Year()
	}
	site.Image = image
	if s.Image.Src != "" {
		if a, ok := assets.Lookup(s.Image.Src); ok {
			site.Image = &Image{URL: s.BaseURL + a.URL, Width: a.Width, Height: a.Height, Type: a.Type, Alt: s.Image.Alt}
		}
	}
	site.key = key.Fields(site)
	return site
}
