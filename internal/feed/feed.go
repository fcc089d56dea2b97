// Package feed writes the site's machine-readable outputs from plain data:
// every feed format folio publishes — Atom (RFC 4287), RSS 2.0 and JSON Feed
// (version 1.1) — a sitemap (sitemaps.org 0.9) and robots.txt.
//
// Each writer serialises exactly what it is given: its output is final and
// must not pass through a minifier, which could change text (a LinkedIn
// post's blank lines, a code block's indentation). One escaper serves every
// XML format (see appendEscaped).
//
// Output depends only on the input: no clock, no map order, so two builds of
// the same site give the same bytes. Times are written in UTC, to the second.
// A feed with no entries is valid: its updated time is the Unix epoch unless
// Feed.Updated says otherwise.
//
// Entry HTML is written for feed readers, which show it away from the site:
// Atom, RSS and JSON rewrite it with ReaderHTML (absolute links, no heading
// anchors, no form inputs).
package feed

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Person is an author of a feed or an entry.
type Person struct {
	Name string // required in Atom
	URL  string // absolute, optional
}

// Entry is one article (or one post about it) in a feed.
type Entry struct {
	ID          string // stable for the life of the entry; see TagURI
	Title       string // plain text
	URL         string // absolute permalink, the base of the content's relative links
	Summary     string // plain text, optional
	ContentHTML string // full HTML, written for readers with ReaderHTML
	// ContentText is the content as plain text, used when ContentHTML is
	// empty: RSS description, JSON content_text, Atom content type="text".
	// It is written byte for byte, line breaks and all.
	ContentText string
	Published   time.Time
	Updated     time.Time // zero means Published
	Authors     []Person  // empty means Feed.Author (see authors)
	Categories  []string  // topic names, or hashtags without "#"
	Image       string    // absolute URL of a preview image, optional
	// Attachments are files that go with the entry, such as the share card
	// a scheduling tool posts with it: RSS enclosure (the first) and Media
	// RSS content, JSON attachments.
	Attachments []Media
	// FirstComment is text to post as the first comment under the entry,
	// such as the link of a LinkedIn post that keeps it out of the text:
	// <folio:first_comment> in RSS and Atom, _folio.first_comment in JSON.
	FirstComment string
}

// Media is a file attached to an entry.
type Media struct {
	URL    string // absolute
	Type   string // MIME type: "image/png"
	Length int64  // size in bytes, 0 if unknown
	Width  int    // pixels, for images; 0 if unknown
	Height int
	Title  string // text alternative
}

// Namespace is the XML namespace of folio's own feed elements (first_comment).
const Namespace = "https://github.com/peeplcoach/folio/ns/1"

// epoch is the updated time of a feed that has none: one with no entries
// has not changed since the beginning, and the clock would make two builds
// differ.
var epoch = time.Unix(0, 0).UTC()

// Feed is the data of a whole feed. Entries are written in the order given:
// the caller sorts (newest first) and limits them.
type Feed struct {
	Title    string
	Subtitle string // optional
	Language string // BCP 47 tag such as "en", optional
	HomeURL  string // absolute URL of the site's home page
	FeedURL  string // absolute URL of this feed (Atom or JSON)
	ID       string // Atom feed id, stable for the life of the feed
	Author   Person
	Icon     string // small square image (favicon): Atom icon, JSON favicon
	Logo     string // large image: Atom logo, JSON icon (512×512 square)
	// Updated is the time the feed last changed. Zero means the newest
	// entry's Updated (or Published). It must never be time.Now, or two
	// builds of the same content would differ.
	Updated time.Time
	Entries []Entry
}

// TagURI returns a tag URI (RFC 4151) for use as an entry or feed ID, such
// as "tag:peeplcoach.com,2023-04-05:/articles/trust/". Unlike a permalink
// it survives a change of domain or URL scheme, so readers do not show a
// moved article as new. authority is a domain the publisher owned on date;
// specific is any stable string, typically the article's first path.
func TagURI(authority string, date time.Time, specific string) string {
	return "tag:" + strings.ToLower(authority) + "," + date.UTC().Format(time.DateOnly) + ":" + specific
}

