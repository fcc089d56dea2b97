package render

import (
	"html/template"
	"strconv"
	"time"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/slug"
	"github.com/peeplcoach/folio/internal/urlpath"
)

// Output is one page to render: where it goes, with which template, from which data.
type Output struct {
	Path string // output file, slash-separated: "articles/a/index.html"
	Kind string
	View *View
	// Body is the source path of the page whose body the view shows
	// ("content/articles/a.md"), or "". Plan leaves bodies out of views:
	// WithBody puts one in just before rendering. So a view, and its key,
	// depends only on what lists show of pages, and a save that changes an
	// article's text changes that article's outputs alone.
	Body string
}

// WithBody returns a copy of v showing the body of its page: the HTML and,
// for an article with at least three H2 and H3 headings, a table of contents.
func WithBody(v *View, doc *markdown.Doc) *View {
	w := *v
	switch {
	case v.Article != nil:
		a := *v.Article
		a.Body = template.HTML(doc.HTML)
		if len(doc.Intro) > 0 && content.Truncate(doc.Intro[0], 200) == a.Standfirst {
			a.Standfirst = "" // the summary is the first paragraph's start: it follows anyway
		}
		a.TOC = nil
		var toc []TOCEntry
		for _, h := range doc.Headings {
			if h.Level == 2 || h.Level == 3 {
				toc = append(toc, TOCEntry{Level: h.Level, ID: h.ID, Href: "#" + slug.EscapePath(h.ID), Text: h.Text})
			}
		}
		if len(toc) >= 3 {
			a.TOC = toc
		}
		w.Article = &a
	case v.Page != nil:
		w.Page = &Page{Body: template.HTML(doc.HTML)}
	}
	return &w
}

// PlanOptions are the choices of a build that change pages.
type PlanOptions struct {
	Serve bool // folio serve: mark drafts and scheduled articles
	// Checklists returns the checklist of an article, or nil when it has none.
	Checklists func(*content.Article) *Checklist
	// Images returns the share image of an article (its own or a generated card),
	// or nil to use the site's default.
	Images func(*content.Article) *Image
	// Search adds the search page, /search/ (search.go).
	Search bool
}

// Pages is the plan of a site's HTML pages.
type Pages struct {
	Outputs []Output
	// Cards holds one card per article, newest first. Render each with
	// Templates.RenderCard before executing the outputs that list them.
	Cards []*Card
}

// Plan lists every HTML page of the site, in a fixed order. Cards are made once
// per article and shared by every list.
func Plan(idx *content.Index, site *Site, assets *Assets, opts PlanOptions) Pages {
	p := planner{idx: idx, site: site, assets: assets, opts: opts, cards: make(map[*content.Article]*Card, len(idx.Articles))}
	cards := make([]*Card, len(idx.Articles))
	for i, a := range idx.Articles {
		cards[i] = p.card(a)
		p.cards[a] = cards[i]
	}
	p.home()
	for _, a := range idx.Articles {
		p.article(a)
	}
	for _, pg := range idx.Pages {
		p.page(pg)
	}
	p.topics()
	p.series()
	p.checklists()
	p.search()
	p.add("404.html", "404", &View{Title: p.t("not_found_title"), Description: p.t("not_found_description"), URL: "/404.html", NoIndex: true})
	return Pages{Outputs: p.out, Cards: cards}
}

type planner struct {
	idx    *content.Index
	site   *Site
	assets *Assets
	opts   PlanOptions
	cards  map[*content.Article]*Card
	out    []Output
}

func (p *planner) add(path, kind string, v *View) {
	p.addBody(path, kind, v, "")
}

func (p *planner) addBody(path, kind string, v *View, body string) {
	v.Site = p.site
	v.Kind = kind
	v.assets = p.assets
	if v.Lang == "" {
		v.Lang = p.site.Language
	}
	v.escapeURLs()
	p.out = append(p.out, Output{Path: path, Kind: kind, View: v, Body: body})
}

