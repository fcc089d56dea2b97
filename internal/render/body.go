package render

import (
	"html/template"
	"strings"
)

// body is the Markdown body of the page: an article's or a standalone page's.
func (v *View) body() template.HTML {
	switch {
	case v.Article != nil:
		return v.Article.Body
	case v.Page != nil:
		return v.Page.Body
	}
	return ""
}

// HasCode reports whether the page's body holds highlighted code, so that
// <head> links css/syntax.css on those pages only.
func (v *View) HasCode() bool {
	return strings.Contains(string(v.body()), `class="chroma"`) || strings.Contains(string(v.body()), `class=chroma`)
}

// HasEmbed reports whether the page's body holds a video embed, so that the
// page loads js/embed.js, which starts the player on a click.
func (v *View) HasEmbed() bool {
	return strings.Contains(string(v.body()), "data-embed=")
}

// Params returns the front-matter keys of the page's own that folio does not
// read itself (an article's or a standalone page's), for {{ .Params.mood }};
// nil on other pages.
func (v *View) Params() map[string]any {
	switch {
	case v.Article != nil:
		return v.Article.Params
	case v.Page != nil:
		return v.Page.Params
	}
	return nil
}
