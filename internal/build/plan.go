package build

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/feed"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/render"
	"github.com/peeplcoach/folio/internal/slug"
	"github.com/peeplcoach/folio/internal/social"
)

type jobKind uint8

const (
	jobPage     jobKind = iota // an HTML page from a template
	jobData                    // bytes made in Go: feeds, sitemap, robots.txt, _redirects
	jobCopy                    // a source file copied (and minified if it is CSS, JS or SVG)
	jobArtifact                // a PDF or card, linked from the cache
)

// job is one output file.
type job struct {
	path    string // output file: "articles/a/index.html"
	kind    jobKind
	origin  string // what asked for it, for collision messages
	page    render.Output
	produce func() ([]byte, error)
	key     uint64 // jobData: a hash of what produce reads, or 0 to always produce
	src     *file
	art     *artifact
}

// planInputs are what the phases before planning made for it.
type planInputs struct {
	arts       []*artifact
	checklists map[*content.Article]*checklistFiles
	cards      map[*content.Article]*artifact
	siteCard   *artifact
}

// plan is the list of outputs of a build.
type plan struct {
	jobs  []job
	cards []*render.Card
	pages render.Pages // the planned HTML pages, for quick rebuilds
	// What the quick rebuild of one article updates:
	checklists map[*content.Article]*render.Checklist
	images     map[*content.Article]social.Image // share images announced in posts
	posts      []social.Post
	postIndex  map[string]int // slug → index in posts
	npages     int
	urls       map[string]bool // every URL path the site answers, for the link check
	common     uint64          // hash of what every page shares: site, assets, templates
}

// plan lists every output file of the build and checks that no two claim one path.
func (b *Builder) plan(idx *content.Index, assets *render.Assets, files []published, in planInputs) (*plan, content.Problems) {
	var probs content.Problems
	site := render.NewSite(idx, assets, b.opts.Serve, siteStrings(b.fsys, idx.Site.Language, &probs))
	if site.Year == 0 {
		site.Year = b.opts.Now().Year() // no article to date the site by: the build's year
	}
	if b.opts.Preview {
		site.MarkPreview()
	}
	if in.siteCard != nil {
		site.Image = &render.Image{URL: idx.Site.URL("/" + in.siteCard.path), Width: cardWidth, Height: cardHeight, Type: "image/png", Alt: idx.Site.Title}
	}
	pl := &plan{urls: map[string]bool{}}
	h := key.New()
	h.Uint(site.Key())
	h.Uint(assets.Key())
	h.Uint(uint64(b.layoutGen))
	h.Bool(b.opts.Minify)
	pl.common = h.Sum()

	checkSiteFiles(idx.Site, assets, &probs)
	images := shareImages(idx, assets, &probs)
	checklists := map[*content.Article]*render.Checklist{}
	for a, files := range in.checklists {
		checklists[a] = checklistView(idx.Site, a, files)
	}
	pages := render.Plan(idx, site, assets, render.PlanOptions{
		Serve: b.opts.Serve,
		Images: func(a *content.Article) *render.Image {
			if img, ok := images[a.Page]; ok {
				return img
			}
			if card, ok := in.cards[a]; ok {
				return &render.Image{URL: idx.Site.URL("/" + card.path), Width: cardWidth, Height: cardHeight, Type: "image/png", Alt: a.Title}
			}
			return nil
		},
		Checklists: func(a *content.Article) *render.Checklist { return checklists[a] },
		Search:     idx.Site.Search,
	})
	for _, o := range pages.Outputs {
		pl.jobs = append(pl.jobs, job{path: o.Path, kind: jobPage, origin: "the " + o.Kind + " page " + o.View.URL, page: o})
	}
	pl.npages = len(pages.Outputs)
	pl.cards = pages.Cards
	pl.pages = pages
	pl.checklists = checklists
	cardImages := cardImages(idx)
	for a, card := range in.cards {
		img := cardImages[a]
		img.Length = card.size
		cardImages[a] = img
	}
	posts := posts(idx, cardImages, &probs, b.posts)
	pl.images, pl.posts = cardImages, posts
	pl.postIndex = make(map[string]int, len(posts))
	for i, p := range posts {
		pl.postIndex[p.Slug] = i
	}
	pl.jobs = append(pl.jobs, b.dataJobs(idx, posts)...)
	pl.jobs = append(pl.jobs, b.searchJobs(idx)...)
	for _, a := range in.arts {
		pl.jobs = append(pl.jobs, job{path: a.path, kind: jobArtifact, origin: "folio's " + a.path, art: a})
	}
	for _, f := range files {
		pl.jobs = append(pl.jobs, job{path: f.outPath, kind: jobCopy, origin: f.src.path, src: f.src})
	}

	owner := make(map[string]string, len(pl.jobs))
	kept := pl.jobs[:0]
	for _, j := range pl.jobs {
		if other, taken := owner[j.path]; taken {
			probs.Errors = append(probs.Errors, &content.Error{Path: originPath(j.origin), Err: fmt.Errorf("output %s is also written by %s: rename one of them", j.path, other)})
			continue
		}
		owner[j.path] = j.origin
		pl.urls[urlOf(j.path)] = true
		kept = append(kept, j)
	}
	pl.jobs = kept
	for _, r := range idx.Redirects {
		pl.urls[r.From] = true
	}
	return pl, probs
}

