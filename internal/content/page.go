package content

import (
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/slug"
)

// Kind tells an article from a standalone page.
type Kind uint8

const (
	// KindArticle is a file under content/articles/: dated, listed, in feeds.
	KindArticle Kind = iota
	// KindPage is a standalone page such as content/about.md → /about/.
	KindPage
)

// Page is one Markdown file, parsed and validated. It depends only on its own
// file, so a build can keep it while the file is unchanged; what relates it to
// other pages lives in the Index.
type Page struct {
	Kind   Kind
	Path   string // source, relative to the site folder: "content/articles/a.md"
	Bundle string // the folder of a bundle ("content/articles/a"), or ""
	Slug   string
	URL    string // "/articles/a/"

	Title         string
	Date          time.Time
	Updated       time.Time // zero when never updated
	Summary       string    // from front matter, or the first paragraph
	TopicNames    []string  // as written
	SeriesName    string
	SeriesOrder   int // 0 when not set
	Draft         bool
	Author        string
	Image         ImageRef
	Aliases       []string // old URL paths that redirect here
	ChecklistSpec ChecklistSpec
	LinkedIn      LinkedInSpec
	// Checklist is the printable checklist, or nil when the article has
	// none (no task items, or checklist: false).
	Checklist *Checklist

	Doc *markdown.Doc
	// SourceHash identifies the file's bytes, so that views of the page can tell
	// whether its body changed without comparing the HTML.
	SourceHash uint64
}

// Line returns the line of a front-matter key in the page's file, or 1.
func (p *Page) Line(key string) int {
	if l, ok := p.Doc.KeyLines[key]; ok {
		return l
	}
	return 1
}

// SameListing reports whether q shows the same as p everywhere but on its own
// page: in lists, topics, series, related articles, redirects and the sitemap.
// Then a rebuild after p's file changed to q needs to render q's page alone.
func (p *Page) SameListing(q *Page) bool {
	return p.Kind == q.Kind && p.Path == q.Path && p.Slug == q.Slug && p.URL == q.URL &&
		p.Title == q.Title && p.Date.Equal(q.Date) && p.Updated.Equal(q.Updated) &&
		p.Summary == q.Summary && slices.Equal(p.TopicNames, q.TopicNames) &&
		p.SeriesName == q.SeriesName && p.SeriesOrder == q.SeriesOrder && p.Draft == q.Draft &&
		p.Author == q.Author && p.Image == q.Image && slices.Equal(p.Aliases, q.Aliases) &&
		(p.Checklist == nil) == (q.Checklist == nil) && p.ReadingMinutes() == q.ReadingMinutes()
}

func (p *Page) hasSlugKey() bool {
	_, ok := p.Doc.KeyLines["slug"]
	return ok
}

// Modified returns the date of the last update, or of publication.
func (p *Page) Modified() time.Time {
	if p.Updated.After(p.Date) {
		return p.Updated
	}
	return p.Date
}

// ReadingMinutes estimates reading time at 230 words a minute, at least one.
func (p *Page) ReadingMinutes() int {
	return max(1, (p.Doc.Words+229)/230)
}

// Place says where a content file belongs.
type Place struct {
	Kind   Kind
	Slug   string
	Bundle string
}

// Locate classifies a path under content/: an article file or bundle, a
// standalone page or bundle, or (ok false) not a page at all, such as an image
// in a bundle.
func Locate(p string) (Place, bool) {
	rel, found := strings.CutPrefix(p, "content/")
	if !found || path.Ext(p) != ".md" {
		return Place{}, false
	}
	parts := strings.Split(strings.TrimSuffix(rel, ".md"), "/")
	switch {
	case len(parts) == 2 && parts[0] == "articles":
		return Place{Kind: KindArticle, Slug: parts[1]}, true
	case len(parts) == 3 && parts[0] == "articles" && parts[2] == "index":
		return Place{Kind: KindArticle, Slug: parts[1], Bundle: path.Dir(p)}, true
	case len(parts) == 1 && parts[0] != "articles":
		return Place{Kind: KindPage, Slug: parts[0]}, true
	case len(parts) == 2 && parts[1] == "index" && parts[0] != "articles":
		return Place{Kind: KindPage, Slug: parts[0], Bundle: path.Dir(p)}, true
	}
	return Place{}, false
}

// reservedPageSlugs are first path segments that folio's own pages use.
var reservedPageSlugs = []string{"articles", "topics", "series", "page", "checklists", "feeds", "__folio"}

