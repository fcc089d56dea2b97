package render

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/i18n"
)

// The interface strings of the layouts come from the site's catalog
// (internal/i18n, with the site's i18n/<lang>.yaml on top), through methods of
// the data a template gets, so that templates stay parsed once for every
// language:
//
//	{{ .T "reading_time" "count" .ReadingMinutes }}   → "4 min read"
//	{{ .TH "series_in" "series" $link }}             → HTML, $link kept as HTML
//	{{ .LocalDate .Date }}                            → "14 March 2025", "14. März 2025"

// T returns the interface string key in the site's language, its
// placeholders filled from name, value pairs.
func (v *View) T(key string, args ...any) string { return v.Site.words.T(key, args...) }

// TForm returns one plural category's text of a string, for scripts that
// count in the browser: {{ .TForm "search_results" "few" "count" "{count}" }}.
func (v *View) TForm(key, category string, args ...any) string {
	return v.Site.words.Form(key, category, args...)
}

// TH is T for a string that holds markup: the string and its text arguments
// are escaped, arguments of type template.HTML (a link made in the template)
// are kept as they are.
func (v *View) TH(key string, args ...any) template.HTML { return th(v.Site.words, key, args) }

// LocalDate formats a date for readers in the site's language.
func (v *View) LocalDate(t time.Time) string { return v.Site.words.Date(t) }

// Quoted puts text or HTML in the quotation marks of the site's language:
// {{ .Quoted (partial "partials/link.html" .Article) }} → “<a …>…</a>”.
func (v *View) Quoted(x any) template.HTML {
	q := i18n.QuotesFor(v.Lang)
	var inner string
	switch x := x.(type) {
	case template.HTML:
		inner = string(x)
	default:
		inner = template.HTMLEscapeString(fmt.Sprint(x))
	}
	return template.HTML(template.HTMLEscapeString(q.Open) + inner + template.HTMLEscapeString(q.Close))
}

// T returns an interface string in the site's language (see View.T).
func (c *Card) T(key string, args ...any) string { return c.words.T(key, args...) }

// TH is T for a string that holds markup (see View.TH).
func (c *Card) TH(key string, args ...any) template.HTML { return th(c.words, key, args) }

// LocalDate formats a date for readers in the site's language.
func (c *Card) LocalDate(t time.Time) string { return c.words.Date(t) }

// SeriesPart is the card's place in its series, "Part 2 of 5", or "Part 1"
// while the series has one part.
func (c *Card) SeriesPart() string { return c.words.SeriesPart(c.Part, c.Parts) }

// th fills a string whose arguments may be HTML: each HTML argument becomes a
// marker that escaping leaves alone, and is put back after escaping.
func th(c *i18n.Catalog, key string, args []any) template.HTML {
	var html []string
	plain := make([]any, len(args))
	for i, a := range args {
		if h, ok := a.(template.HTML); ok && i%2 == 1 {
			plain[i] = "\x01" + strconv.Itoa(len(html)) + "\x01"
			html = append(html, string(h))
			continue
		}
		plain[i] = a
	}
	out := template.HTMLEscapeString(c.T(key, plain...))
	for i, h := range html {
		out = strings.Replace(out, "\x01"+strconv.Itoa(i)+"\x01", h, 1)
	}
	return template.HTML(out)
}
