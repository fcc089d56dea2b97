package build

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/check"
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/feed"
	"github.com/peeplcoach/folio/internal/i18n"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/render"
	"github.com/peeplcoach/folio/internal/search"
	"github.com/peeplcoach/folio/internal/slug"
	"github.com/peeplcoach/folio/internal/social"
	"github.com/peeplcoach/folio/internal/urlpath"
)

type jobKind uint8

const (
	jobPage     jobKind = iota // an HTML page from a template
	jobData                    // bytes made in Go: feeds, sitemap, robots.txt, _redirects
	jobCopy                    // a source file copied (and minified if it is CSS, JS or SVG)
	jobArtifact                // a PDF or card from the cache
	jobCheck                   // no file: problems only (LinkedIn posts, links)
)

// job is one output file, or one check. Its input holds everything it reads
// but the bodies of pages (listed in bodies, read through the body table) and
// the templates: its static key is key.Of(kind, input), and its final key adds
// the key of each body and, for pages, of the templates. A job whose final
// key is the one that made the file in the sink is not run.
//
// The functions below read only the job's input (and the bodies it lists):
// that is what makes the key exact.
type job struct {
	path   string // output file: "articles/a/index.html"; "" for a check
	kind   jobKind
	origin string // what asked for it, for messages
	input  any
	bodies []string // source paths of the pages whose bodies it reads
	static key.Sum

	page    render.Output                                 // jobPage
	produce func(bodies []*markdown.Doc) ([]byte, error)  // jobData
	check   func(bodies []*markdown.Doc) content.Problems // jobCheck
	src     published                                     // jobCopy
	art     *artifact                                     // jobArtifact
}

// plan is the list of jobs of a build (see caches.plan).
type plan struct {
	key    key.Sum
	jobs   []job
	cards  []*render.Card
	npages int
	urls   map[string]bool // every URL path the site answers, for the link check
	paths  map[string]bool // every output file
	probs  content.Problems
	byBody map[string][]int32 // source path → the jobs that read its body

	// Kept from run to run while the plan is reused:
	finals     []key.Sum          // final key of each job; nil when not known
	finalsTmpl key.Sum            // the templates' key the finals hold
	bodyKeys   map[string]key.Sum // the body keys the finals hold
	cardsTmpl  key.Sum            // the templates' key the cards' HTML was made with
	checkProbs []content.Problems // of each check job, for finals
}

// planIn is everything the plan step reads.
type planIn struct {
	Index, Assets, Artifacts key.Sum
	Strings                  key.Sum // the site's interface strings, its i18n/ file included
	Bodies                   key.Sum // of every body, when the search index is made from them
	Options                  Options
}

