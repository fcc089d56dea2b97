package feed

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	gojson "github.com/mmcdole/gofeed/json"
)

func parseJSON(t *testing.T, b []byte) *gojson.Feed {
	t.Helper()
	if !json.Valid(b) {
		t.Fatalf("not valid JSON:\n%s", b)
	}
	got, err := (&gojson.Parser{}).Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gofeed cannot parse the JSON feed: %v", err)
	}
	return got
}

func TestJSONFields(t *testing.T) {
	b, err := JSON(testFeed())
	if err != nil {
		t.Fatal(err)
	}
	f := parseJSON(t, b)
	eq(t, "version", f.Version, "https://jsonfeed.org/version/1.1")
	eq(t, "title", f.Title, trickyTitle)
	eq(t, "home_page_url", f.HomePageURL, "https://peeplcoach.example/")
	eq(t, "feed_url", f.FeedURL, "https://peeplcoach.example/feed.xml")
	eq(t, "description", f.Description, "Leadership articles from Peeplcoach")
	eq(t, "icon", f.Icon, "https://peeplcoach.example/logo-512.png")
	eq(t, "favicon", f.Favicon, "https://peeplcoach.example/favicon-64.png")
	eq(t, "language", f.Language, "en-AU")
	if len(f.Authors) != 1 {
		t.Fatalf("feed has %d authors, want 1", len(f.Authors))
	}
	eq(t, "author", *f.Authors[0], gojson.Author{Name: "Peeplcoach", URL: "https://peeplcoach.example/about/"})
	if len(f.Items) != 2 {
		t.Fatalf("feed has %d items, want 2", len(f.Items))
	}

	it := f.Items[0]
	eq(t, "item id", it.ID, "tag:peeplcoach.example,2024-03-02:/articles/trust/")
	eq(t, "item url", it.URL, "https://peeplcoach.example/articles/trust/")
	eq(t, "item title", it.Title, trickyTitle)
	eq(t, "item content_html", it.ContentHTML, wantContent)
	eq(t, "item content_text", it.ContentText, "")
	eq(t, "item summary", it.Summary, trickySummary)
	eq(t, "item image", it.Image, "https://peeplcoach.example/img/trust.png?w=1200&h=630")
	eq(t, "item date_published", it.DatePublished, "2024-03-01T21:00:00Z")
	eq(t, "item date_modified", it.DateModified, "2024-03-05T09:30:00Z")
	var authors []gojson.Author
	for _, a := range it.Authors {
		authors = append(authors, *a)
	}
	if want := []gojson.Author{{Name: "Zoë O'Neil", URL: "https://peeplcoach.example/zoe/"}, {Name: "Sam"}}; !slices.Equal(authors, want) {
		t.Errorf("item authors = %v, want %v", authors, want)
	}
	if want := []string{"Trust", "Psychological Safety & Culture"}; !slices.Equal(it.Tags, want) {
		t.Errorf("item tags = %q, want %q", it.Tags, want)
	}

	it = f.Items[1]
	eq(t, "item 1 date_modified", it.DateModified, "2023-01-10T07:00:00Z") // zero Updated: Published
	if len(it.Authors) != 1 || it.Authors[0].Name != "Peeplcoach" {        // the feed's, written on the item
		t.Errorf("item 1 authors = %+v, want the feed's", it.Authors)
	}
	eq(t, "item 1 tags", len(it.Tags), 0)
	eq(t, "item 1 image", it.Image, "")
}

func TestJSONText(t *testing.T) {
	f := testFeed()
	f.Entries[1].ContentHTML = ""
	f.Entries[1].Summary = "Only a summary."
	b, err := JSON(f)
	if err != nil {
		t.Fatal(err)
	}
	got := parseJSON(t, b)
	eq(t, "content_text fallback", got.Items[1].ContentText, "Only a summary.")
	eq(t, "content_html absent", got.Items[1].ContentHTML, "")
	for _, want := range []string{`<a href=`, "Café's Guide — naïve ✓", "Zoë"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("JSON output lacks %q (HTML and non-ASCII should not be escaped)", want)
		}
	}
	if bytes.Contains(b, []byte(`\u`)) {
		t.Error(`JSON output has \u escapes; want plain UTF-8`)
	}
	again, _ := JSON(f)
	if !bytes.Equal(b, again) {
		t.Error("two JSON calls on the same feed differ")
	}
}

// TestJSONEmpty checks that a feed with no entries (but a set Updated)
// still has the required items array.
func TestJSONEmpty(t *testing.T) {
	f := testFeed()
	f.Entries = nil
	f.Updated = date("2024-01-01T00:00:00Z")
	b, err := JSON(f)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	eq(t, "items", string(raw["items"]), "[]")
}
