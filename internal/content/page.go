package content

import (
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

	Title       string
	Date        time.Time
	Updated     time.Time // zero when never updated
	Summary     string    // from front matter, or the first paragraph
	TopicNames  []string  // as written
	SeriesName  string
	SeriesOrder int // 0 when not set
	Draft       bool
	Author      string   // the authors' names, joined for display
	Authors     []string // each author, when front matter names several
	// Language is the page's own language (BCP 47), or "" for the site's.
	Language string
	// TranslationOf names the page this one translates, as written: a slug
	// or a site path. The Index links translations (see translations.go).
	TranslationOf string
	Image         ImageRef
	Aliases       []string // old URL paths that redirect here
	ChecklistSpec ChecklistSpec
	LinkedIn      LinkedInSpec
	// Checklist is the printable checklist, or nil when the article has
	// none (no task items, or checklist: false).
	Checklist *Checklist

	// Minutes is the estimated reading time, at least one minute. It is
	// kept as a number, apart from the word count of Doc: lists show the
	// minutes, and an edit that leaves them as they were changes no list.
	Minutes int
	// Layout is the file of layouts/ that renders the page ("search.html"),
	// from layout:; empty for the page kind's own.
	Layout string
	// Params holds the front-matter keys folio does not read itself, for
	// templates: {{ .Params.mood }}. Nil when there are none.
	Params map[string]any

	Doc *markdown.Doc
}

// Line returns the line of a front-matter key in the page's file, or 1.
func (p *Page) Line(key string) int {
	if l, ok := p.Doc.KeyLines[key]; ok {
		return l
	}
	return 1
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

// ReadingMinutes is the estimated reading time in minutes, at least one.
func (p *Page) ReadingMinutes() int { return p.Minutes }

// Reading speeds: words a minute for scripts that space their words, and
// characters a minute for Chinese and Japanese (the rate Hugo and Medium use).
const (
	wordsPerMinute = 230
	charsPerMinute = 500
)

// readingMinutes estimates reading time, at least one minute: words at 230 a
// minute and Chinese or Japanese characters at 500, so a mixed text counts both.
func readingMinutes(doc *markdown.Doc) int {
	const per = wordsPerMinute * charsPerMinute
	units := doc.Words*charsPerMinute + doc.Chars*wordsPerMinute
	return max(1, (units+per-1)/per)
}

// slugOf returns a page's slug: the slug: of its front matter, checked, or
// else made from its file or bundle name. A name that is already a slug is
// used as it is; another ("My Post.md", "Café.markdown" typed on a Mac) gives
// the slug slug.Make makes of it ("my-post", "café"), as Hugo and Jekyll
// do, so that files moved in keep working; only a name with no letter or
// digit at all is an error.
func slugOf(p string, place Place, explicit string, line int, probs *Problems) string {
	if explicit != "" {
		explicit = slug.NFC(explicit)
		if slug.Valid(explicit) {
			return explicit
		}
		probs.errorf(p, line, "slug %q must be lower-case letters, digits and single hyphens (try %q)", explicit, slug.Make(explicit))
	}
	s := slug.Make(place.Slug)
	if s == "" {
		probs.errorf(p, 1, "file name %q has no letter or digit to make a URL from: rename the file or set slug:", place.Slug)
		return place.Slug
	}
	return s
}

// reservedPageSlugs are first path segments that folio's own pages use.
var reservedPageSlugs = []string{"articles", "topics", "series", "page", "checklists", "feeds", "__folio"}

// NewPage validates a converted document found at path and returns the page.
// Problems name the file and the line of the key at fault; a page with errors
// is still returned so that every problem of a build is reported at once.
func NewPage(p string, place Place, doc *markdown.Doc) (*Page, Problems) {
	var probs Problems
	pg := &Page{Kind: place.Kind, Path: p, Bundle: place.Bundle, Doc: doc, Minutes: readingMinutes(doc)}
	if doc.FrontMatter == nil {
		probs.errorf(p, 1, "no front matter: start the file with ---, then title: and date:, then ---")
		doc.FrontMatter = map[string]any{}
	}
	f := newFields(p, doc.FrontMatter, doc.KeyLines, &probs)
	pg.Title = strings.TrimSpace(f.str("title", true))
	pg.Date = f.date("date", place.Kind == KindArticle)
	pg.Updated = readUpdated(f)
	pg.Summary, _ = readAlias(f, "summary", "description", "excerpt")
	pg.TopicNames = readTopics(f)
	pg.SeriesName = strings.TrimSpace(f.str("series", false))
	pg.SeriesOrder, _ = f.integer("series_order", 1)
	pg.Draft = readDraft(f)
	pg.Authors = readAuthors(f)
	pg.Author = joinNames(pg.Authors)
	pg.Language = readLanguage(f)
	pg.TranslationOf = strings.TrimSpace(f.str("translation_of", false))
	pg.Image = ImageRef{Src: strings.TrimSpace(f.str("image", false)), Alt: strings.TrimSpace(f.str("image_alt", false))}
	pg.Aliases = f.list("aliases")
	pg.ChecklistSpec = parseChecklistSpec(f)
	pg.LinkedIn = parseLinkedInSpec(f)
	explicitSlug := strings.TrimSpace(f.str("slug", false))
	if layout := strings.TrimSpace(f.str("layout", false)); layout != "" {
		if !layoutName.MatchString(layout) {
			probs.errorf(p, pg.Line("layout"), "layout %q must be the name of a file of layouts/, such as \"wide\" for layouts/wide.html", layout)
		} else {
			pg.Layout = strings.TrimSuffix(layout, ".html") + ".html"
		}
	}
	pg.Params = extraParams(doc.FrontMatter, f.known)
	f.unknown(false)

	pg.Slug = slugOf(p, place, explicitSlug, pg.Line("slug"), &probs)
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
		pg.Checklist = makeChecklist(pg.ChecklistSpec, doc)
	} else if pg.ChecklistSpec.Title != "" || len(pg.ChecklistSpec.Items) > 0 {
		probs.warnf(p, pg.Line("checklist"), "checklist applies to articles only; this standalone page gets none")
	}
	if pg.Summary == "" && doc.Summary != "" {
		pg.Summary = doc.Summary // the writer ended it with <!--more-->
	}
	if pg.Summary == "" && len(doc.Intro) > 0 {
		pg.Summary = Truncate(doc.Intro[0], 200)
	}
	for _, w := range doc.Warnings {
		probs.warnf(p, w.Line, "%s", w.Msg)
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
