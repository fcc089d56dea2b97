package feed

import "fmt"

// Atom returns f as an Atom 1.0 feed (RFC 4287): xml:lang from Language,
// self and alternate links, one <entry> per Entry with its content as
// escaped HTML (type="html", written for readers by ReaderHTML) or plain
// text, and its image as a Media RSS thumbnail, which is what feed readers
// use for a preview picture. It reports every missing required field
// (titles, ids, absolute URLs, dates, authors) at once.
func Atom(f Feed) ([]byte, error) {
	if err := f.check(formatAtom); err != nil {
		return nil, fmt.Errorf("write atom feed: %w", err)
	}
	size := 1024
	images, comments := false, false
	for i := range f.Entries {
		// Escaping markup makes HTML about a third longer.
		size += 1024 + len(f.Entries[i].ContentHTML)*3/2 + len(f.Entries[i].ContentText)
		images = images || f.Entries[i].Image != ""
		comments = comments || f.Entries[i].FirstComment != ""
	}
	b := make([]byte, 0, size)

	b = append(b, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+`<feed xmlns="http://www.w3.org/2005/Atom"`...)
	if images {
		b = append(b, ` xmlns:media="http://search.yahoo.com/mrss/"`...)
	}
	if comments {
		b = attr(b, "xmlns:folio", Namespace)
	}
	if f.Language != "" {
		b = attr(b, "xml:lang", f.Language)
	}
	b = append(b, ">\n"...)
	b = element(b, "  ", "title", f.Title)
	if f.Subtitle != "" {
		b = element(b, "  ", "subtitle", f.Subtitle)
	}
	b = link(b, "  ", "alternate", "text/html", f.HomeURL)
	b = link(b, "  ", "self", "application/atom+xml", f.FeedURL)
	b = element(b, "  ", "id", f.ID)
	b = append(b, "  <updated>"...)
	b = appendTime(b, f.updated())
	b = append(b, "</updated>\n"...)
	if f.Author.Name != "" {
		b = person(b, "  ", f.Author)
	}
	if f.Icon != "" {
		b = element(b, "  ", "icon", f.Icon)
	}
	if f.Logo != "" {
		b = element(b, "  ", "logo", f.Logo)
	}

	var content []byte // reused for every entry's content
	for i := range f.Entries {
		e := &f.Entries[i]
		b = append(b, "  <entry>\n"...)
		b = element(b, "    ", "title", e.Title)
		b = link(b, "    ", "alternate", "text/html", e.URL)
		b = element(b, "    ", "id", e.ID)
		b = append(b, "    <published>"...)
		b = appendTime(b, e.Published)
		b = append(b, "</published>\n    <updated>"...)
		b = appendTime(b, e.effective())
		b = append(b, "</updated>\n"...)
		for _, p := range f.authors(e) {
			b = person(b, "    ", p)
		}
		for _, c := range e.Categories {
			b = append(b, "    <category"...)
			b = attr(b, "term", c)
			b = append(b, "/>\n"...)
		}
		if e.Image != "" {
			b = append(b, "    <media:thumbnail"...)
			b = attr(b, "url", e.Image)
			b = append(b, "/>\n"...)
		}
		if e.Summary != "" {
			b = element(b, "    ", "summary", e.Summary)
		}
		switch {
		case e.ContentHTML != "":
			content = readerHTML(content[:0], e.ContentHTML, newBase(e.URL))
			b = append(b, `    <content type="html">`...)
			b = appendEscaped(b, content, false)
			b = append(b, "</content>\n"...)
		case e.ContentText != "":
			b = append(b, `    <content type="text">`...)
			b = appendEscaped(b, e.ContentText, false)
			b = append(b, "</content>\n"...)
		}
		if e.FirstComment != "" {
			b = element(b, "    ", "folio:first_comment", e.FirstComment)
		}
		b = append(b, "  </entry>\n"...)
	}
	return append(b, "</feed>\n"...), nil
}

// element appends <name>text</name> on its own line.
func element(b []byte, indent, name, text string) []byte {
	b = append(b, indent...)
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = appendEscaped(b, text, false)
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, ">\n"...)
}

// attr appends ` name="value"`.
func attr(b []byte, name, value string) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="`...)
	b = appendEscaped(b, value, true)
	return append(b, '"')
}

func link(b []byte, indent, rel, typ, href string) []byte {
	b = append(b, indent...)
	b = append(b, "<link"...)
	b = attr(b, "rel", rel)
	b = attr(b, "type", typ)
	b = attr(b, "href", href)
	return append(b, "/>\n"...)
}

func person(b []byte, indent string, p Person) []byte {
	b = append(b, indent...)
	b = append(b, "<author>\n"...)
	b = element(b, indent+"  ", "name", p.Name)
	if p.URL != "" {
		b = element(b, indent+"  ", "uri", p.URL)
	}
	b = append(b, indent...)
	return append(b, "</author>\n"...)
}