// t returns an interface string in the site's language.
func (p *planner) t(key string, args ...any) string { return p.site.words.T(key, args...) }

// status is the banner of a draft or scheduled page.
func (p *planner) status(draft, scheduled bool, date time.Time) string {
	switch {
	case draft:
		return p.t("draft")
	case scheduled:
		return p.t("scheduled_for", "date", p.site.words.Date(date))
	}
	return ""
}

func (p *planner) card(a *content.Article) *Card {
	c := &Card{
		Title:          a.Title,
		URL:            a.URL,
		Summary:        a.Summary,
		Date:           a.Date,
		ReadingMinutes: a.ReadingMinutes(),
		Status:         p.status(a.Draft, a.Scheduled, a.Date),
		words:          p.site.words,
		Params:         a.Params,
	}
	if lang := p.idx.Language(a.Page); lang != p.idx.Site.Language {
		c.Lang = lang
	}
	if a.Updated.After(a.Date) {
		c.Updated = a.Updated
	}
	for _, t := range a.Topics {
		c.Topics = append(c.Topics, Link{Name: t.Name, URL: t.URL})
	}
	if a.Series != nil {
		c.Series = &Link{Name: a.Series.Name, URL: a.Series.URL}
		c.Part, c.Parts = a.Part, len(a.Series.Articles)
		c.SeriesLine = seriesLineHTML(p.site.words, c.Part, c.Parts, c.Series.Name, c.Series.URL)
	}
	escapeCard(c)
	c.key = key.Fields(c)
	return c
}

func (p *planner) article(a *content.Article) {
	c := p.cards[a]
	av := &Article{Card: c, Standfirst: a.Summary}
	if a.Series != nil {
		av.SeriesBox = &SeriesBox{Name: a.Series.Name, URL: a.Series.URL, Part: a.Part, Parts: len(a.Series.Articles), Line: c.SeriesLine}
		if a.Prev != nil {
			av.SeriesBox.Prev = p.cards[a.Prev]
		}
		if a.Next != nil {
			av.SeriesBox.Next = p.cards[a.Next]
			av.SeriesBox.NextLine = p.site.words.SeriesLine(a.Part+1, len(a.Series.Articles), a.Series.Name)
		}
	}
	for _, r := range a.Related {
		av.Related = append(av.Related, p.cards[r])
	}
	if p.opts.Checklists != nil {
		if cl := p.opts.Checklists(a); cl != nil {
			links := cl.Links
			av.Checklist = &links
		}
	}
	v := &View{
		Title:       a.Title,
		Description: a.Summary,
		URL:         a.URL,
		Published:   a.Date,
		Modified:    a.Modified(),
		Author:      p.author(a.Author),
		Status:      c.Status,
		NoIndex:     c.Status != "",
		Article:     av,
		Layout:      a.Layout,
	}
	p.language(v, a.Page)
	if p.opts.Images != nil {
		v.Image = p.opts.Images(a)
	}
	for _, t := range a.Topics {
		v.Tags = append(v.Tags, t.Name)
	}
	v.Breadcrumbs = []Link{{Name: p.t("home"), URL: "/"}}
	if len(a.Topics) > 0 {
		v.Breadcrumbs = append(v.Breadcrumbs, Link{Name: a.Topics[0].Name, URL: a.Topics[0].URL})
	}
	v.Breadcrumbs = append(v.Breadcrumbs, Link{Name: a.Title, URL: a.URL})
	p.addBody(urlpath.File(a.URL), "article", v, a.Path)
}

// language sets a page's language and its translations.
func (p *planner) language(v *View, pg *content.Page) {
	v.Lang = p.idx.Language(pg)
	for _, t := range p.idx.Translations(pg) {
		v.Translations = append(v.Translations, Translation{Lang: t.Lang, Title: t.Page.Title, URL: t.Page.URL})
	}
}

