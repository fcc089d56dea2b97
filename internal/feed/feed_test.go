package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// Titles and text that break naive escaping: markup characters, both
// quotes, non-ASCII and characters XML 1.0 forbids.
const (
	trickyTitle   = `Trust & "Delegation" <Part 1>: Café's Guide — naïve ✓`
	trickySummary = `When a boss says "I'll check" & means <never>…`
)

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// testFeed is a small feed that uses every field.
func testFeed() Feed {
	return Feed{
		Title:    trickyTitle,
		Subtitle: "Leadership articles from Peeplcoach",
		Language: "en-AU",
		HomeURL:  "https://peeplcoach.example/",
		FeedURL:  "https://peeplcoach.example/feed.xml",
		ID:       "tag:peeplcoach.example,2024-01-01:/",
		Author:   Person{Name: "Peeplcoach", URL: "https://peeplcoach.example/about/"},
		Icon:     "https://peeplcoach.example/favicon-64.png",
		Logo:     "https://peeplcoach.example/logo-512.png",
		Entries: []Entry{{
			ID:          "tag:peeplcoach.example,2024-03-02:/articles/trust/",
			Title:       trickyTitle,
			URL:         "https://peeplcoach.example/articles/trust/",
			Summary:     trickySummary,
			ContentHTML: `<p>Read <a href="/articles/delegation/">this</a> &amp; <a href="https://other.example/x">that</a>.</p><img src="/img/a.png" alt="A &lt;b&gt;">`,
			Published:   date("2024-03-02T07:00:00+10:00"),
			Updated:     date("2024-03-05T09:30:00Z"),
			Authors:     []Person{{Name: "Zoë O'Neil", URL: "https://peeplcoach.example/zoe/"}, {Name: "Sam"}},
			Categories:  []string{"Trust", "Psychological Safety & Culture"},
			Image:       "https://peeplcoach.example/img/trust.png?w=1200&h=630",
		}, {
			ID:          "https://peeplcoach.example/articles/delegation/",
			Title:       "Delegation",
			URL:         "https://peeplcoach.example/articles/delegation/",
			ContentHTML: "<p>Plain.</p>",
			Published:   date("2023-01-10T07:00:00Z"),
		}},
	}
}

// wellFormed fails the test unless b is well-formed XML by encoding/xml's
// strict reading.
func wellFormed(t *testing.T, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, b)
		}
	}
}

func TestTagURI(t *testing.T) {
	tests := []struct {
		authority string
		date      time.Time
		specific  string
		want      string
	}{
		{"peeplcoach.com", date("2023-04-05T23:30:00-05:00"), "/articles/trust/", "tag:peeplcoach.com,2023-04-06:/articles/trust/"},
		{"Peeplcoach.COM", date("2020-01-01T00:00:00Z"), "feed", "tag:peeplcoach.com,2020-01-01:feed"},
	}
	for _, tc := range tests {
		if got := TagURI(tc.authority, tc.date, tc.specific); got != tc.want {
			t.Errorf("TagURI(%q, %v, %q) = %q, want %q", tc.authority, tc.date, tc.specific, got, tc.want)
		}
	}
}