// plan lists every output file of the build and checks that no two claim
// one path (see caches.plan).
func (b *Builder) plan(ctx context.Context, idx *content.Index, indexKey key.Sum, assets *render.Assets, assetsKey key.Sum, files []published, arts *artifactSet, ps pageSet, words *i18n.Catalog) (*plan, error) {
	in := planIn{Index: indexKey, Assets: assetsKey, Artifacts: arts.key, Strings: words.Key(), Options: b.opts}
	if searchIndexed(idx, b.opts) {
		h := key.New()
		for _, p := range ps.parsed {
			h.Key(p.bodyKey)
		}
		in.Bodies = h.Sum()
	}
	k := key.Of(in)
	if b.c.plan != nil && b.c.plan.key == k {
		return b.c.plan, nil
	}
	site := idx.Site
	pl := &plan{key: k, urls: map[string]bool{}, paths: map[string]bool{}, byBody: map[string][]int32{}}
	var siteImage *render.Image
	if arts.siteCard != nil {
		siteImage = &render.Image{URL: site.URL("/" + arts.siteCard.path), Width: cardWidth, Height: cardHeight, Type: "image/png", Alt: site.Title}
	}
	rsite := render.NewSite(idx, assets, b.opts.Serve, words, siteImage)
	if rsite.Year == 0 {
		rsite.Year = b.opts.Now().Year() // no article to date the site by: the build's year
	}
	if b.opts.Preview {
		rsite.MarkPreview()
	}

	checkSiteFiles(site, assets, &pl.probs)
	images := shareImages(idx, assets, &pl.probs)
	checklists := map[*content.Article]*render.Checklist{}
	for _, a := range idx.Articles {
		if files, ok := arts.checklists[a.Path]; ok {
			checklists[a] = checklistView(site, a, files, words)
		}
	}
	pages := render.Plan(idx, rsite, assets, render.PlanOptions{
		Serve: b.opts.Serve,
		Images: func(a *content.Article) *render.Image {
			if img, ok := images[a.Page]; ok {
				return img
			}
			if card, ok := arts.cards[a.Path]; ok {
				return &render.Image{URL: site.URL("/" + card.path), Width: cardWidth, Height: cardHeight, Type: "image/png", Alt: a.Title}
			}
			return nil
		},
		Checklists: func(a *content.Article) *render.Checklist { return checklists[a] },
		Search:     site.Search,
	})
	var jobs []job
	for _, o := range pages.Outputs {
		j := job{path: o.Path, kind: jobPage, origin: "the " + o.Kind + " page " + o.View.URL, page: o, input: o}
		if o.Body != "" {
			j.bodies = []string{o.Body}
		}
		jobs = append(jobs, j)
	}
	pl.npages = len(pages.Outputs)
	pl.cards = pages.Cards
	jobs = append(jobs, b.dataJobs(idx, arts)...)
	searchJobs, err := b.searchJobs(idx)
	if err != nil {
		return nil, err
	}
	jobs = append(jobs, searchJobs...)
	for _, a := range arts.arts {
		jobs = append(jobs, job{path: a.path, kind: jobArtifact, origin: "folio's " + a.path, art: a, input: struct {
			Path string
			Key  key.Sum
		}{a.path, a.key}})
	}
	for _, f := range files {
		jobs = append(jobs, job{path: f.outPath, kind: jobCopy, origin: f.src.path, src: f,
			input: struct {
				Path, Out string
				Hash      key.Sum
				Minify    bool
			}{f.src.path, f.outPath, f.hash, b.opts.Minify}})
	}

	owner := make(map[string]string, len(jobs))
	kept := jobs[:0]
	for _, j := range jobs {
		if other, taken := owner[j.path]; taken {
			pl.probs.Errors = append(pl.probs.Errors, &content.Error{Path: originPath(j.origin), Err: fmt.Errorf("output %s is also written by %s: rename one of them", j.path, other)})
			continue
		}
		owner[j.path] = j.origin
		pl.paths[j.path] = true
		// The search index's shards and chunks are named by their
		// content: no page links to them, and their names, which change
		// with any body, would make every page's link check new.
		if !(j.kind == jobData && search.Hashed(j.path)) {
			pl.urls[urlpath.URL(j.path)] = true
		}
		kept = append(kept, j)
	}
	for _, r := range idx.Redirects {
		pl.urls[r.From] = true
	}
	kept = append(kept, b.checkJobs(idx, arts, pl.urls)...)
	pl.jobs = kept
	for i, j := range pl.jobs {
		for _, p := range j.bodies {
			pl.byBody[p] = append(pl.byBody[p], int32(i))
		}
	}
	// The static keys, in parallel: hashing every view of a large site
	// takes a while.
	err = b.parallel(ctx, len(pl.jobs), func(i int) string { return pl.jobs[i].origin }, func(i int) {
		j := &pl.jobs[i]
		j.static = key.Of(j.kind, j.input)
	})
	if err != nil {
		return nil, err
	}
	b.c.plan = pl
	return pl, nil
}

func originPath(origin string) string {
	if strings.HasPrefix(origin, "the ") {
		return "folio"
	}
	return origin
}