// NewPage validates a converted document found at path and returns the page.
// Problems name the file and the line of the key at fault; a page with errors
// is still returned so that every problem of a build is reported at once.
func NewPage(p string, place Place, doc *markdown.Doc) (*Page, Problems) {
	var probs Problems
	pg := &Page{Kind: place.Kind, Path: p, Bundle: place.Bundle, Doc: doc}
	if doc.FrontMatter == nil {
		probs.errorf(p, 1, "no front matter: start the file with ---, then title: and date:, then ---")
		doc.FrontMatter = map[string]any{}
	}
	f := newFields(p, doc.FrontMatter, doc.KeyLines, &probs)
	pg.Title = strings.TrimSpace(f.str("title", true))
	pg.Date = f.date("date", place.Kind == KindArticle)
	pg.Updated = f.date("updated", false)
	pg.Summary = strings.TrimSpace(f.str("summary", false))
	pg.TopicNames = f.list("topics")
	pg.SeriesName = strings.TrimSpace(f.str("series", false))
	pg.SeriesOrder, _ = f.integer("series_order", 1)
	pg.Draft = f.boolean("draft")
	pg.Author = strings.TrimSpace(f.str("author", false))
	pg.Image = ImageRef{Src: strings.TrimSpace(f.str("image", false)), Alt: strings.TrimSpace(f.str("image_alt", false))}
	pg.Aliases = f.list("aliases")
	pg.ChecklistSpec = parseChecklistSpec(f)
	pg.LinkedIn = parseLinkedInSpec(f)
	explicitSlug := strings.TrimSpace(f.str("slug", false))
	f.unknown(false)

	pg.Slug = place.Slug
	if explicitSlug != "" {
		if !slug.Valid(explicitSlug) {
			probs.errorf(p, pg.Line("slug"), "slug %q must be lower-case letters, digits and single hyphens (try %q)", explicitSlug, slug.Make(explicitSlug))
		} else {
			pg.Slug = explicitSlug
		}
	} else if !slug.Valid(pg.Slug) {
		probs.errorf(p, 1, "file name %q is not a valid slug: rename the file to %q or set slug:", pg.Slug, slug.Make(pg.Slug))
	}
	if pg.Kind == KindArticle {
		pg.URL = "/articles/" + pg.Slug + "/"
	} else {
		pg.URL = "/" + pg.Slug + "/"
		if contains(reservedPageSlugs, pg.Slug) {
			probs.errorf(p, 1, "the page name %q is used by folio itself: choose another file name or slug", pg.Slug)
		}
	}
	if pg.SeriesOrder > 0 && pg.SeriesName == "" {
		probs.errorf(p, pg.Line("series_order"), "series_order is set but series is not")
	}
	if pg.Kind == KindPage && (len(pg.TopicNames) > 0 || pg.SeriesName != "") {
		probs.warnf(p, 1, "topics and series apply to articles only; this standalone page is not listed under them")
	}
	checkPage(pg, doc.FrontMatter, &probs) // limits, dates and invisible characters: limits.go
	for _, t := range pg.TopicNames {
		if slug.Make(t) == "" {
			probs.errorf(p, pg.Line("topics"), "topic %q has no letters or digits to make a URL from", t)
		}
	}
	if pg.Image.Src != "" && pg.Image.Alt == "" {
		probs.warnf(p, pg.Line("image"), "image has no image_alt: describe the image for readers who cannot see it")
	}
	for i, a := range pg.Aliases {
		clean, err := cleanAlias(a)
		if err != nil {
			probs.errorf(p, pg.Line("aliases"), "alias %q: %v", a, err)
			continue
		}
		pg.Aliases[i] = clean
	}
	if pg.Kind == KindArticle {
		pg.Checklist = makeChecklist(pg.Title, pg.ChecklistSpec, doc)
	} else if pg.ChecklistSpec.Title != "" || len(pg.ChecklistSpec.Items) > 0 {
		probs.warnf(p, pg.Line("checklist"), "checklist applies to articles only; this standalone page gets none")
	}
	if pg.Summary == "" && len(doc.Intro) > 0 {
		pg.Summary = Truncate(doc.Intro[0], 200)
	}
	// The fields above hold every value now; the raw map would only weigh
	// on memory for as long as the page is kept.
	doc.FrontMatter = nil
	SortErrors(probs.Errors)
	SortErrors(probs.Warnings)
	return pg, probs
}

// cleanAlias turns an old URL into a site path: "/old/path/" (see checkAlias).
func cleanAlias(a string) (string, error) { return checkAlias(a) }

// Truncate shortens s to at most n characters, at a word boundary, with an ellipsis.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	space, hard, count := 0, len(s), 0
	for i := range s {
		if count == n-1 { // room is left for the ellipsis only
			hard = i
			break
		}
		if s[i] == ' ' {
			space = i
		}
		count++
	}
	cut := space
	if cut == 0 {
		cut = hard
	}
	return strings.TrimRight(s[:cut], " ,;:—–-") + "…"
}
