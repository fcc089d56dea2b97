package render

import (
	"html/template"
	"sync"
	"time"

	"github.com/peeplcoach/folio/internal/i18n"
	"github.com/peeplcoach/folio/internal/key"
)

// View is the data every template gets as its dot. Which fields are set depends
// on the page kind; README.md lists them per template. Everything a template can
// reach is plain data built for it, so the hash of a view (key.Of) and of the
// templates says when a page's output would be the same as last time and
// rendering can be skipped.
type View struct {
	Site        *Site
	Kind        string // home, article, page, topics, topic, serieslist, series, 404, checklist, checklists, search
	Title       string // the page's own title, as in its <h1>
	Description string
	URL         string // site path: "/articles/a/"
	Image       *Image // share image for Open Graph and Twitter cards
	Published   time.Time
	Modified    time.Time
	Author      *Link
	Tags        []string
	Breadcrumbs []Link     // from Home to the page itself
	Feeds       []FeedLink // feeds of this page, besides the site's
	Status      string     // "Draft" or "Scheduled for …", shown only in serve mode
	NoIndex     bool       // ask search engines not to index (404, drafts)
	// Layout is the file of layouts/ a page's front matter asks for
	// (layout: wide → "wide.html"), tried before the kind's own.
	Layout string
	// Lang is the page's language (BCP 47): an article's or page's own
	// language:, else the site's. It is <html lang>.
	Lang string
	// Translations are the page in other languages (translation_of), for
	// hreflang links and a link to each.
	Translations []Translation

	Article    *Article        // kind article
	Page       *Page           // kind page
	List       *List           // kinds home, topic, series
	Topics     []Count         // kind topics
	Series     []Count         // kind serieslist
	Checklist  *Checklist      // kind checklist
	Checklists []ChecklistCard // kind checklists
	Search     *SearchPage     // kind search

	assets *Assets
}

// Site is what every page knows of the site.
type Site struct {
	Title        string
	Description  string
	Language     string
	BaseURL      string
	Organisation Party
	Author       Party
	LinkedIn     string
	Nav          []Link     // main navigation: the sections of the site
	Pages        []Link     // the standalone pages (About …), after the sections
	Feeds        []FeedLink // the site's feeds
	Locale       string     // Open Graph locale of Language: "en_US"
	Year         int        // copyright year: the newest article's, else the build's, so builds repeat
	Image        *Image     // default share image
	Serve        bool       // rendered for folio serve (drafts shown, banners)
	// Preview is set for a deploy preview (folio build --preview): every
	// page shows PreviewBanner and asks search engines not to index it.
	Preview       bool
	PreviewBanner string

	words *i18n.Catalog // the words of Language

	keyOnce sync.Once `key:"-"`
	key     key.Sum   `key:"-"` // of the fields above, made by Key
}

// Key returns the key of the site's data, computed on first use: every page
// shares the site, and its key is hashed into every page's key. The site
// must not change once its key has been asked for.
func (s *Site) Key() key.Sum {
	s.keyOnce.Do(func() { s.key = key.Fields(s) })
	return s.key
}

// Translation is a page in another language.
type Translation struct {
	Lang  string // BCP 47: "de"
	Title string
	URL   string
}

// Party is a person or an organisation.
type Party struct{ Name, URL, Logo string }

// Link is a named URL.
type Link struct{ Name, URL string }

// FeedLink announces a feed in <head>.
type FeedLink struct {
	Title string // "Peeplcoach Insights (Atom)", for feed readers
	URL   string
	Type  string
	Label string // "Atom feed", for a link on the page
}

// Image is an image with what social previews need to know.
type Image struct {
	URL    string // absolute
	Width  int
	Height int
	Type   string // MIME type
	Alt    string
}

