package render

import (
	"net/url"
)

// SearchPage is the search page's own data.
type SearchPage struct {
	// Index is the folder of the search index that static/js/search.js
	// reads: "/search/".
	Index string
	// Host is the site's host name, for the form's fallback when scripts
	// are off: a search of the site on DuckDuckGo.
	Host string
}

// search adds /search/, when the site has search on.
func (p *planner) search() {
	if !p.opts.Search {
		return
	}
	host := ""
	if u, err := url.Parse(p.site.BaseURL); err == nil {
		host = u.Hostname()
	}
	p.add("search/index.html", "search", &View{
		Title:       p.site.words.T("search"),
		Description: p.site.words.T("search_label") + ": " + p.site.Title + ".",
		URL:         "/search/",
		Search:      &SearchPage{Index: "/search/", Host: host},
		Breadcrumbs: []Link{{Name: p.t("home"), URL: "/"}, {Name: p.site.words.T("search"), URL: "/search/"}},
	})
}
