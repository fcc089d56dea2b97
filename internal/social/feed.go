package social

import (
	"cmp"
	"slices"
	"strings"

	"github.com/peeplcoach/folio/internal/feed"
)

// Channel describes the feed that carries the posts.
type Channel struct {
	Title       string // "Peeplcoach on LinkedIn"
	Link        string // absolute URL of the site
	Description string // empty means Title
	Language    string // "en"; empty omits it
	FeedURL     string // absolute URL of this feed, announced as its own address
	Limit       int    // newest posts to include; 0 includes all
}

// Feed returns the feed of the posts, newest first (then by slug, so that
// equal dates keep one order), at most ch.Limit of them, for feed.RSS and
// feed.JSON to write: scheduling tools (Buffer, Zapier, IFTTT, dlvr.it) read
// it. Per post an entry has the canonical URL as its id (so a change of
// tracking never reposts), the link with UTM parameters, the title, the post
// as plain-text content exactly as Export writes it, the hook as summary,
// the hashtags (without "#") as categories, the share card as image and
// attachment, and the first comment when the post keeps its link there.
// posts is not modified.
func Feed(posts []Post, ch Channel) feed.Feed {
	sorted := slices.Clone(posts)
	slices.SortStableFunc(sorted, func(a, b Post) int {
		if c := b.Published.Compare(a.Published); c != 0 {
			return c
		}
		return cmp.Compare(a.Slug, b.Slug)
	})
	if ch.Limit > 0 && len(sorted) > ch.Limit {
		sorted = sorted[:ch.Limit]
	}
	f := feed.Feed{
		Title:    ch.Title,
		Subtitle: cmp.Or(ch.Description, ch.Title),
		Language: ch.Language,
		HomeURL:  ch.Link,
		FeedURL:  ch.FeedURL,
		ID:       ch.FeedURL,
		Entries:  make([]feed.Entry, len(sorted)),
	}
	for i, p := range sorted {
		e := feed.Entry{
			ID:           cmp.Or(p.Canonical, p.URL),
			Title:        p.Title,
			URL:          p.URL,
			Summary:      p.Hook,
			ContentText:  p.Text,
			Published:    p.Published,
			Image:        p.Card.URL,
			FirstComment: p.FirstComment,
		}
		for _, t := range p.Hashtags {
			e.Categories = append(e.Categories, strings.TrimPrefix(t, "#"))
		}
		if c := p.Card; c.URL != "" {
			e.Attachments = []feed.Media{{URL: c.URL, Type: c.Type, Length: c.Length, Width: c.Width, Height: c.Height, Title: c.Alt}}
		}
		f.Entries[i] = e
	}
	return f
}