// Card is an article as lists show it. Cards are shared by every list that
// shows the article.
type Card struct {
	Title          string
	URL            string
	Summary        string
	Date           time.Time
	Updated        time.Time // zero if never updated
	Topics         []Link
	Series         *Link
	Part, Parts    int
	SeriesLine     template.HTML // "Part 2 of 5 in the series “Name”", the name linked
	ReadingMinutes int
	Status         string // "", "Draft", "Scheduled for …"
	// Lang is the article's language where it is not the site's ("" where
	// it is): the card marks it, so its title and summary are read and
	// set in their own language and direction on the site's lists.
	Lang string
	// Params holds the article's own front-matter keys, those folio does
	// not read itself: {{ .Params.mood }}.
	Params map[string]any
	// HTML is the card rendered once with partials/card.html and reused by
	// every list that shows the article. It is made from the fields above
	// and the templates, so it is no part of the card's key.
	HTML template.HTML `key:"-"`

	words *i18n.Catalog // the site's, for the methods templates call

	key key.Sum `key:"-"` // of the fields above, set when planned
}

// Key returns the key of the card's fields: lists hash the cards they show
// by it rather than walking each card again.
func (c *Card) Key() key.Sum { return c.key }

// Article is the article page's own data.
type Article struct {
	*Card
	// Standfirst is the summary shown under the title: the front matter's
	// summary, or "" when the summary is only the start of the first
	// paragraph, which follows anyway.
	Standfirst string
	Body       template.HTML
	TOC        []TOCEntry // H2 and H3 when there are at least three
	SeriesBox  *SeriesBox
	Related    []*Card
	Checklist  *ChecklistLinks // nil when the article has no checklist
}

// TOCEntry is one line of a table of contents.
type TOCEntry struct {
	Level int
	ID    string
	// Href links to the heading: "#" and its id in the one URL form
	// (slug.EscapePath), which html/template keeps as it is; "#{{ .ID }}"
	// would be encoded again, in lower case.
	Href string
	Text string
}

// SeriesBox shows an article's place in its series.
type SeriesBox struct {
	Name, URL   string
	Part, Parts int
	Line        template.HTML // "Part 2 of 5 in the series “Name”", the name linked
	NextLine    string        // the series line of the next part, when there is one
	Prev, Next  *Card
}

// ChecklistLinks point from an article to its printable checklist.
type ChecklistLinks struct {
	Page   string // "/articles/a/checklist/"
	A4     Download
	Letter Download
	Items  int
}

// Download is a file to download and its size. Size is 0 in folio serve,
// which makes the file when first asked for: layouts show a size only when
// there is one.
type Download struct {
	URL  string
	Size int64
}

// Page is a standalone page's own data.
type Page struct {
	Body   template.HTML
	Params map[string]any // the page's own front-matter keys, as Card.Params
}

// List is a paginated list of article cards.
type List struct {
	Heading string
	Intro   string
	Cards   []*Card
	Pager   Pager
}

// Articles returns the cards of the list, for a template that renders them
// itself: {{ range .List.Articles }}{{ partial "my-card.html" . }}{{ end }}.
// Each card has its fields and Params; its HTML is partials/card.html's.
func (l *List) Articles() []*Card { return l.Cards }

// Pager links the pages of a list.
type Pager struct {
	Page, Pages int
	Prev, Next  string // URLs; empty at the ends
	First, Last string
}

// Count is a topic or series with the number of its articles.
type Count struct {
	Name, URL string
	Count     int
	Latest    time.Time
}

// Checklist is the printable checklist page's data.
type Checklist struct {
	Title   string
	Intro   string
	Groups  []ChecklistGroup
	Article Link // the article it comes from (URL absolute)
	Links   ChecklistLinks
	Date    time.Time
}

// ChecklistGroup is a heading with its items.
type ChecklistGroup struct {
	Heading string
	Items   []string
}

// ChecklistCard lists one checklist on /checklists/.
type ChecklistCard struct {
	Title   string
	Article Link
	Items   int
	Links   ChecklistLinks
}