// checkJobs are the checks of every article's LinkedIn post and of the links
// of every page.
func (b *Builder) checkJobs(idx *content.Index, arts *artifactSet, urls map[string]bool) []job {
	var jobs []job
	site := idx.Site
	opts := postOptions(site)
	for _, a := range idx.Articles {
		in := postInput(site, a, b.cardOf(site, a, arts), opts)
		jobs = append(jobs, job{kind: jobCheck, origin: a.Path, input: in, bodies: []string{a.Path},
			check: func(bodies []*markdown.Doc) content.Problems {
				var probs content.Problems
				if _, err := compose(in, bodies[0]); err != nil {
					probs.Errors = append(probs.Errors, err)
				}
				return probs
			}})
	}
	// Characters no font can draw on a share card or a checklist PDF, at
	// their source lines (which the body has): one check per article.
	if d := b.draw; d != nil && (site.Checklists || site.ShareCards) {
		for _, a := range idx.Articles {
			if !(a.Checklist != nil && site.Checklists) && !(a.Image.Src == "" && site.ShareCards) {
				continue
			}
			in := struct {
				Drawing       string
				Site, Listing key.Sum
				Topics        []string
			}{d.key, b.c.site.skey, b.c.files[a.Path].parsed.listKey, nil}
			for _, t := range a.Topics {
				in.Topics = append(in.Topics, t.Name)
			}
			art := a
			jobs = append(jobs, job{kind: jobCheck, origin: a.Path, input: in, bodies: []string{a.Path},
				check: func(bodies []*markdown.Doc) content.Problems {
					whole, page := *art, *art.Page
					page.Doc = bodies[0]
					whole.Page = &page
					return content.Problems{Warnings: d.warnings(site, []*content.Article{&whole})}
				}})
		}
	}
	urlsKey := key.Of(urls)
	// A page's own checks: its links, and folio new's placeholder text
	// left in (check.Placeholders reads the page's file for the line, a
	// file the body's key covers).
	pageCheck := func(p *content.Page) job {
		in := struct {
			Path, URL, Summary string
			URLs               key.Sum
		}{p.Path, p.URL, p.Summary, urlsKey}
		return job{kind: jobCheck, origin: p.Path, input: in, bodies: []string{p.Path},
			check: func(bodies []*markdown.Doc) content.Problems {
				probs := checkLinks(in.Path, in.URL, bodies[0], urls)
				page := &content.Page{Path: in.Path, Summary: in.Summary, Doc: bodies[0]}
				probs.Warnings = append(probs.Warnings, check.Placeholders(&content.Index{Pages: []*content.Page{page}}, b.fsys)...)
				return probs
			}}
	}
	for _, a := range idx.Articles {
		jobs = append(jobs, pageCheck(a.Page))
	}
	for _, p := range idx.Pages {
		jobs = append(jobs, pageCheck(p))
	}
	return jobs
}

// cardOf is the share image an article's post announces: its drawn card,
// with the card's size.
func (b *Builder) cardOf(site *content.Site, a *content.Article, arts *artifactSet) social.Image {
	img, ok := cardImage(site, a)
	if !ok {
		return social.Image{}
	}
	if card, ok := arts.cards[a.Path]; ok {
		img.Length = card.size
	}
	return img
}

// dataJobs are the outputs made in Go rather than from templates.
func (b *Builder) dataJobs(idx *content.Index, arts *artifactSet) []job {
	site := idx.Site
	urls := sitemapURLs(idx)
	robots := site.URL("/sitemap.xml")
	redirects := idx.Redirects
	jobs := []job{
		{path: "sitemap.xml", kind: jobData, origin: "the sitemap", input: urls, produce: func([]*markdown.Doc) ([]byte, error) {
			return feed.Sitemap(urls)
		}},
		{path: "robots.txt", kind: jobData, origin: "robots.txt", input: robots, produce: func([]*markdown.Doc) ([]byte, error) {
			return feed.Robots(robots), nil
		}},
		{path: "_redirects", kind: jobData, origin: "the redirects", input: redirects, produce: func([]*markdown.Doc) ([]byte, error) {
			return redirectsFile(redirects), nil
		}},
	}
	if b.opts.Preview {
		// Netlify's headers in netlify.toml apply to every deploy; a
		// _headers file of the deploy itself can say this one is a preview.
		jobs = append(jobs, job{path: "_headers", kind: jobData, origin: "the deploy preview's headers", input: "preview headers 1", produce: func([]*markdown.Doc) ([]byte, error) {
			return []byte("# A deploy preview, made by folio build --preview: not for search engines.\n/*\n  X-Robots-Tag: noindex\n"), nil
		}})
	}
	return append(jobs, b.feedJobs(idx, arts)...)
}

// feedIn is what a feed of articles is made from; each entry's content is
// the body of the page at the same index of Bodies.
type feedIn struct {
	Format string
	Feed   feed.Feed
}

