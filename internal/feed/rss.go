package feed

import (
	"cmp"
	"fmt"
	"strconv"
	"time"
)

// RSS returns f as an RSS 2.0 feed, the format scheduling tools (Buffer,
// Zapier, IFTTT, dlvr.it) read: a channel with title, link (HomeURL),
// description (Subtitle, else Title), language, lastBuildDate (the feed's
// updated time, omitted when it has no entries) and an atom:link to itself;
// one <item> per Entry with title, link (URL), the ID as a guid that is not a
// permalink (so a change of link, such as new tracking parameters, never
// reposts), pubDate, the content as description (ContentText as it is, else
// ContentHTML written for readers, else Summary), a dc:creator per author
// (the entry's, else the feed's), a category per
// Categories, the first attachment as <enclosure> and every attachment as
// <media:content>, and FirstComment as <folio:first_comment>.
func RSS(f Feed) ([]byte, error) {
	if err := f.check(formatRSS); err != nil {
		return nil, fmt.Errorf("write rss feed: %w", err)
	}
	size := 1024
	media, comments, creators := false, false, false
	for i := range f.Entries {
		e := &f.Entries[i]
		creators = creators || len(f.authors(e)) > 0
		size += 1024 + len(e.ContentText) + len(e.ContentHTML)*3/2 + 3*len(e.URL)
		media = media || len(e.Attachments) > 0
		comments = comments || e.FirstComment != ""
	}
	b := make([]byte, 0, size)

	b = append(b, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"`...)
	if media {
		b = append(b, ` xmlns:media="http://search.yahoo.com/mrss/"`...)
	}
	if comments {
		b = attr(b, "xmlns:folio", Namespace)
	}
	if creators {
		b = append(b, ` xmlns:dc="http://purl.org/dc/elements/1.1/"`...)
	}
	b = append(b, ">\n<channel>\n"...)
	b = element(b, "  ", "title", f.Title)
	b = element(b, "  ", "link", f.HomeURL)
	b = element(b, "  ", "description", cmp.Or(f.Subtitle, f.Title))
	if f.Language != "" {
		b = element(b, "  ", "language", f.Language)
	}
	if len(f.Entries) > 0 || !f.Updated.IsZero() {
		b = append(b, "  <lastBuildDate>"...)
		b = appendRFC822(b, f.updated())
		b = append(b, "</lastBuildDate>\n"...)
	}
	b = append(b, "  <atom:link"...)
	b = attr(b, "href", f.FeedURL)
	b = append(b, ` rel="self" type="application/rss+xml"/>`+"\n"...)

	var content []byte // reused for every entry's content
	for i := range f.Entries {
		e := &f.Entries[i]
		b = append(b, "  <item>\n"...)
		b = element(b, "    ", "title", e.Title)
		b = element(b, "    ", "link", e.URL)
		b = append(b, `    <guid isPermaLink="false">`...)
		b = appendEscaped(b, e.ID, false)
		b = append(b, "</guid>\n    <pubDate>"...)
		b = appendRFC822(b, e.Published)
		b = append(b, "</pubDate>\n"...)
		switch {
		case e.ContentText != "":
			b = element(b, "    ", "description", e.ContentText)
		case e.ContentHTML != "":
			content = readerHTML(content[:0], e.ContentHTML, newBase(e.URL))
			b = append(b, "    <description>"...)
			b = appendEscaped(b, content, false)
			b = append(b, "</description>\n"...)
		case e.Summary != "":
			b = element(b, "    ", "description", e.Summary)
		}
		// RSS's own <author> must be an e-mail address: a name is
		// dc:creator, as WordPress and most readers write it.
		for _, p := range f.authors(e) {
			b = element(b, "    ", "dc:creator", p.Name)
		}
		for _, c := range e.Categories {
			b = element(b, "    ", "category", c)
		}
		if len(e.Attachments) > 0 {
			m := e.Attachments[0]
			b = append(b, "    <enclosure"...)
			b = attr(b, "url", m.URL)
			b = attr(b, "length", strconv.FormatInt(m.Length, 10))
			b = attr(b, "type", m.Type)
			b = append(b, "/>\n"...)
		}
		for _, m := range e.Attachments {
			b = mediaContent(b, m)
		}
		if e.FirstComment != "" {
			b = element(b, "    ", "folio:first_comment", e.FirstComment)
		}
		b = append(b, "  </item>\n"...)
	}
	return append(b, "</channel>\n</rss>\n"...), nil
}

// mediaContent appends a Media RSS <media:content> for m.
func mediaContent(b []byte, m Media) []byte {
	b = append(b, "    <media:content"...)
	b = attr(b, "url", m.URL)
	medium := ""
	if len(m.Type) > 6 && m.Type[:6] == "image/" {
		medium = "image"
	}
	if medium != "" {
		b = attr(b, "medium", medium)
	}
	b = attr(b, "type", m.Type)
	if m.Length > 0 {
		b = attr(b, "fileSize", strconv.FormatInt(m.Length, 10))
	}
	if m.Width > 0 && m.Height > 0 {
		b = attr(b, "width", strconv.Itoa(m.Width))
		b = attr(b, "height", strconv.Itoa(m.Height))
	}
	if m.Title == "" {
		return append(b, "/>\n"...)
	}
	b = append(b, ">\n      <media:description type=\"plain\">"...)
	b = appendEscaped(b, m.Title, false)
	return append(b, "</media:description>\n    </media:content>\n"...)
}

// appendRFC822 appends t in the date format of RSS 2.0 (RFC 822 with a
// four-digit year), in UTC.
func appendRFC822(b []byte, t time.Time) []byte {
	return t.UTC().AppendFormat(b, time.RFC1123Z)
}
