package content

import (
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/peeplcoach/folio/internal/slug"
)

// IndexOptions choose which pages a build publishes.
type IndexOptions struct {
	Drafts bool      // include draft: true
	Future bool      // include articles dated after Now
	Now    time.Time // the moment that decides what is in the future
	// Related computes related-article lists from the site's topology; nil
	// means Relate. A long-lived builder passes a memo of Relate.
	Related func(Topology) [][]int32
}

// Index relates the pages of one build: what is published, in which order, under
// which topics and series, what is related, and which old URLs redirect where.
// It is built by one goroutine and read-only afterwards.
type Index struct {
	Site      *Site
	Articles  []*Article // published articles, newest first
	Pages     []*Page    // standalone pages, by URL
	Topics    []*Topic   // by name
	Series    []*Series  // by name
	Redirects []Redirect // by From
	// ByURL finds any published page or article by its URL path.
	ByURL map[string]*Page
	// NextScheduled is the article held back for its date that comes out
	// first (a draft is not scheduled), or nil: a build on or after its date
	// publishes it.
	NextScheduled *Page

	articles     map[string]*Article // by URL
	translations map[*Page][]Translation
}

// Article is a published article with what the index knows about it.
type Article struct {
	*Page
	Topics    []*Topic
	Series    *Series
	Part      int // 1-based position in the series; 0 when not in one
	Prev      *Article
	Next      *Article
	Related   []*Article
	Scheduled bool // dated in the future (shown only with --future)
}

// Topic is a subject articles are filed under.
type Topic struct {
	Slug     string
	Name     string
	URL      string
	Articles []*Article // newest first
}

// Series is a sequence of articles meant to be read in order.
type Series struct {
	Slug     string
	Name     string
	URL      string
	Articles []*Article // in series order
}

// Redirect sends an old URL to a page's current one.
type Redirect struct {
	From, To string
	Path     string // the page that asked for it
}

// NewIndex builds the index of pages. pages may come in any order.
func NewIndex(site *Site, pages []*Page, opts IndexOptions) (*Index, Problems) {
	var probs Problems
	idx := &Index{Site: site, ByURL: make(map[string]*Page, len(pages)), articles: make(map[string]*Article, len(pages))}

	// Pages whose URL comes from their file name claim it first, so that a
	// collision is reported at the slug: line that caused it.
	sorted := make([]*Page, len(pages))
	copy(sorted, pages)
	sort.Slice(sorted, func(i, j int) bool {
		si, sj := sorted[i].hasSlugKey(), sorted[j].hasSlugKey()
		if si != sj {
			return !si
		}
		return sorted[i].Path < sorted[j].Path
	})

	for _, p := range sorted {
		if p.Draft && !opts.Drafts {
			continue
		}
		scheduled := p.Kind == KindArticle && p.Date.After(opts.Now)
		if scheduled && !opts.Future {
			if n := idx.NextScheduled; n == nil || p.Date.Before(n.Date) || p.Date.Equal(n.Date) && p.Path < n.Path {
				idx.NextScheduled = p
			}
			continue
		}
		if other, taken := idx.ByURL[p.URL]; taken {
			probs.errorf(p.Path, p.Line("slug"), "URL %s is already used by %s: give one of them another slug", p.URL, other.Path)
			continue
		}
		idx.ByURL[p.URL] = p
		if p.Kind == KindArticle {
			a := &Article{Page: p, Scheduled: scheduled}
			idx.Articles = append(idx.Articles, a)
			idx.articles[p.URL] = a
		} else {
			idx.Pages = append(idx.Pages, p)
		}
	}
	sort.SliceStable(idx.Articles, func(i, j int) bool { return newerFirst(idx.Articles[i], idx.Articles[j]) })
	sort.SliceStable(idx.Pages, func(i, j int) bool { return idx.Pages[i].URL < idx.Pages[j].URL })

	idx.linkTranslations(sorted, &probs)
	idx.groupTopics()
	idx.groupSeries(&probs)
	idx.collectRedirects(&probs)
	checkCollisions(idx, &probs) // see limits.go
	checkSize(idx, &probs)
	idx.relate(opts.Related)
	return idx, probs
}

// Article returns the published article at a URL path, or nil.
func (idx *Index) Article(url string) *Article { return idx.articles[url] }

func newerFirst(a, b *Article) bool {
	if !a.Date.Equal(b.Date) {
		return a.Date.After(b.Date)
	}
	return a.Slug < b.Slug
}

