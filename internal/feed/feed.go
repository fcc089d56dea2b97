// Package feed writes the site's machine-readable outputs from plain data:
// an Atom feed (RFC 4287), a JSON Feed (version 1.1), a sitemap
// (sitemaps.org 0.9) and robots.txt.
//
// Output depends only on the input: no clock, no map order, so two builds of
// the same site give the same bytes. Times are written in UTC, to the second.
// Entry content may hold root-relative links (href="/articles/x/"): feed
// readers show it away from the site, so Atom and JSON rewrite them to
// absolute URLs on the origin of Feed.HomeURL (see Absolutize).
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

// Entry is one article in a feed.
type Entry struct {
	ID          string // stable for the life of the entry; see TagURI
	Title       string // plain text
	URL         string // absolute permalink
	Summary     string // plain text, optional
	ContentHTML string // full HTML; root-relative links are made absolute
	Published   time.Time
	Updated     time.Time // zero means Published
	Authors     []Person  // empty means Feed.Author
	Categories  []string  // topic names
	Image       string    // absolute URL, optional
}

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

// effective returns the entry's update time: Updated, or Published if zero.
func (e *Entry) effective() time.Time {
	if e.Updated.IsZero() {
		return e.Published
	}
	return e.Updated
}

// updated returns the feed's update time: Feed.Updated, or else the newest
// entry's, or zero.
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
	return t
}

// appendTime appends the RFC 3339 form that Atom, JSON Feed and sitemaps
// all accept.
func appendTime(dst []byte, t time.Time) []byte {
	return t.UTC().AppendFormat(dst, time.RFC3339)
}

// check reports every problem that would make the feed invalid, so a
// caller fixes them in one pass. atom adds Atom's author rule.
func (f *Feed) check(atom bool) error {
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
	if f.updated().IsZero() {
		bad("feed has no updated time and no dated entries")
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
		if !atom && e.ContentHTML == "" && e.Summary == "" {
			entryBad(i, "has neither content nor summary")
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
