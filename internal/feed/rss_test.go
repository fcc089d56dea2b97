package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/rss"
)

// postText is plain text as a LinkedIn post has it: blank lines, an
// indented line, markup characters and a URL with "&".
const postText = "Is this the hook?\n\n• One & two\n• <three>\n\n    indented\r\nlast line: https://x.example/?a=1&b=2"

func textFeed() Feed {
	f := testFeed()
	f.Entries[0].ContentHTML = ""
	f.Entries[0].ContentText = postText
	f.Entries[0].FirstComment = "Read it: https://x.example/?a=1&b=2"
	f.Entries[0].Attachments = []Media{{URL: "https://peeplcoach.example/card.png", Type: "image/png", Length: 1234, Width: 1200, Height: 627, Title: "A card & more"}}
	return f
}

func TestRSS(t *testing.T) {
	f := textFeed()
	b, err := RSS(f)
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, b)
	again, _ := RSS(f)
	if !bytes.Equal(b, again) {
		t.Error("RSS is not deterministic")
	}
	got, err := (&rss.Parser{}).Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gofeed cannot parse the RSS: %v\n%s", err, b)
	}
	eq(t, "version", got.Version, "2.0")
	eq(t, "title", got.Title, trickyTitle)
	eq(t, "link", got.Link, "https://peeplcoach.example/")
	eq(t, "description", got.Description, "Leadership articles from Peeplcoach")
	eq(t, "language", got.Language, "en-AU")
	eq(t, "lastBuildDate", got.LastBuildDate, "Tue, 05 Mar 2024 09:30:00 +0000")
	if len(got.Items) != 2 {
		t.Fatalf("%d items, want 2", len(got.Items))
	}
	it := got.Items[0]
	eq(t, "item title", it.Title, trickyTitle)
	eq(t, "item link", it.Link, "https://peeplcoach.example/articles/trust/")
	eq(t, "guid", it.GUID.Value, "tag:peeplcoach.example,2024-03-02:/articles/trust/")
	eq(t, "guid is a permalink", it.GUID.IsPermalink, "false")
	eq(t, "pubDate", it.PubDate, "Fri, 01 Mar 2024 21:00:00 +0000")
	eq(t, "enclosure", *it.Enclosures[0], rss.Enclosure{URL: "https://peeplcoach.example/card.png", Length: "1234", Type: "image/png"})
	if len(it.Categories) != 2 || it.Categories[1].Value != "Psychological Safety & Culture" {
		t.Errorf("categories = %v", it.Categories)
	}
	media := it.Extensions["media"]["content"]
	if len(media) != 1 || media[0].Attrs["width"] != "1200" || media[0].Children["description"][0].Value != "A card & more" {
		t.Errorf("media:content = %+v", media)
	}
	// Authors as dc:creator: the entry's own, else the feed's.
	creators := func(it *rss.Item) (names []string) {
		for _, c := range it.Extensions["dc"]["creator"] {
			names = append(names, c.Value)
		}
		return names
	}
	eq(t, "item 0 creators", strings.Join(creators(it), "|"), "Zoë O'Neil|Sam")
	eq(t, "item 1 creators", strings.Join(creators(got.Items[1]), "|"), "Peeplcoach")
	// The second entry has HTML content: written for readers, escaped.
	eq(t, "HTML description", got.Items[1].Description, "<p>Plain.</p>")
}

// TestContentTextExact: plain-text content comes back from every format
// byte for byte, blank lines, indentation and carriage return included.
func TestContentTextExact(t *testing.T) {
	f := textFeed()
	type item struct {
		Description  string `xml:"description"`
		FirstComment string `xml:"https://github.com/peeplcoach/folio/ns/1 first_comment"`
	}
	b, err := RSS(f)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Items []item `xml:"channel>item"`
	}
	if err := xml.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	eq(t, "RSS description", r.Items[0].Description, postText)
	eq(t, "RSS first comment", r.Items[0].FirstComment, f.Entries[0].FirstComment)

	b, err = Atom(f)
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Entries []struct {
			Content struct {
				Type string `xml:"type,attr"`
				Text string `xml:",chardata"`
			} `xml:"content"`
			FirstComment string `xml:"https://github.com/peeplcoach/folio/ns/1 first_comment"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	eq(t, "Atom content type", a.Entries[0].Content.Type, "text")
	eq(t, "Atom content", a.Entries[0].Content.Text, postText)
	eq(t, "Atom first comment", a.Entries[0].FirstComment, f.Entries[0].FirstComment)

	b, err = JSON(f)
	if err != nil {
		t.Fatal(err)
	}
	var j struct {
		Items []struct {
			ContentText string `json:"content_text"`
			Attachments []struct {
				URL  string `json:"url"`
				Size int64  `json:"size_in_bytes"`
			} `json:"attachments"`
			Folio struct {
				FirstComment string `json:"first_comment"`
			} `json:"_folio"`
		} `json:"items"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatal(err)
	}
	eq(t, "JSON content_text", j.Items[0].ContentText, postText)
	eq(t, "JSON first comment", j.Items[0].Folio.FirstComment, f.Entries[0].FirstComment)
	if len(j.Items[0].Attachments) != 1 || j.Items[0].Attachments[0].Size != 1234 {
		t.Errorf("attachments = %+v", j.Items[0].Attachments)
	}
}

// TestCodeIndentation: a code block in an entry's HTML reaches readers with
// its indentation and line breaks.
func TestCodeIndentation(t *testing.T) {
	f := testFeed()
	code := "<pre><code>func f() {\n\tif x &amp;&amp; y {\n\t\treturn\n\t}\n\n    // four spaces\n}\n</code></pre>"
	f.Entries[0].ContentHTML = code
	b, err := Atom(f)
	if err != nil {
		t.Fatal(err)
	}
	got := parseAtom(t, b).Entries[0].Content.Value
	eq(t, "content", got, code)
}

// TestEmptyFeeds is issue 9, case 3: a site with no published article has
// valid feeds with no entries, dated deterministically (never the clock).
func TestEmptyFeeds(t *testing.T) {
	f := testFeed()
	f.Entries = nil
	for name, write := range map[string]func(Feed) ([]byte, error){"Atom": Atom, "RSS": RSS, "JSON": JSON} {
		b, err := write(f)
		if err != nil {
			t.Fatalf("%s of an empty feed: %v", name, err)
		}
		again, _ := write(f)
		if !bytes.Equal(b, again) {
			t.Errorf("%s of an empty feed is not deterministic", name)
		}
		switch name {
		case "JSON":
			if !strings.Contains(string(b), `"items":[]`) {
				t.Errorf("JSON: want an empty items array:\n%s", b)
			}
		case "Atom":
			got := parseAtom(t, b)
			eq(t, "updated", got.Updated, "1970-01-01T00:00:00Z")
			if len(got.Entries) != 0 {
				t.Errorf("Atom has %d entries", len(got.Entries))
			}
		case "RSS":
			wellFormed(t, b)
			if strings.Contains(string(b), "lastBuildDate") {
				t.Errorf("RSS of no items has a lastBuildDate:\n%s", b)
			}
		}
	}
	f.Updated = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	b, _ := Atom(f)
	eq(t, "updated given", parseAtom(t, b).Updated, "2025-01-02T03:04:05Z")
}