// author names an article's author: its own, or the site's.
func (p *planner) author(name string) *Link {
	if name == "" || name == p.site.Author.Name {
		return &Link{Name: p.site.Author.Name, URL: p.site.Author.URL}
	}
	return &Link{Name: name}
}

func (p *planner) page(pg *content.Page) {
	v := &View{
		Title:       pg.Title,
		Description: pg.Summary,
		URL:         pg.URL,
		Status:      p.status(pg.Draft, false, pg.Date),
		NoIndex:     pg.Draft,
		Page:        &Page{Params: pg.Params},
		Layout:      pg.Layout,
		Breadcrumbs: []Link{{Name: p.t("home"), URL: "/"}, {Name: pg.Title, URL: pg.URL}},
	}
	p.language(v, pg)
	if v.Description == "" {
		v.Description = p.site.Description
	}
	p.addBody(urlpath.File(pg.URL), "page", v, pg.Path)
}

func (p *planner) home() {
	cards := p.cardsOf(p.idx.Articles)
	p.paginateCards("/", "home", cards, func(page int) *View {
		return &View{Title: p.site.Title, Description: p.site.Description, List: &List{Heading: p.t("latest_articles")}}
	})
}

func (p *planner) topics() {
	var counts []Count
	for _, t := range p.idx.Topics {
		counts = append(counts, Count{Name: t.Name, URL: t.URL, Count: len(t.Articles), Latest: t.Articles[0].Date})
		topic := t
		p.paginateCards(t.URL, "topic", p.cardsOf(t.Articles), func(page int) *View {
			return &View{
				Title:       topic.Name,
				Description: p.t("topic_description", "topic", topic.Name, "site", p.site.Title),
				Feeds:       []FeedLink{{Title: p.site.Title + ": " + topic.Name, URL: topic.URL + "feed.xml", Type: "application/atom+xml", Label: p.t("topic_feed")}},
				Breadcrumbs: []Link{{Name: p.t("home"), URL: "/"}, {Name: p.t("topics"), URL: "/topics/"}, {Name: topic.Name, URL: topic.URL}},
				List:        &List{Heading: topic.Name},
			}
		})
	}
	p.add("topics/index.html", "topics", &View{
		Title:       p.t("topics"),
		Description: p.t("topics_description", "site", p.site.Title),
		URL:         "/topics/",
		Topics:      counts,
		Breadcrumbs: []Link{{Name: p.t("home"), URL: "/"}, {Name: p.t("topics"), URL: "/topics/"}},
	})
}

func (p *planner) series() {
	var counts []Count
	for _, s := range p.idx.Series {
		latest := s.Articles[0].Date
		for _, a := range s.Articles {
			if a.Date.After(latest) {
				latest = a.Date
			}
		}
		counts = append(counts, Count{Name: s.Name, URL: s.URL, Count: len(s.Articles), Latest: latest})
		ser := s
		p.paginateCards(s.URL, "series", p.cardsOf(s.Articles), func(page int) *View {
			return &View{
				Title:       ser.Name,
				Description: p.t("series_description", "series", p.site.words.Quote(ser.Name), "site", p.site.Title, "count", len(ser.Articles)),
				Breadcrumbs: []Link{{Name: p.t("home"), URL: "/"}, {Name: p.t("all_series"), URL: "/series/"}, {Name: ser.Name, URL: ser.URL}},
				List:        &List{Heading: ser.Name},
			}
		})
	}
	p.add("series/index.html", "serieslist", &View{
		Title:       p.t("all_series"),
		Description: p.t("serieslist_description", "site", p.site.Title),
		URL:         "/series/",
		Series:      counts,
		Breadcrumbs: []Link{{Name: p.t("home"), URL: "/"}, {Name: p.t("all_series"), URL: "/series/"}},
	})
}

