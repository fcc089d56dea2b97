package i18n

import (
	"strings"
	"time"
)

// Locale returns the Open Graph locale of a BCP 47 language: "en" → "en_US",
// "de" → "de_DE", "en-GB" → "en_GB". A language with a region keeps it; one
// without takes its most common region.
func Locale(lang string) string {
	base := Base(lang)
	subtags := strings.FieldsFunc(lang, func(r rune) bool { return r == '-' || r == '_' })
	for _, s := range subtags[min(1, len(subtags)):] {
		if len(s) == 2 { // a region, such as GB in en-GB or TW in zh-Hant-TW
			return base + "_" + strings.ToUpper(s)
		}
	}
	if r, ok := defaultRegion[base]; ok {
		return base + "_" + r
	}
	return base + "_" + strings.ToUpper(base)
}

var defaultRegion = map[string]string{
	"en": "US", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "pt": "BR", "nl": "NL",
	"ja": "JP", "zh": "CN", "ko": "KR", "ar": "AR", "he": "IL", "ru": "RU", "pl": "PL",
	"sv": "SE", "da": "DK", "nb": "NO", "fi": "FI", "cs": "CZ", "uk": "UA", "tr": "TR",
	"hi": "IN", "el": "GR", "fa": "IR", "vi": "VN", "th": "TH", "id": "ID",
}

// Quotes are a language's quotation marks: primary and nested.
type Quotes struct {
	Open, Close             string
	OpenSingle, CloseSingle string
}

// QuotesFor returns the quotation marks of a language, for the typographer
// and for the words folio writes around a title.
func QuotesFor(lang string) Quotes {
	switch Base(lang) {
	case "de":
		return Quotes{"„", "“", "‚", "‘"}
	case "fr":
		return Quotes{"«\u202f", "\u202f»", "“", "”"} // narrow no-break spaces inside guillemets
	case "es", "it", "ru", "uk", "pt":
		return Quotes{"«", "»", "“", "”"}
	case "ja":
		return Quotes{"「", "」", "『", "』"}
	case "he", "iw":
		// Hebrew on the web writes straight quotes: curly ones are not
		// mirrored in right-to-left text and would face the wrong way.
		// (The gershayim ״ marks acronyms, not quotations.)
		return Quotes{"\"", "\"", "'", "'"}
	case "ar":
		// Guillemets are mirrored in right-to-left text, so « opens on the
		// right as readers expect; nested quotes are CLDR's Arabic ones,
		// chosen for how they look in right-to-left text.
		return Quotes{"«", "»", "”", "“"}
	case "zh":
		// Traditional Chinese uses corner brackets; Simplified Chinese
		// (the mainland, Singapore) uses curly quotes.
		for _, t := range strings.FieldsFunc(strings.ToLower(lang), func(r rune) bool { return r == '-' || r == '_' }) {
			if t == "hant" || t == "tw" || t == "hk" || t == "mo" {
				return Quotes{"「", "」", "『", "』"}
			}
		}
		return Quotes{"“", "”", "‘", "’"}
	}
	return Quotes{"“", "”", "‘", "’"}
}

// Quote puts s in the language's primary quotation marks.
func (c *Catalog) Quote(s string) string {
	q := QuotesFor(c.lang)
	return q.Open + s + q.Close
}

// SeriesPart is the short series label of an article: "Part 2 of 5", or
// "Part 1" while a series has one part (more are coming: "1 of 1" would tell
// readers it is finished).
func (c *Catalog) SeriesPart(part, parts int) string {
	if parts > 1 {
		return c.T("series_part_of", "part", part, "parts", parts)
	}
	return c.T("series_part", "part", part)
}

// SeriesLine is the full series sentence, the same on the page, the card,
// the feeds and the LinkedIn post: "Part 2 of 5 in the series “Name”".
func (c *Catalog) SeriesLine(part, parts int, name string) string {
	return c.T("series_line", "label", c.SeriesPart(part, parts), "series", c.Quote(name))
}

// Date formats a date for readers in the language: "14 March 2025",
// "14. März 2025", "14 mars 2025", "14 de marzo de 2025".
func (c *Catalog) Date(t time.Time) string {
	month := c.T("month_" + strings.ToLower(t.Month().String()))
	return c.T("date_format", "day", t.Day(), "month", month, "year", t.Year())
}

// RightToLeft reports whether a language (BCP 47) is written right to left,
// so that its pages say dir="rtl": by its script subtag when it has one
// ("az-Arab"), else by the script the language is usually written in.
func RightToLeft(lang string) bool {
	subtags := strings.FieldsFunc(lang, func(r rune) bool { return r == '-' || r == '_' })
	for _, s := range subtags[min(1, len(subtags)):] {
		if len(s) == 4 {
			return rtlScripts[strings.ToLower(s)]
		}
	}
	return rtlLanguages[Base(lang)]
}

var (
	rtlScripts   = map[string]bool{"arab": true, "hebr": true, "thaa": true, "syrc": true, "nkoo": true, "adlm": true, "rohg": true, "mand": true, "samr": true}
	rtlLanguages = map[string]bool{"ar": true, "he": true, "iw": true, "fa": true, "ur": true, "ps": true, "yi": true, "ji": true, "dv": true, "sd": true, "ug": true, "ckb": true, "syr": true, "arc": true}
)
