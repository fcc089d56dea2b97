package content

import (
	"regexp"
	"strings"
	"time"
)

// Keys that other generators use for what folio calls by another name are
// read as folio's own, so a post moved in from Hugo or Jekyll keeps its
// taxonomy, summary and dates without a hand edit:
//
//	tags, categories      → topics (merged; Jekyll's "a b" string is two)
//	description, excerpt  → summary
//	lastmod, last_modified_at → updated
//	authors               → author
//	lang                  → language
//	published: false      → draft: true (Jekyll)
//
// folio's own key wins when both are given, and the other is reported as
// ignored.

// readTopics returns topics, tags and categories, in that order.
func readTopics(f *fields) []string {
	topics := f.list("topics")
	for _, key := range []string{"tags", "categories"} {
		v, ok := f.values[key]
		if s, isStr := v.(string); ok && isStr {
			// Jekyll: "a space-separated string" of several.
			f.get(key)
			topics = append(topics, strings.Fields(s)...)
			continue
		}
		topics = append(topics, f.list(key)...)
	}
	return topics
}

// readAlias returns the text of key, or else of the first alias given, and
// warns about aliases that key (or an earlier alias) overrides.
func readAlias(f *fields, key string, aliases ...string) (value, from string) {
	value, from = strings.TrimSpace(f.str(key, false)), key
	for _, a := range aliases {
		v := strings.TrimSpace(f.str(a, false))
		if v == "" {
			continue
		}
		if value != "" {
			f.probs.warnf(f.path, f.line(a), "%s is ignored: %s is set, and folio uses one %s", a, from, key)
			continue
		}
		value, from = v, a
	}
	return value, from
}

// readAuthors reads author (or authors): a name, a list of names, or a map
// with a name (as some Hugo themes write it).
func readAuthors(f *fields) []string {
	var names []string
	for _, key := range []string{"author", "authors"} {
		v, ok := f.values[key]
		if !ok || v == nil {
			f.get(key)
			continue
		}
		if len(names) > 0 {
			f.get(key)
			f.probs.warnf(f.path, f.line(key), "%s is ignored: author is set", key)
			continue
		}
		if m := toStringMap(v); m != nil {
			f.get(key)
			sub := &fields{path: f.path, prefix: f.prefix + key + ".", values: m, lines: f.lines, probs: f.probs}
			if n := strings.TrimSpace(sub.str("name", true)); n != "" {
				names = append(names, n)
			}
			sub.known = append(sub.known, keysOf(m)...) // other details (url, email…) are welcome and unused
			continue
		}
		if s, isStr := v.(string); isStr {
			f.get(key)
			if s = strings.TrimSpace(s); s != "" {
				names = append(names, s)
			}
			continue
		}
		names = append(names, f.list(key)...)
	}
	return names
}

func keysOf(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// joinNames joins authors for where one name is shown: "Ann, Bob".
func joinNames(names []string) string { return strings.Join(names, ", ") }

// languageTag matches a BCP 47 language tag as writers use them: "en",
// "de-CH", "zh-Hant-TW", "es-419".
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// readLanguage reads language (or lang), checking it is a language tag.
func readLanguage(f *fields) string {
	lang, from := readAlias(f, "language", "lang")
	if lang == "" {
		return ""
	}
	if !languageTag.MatchString(lang) {
		f.probs.errorf(f.path, f.line(from), "%s %q is not a language tag: write it as en, de, fr-CA, zh-Hant…", from, lang)
		return ""
	}
	return lang
}

// readDraft reads draft, and Jekyll's published: false.
func readDraft(f *fields) bool {
	draft := f.boolean("draft")
	if f.has("published") {
		if published := f.boolean("published"); !published {
			if f.has("draft") && !draft {
				f.probs.warnf(f.path, f.line("published"), "published: false is ignored: draft: false is set")
				return false
			}
			return true
		}
	}
	return draft
}

// readUpdated reads updated, or Hugo's lastmod, or jekyll-last-modified-at's
// last_modified_at.
func readUpdated(f *fields) time.Time {
	updated, from := f.date("updated", false), "updated"
	for _, a := range []string{"lastmod", "last_modified_at"} {
		if !f.has(a) {
			continue
		}
		t := f.date(a, false)
		if t.IsZero() {
			continue
		}
		if !updated.IsZero() {
			f.probs.warnf(f.path, f.line(a), "%s is ignored: %s is set", a, from)
			continue
		}
		updated, from = t, a
	}
	return updated
}