// authors returns the entry's authors: its own, else the feed's. Every
// format writes them on each entry: RSS has no feed-level author, and many
// readers show an item's author without looking at the feed's.
func (f *Feed) authors(e *Entry) []Person {
	if len(e.Authors) > 0 || f.Author.Name == "" {
		return e.Authors
	}
	return []Person{f.Author}
}

// effective returns the entry's update time: Updated, or Published if zero.
func (e *Entry) effective() time.Time {
	if e.Updated.IsZero() {
		return e.Published
	}
	return e.Updated
}

// updated returns the feed's update time: Feed.Updated, or else the newest
// entry's, or else (no entries) the Unix epoch.
func (f *Feed) updated() time.Time {
	if !f.Updated.IsZero() {
		return f.Updated
	}
	var t time.Time
	for i := range f.Entries {
		if u := f.Entries[i].effective(); u.After(t) {
			t = u
		}
	}
	if t.IsZero() {
		return epoch
	}
	return t
}

// appendTime appends the RFC 3339 form that Atom, JSON Feed and sitemaps
// all accept.
func appendTime(dst []byte, t time.Time) []byte {
	return t.UTC().AppendFormat(dst, time.RFC3339)
}

// format is a feed format, for the rules check applies.
type format uint8

const (
	formatAtom format = iota
	formatRSS
	formatJSON
)

// check reports every problem that would make the feed invalid, so a
// caller fixes them in one pass: Atom needs ids and authors, JSON Feed
// content.
func (f *Feed) check(ft format) error {
	atom := ft == formatAtom
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if f.Title == "" {
		bad("feed has no title")
	}
	if atom && f.ID == "" {
		bad("feed has no id")
	}
	for _, u := range []struct {
		name, url string
		required  bool
	}{
		{"home URL", f.HomeURL, true}, {"feed URL", f.FeedURL, true},
		{"icon", f.Icon, false}, {"logo", f.Logo, false}, {"author URL", f.Author.URL, false},
	} {
		if (u.required || u.url != "") && !isAbsolute(u.url) {
			bad("feed %s %q is not an absolute URL", u.name, u.url)
		}
	}
	// entryBad is bad for entry i; the prefix is formatted only on failure.
	entryBad := func(i int, format string, args ...any) {
		bad("entry %d (%q) %s", i, f.Entries[i].ID, fmt.Sprintf(format, args...))
	}
	for i := range f.Entries {
		e := &f.Entries[i]
		if e.ID == "" {
			entryBad(i, "has no id")
		}
		if e.Title == "" {
			entryBad(i, "has no title")
		}
		if !isAbsolute(e.URL) {
			entryBad(i, "URL %q is not an absolute URL", e.URL)
		}
		if e.Image != "" && !isAbsolute(e.Image) {
			entryBad(i, "image %q is not an absolute URL", e.Image)
		}
		if e.Published.IsZero() {
			entryBad(i, "has no published time")
		}
		if ft == formatJSON && e.ContentHTML == "" && e.ContentText == "" && e.Summary == "" {
			entryBad(i, "has neither content nor summary")
		}
		for _, m := range e.Attachments {
			if !isAbsolute(m.URL) || m.Type == "" {
				entryBad(i, "attachment %q needs an absolute URL and a type", m.URL)
			}
		}
		for _, p := range e.Authors {
			if atom && p.Name == "" {
				entryBad(i, "has an author with no name")
			}
			if p.URL != "" && !isAbsolute(p.URL) {
				entryBad(i, "author URL %q is not an absolute URL", p.URL)
			}
		}
		// RFC 4287 4.1.1: an entry without authors takes the feed's.
		if atom && len(e.Authors) == 0 && f.Author.Name == "" {
			entryBad(i, "has no author and the feed has none")
		}
	}
	return errors.Join(errs...)
}

// isAbsolute reports whether s is an http(s) URL with a host, which is
// what a feed reader or crawler needs to follow it. It is a cheap check,
// not a full parse: feeds are built from the site's own URLs.
func isAbsolute(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(s, "http://")
	}
	return ok && rest != "" && !strings.ContainsRune("/?#", rune(rest[0])) &&
		!strings.ContainsAny(s, " \t\r\n")
}
