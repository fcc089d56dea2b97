// Package social turns articles into LinkedIn posts and share cards: the
// post text, the excerpt feeds that scheduling tools read (RSS 2.0 and JSON
// Feed 1.1), the exports of `folio snippets`, and 1200×627 PNG share images.
//
// It works on plain data: the caller fills an Article from the parsed page
// (plain text, typographic characters, no Markdown) and gets values and bytes
// back. It knows nothing of files, templates or the content model.
//
// Compose makes a post, Check lists its problems, Feed makes the feed that
// package feed writes (RSS and JSON Feed), Export writes the `folio
// snippets` formats, and Card (or a shared Painter) draws the share image;
// CardInput.Key is its cache key.
//
// Characters are counted as LinkedIn's composer counts them, in UTF-16 code
// units (see Count): for ordinary text that is one per character, and an
// emoji counts two. That never undercounts what a reader sees, so a post
// within the limits here is within LinkedIn's.
package social

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/peeplcoach/folio/internal/i18n"
)

// Limits LinkedIn imposes or that keep a post readable, in Count units.
const (
	// MaxPost is LinkedIn's limit on a post's text.
	MaxPost = 3000
	// MaxHook is the longest hook that shows in full above LinkedIn's
	// "see more" fold on mobile, the narrowest place a post is read.
	MaxHook = 140
	// MinHashtags and MaxHashtags bound the hashtags a post ends with.
	MinHashtags = 3
	MaxHashtags = 5
)

// Heading is one H2 or H3 of an article, as plain text.
type Heading struct {
	Level int    // 2 or 3; other levels are ignored
	Text  string // plain text with typographic characters, no Markdown
}

// Image is a share image as it is announced: in the feeds' enclosures and in
// og:image tags.
type Image struct {
	URL    string // absolute
	Width  int    // pixels
	Height int    // pixels
	Type   string // MIME type, "image/png"
	Length int64  // size in bytes
	Alt    string // text alternative
}

// Article is what a post is made from. Every text field is plain text with
// typographic characters (’ “ ” — –), as the reader sees it; stray Markdown
// marks and HTML entities are removed or decoded anyway.
type Article struct {
	Slug     string
	Title    string
	URL      string    // absolute canonical URL of the article page, no query
	Summary  string    // front-matter summary or the excerpt
	Intro    []string  // paragraphs before the first heading
	Headings []Heading // every H2 and H3, in order; key points come from these
	Topics   []string  // display names or slugs: "Managing Up", "managing-up", "trust"
	Series   string    // series name, empty if none
	Part     int       // 1-based part in the series, 0 if none
	Parts    int       // parts in the series, 0 if unknown

	Published time.Time

	// From front matter `linkedin:`, all optional.
	Hook     string   // linkedin.hook: the first lines, replacing the chosen hook
	Text     string   // linkedin.text: the whole post by hand, used as is once valid
	Hashtags []string // linkedin.hashtags: put before those made from topics; "#" optional
	Campaign string   // linkedin.campaign: utm_campaign for this article
	Question string   // linkedin.question: the question that invites comments
	Points   []string // linkedin.points: the key points, replacing those of the headings
	Link     string   // linkedin.link: "post" or "comment"; empty takes Options.Link

	Card Image // the share image to announce; URL empty if none
}

// Where a post puts the link to its article: LinkPost in the text, after
// the question; LinkComment in Post.FirstComment, to post as the first
// comment (LinkedIn shows posts without a link to more people), the text
// saying so.
const (
	LinkPost    = "post"
	LinkComment = "comment"
)

// Options are the site-wide settings of Compose.
type Options struct {
	// Campaign is the utm_campaign value; "{slug}" in it is replaced by the
	// article's slug. Empty means the slug itself. Article.Campaign wins.
	Campaign string
	// Hashtags are the site's own hashtags (site.yaml linkedin.hashtags,
	// e.g. "#Leadership"): every generated post ends with them, after the
	// article's and its topics', within MaxHashtags.
	Hashtags []string
	// Link is where posts put the article's link: LinkPost (the default
	// when empty) or LinkComment. Article.Link wins.
	Link string
	// Strings are the words around the writer's text (the question, the
	// line with the link, the series line), in the site's language; nil
	// means English.
	Strings *i18n.Catalog
}

// PostOptions returns the Options of a site: the words of its language
// (folio's own strings; English for a language folio has none for), its
// campaign, where its posts put the link, and its hashtags.
func PostOptions(lang, campaign, link string, hashtags []string) Options {
	strs, err := i18n.New(lang, nil, "")
	if err != nil {
		strs = i18n.English() // folio's own strings always parse; see i18n's tests
	}
	return Options{Campaign: campaign, Link: link, Hashtags: hashtags, Strings: strs}
}

// Post is a LinkedIn post for one article: what Export shows and the feeds
// carry.
type Post struct {
	Slug      string
	Title     string
	Canonical string // the article's canonical URL: the stable feed id
	URL       string // the canonical URL with UTM parameters, as in Text
	Campaign  string // the utm_campaign value in URL
	Text      string // the whole post, lines separated by "\n"
	Hook      string // the first paragraph of Text
	// FirstComment is the comment to post under the post, holding the link,
	// when the post keeps its link out of the text (LinkComment); else "".
	FirstComment string
	Hashtags     []string // "#ManagingUp", in the order they end Text
	Chars        int      // Count(Text)
	Fold         int      // byte offset in Text where the hook ends: all before it shows above "see more"
	Published    time.Time
	Card         Image
}

// FieldError is an invalid input of Compose, naming the front-matter field
// ("linkedin.hook", "linkedin.hashtags[2]", "url") so that the caller can
// point at its line.
type FieldError struct {
	Field string
	Err   error
}

// Error returns "field: problem".
func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }

// Unwrap returns the problem.
func (e *FieldError) Unwrap() error { return e.Err }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Err: fmt.Errorf(format, args...)}
}

// Count returns the length of s as LinkedIn counts it: UTF-16 code units,
// so a character outside the Basic Multilingual Plane (most emoji) counts
// two. A line break counts one.
func Count(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}
