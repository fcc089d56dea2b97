// Package social turns articles into LinkedIn posts and share cards: the
// post text, the excerpt feeds that scheduling tools read (RSS 2.0 and JSON
// Feed 1.1), the exports of `folio snippets`, and 1200×627 PNG share images.
//
// It works on plain data: the caller fills an Article from the parsed page
// (plain text, typographic characters, no Markdown) and gets values and bytes
// back. It knows nothing of files, templates or the content model.
//
// Compose makes a post, Check lists its problems, RSS and JSONFeed write the
// feeds, Export the `folio snippets` formats, and Card (or a shared Painter)
// draws the share image; CardInput.Key is its cache key.
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

	Card Image // the share image to announce; URL empty if none
}

// Options are the site-wide settings of Compose.
type Options struct {
	// Campaign is the utm_campaign value; "{slug}" in it is replaced by the
	// article's slug. Empty means the slug itself. Article.Campaign wins.
	Campaign string
	// Hashtags are added after the article's own when it has fewer than
	// MinHashtags, e.g. "#Leadership".
	Hashtags []string
	// CallToAction is the line before the link; empty means
	// "Read the full article:".
	CallToAction string
}

// Post is a LinkedIn post for one article: what Export shows and the feeds
// carry.
type Post struct {
	Slug      string
	Title     string
	Canonical string   // the article's canonical URL: the stable feed id
	URL       string   // the canonical URL with UTM parameters, as in Text
	Campaign  string   // the utm_campaign value in URL
	Text      string   // the whole post, lines separated by "\n"
	Hook      string   // the first paragraph of Text
	Hashtags  []string // "#ManagingUp", in the order they end Text
	Chars     int      // Count(Text)
	Fold      int      // byte offset in Text where the hook ends: all before it shows above "see more"
	Published time.Time
	Card      Image
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
