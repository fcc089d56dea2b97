package render

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/i18n"
)

// funcs are the template functions. They are pure: anything that depends on the
// build (asset names, absolute URLs) is a method of View instead, so templates
// are parsed once and never re-bound.
var funcs = template.FuncMap{
	// date formats a date for readers: "1 March 2025".
	"date": func(t time.Time) string { return t.Format("2 January 2006") },
	// isodate formats a date for machines: "2025-03-01".
	"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
	// datetime formats a full timestamp for machines (RFC 3339).
	"datetime": func(t time.Time) string { return t.Format(time.RFC3339) },
	// plural picks the singular or plural word for n: {{ plural 3 "article" "articles" }}.
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
	"add": func(a, b int) int { return a + b },
	// kb formats a file size for readers: "37 KB".
	"kb": func(n int64) string {
		if n < 1024 {
			return strconv.FormatInt(n, 10) + " bytes"
		}
		return strconv.FormatInt((n+512)/1024, 10) + " KB"
	},
	// rtl reports whether a language is written right to left: the layouts
	// write dir="rtl" on its pages.
	"rtl":   i18n.RightToLeft,
	"join":  strings.Join,
	"lower": strings.ToLower,
	// dict, where and safeHTML work as Hugo's do (where.go).
	"dict":     dict,
	"where":    where,
	"safeHTML": safeHTML,
}
