package social

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"

	"github.com/peeplcoach/folio/internal/feed"
)

var channel = Channel{
	Title:       "Peeplcoach on LinkedIn",
	Link:        "https://www.peeplcoach.com/",
	Description: "Leadership articles, ready to share",
	Language:    "en",
	FeedURL:     "https://www.peeplcoach.com/feeds/linkedin.xml",
}

// feedPosts returns the first article's post and a newer one whose title
// needs escaping, which has no card.
func feedPosts(t testing.TB) []Post {
	t.Helper()
	first, err := Compose(firstArticle(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := base()
	a.Slug, a.Title = "q-and-a", "Q&A: <Delegation> & “Trust”"
	a.URL = "https://www.peeplcoach.com/articles/q-and-a/"
	a.Summary = "Your questions on delegation, answered."
	a.Published = time.Date(2025, 3, 1, 8, 30, 0, 0, time.FixedZone("CET", 3600))
	second, err := Compose(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return []Post{first, second}
}

func TestRSS(t *testing.T) {
	posts := feedPosts(t)
	data, err := feed.RSS(Feed(posts, channel))
	if err != nil {
		t.Fatal(err)
	}
	again, _ := feed.RSS(Feed(posts, channel))
	if !bytes.Equal(data, again) {
		t.Error("RSS is not deterministic")
	}
	f, err := (&rss.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("gofeed cannot parse the RSS: %v\n%s", err, data)
	}
	if f.Version != "2.0" || f.Title != channel.Title || f.Link != channel.Link || f.Language != "en" {
		t.Errorf("channel = %q %q %q %q, want RSS 2.0 with the channel's title, link and language", f.Version, f.Title, f.Link, f.Language)
	}
	if f.LastBuildDateParsed == nil || !f.LastBuildDateParsed.Equal(posts[1].Published) {
		t.Errorf("lastBuildDate = %v, want the newest post's date %v", f.LastBuildDateParsed, posts[1].Published)
	}
	if len(f.Items) != 2 || f.Items[0].Title != posts[1].Title {
		t.Fatalf("want 2 items, newest (%q) first; got %d", posts[1].Title, len(f.Items))
	}
	for i, p := range []Post{posts[1], posts[0]} {
		it := f.Items[i]
		if it.Title != p.Title || it.Link != p.URL || it.Description != p.Text {
			t.Errorf("item %d: title, link, description = %q, %q, %q; want %q, %q and the post", i, it.Title, it.Link, it.Description, p.Title, p.URL)
		}
		if !strings.Contains(it.Link, "utm_source=linkedin") {
			t.Errorf("item %d: link %q has no UTM parameters", i, it.Link)
		}
		if it.GUID == nil || it.GUID.Value != p.Canonical || it.GUID.IsPermalink != "false" {
			t.Errorf("item %d: guid = %+v, want %q with isPermaLink false", i, it.GUID, p.Canonical)
		}
		if it.PubDateParsed == nil || !it.PubDateParsed.Equal(p.Published) {
			t.Errorf("item %d: pubDate = %q, want %v", i, it.PubDate, p.Published)
		}
		if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
			t.Errorf("item %d: pubDate %q is not RFC 1123Z: %v", i, it.PubDate, err)
		}
		var cats []string
		for _, c := range it.Categories {
			cats = append(cats, "#"+c.Value)
		}
		if !slices.Equal(cats, p.Hashtags) {
			t.Errorf("item %d: categories %q, want the hashtags %q", i, cats, p.Hashtags)
		}
	}
	// The first article has a card: enclosure and media:content.
	it, card := f.Items[1], posts[0].Card
	if len(it.Enclosures) != 1 || *it.Enclosures[0] != (rss.Enclosure{URL: card.URL, Length: strconv.FormatInt(card.Length, 10), Type: "image/png"}) {
		t.Errorf("enclosures = %+v, want the card %+v", it.Enclosures, card)
	}
	media := it.Extensions["media"]["content"]
	if len(media) != 1 {
		t.Fatalf("media:content = %+v, want one", media)
	}
	want := map[string]string{"url": card.URL, "medium": "image", "type": "image/png", "width": "1200", "height": "627", "fileSize": "15446"}
	for k, v := range want {
		if media[0].Attrs[k] != v {
			t.Errorf("media:content %s = %q, want %q", k, media[0].Attrs[k], v)
		}
	}
	if d := media[0].Children["description"]; len(d) != 1 || d[0].Value != card.Alt {
		t.Errorf("media:description = %+v, want the alt text %q", d, card.Alt)
	}
	if got := f.Items[0]; len(got.Enclosures) != 0 || got.Extensions["media"] != nil {
		t.Errorf("a post without a card has an enclosure or media: %+v", got.Enclosures)
	}
	// What a scheduling tool sees through the universal parser.
	u, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if u.Items[1].Description != posts[0].Text || u.Items[1].Image == nil && len(u.Items[1].Enclosures) == 0 {
		t.Errorf("universal parser item: description %q, enclosures %v", u.Items[1].Description, u.Items[1].Enclosures)
	}
}

func TestRSSLimitAndErrors(t *testing.T) {
	posts := feedPosts(t)
	ch := channel
	ch.Limit = 1
	data, err := feed.RSS(Feed(posts, ch))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(data, []byte("<item>")); n != 1 {
		t.Errorf("Limit 1 gives %d items", n)
	}
	if _, err := feed.RSS(Feed(posts, Channel{})); err == nil {
		t.Error("RSS without a channel title and link: no error")
	}
	if _, err := feed.JSON(Feed(posts, Channel{})); err == nil {
		t.Error("JSON Feed without a channel title: no error")
	}
}

// TestJSONFeed checks the feed against JSON Feed 1.1: the version, the
// required fields and their types, no keys the spec does not define, and the
// same content as RSS.
func TestJSONFeed(t *testing.T) {
	posts := feedPosts(t)
	data, err := feed.JSON(Feed(posts, channel))
	if err != nil {
		t.Fatal(err)
	}
	var f map[string]any
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	topKeys := "version title home_page_url feed_url description user_comment next_url icon favicon authors language expired hubs items"
	itemKeys := "id url external_url title content_html content_text summary image banner_image date_published date_modified authors tags language attachments"
	attKeys := "url mime_type title size_in_bytes duration_in_seconds"
	onlyKeys := func(where string, m map[string]any, allowed string) {
		for k := range m {
			if !slices.Contains(strings.Fields(allowed), k) && !strings.HasPrefix(k, "_") {
				t.Errorf("%s: key %q is not in JSON Feed 1.1", where, k)
			}
		}
	}
	onlyKeys("feed", f, topKeys)
	if f["version"] != "https://jsonfeed.org/version/1.1" || f["title"] != channel.Title || f["feed_url"] != channel.FeedURL || f["home_page_url"] != channel.Link {
		t.Errorf("feed header = %v %v %v %v", f["version"], f["title"], f["feed_url"], f["home_page_url"])
	}
	items, _ := f["items"].([]any)
	if len(items) != 2 {
		t.Fatalf("items = %v, want 2", f["items"])
	}
	for i, p := range []Post{posts[1], posts[0]} {
		it := items[i].(map[string]any)
		onlyKeys("item", it, itemKeys)
		if it["id"] != p.Canonical || it["url"] != p.URL || it["title"] != p.Title || it["content_text"] != p.Text || it["summary"] != p.Hook {
			t.Errorf("item %d = %v, want id, url, title, content_text, summary from %+v", i, it, p)
		}
		d, _ := it["date_published"].(string)
		if at, err := time.Parse(time.RFC3339, d); err != nil || !at.Equal(p.Published) {
			t.Errorf("item %d: date_published %q, want RFC 3339 of %v", i, d, p.Published)
		}
		var tags []string
		for _, tag := range it["tags"].([]any) {
			tags = append(tags, "#"+tag.(string))
		}
		if !slices.Equal(tags, p.Hashtags) {
			t.Errorf("item %d: tags %q, want %q", i, tags, p.Hashtags)
		}
	}
	card := posts[0].Card
	it := items[1].(map[string]any)
	if it["image"] != card.URL {
		t.Errorf("image = %v, want %q", it["image"], card.URL)
	}
	atts, _ := it["attachments"].([]any)
	if len(atts) != 1 {
		t.Fatalf("attachments = %v, want the card", it["attachments"])
	}
	att := atts[0].(map[string]any)
	onlyKeys("attachment", att, attKeys)
	if att["url"] != card.URL || att["mime_type"] != "image/png" || att["size_in_bytes"] != float64(card.Length) {
		t.Errorf("attachment = %v, want the card with type and size", att)
	}
	if _, has := items[0].(map[string]any)["attachments"]; has {
		t.Error("a post without a card has attachments")
	}
	// A real reader agrees.
	u, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil || u.FeedType != "json" || len(u.Items) != 2 {
		t.Fatalf("gofeed reads %v items of type %v: %v", len(u.Items), u.FeedType, err)
	}
}