// groupTopics files articles under topics, newest first. Spellings of one topic
// ("Managing Up", "managing-up") share a slug; the display name is the most
// common spelling that is written as words.
func (idx *Index) groupTopics() {
	bySlug := map[string]*Topic{}
	spellings := map[string]map[string]int{}
	for _, a := range idx.Articles {
		seen := map[string]bool{}
		for _, name := range a.TopicNames {
			s := slug.Make(name)
			if s == "" || seen[s] {
				continue
			}
			seen[s] = true
			t := bySlug[s]
			if t == nil {
				t = &Topic{Slug: s, URL: "/topics/" + s + "/"}
				bySlug[s] = t
				spellings[s] = map[string]int{}
				idx.Topics = append(idx.Topics, t)
			}
			spellings[s][name]++
			t.Articles = append(t.Articles, a)
			a.Topics = append(a.Topics, t)
		}
	}
	for _, t := range idx.Topics {
		t.Name = displayName(t.Slug, spellings[t.Slug])
	}
	sort.Slice(idx.Topics, func(i, j int) bool { return lessName(idx.Topics[i].Name, idx.Topics[j].Name) })
}

// displayName picks a name for a topic or series among the ways writers spelled it.
func displayName(s string, spellings map[string]int) string {
	best, bestScore := "", -1
	for name, n := range spellings {
		score := n
		if name != s { // written as words ("Managing Up"), not as a slug
			score += 1 << 20
		}
		if score > bestScore || score == bestScore && name < best {
			best, bestScore = name, score
		}
	}
	if best == s {
		return humanize(s)
	}
	return best
}

// humanize turns a slug into words: "one-on-ones" → "One on ones".
func humanize(s string) string {
	s = strings.ReplaceAll(s, "-", " ")
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

func lessName(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if la != lb {
		return la < lb
	}
	return a < b
}

// groupSeries orders each series: articles with series_order first by that
// number, then the rest by date. Two articles with one number is an error.
func (idx *Index) groupSeries(probs *Problems) {
	bySlug := map[string]*Series{}
	spellings := map[string]map[string]int{}
	for _, a := range idx.Articles {
		if a.SeriesName == "" {
			continue
		}
		s := slug.Make(a.SeriesName)
		if s == "" {
			probs.errorf(a.Path, a.Line("series"), "series %q has no letters or digits to make a URL from", a.SeriesName)
			continue
		}
		ser := bySlug[s]
		if ser == nil {
			ser = &Series{Slug: s, URL: "/series/" + s + "/"}
			bySlug[s] = ser
			spellings[s] = map[string]int{}
			idx.Series = append(idx.Series, ser)
		}
		spellings[s][a.SeriesName]++
		ser.Articles = append(ser.Articles, a)
		a.Series = ser
	}
	for _, ser := range idx.Series {
		ser.Name = displayName(ser.Slug, spellings[ser.Slug])
		sort.SliceStable(ser.Articles, func(i, j int) bool { return seriesLess(ser.Articles[i], ser.Articles[j]) })
		for i, a := range ser.Articles {
			a.Part = i + 1
			if i > 0 {
				a.Prev = ser.Articles[i-1]
				if o := a.Prev.SeriesOrder; o > 0 && o == a.SeriesOrder {
					probs.errorf(a.Path, a.Line("series_order"), "series_order %d in series %q is also used by %s: give each part its own number", o, ser.Name, a.Prev.Path)
				}
			}
			if i+1 < len(ser.Articles) {
				a.Next = ser.Articles[i+1]
			}
		}
	}
	sort.Slice(idx.Series, func(i, j int) bool { return lessName(idx.Series[i].Name, idx.Series[j].Name) })
}

func seriesLess(a, b *Article) bool {
	ao, bo := a.SeriesOrder, b.SeriesOrder
	if (ao > 0) != (bo > 0) {
		return ao > 0
	}
	if ao != bo {
		return ao < bo
	}
	if !a.Date.Equal(b.Date) {
		return a.Date.Before(b.Date)
	}
	return a.Slug < b.Slug
}

// collectRedirects turns aliases into redirects, refusing an alias that is a
// live URL or that two pages claim.
func (idx *Index) collectRedirects(probs *Problems) {
	claimed := map[string]string{}
	add := func(p *Page) {
		for _, a := range p.Aliases {
			if !strings.HasPrefix(a, "/") {
				continue // reported when the page was read
			}
			if other, live := idx.ByURL[a]; live {
				probs.errorf(p.Path, p.Line("aliases"), "alias %s is the URL of %s: an alias must be an old URL that no longer exists", a, other.Path)
				continue
			}
			if other, ok := claimed[a]; ok {
				probs.errorf(p.Path, p.Line("aliases"), "alias %s is also claimed by %s", a, other)
				continue
			}
			claimed[a] = p.Path
			idx.Redirects = append(idx.Redirects, Redirect{From: a, To: p.URL, Path: p.Path})
		}
	}
	for _, a := range idx.Articles {
		add(a.Page)
	}
	for _, p := range idx.Pages {
		add(p)
	}
	sort.Slice(idx.Redirects, func(i, j int) bool { return idx.Redirects[i].From < idx.Redirects[j].From })
}
