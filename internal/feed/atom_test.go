package feed

import (
	"bytes"
	"slices"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
)

const wantContent = `<p>Read <a href="https://peeplcoach.example/articles/delegation/">this</a> &amp; <a href="https://other.example/x">that</a>.</p><img src="https://peeplcoach.example/img/a.png" alt="A &lt;b&gt;">`

func parseAtom(t *testing.T, b []byte) *atom.Feed {
	t.Helper()
	wellFormed(t, b)
	got, err := (&atom.Parser{}).Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gofeed cannot parse the Atom feed: %v\n%s", err, b)
	}
	return got
}

func eq[T comparable](t *testing.T, field string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", field, got, want)
	}
}

func TestAtomFields(t *testing.T) {
	b, err := Atom(testFeed())
	if err != nil {
		t.Fatal(err)
	}
	f := parseAtom(t, b)
	eq(t, "title", f.Title, trickyTitle)
	eq(t, "subtitle", f.Subtitle, "Leadership articles from Peeplcoach")
	eq(t, "language", f.Language, "en-AU")
	eq(t, "id", f.ID, "tag:peeplcoach.example,2024-01-01:/")
	// Feed.Updated is zero, so it is the newest entry's update.
	eq(t, "updated", f.Updated, "2024-03-05T09:30:00Z")
	eq(t, "icon", f.Icon, "https://peeplcoach.example/favicon-64.png")
	eq(t, "logo", f.Logo, "https://peeplcoach.example/logo-512.png")
	if len(f.Links) != 2 {
		t.Fatalf("feed has %d links, want 2", len(f.Links))
	}
	eq(t, "alternate link", *f.Links[0], atom.Link{Rel: "alternate", Type: "text/html", Href: "https://peeplcoach.example/"})
	eq(t, "self link", *f.Links[1], atom.Link{Rel: "self", Type: "application/atom+xml", Href: "https://peeplcoach.example/feed.xml"})
	if len(f.Authors) != 1 {
		t.Fatalf("feed has %d authors, want 1", len(f.Authors))
	}
	eq(t, "author", *f.Authors[0], atom.Person{Name: "Peeplcoach", URI: "https://peeplcoach.example/about/"})
	if len(f.Entries) != 2 {
		t.Fatalf("feed has %d entries, want 2", len(f.Entries))
	}

	e := f.Entries[0]
	eq(t, "entry title", e.Title, trickyTitle)
	eq(t, "entry id", e.ID, "tag:peeplcoach.example,2024-03-02:/articles/trust/")
	eq(t, "entry published", e.Published, "2024-03-01T21:00:00Z") // +10:00 written as UTC
	eq(t, "entry updated", e.Updated, "2024-03-05T09:30:00Z")
	eq(t, "entry summary", e.Summary, trickySummary)
	eq(t, "entry content type", e.Content.Type, "html")
	eq(t, "entry content", e.Content.Value, wantContent)
	if len(e.Links) != 1 {
		t.Fatalf("entry has %d links, want 1", len(e.Links))
	}
	eq(t, "entry link", *e.Links[0], atom.Link{Rel: "alternate", Type: "text/html", Href: "https://peeplcoach.example/articles/trust/"})
	var authors []atom.Person
	for _, p := range e.Authors {
		authors = append(authors, *p)
	}
	if want := []atom.Person{{Name: "Zoë O'Neil", URI: "https://peeplcoach.example/zoe/"}, {Name: "Sam"}}; !slices.Equal(authors, want) {
		t.Errorf("entry authors = %v, want %v", authors, want)
	}
	var terms []string
	for _, c := range e.Categories {
		terms = append(terms, c.Term)
	}
	if want := []string{"Trust", "Psychological Safety & Culture"}; !slices.Equal(terms, want) {
		t.Errorf("entry categories = %q, want %q", terms, want)
	}
	thumbs := e.Extensions["media"]["thumbnail"]
	if len(thumbs) != 1 || thumbs[0].Attrs["url"] != "https://peeplcoach.example/img/trust.png?w=1200&h=630" {
		t.Errorf("entry media:thumbnail = %+v, want one with the image URL", thumbs)
	}

	e = f.Entries[1]
	eq(t, "entry 1 updated", e.Updated, "2023-01-10T07:00:00Z") // zero Updated: Published
	eq(t, "entry 1 published", e.Published, "2023-01-10T07:00:00Z")
	// No author of its own: the feed's, written on the entry.
	if len(e.Authors) != 1 || e.Authors[0].Name != "Peeplcoach" || e.Authors[0].URI != "https://peeplcoach.example/about/" {
		t.Errorf("entry 1 authors = %+v, want the feed's", e.Authors)
	}
	eq(t, "entry 1 summary", e.Summary, "")
	eq(t, "entry 1 thumbnails", len(e.Extensions["media"]["thumbnail"]), 0)
}

// TestAtomReader checks what a feed reader's generic view shows.
func TestAtomReader(t *testing.T) {
	b, err := Atom(testFeed())
	if err != nil {
		t.Fatal(err)
	}
	f, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "type", f.FeedType, "atom")
	eq(t, "version", f.FeedVersion, "1.0")
	eq(t, "link", f.Link, "https://peeplcoach.example/")
	eq(t, "feed link", f.FeedLink, "https://peeplcoach.example/feed.xml")
	eq(t, "item link", f.Items[0].Link, "https://peeplcoach.example/articles/trust/")
	eq(t, "item content", f.Items[0].Content, wantContent)
}

func TestAtomText(t *testing.T) {
	b, err := Atom(testFeed())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<?xml version="1.0" encoding="utf-8"?>`,
		`xml:lang="en-AU"`,
		"Café's Guide — naïve ✓", // UTF-8, not entities
		"Zoë",
		`<category term="Psychological Safety &amp; Culture"/>`,
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("Atom output lacks %q", want)
		}
	}
	if bytes.Contains(b, []byte("&#")) {
		t.Error("Atom output has a numeric character reference; want plain UTF-8")
	}
	f := testFeed()
	f.Entries = f.Entries[1:] // no images: no media namespace
	if b, _ := Atom(f); bytes.Contains(b, []byte("xmlns:media")) {
		t.Error("Atom output declares the media namespace with no image")
	}
}

func TestAtomDeterministic(t *testing.T) {
	a, _ := Atom(testFeed())
	b, _ := Atom(testFeed())
	if !bytes.Equal(a, b) {
		t.Error("two Atom calls on the same feed differ")
	}
}

func TestAtomUpdatedAndForbiddenChars(t *testing.T) {
	f := testFeed()
	f.Updated = date("2025-06-01T12:00:00+02:00")
	f.Title = "bell\x07 and bad \xff byte"
	b, err := Atom(f)
	if err != nil {
		t.Fatal(err)
	}
	got := parseAtom(t, b)
	eq(t, "updated", got.Updated, "2025-06-01T10:00:00Z")
	eq(t, "title", got.Title, "bell\uFFFD and bad \uFFFD byte")
}