func originPath(origin string) string {
	if strings.HasPrefix(origin, "the ") {
		return "folio"
	}
	return origin
}

// urlOf is the URL path an output file answers: "a/index.html" → "/a/".
func urlOf(p string) string {
	if p == "index.html" {
		return "/"
	}
	if strings.HasSuffix(p, "/index.html") {
		return "/" + strings.TrimSuffix(p, "index.html")
	}
	return "/" + p
}

// dataJobs are the outputs made in Go rather than from templates.
func (b *Builder) dataJobs(idx *content.Index, posts []social.Post) []job {
	site := idx.Site
	jobs := []job{
		{path: "sitemap.xml", kind: jobData, origin: "the sitemap", key: sitemapKey(idx), produce: func() ([]byte, error) {
			return feed.Sitemap(sitemapURLs(idx))
		}},
		{path: "robots.txt", kind: jobData, origin: "robots.txt", produce: func() ([]byte, error) {
			return feed.Robots(site.URL("/sitemap.xml")), nil
		}},
		{path: "_redirects", kind: jobData, origin: "the redirects", produce: func() ([]byte, error) {
			return redirects(idx), nil
		}},
	}
	if b.opts.Preview {
		// Netlify's headers in netlify.toml apply to every deploy; a
		// _headers file of the deploy itself can say this one is a preview.
		jobs = append(jobs, job{path: "_headers", kind: jobData, origin: "the deploy preview's headers", produce: func() ([]byte, error) {
			return []byte("# A deploy preview, made by folio build --preview: not for search engines.\n/*\n  X-Robots-Tag: noindex\n"), nil
		}})
	}
	return append(jobs, b.feedJobs(idx, posts)...)
}

// feedJobs are the feeds: Atom and JSON Feed of the site, Atom of each topic,
// and the LinkedIn feeds.
func (b *Builder) feedJobs(idx *content.Index, posts []social.Post) []job {
	site := idx.Site
	host := ""
	if u, err := url.Parse(site.BaseURL); err == nil {
		host = u.Hostname()
	}
	entry := func(a *content.Article) feed.Entry {
		e := feed.Entry{
			ID:          feed.TagURI(host, a.Date, slug.EscapePath(a.URL)),
			Title:       a.Title,
			URL:         site.URL(a.URL),
			Summary:     a.Summary,
			ContentHTML: a.Doc.HTML,
			Published:   a.Date,
			Updated:     a.Modified(),
		}
		if a.Author != "" {
			e.Authors = []feed.Person{{Name: a.Author}}
		}
		for _, t := range a.Topics {
			e.Categories = append(e.Categories, t.Name)
		}
		return e
	}
	newFeed := func(title, home, self string, articles []*content.Article) feed.Feed {
		f := feed.Feed{
			Title:    title,
			Subtitle: site.Description,
			Language: site.Language,
			HomeURL:  site.URL(home),
			FeedURL:  site.URL(self),
			ID:       site.URL(self),
			Author:   feed.Person{Name: site.Author.Name, URL: site.Author.URL},
			Icon:     site.URL("/favicon.svg"),
		}
		for _, a := range articles[:min(len(articles), site.FeedLimit)] {
			f.Entries = append(f.Entries, entry(a))
		}
		return f
	}
	// A feed shows its newest articles, from their sources and topics, and
	// the site's settings: when none of those changed, neither did the feed.
	feedKey := func(name string, articles []*content.Article) uint64 {
		h := key.New()
		h.String(name, site.Title, site.Description, site.Language, site.BaseURL, site.Author.Name, site.Author.URL)
		for _, a := range articles[:min(len(articles), site.FeedLimit)] {
			h.Uint(a.SourceHash)
			for _, t := range a.Topics {
				h.String(t.Name)
			}
		}
		return h.Sum()
	}
	jobs := []job{
		{path: "feed.xml", kind: jobData, origin: "the Atom feed", key: feedKey("atom", idx.Articles), produce: func() ([]byte, error) {
			return feed.Atom(newFeed(site.Title, "/", "/feed.xml", idx.Articles))
		}},
		{path: "feed.json", kind: jobData, origin: "the JSON feed", key: feedKey("json", idx.Articles), produce: func() ([]byte, error) {
			return feed.JSON(newFeed(site.Title, "/", "/feed.json", idx.Articles))
		}},
	}
	channel := func(self string) social.Channel {
		return social.Channel{
			Title:       site.Title + " on LinkedIn",
			Link:        site.URL("/"),
			Description: "Ready-to-post LinkedIn updates for the articles of " + site.Title + ".",
			Language:    site.Language,
			FeedURL:     site.URL(self),
			Limit:       site.FeedLimit,
		}
	}
	postsKey := func(name string) uint64 {
		h := key.New()
		h.String(name, site.Title, site.Language, site.BaseURL)
		// Posts come newest first, as the feeds show them.
		for _, p := range posts[:min(len(posts), site.FeedLimit)] {
			h.String(p.Slug, p.Title, p.URL, p.Text, p.FirstComment, p.Card.URL, p.Card.Alt)
			h.Uint(uint64(p.Card.Length))
			h.Uint(uint64(p.Published.UnixNano()))
		}
		return h.Sum()
	}
	jobs = append(jobs,
		job{path: "feeds/linkedin.xml", kind: jobData, origin: "the LinkedIn feed", key: postsKey("rss"), produce: func() ([]byte, error) {
			return feed.RSS(social.Feed(posts, channel("/feeds/linkedin.xml")))
		}},
		job{path: "feeds/linkedin.json", kind: jobData, origin: "the LinkedIn JSON feed", key: postsKey("json"), produce: func() ([]byte, error) {
			return feed.JSON(social.Feed(posts, channel("/feeds/linkedin.json")))
		}},
	)
	for _, t := range idx.Topics {
		t := t
		jobs = append(jobs, job{path: strings.TrimPrefix(t.URL, "/") + "feed.xml", kind: jobData, origin: "the feed of topic " + t.Name, key: feedKey("topic "+t.Name, t.Articles), produce: func() ([]byte, error) {
			return feed.Atom(newFeed(site.Title+": "+t.Name, t.URL, t.URL+"feed.xml", t.Articles))
		}})
	}
	return jobs
}

