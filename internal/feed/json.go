package feed

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// JSON returns f as a JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
// Entries become items with id, url, title, content_html (written for
// readers by ReaderHTML) or content_text, summary, image, date_published,
// date_modified, authors, tags, attachments, and folio's extension
// _folio.first_comment. An entry with neither content carries its Summary
// as content_text, because an item needs one or the other. It reports every
// missing required field at once.
func JSON(f Feed) ([]byte, error) {
	if err := f.check(formatJSON); err != nil {
		return nil, fmt.Errorf("write json feed: %w", err)
	}
	out := jsonFeed{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       f.Title,
		HomePageURL: f.HomeURL,
		FeedURL:     f.FeedURL,
		Description: f.Subtitle,
		Icon:        f.Logo,
		Favicon:     f.Icon,
		Language:    f.Language,
		Items:       make([]jsonItem, len(f.Entries)),
	}
	if f.Author.Name != "" || f.Author.URL != "" {
		out.Authors = []jsonAuthor{jsonAuthor(f.Author)}
	}
	var content []byte // reused for every entry's content
	size := 1024
	for i := range f.Entries {
		e := &f.Entries[i]
		it := &out.Items[i]
		*it = jsonItem{
			ID:            e.ID,
			URL:           e.URL,
			Title:         e.Title,
			Summary:       e.Summary,
			Image:         e.Image,
			DatePublished: string(appendTime(nil, e.Published)),
			DateModified:  string(appendTime(nil, e.effective())),
			Tags:          e.Categories,
		}
		switch {
		case e.ContentHTML != "":
			content = readerHTML(content[:0], e.ContentHTML, newBase(e.URL))
			it.ContentHTML = string(content)
		case e.ContentText != "":
			it.ContentText = e.ContentText
		default:
			it.ContentText = e.Summary
		}
		for _, p := range f.authors(e) {
			it.Authors = append(it.Authors, jsonAuthor(p))
		}
		for _, m := range e.Attachments {
			it.Attachments = append(it.Attachments, jsonAttachment{URL: m.URL, MimeType: m.Type, Title: m.Title, SizeInBytes: m.Length})
		}
		if e.FirstComment != "" {
			it.Folio = &jsonFolio{FirstComment: e.FirstComment}
		}
		size += 1024 + len(it.ContentHTML)*9/8 + len(it.ContentText)*9/8
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false) // "<" as \u003c is valid but triples the size of HTML content
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("write json feed: %w", err)
	}
	return buf.Bytes(), nil
}

// jsonFeed is the top-level object of JSON Feed 1.1; field order is the
// output order.
type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url"`
	FeedURL     string       `json:"feed_url"`
	Description string       `json:"description,omitempty"`
	Icon        string       `json:"icon,omitempty"`
	Favicon     string       `json:"favicon,omitempty"`
	Authors     []jsonAuthor `json:"authors,omitempty"`
	Language    string       `json:"language,omitempty"`
	Items       []jsonItem   `json:"items"`
}

type jsonItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	ContentHTML   string           `json:"content_html,omitempty"`
	ContentText   string           `json:"content_text,omitempty"`
	Summary       string           `json:"summary,omitempty"`
	Image         string           `json:"image,omitempty"`
	DatePublished string           `json:"date_published"`
	DateModified  string           `json:"date_modified"`
	Authors       []jsonAuthor     `json:"authors,omitempty"`
	Tags          []string         `json:"tags,omitempty"`
	Attachments   []jsonAttachment `json:"attachments,omitempty"`
	Folio         *jsonFolio       `json:"_folio,omitempty"`
}

type jsonAttachment struct {
	URL         string `json:"url"`
	MimeType    string `json:"mime_type"`
	Title       string `json:"title,omitempty"`
	SizeInBytes int64  `json:"size_in_bytes,omitempty"`
}

// jsonFolio is folio's extension of an item; JSON Feed asks extensions to
// start with an underscore.
type jsonFolio struct {
	FirstComment string `json:"first_comment,omitempty"`
}

type jsonAuthor struct {
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}