// TestCheck lists each invalid input, the message that must name it, and
// which writers must refuse it (the other must accept it).
func TestCheck(t *testing.T) {
	const atom, json, rss, all = 1, 2, 4, 7
	tests := []struct {
		name    string
		change  func(*Feed)
		want    string
		refused int
	}{
		{"no title", func(f *Feed) { f.Title = "" }, "feed has no title", all},
		{"no id", func(f *Feed) { f.ID = "" }, "feed has no id", atom},
		{"relative home", func(f *Feed) { f.HomeURL = "/" }, `home URL "/" is not an absolute URL`, all},
		{"no feed URL", func(f *Feed) { f.FeedURL = "" }, `feed URL "" is not an absolute URL`, all},
		{"relative logo", func(f *Feed) { f.Logo = "logo.png" }, `logo "logo.png"`, all},
		{"entry id", func(f *Feed) { f.Entries[1].ID = "" }, `entry 1 ("") has no id`, all},
		{"entry title", func(f *Feed) { f.Entries[0].Title = "" }, "has no title", all},
		{"entry URL", func(f *Feed) { f.Entries[1].URL = "/articles/x/" }, `URL "/articles/x/" is not an absolute URL`, all},
		{"entry image", func(f *Feed) { f.Entries[0].Image = "/x.png" }, `image "/x.png"`, all},
		{"entry date", func(f *Feed) { f.Entries[1].Published = time.Time{} }, "has no published time", all},
		{"nameless author", func(f *Feed) { f.Entries[0].Authors[1].Name = "" }, "author with no name", atom},
		{"no author anywhere", func(f *Feed) { f.Author = Person{} }, `entry 1 ("https://peeplcoach.example/articles/delegation/") has no author`, atom},
		// Atom allows an entry that is only a link; a JSON Feed item needs content.
		{"no content", func(f *Feed) { f.Entries[1].ContentHTML = "" }, "neither content nor summary", json},
		{"relative attachment", func(f *Feed) { f.Entries[1].Attachments = []Media{{URL: "card.png", Type: "image/png"}} }, `attachment "card.png"`, all},
		{"attachment type", func(f *Feed) { f.Entries[1].Attachments = []Media{{URL: "https://x.example/card.png"}} }, "attachment", all},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := testFeed()
			tc.change(&f)
			_, atomErr := Atom(f)
			_, jsonErr := JSON(f)
			_, rssErr := RSS(f)
			for _, w := range []struct {
				name string
				bit  int
				err  error
			}{{"Atom", atom, atomErr}, {"JSON", json, jsonErr}, {"RSS", rss, rssErr}} {
				switch {
				case tc.refused&w.bit == 0 && w.err != nil:
					t.Errorf("%s error = %v, want none", w.name, w.err)
				case tc.refused&w.bit != 0 && (w.err == nil || !strings.Contains(w.err.Error(), tc.want)):
					t.Errorf("%s error = %v, want it to contain %q", w.name, w.err, tc.want)
				}
			}
		})
	}
}

func TestCheckReportsAll(t *testing.T) {
	f := testFeed()
	f.Title, f.ID, f.Entries[0].URL = "", "", "x"
	_, err := Atom(f)
	for _, want := range []string{"write atom feed", "no title", "no id", `URL "x"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not contain %q", err, want)
		}
	}
}

func TestAppendEscaped(t *testing.T) {
	tests := []struct {
		in         string
		text, attr string
	}{
		{`a & b < c > d`, `a &amp; b &lt; c &gt; d`, `a &amp; b &lt; c &gt; d`},
		{`say "hi" it's`, `say "hi" it's`, `say &quot;hi&quot; it's`},
		{"Café ✓ 日本 😀", "Café ✓ 日本 😀", "Café ✓ 日本 😀"},
		{"a\tb\nc\rd", "a\tb\nc&#xD;d", "a&#x9;b&#xA;c&#xD;d"},
		{"nul\x00 bell\x07 del\x7f", "nul\uFFFD bell\uFFFD del\x7f", "nul\uFFFD bell\uFFFD del\x7f"},
		{"bad \xff\xfe utf8 \xe2\x82", "bad \uFFFD\uFFFD utf8 \uFFFD\uFFFD", "bad \uFFFD\uFFFD utf8 \uFFFD\uFFFD"},
		{"nonchar \uFFFE \uFFFF keep \uFFFD", "nonchar \uFFFD \uFFFD keep \uFFFD", "nonchar \uFFFD \uFFFD keep \uFFFD"},
		{"", "", ""},
	}
	for _, tc := range tests {
		if got := string(appendEscaped(nil, tc.in, false)); got != tc.text {
			t.Errorf("text %q: got %q, want %q", tc.in, got, tc.text)
		}
		if got := string(appendEscaped(nil, []byte(tc.in), true)); got != tc.attr {
			t.Errorf("attr %q: got %q, want %q", tc.in, got, tc.attr)
		}
		doc := "<a b=\"" + string(appendEscaped(nil, tc.in, true)) + "\">" + string(appendEscaped(nil, tc.in, false)) + "</a>"
		wellFormed(t, []byte(doc))
	}
}
