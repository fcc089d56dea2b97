package social

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
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

// feedOrder returns the posts newest first (then by slug, so that equal
// dates keep one order), at most ch.Limit of them. posts is not modified.
func feedOrder(posts []Post, ch Channel) []Post {
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
	return sorted
}

// RSS returns an RSS 2.0 feed of the posts, newest first, as scheduling
// tools (Buffer, Zapier, IFTTT, dlvr.it) read it. Each item has the title,
// the link with UTM parameters, the canonical URL as a guid that is not a
// permalink (so tracking changes never repost), pubDate, the post text as a
// plain-text description, a category per hashtag (without "#"), and the
// share card as both <enclosure> and <media:content>.
func RSS(posts []Post, ch Channel) ([]byte, error) {
	if ch.Title == "" || ch.Link == "" {
		return nil, fmt.Errorf("write linkedin rss: channel title and link are required")
	}
	items := feedOrder(posts, ch)
	var b bytes.Buffer
	size := 1024
	for _, p := range items {
		size += len(p.Text) + 3*len(p.URL) + 512
	}
	b.Grow(size)

	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">` + "\n<channel>\n")
	element(&b, 1, "title", ch.Title)
	element(&b, 1, "link", ch.Link)
	element(&b, 1, "description", cmp.Or(ch.Description, ch.Title))
	if ch.Language != "" {
		element(&b, 1, "language", ch.Language)
	}
	if len(items) > 0 && !items[0].Published.IsZero() {
		// The newest post's date, not the clock: the same posts give the same bytes.
		element(&b, 1, "lastBuildDate", items[0].Published.Format(time.RFC1123Z))
	}
	if ch.FeedURL != "" {
		b.WriteString("  <atom:link href=\"")
		escape(&b, ch.FeedURL, true)
		b.WriteString("\" rel=\"self\" type=\"application/rss+xml\"/>\n")
	}
	for _, p := range items {
		b.WriteString("  <item>\n")
		element(&b, 2, "title", p.Title)
		element(&b, 2, "link", p.URL)
		b.WriteString("    <guid isPermaLink=\"false\">")
		escape(&b, cmp.Or(p.Canonical, p.URL), false)
		b.WriteString("</guid>\n")
		if !p.Published.IsZero() {
			element(&b, 2, "pubDate", p.Published.Format(time.RFC1123Z))
		}
		element(&b, 2, "description", p.Text)
		for _, tag := range p.Hashtags {
			element(&b, 2, "category", strings.TrimPrefix(tag, "#"))
		}
		if c := p.Card; c.URL != "" {
			b.WriteString("    <enclosure url=\"")
			escape(&b, c.URL, true)
			b.WriteString("\" length=\"" + strconv.FormatInt(c.Length, 10) + "\" type=\"")
			escape(&b, c.Type, true)
			b.WriteString("\"/>\n    <media:content url=\"")
			escape(&b, c.URL, true)
			b.WriteString("\" medium=\"image\" type=\"")
			escape(&b, c.Type, true)
			b.WriteString("\" fileSize=\"" + strconv.FormatInt(c.Length, 10))
			b.WriteString("\" width=\"" + strconv.Itoa(c.Width) + "\" height=\"" + strconv.Itoa(c.Height) + "\"")
			if c.Alt == "" {
				b.WriteString("/>\n")
			} else {
				b.WriteString(">\n      <media:description type=\"plain\">")
				escape(&b, c.Alt, false)
				b.WriteString("</media:description>\n    </media:content>\n")
			}
		}
		b.WriteString("  </item>\n")
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.Bytes(), nil
}

// element writes <name>text</name> on its own line, indented.
func element(b *bytes.Buffer, depth int, name, text string) {
	for range depth {
		b.WriteString("  ")
	}
	b.WriteString("<" + name + ">")
	escape(b, text, false)
	b.WriteString("</" + name + ">\n")
}

// escape writes s as XML character data or, with attr, as an attribute
// value. Characters XML 1.0 forbids are dropped; line breaks stay literal in
// text (the post's line breaks) and become references in attributes, where
// a parser would turn them into spaces.
func escape(b *bytes.Buffer, s string, attr bool) {
	last := 0
	for i, r := range s {
		var rep string
		switch {
		case r == '&':
			rep = "&amp;"
		case r == '<':
			rep = "&lt;"
		case r == '>':
			rep = "&gt;"
		case r == '"' && attr:
			rep = "&quot;"
		case (r == '\n' || r == '\t' || r == '\r') && attr:
			rep = "&#" + strconv.Itoa(int(r)) + ";"
		case r == '\r':
			rep = "&#13;"
		case r < 0x20 && r != '\n' && r != '\t',
			r == utf8.RuneError, r == 0xFFFE, r == 0xFFFF,
			r >= 0xD800 && r <= 0xDFFF:
			rep = "" // not allowed in XML 1.0: drop
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + utf8.RuneLen(r)
		if r == utf8.RuneError {
			// An invalid byte decodes as RuneError with width 1.
			_, w := utf8.DecodeRuneInString(s[i:])
			last = i + w
		}
	}
	b.WriteString(s[last:])
}