// feedJobs are the feeds: Atom and JSON Feed of the site, Atom of each topic,
// and the LinkedIn feeds.
func (b *Builder) feedJobs(idx *content.Index, arts *artifactSet) []job {
	site := idx.Site
	host := ""
	if u, err := url.Parse(site.BaseURL); err == nil {
		host = u.Hostname()
	}
	entry := func(a *content.Article) feed.Entry {
		e := feed.Entry{
			ID:        feed.TagURI(host, a.Date, slug.EscapePath(a.URL)),
			Title:     a.Title,
			URL:       site.URL(a.URL),
			Summary:   a.Summary,
			Published: a.Date,
			Updated:   a.Modified(),
		}
		if a.Author != "" {
			e.Authors = []feed.Person{{Name: a.Author}}
		}
		for _, t := range a.Topics {
			e.Categories = append(e.Categories, t.Name)
		}
		return e
	}
	feedJob := func(path, origin, format, title, home, self string, articles []*content.Article) job {
		in := feedIn{Format: format, Feed: feed.Feed{
			Title:    title,
			Subtitle: site.Description,
			Language: site.Language,
			HomeURL:  site.URL(home),
			FeedURL:  site.URL(self),
			ID:       site.URL(self),
			Author:   feed.Person{Name: site.Author.Name, URL: site.Author.URL},
			Icon:     site.URL("/favicon.svg"),
		}}
		var bodies []string
		for _, a := range articles[:min(len(articles), site.FeedLimit)] {
			in.Feed.Entries = append(in.Feed.Entries, entry(a))
			bodies = append(bodies, a.Path)
		}
		return job{path: path, kind: jobData, origin: origin, input: in, bodies: bodies, produce: func(bs []*markdown.Doc) ([]byte, error) {
			f := in.Feed
			f.Entries = append([]feed.Entry(nil), in.Feed.Entries...)
			for i := range f.Entries {
				f.Entries[i].ContentHTML = bs[i].HTML
			}
			if in.Format == "json" {
				return feed.JSON(f)
			}
			return feed.Atom(f)
		}}
	}
	jobs := []job{
		feedJob("feed.xml", "the Atom feed", "atom", site.Title, "/", "/feed.xml", idx.Articles),
		feedJob("feed.json", "the JSON feed", "json", site.Title, "/", "/feed.json", idx.Articles),
	}
	for _, t := range idx.Topics {
		jobs = append(jobs, feedJob(urlpath.File(t.URL+"feed.xml"), "the feed of topic "+t.Name, "atom", site.Title+": "+t.Name, t.URL, t.URL+"feed.xml", t.Articles))
	}

	// The LinkedIn feeds carry the posts of the newest articles.
	var posts []postIn
	var bodies []string
	opts := postOptions(site)
	for _, a := range idx.Articles[:min(len(idx.Articles), site.FeedLimit)] {
		posts = append(posts, postInput(site, a, b.cardOf(site, a, arts), opts))
		bodies = append(bodies, a.Path)
	}
	linkedIn := func(path, origin, format string) job {
		in := struct {
			Format  string
			Channel social.Channel
			Posts   []postIn
		}{format, social.Channel{
			Title:       site.Title + " on LinkedIn",
			Link:        site.URL("/"),
			Description: "Ready-to-post LinkedIn updates for the articles of " + site.Title + ".",
			Language:    site.Language,
			FeedURL:     site.URL("/" + path),
			Limit:       site.FeedLimit,
		}, posts}
		return job{path: path, kind: jobData, origin: origin, input: in, bodies: bodies, produce: func(bs []*markdown.Doc) ([]byte, error) {
			list := make([]social.Post, 0, len(in.Posts))
			for i, p := range in.Posts {
				// A post that cannot be made is an error of its
				// article's check job, which fails the build.
				if post, err := compose(p, bs[i]); err == nil {
					list = append(list, post)
				}
			}
			if in.Format == "json" {
				return feed.JSON(social.Feed(list, in.Channel))
			}
			return feed.RSS(social.Feed(list, in.Channel))
		}}
	}
	return append(jobs,
		linkedIn("feeds/linkedin.xml", "the LinkedIn feed", "rss"),
		linkedIn("feeds/linkedin.json", "the LinkedIn JSON feed", "json"),
	)
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

// redirectsFile writes Netlify's _redirects: a 301 from every alias to its page.
func redirectsFile(rs []content.Redirect) []byte {
	var b strings.Builder
	b.WriteString("# Old URLs of moved pages (front matter aliases), made by folio.\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "%s %s 301\n", r.From, r.To)
	}
	return []byte(b.String())
}