// sitemapKey hashes what the sitemap lists: every URL with its last change.
func sitemapKey(idx *content.Index) uint64 {
	// What the sitemap lists, hashed as it is: a list page's last change
	// is that of its newest article, which a key of URLs alone missed
	// (FuzzRebuild: an article leaving a topic kept the topic's date).
	h := key.New()
	h.String(idx.Site.BaseURL)
	for _, u := range sitemapURLs(idx) {
		h.String(u.Loc)
		h.Uint(uint64(u.LastMod.UnixNano()))
	}
	return h.Sum()
}

// sitemapURLs lists the pages search engines should know, with their last change.
func sitemapURLs(idx *content.Index) []feed.URL {
	site := idx.Site
	var urls []feed.URL
	newest := func(as []*content.Article) time.Time {
		var t time.Time
		for _, a := range as {
			if m := a.Modified(); m.After(t) {
				t = m
			}
		}
		return t
	}
	urls = append(urls, feed.URL{Loc: site.URL("/"), LastMod: newest(idx.Articles)})
	for _, a := range idx.Articles {
		urls = append(urls, feed.URL{Loc: site.URL(a.URL), LastMod: a.Modified()})
	}
	for _, p := range idx.Pages {
		urls = append(urls, feed.URL{Loc: site.URL(p.URL), LastMod: p.Modified()})
	}
	urls = append(urls, feed.URL{Loc: site.URL("/topics/"), LastMod: newest(idx.Articles)})
	for _, t := range idx.Topics {
		urls = append(urls, feed.URL{Loc: site.URL(t.URL), LastMod: newest(t.Articles)})
	}
	urls = append(urls, feed.URL{Loc: site.URL("/series/"), LastMod: newest(idx.Articles)})
	urls = append(urls, feed.URL{Loc: site.URL("/checklists/"), LastMod: newest(idx.Articles)})
	for _, a := range idx.Articles {
		if a.Checklist != nil {
			urls = append(urls, feed.URL{Loc: site.URL(a.URL + "checklist/"), LastMod: a.Modified()})
		}
	}
	for _, s := range idx.Series {
		urls = append(urls, feed.URL{Loc: site.URL(s.URL), LastMod: newest(s.Articles)})
	}
	sort.SliceStable(urls, func(i, j int) bool { return urls[i].Loc < urls[j].Loc })
	return urls
}

// redirects writes Netlify's _redirects: a 301 from every alias to its page.
func redirects(idx *content.Index) []byte {
	var b strings.Builder
	b.WriteString("# Old URLs of moved pages (front matter aliases), made by folio.\n")
	for _, r := range idx.Redirects {
		fmt.Fprintf(&b, "%s %s 301\n", r.From, r.To)
	}
	return []byte(b.String())
}
