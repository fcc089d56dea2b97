package social

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// jsonFeed is a JSON Feed 1.1 document (https://jsonfeed.org/version/1.1).
type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url,omitempty"`
	FeedURL     string         `json:"feed_url,omitempty"`
	Description string         `json:"description,omitempty"`
	Language    string         `json:"language,omitempty"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	ContentText   string           `json:"content_text"`
	Summary       string           `json:"summary,omitempty"`
	Image         string           `json:"image,omitempty"`
	DatePublished string           `json:"date_published,omitempty"`
	Tags          []string         `json:"tags,omitempty"`
	Attachments   []jsonAttachment `json:"attachments,omitempty"`
}

type jsonAttachment struct {
	URL         string `json:"url"`
	MimeType    string `json:"mime_type"`
	Title       string `json:"title,omitempty"`
	SizeInBytes int64  `json:"size_in_bytes,omitempty"`
}

// JSONFeed returns a JSON Feed 1.1 of the posts with the content of RSS:
// per item the canonical URL as id, the link with UTM parameters as url,
// the title, the post as content_text, the hook as summary, the share card
// as image and as an attachment with its size and type, date_published
// (RFC 3339) and the hashtags (without "#") as tags.
func JSONFeed(posts []Post, ch Channel) ([]byte, error) {
	if ch.Title == "" {
		return nil, fmt.Errorf("write linkedin json feed: channel title is required")
	}
	f := jsonFeed{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       ch.Title,
		HomePageURL: ch.Link,
		FeedURL:     ch.FeedURL,
		Description: ch.Description,
		Language:    ch.Language,
		Items:       make([]jsonFeedItem, 0, len(posts)),
	}
	for _, p := range feedOrder(posts, ch) {
		it := jsonFeedItem{
			ID:          cmp.Or(p.Canonical, p.URL),
			URL:         p.URL,
			Title:       p.Title,
			ContentText: p.Text,
			Summary:     p.Hook,
			Image:       p.Card.URL,
			Tags:        make([]string, len(p.Hashtags)),
		}
		if !p.Published.IsZero() {
			it.DatePublished = p.Published.Format(time.RFC3339)
		}
		for i, t := range p.Hashtags {
			it.Tags[i] = strings.TrimPrefix(t, "#")
		}
		if p.Card.URL != "" {
			it.Attachments = []jsonAttachment{{URL: p.Card.URL, MimeType: p.Card.Type, Title: p.Card.Alt, SizeInBytes: p.Card.Length}}
		}
		f.Items = append(f.Items, it)
	}
	return marshal(f, "write linkedin json feed")
}

// marshal encodes v as indented JSON without HTML escaping ("&" stays "&",
// as in the post), ending in a newline.
func marshal(v any, op string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return b.Bytes(), nil
}