// checklists adds each article's printable checklist page and the list of them.
func (p *planner) checklists() {
	if p.opts.Checklists == nil {
		return
	}
	for _, a := range p.idx.Articles {
		if cl := p.opts.Checklists(a); cl != nil {
			p.checklistPage(a, cl)
		}
	}
	p.checklistsIndex()
}

// checklistsIndex adds /checklists/.
func (p *planner) checklistsIndex() {
	if p.opts.Checklists == nil {
		return
	}
	var cards []ChecklistCard
	for _, a := range p.idx.Articles {
		cl := p.opts.Checklists(a)
		if cl == nil {
			continue
		}
		items := 0
		for _, g := range cl.Groups {
			items += len(g.Items)
		}
		cards = append(cards, ChecklistCard{Title: cl.Title, Article: Link{Name: a.Title, URL: a.URL}, Items: items, Links: cl.Links})
	}
	// Paginated like every list: at 10,000 articles one page would weigh
	// megabytes.
	p.paginate("/checklists/", "checklists", len(cards), func(page, lo, hi int) *View {
		return &View{
			Title:       p.t("checklists_title"),
			Description: p.t("checklists_description"),
			Checklists:  cards[lo:hi],
			Breadcrumbs: []Link{{Name: p.t("home"), URL: "/"}, {Name: p.t("checklists"), URL: "/checklists/"}},
			List:        &List{Heading: p.t("checklists_title")},
		}
	})
}

// checklistPage adds an article's checklist page.
func (p *planner) checklistPage(a *content.Article, cl *Checklist) {
	p.add(urlpath.File(cl.Links.Page), "checklist", &View{
		Title:       cl.Title,
		Description: cl.Intro,
		URL:         cl.Links.Page,
		Published:   a.Date,
		Modified:    a.Modified(),
		Status:      p.cards[a].Status,
		NoIndex:     p.cards[a].Status != "",
		Checklist:   cl,
		Breadcrumbs: []Link{{Name: p.t("home"), URL: "/"}, {Name: a.Title, URL: a.URL}, {Name: p.t("checklist"), URL: cl.Links.Page}},
		Lang:        p.idx.Language(a.Page),
	})
}

func (p *planner) cardsOf(articles []*content.Article) []*Card {
	cards := make([]*Card, len(articles))
	for i, a := range articles {
		cards[i] = p.cards[a]
	}
	return cards
}

// paginate splits a list of total items into pages of Site.PerPage: base,
// base+"page/2/", … view makes the page showing items [lo, hi) with its List
// set; paginate gives it its URL, pager and breadcrumb. An empty list still
// gets its first page.
func (p *planner) paginate(base, kind string, total int, view func(page, lo, hi int) *View) {
	per := max(1, p.idx.Site.PerPage)
	pages := max(1, (total+per-1)/per)
	pageURL := func(n int) string {
		if n == 1 {
			return base
		}
		return base + "page/" + strconv.Itoa(n) + "/"
	}
	for n := 1; n <= pages; n++ {
		v := view(n, (n-1)*per, min(n*per, total))
		v.URL = pageURL(n)
		v.List.Pager = Pager{Page: n, Pages: pages, First: pageURL(1), Last: pageURL(pages)}
		if n > 1 {
			v.List.Pager.Prev = pageURL(n - 1)
		}
		if n < pages {
			v.List.Pager.Next = pageURL(n + 1)
		}
		if n > 1 && len(v.Breadcrumbs) > 0 {
			v.Breadcrumbs = append(v.Breadcrumbs[:len(v.Breadcrumbs):len(v.Breadcrumbs)], Link{Name: p.t("page_n", "page", n), URL: v.URL})
		}
		p.add(urlpath.File(v.URL), kind, v)
	}
}

// paginateCards paginates a list of article cards.
func (p *planner) paginateCards(base, kind string, cards []*Card, view func(page int) *View) {
	p.paginate(base, kind, len(cards), func(page, lo, hi int) *View {
		v := view(page)
		v.List.Cards = cards[lo:hi]
		return v
	})
}
