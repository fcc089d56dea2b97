// Package i18n holds the words folio puts around a writer's text: interface
// strings of the default layouts, LinkedIn posts, cards and PDFs, in English,
// German, French, Spanish, Chinese, Japanese, Hebrew and Arabic. A site
// overrides or adds strings with i18n/<lang>.yaml in its folder.
//
// A string may have named placeholders ("{count} min read") and plural forms
// (CLDR's zero, one, two, few, many and other, chosen by the "count" argument
// with the language's rule; see Plural).
package i18n

import (
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v2"

	"github.com/peeplcoach/folio/internal/key"
)

//go:embed strings/*.yaml
var builtin embed.FS

// Message is one string with its plural forms, named by CLDR's categories.
// The form of the category Plural picks for the count argument is used when
// the message has it; Other otherwise, and when there is no count. So an
// English-style {one, other} works in every language, and Arabic may add
// zero, two, few and many.
type Message struct {
	Zero, One, Two, Few, Many string
	Other                     string
}

// form returns the text of a plural category, or Other when the message
// lacks it.
func (m Message) form(category string) string {
	var s string
	switch category {
	case "zero":
		s = m.Zero
	case "one":
		s = m.One
	case "two":
		s = m.Two
	case "few":
		s = m.Few
	case "many":
		s = m.Many
	}
	if s == "" {
		return m.Other
	}
	return s
}

// set stores the text of a plural category; it reports false for a name
// that is not one of CLDR's.
func (m *Message) set(category, s string) bool {
	switch category {
	case "zero":
		m.Zero = s
	case "one":
		m.One = s
	case "two":
		m.Two = s
	case "few":
		m.Few = s
	case "many":
		m.Many = s
	case "other":
		m.Other = s
	default:
		return false
	}
	return true
}

// Catalog is the strings of one language. It is immutable once made, so pages
// rendered in parallel share it.
type Catalog struct {
	lang     string // as the site wrote it: "en", "de-CH"
	base     string // its primary subtag: "en", "de"
	messages map[string]Message

	keyOnce sync.Once `key:"-"`
	key     key.Sum   `key:"-"`
}

// Key returns the key of the catalog's strings (package key), made on first
// use: the build hashes the words of every page and post it keys, and they
// share one catalog.
func (c *Catalog) Key() key.Sum {
	if c == nil {
		return key.Sum{}
	}
	c.keyOnce.Do(func() { c.key = key.Fields(c) })
	return c.key
}

// Languages lists the languages folio ships strings for.
func Languages() []string { return []string{"ar", "de", "en", "es", "fr", "he", "ja", "zh"} }

// New returns the catalog for lang (BCP 47, such as "en-GB"): folio's strings
// for its primary language (English when folio has none), with English for
// any key the language lacks, then the site's override on top. override is
// the content of the site's i18n/<lang>.yaml, or nil; file names it in errors.
func New(lang string, override []byte, file string) (*Catalog, error) {
	return newCatalog(lang, override, file)
}

func newCatalog(lang string, override []byte, file string) (*Catalog, error) {
	if lang == "" {
		lang = "en"
	}
	c := &Catalog{lang: lang, base: Base(lang), messages: map[string]Message{}}
	if err := c.merge(mustBuiltin("en"), "internal/i18n/strings/en.yaml"); err != nil {
		return nil, err
	}
	if c.base != "en" {
		if data, err := builtin.ReadFile("strings/" + c.base + ".yaml"); err == nil {
			if err := c.merge(data, "internal/i18n/strings/"+c.base+".yaml"); err != nil {
				return nil, err
			}
		}
	}
	if override != nil {
		if err := c.merge(override, file); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// English returns folio's English strings. It cannot fail: the strings are
// built in and tested.
func English() *Catalog {
	c, err := newCatalog("en", nil, "")
	if err != nil {
		panic(err) // TestBuiltinStrings keeps this from happening
	}
	return c
}

func mustBuiltin(base string) []byte {
	data, err := builtin.ReadFile("strings/" + base + ".yaml")
	if err != nil {
		panic(err)
	}
	return data
}

// merge reads a strings file: each key maps to a text, or to a map from plural
// categories (zero, one, two, few, many, other) to texts; other is required.
func (c *Catalog) merge(data []byte, file string) error {
	var raw yaml.MapSlice
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	for _, item := range raw {
		k, ok := item.Key.(string)
		if !ok {
			return fmt.Errorf("%s: key %v is not text", file, item.Key)
		}
		switch v := item.Value.(type) {
		case string:
			c.messages[k] = Message{Other: v}
		case yaml.MapSlice:
			var m Message
			for _, f := range v {
				s, _ := f.Value.(string)
				name, _ := f.Key.(string)
				if !m.set(name, s) {
					return fmt.Errorf("%s: %s: unknown plural form %v (use zero, one, two, few, many or other)", file, k, f.Key)
				}
			}
			if m.Other == "" {
				return fmt.Errorf("%s: %s: the form other is missing", file, k)
			}
			c.messages[k] = m
		default:
			return fmt.Errorf("%s: %s: want a text or {one, other}", file, k)
		}
	}
	return nil
}

// Lang returns the language the catalog was made for, as the site wrote it.
func (c *Catalog) Lang() string { return c.lang }

// Has reports whether the catalog has a string for key.
func (c *Catalog) Has(key string) bool {
	_, ok := c.messages[key]
	return ok
}

// Keys returns every key, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.messages))
	for k := range c.messages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// T returns the string for key with its placeholders filled from args, given
// as name, value pairs: T("reading_time", "count", 5) → "5 min read". The
// argument "count" also picks the plural form. An unknown key returns the key
// itself in brackets, so a missing string shows on the page rather than
// vanishing (TestBuiltinStrings checks that every shipped key exists).
func (c *Catalog) T(key string, args ...any) string {
	m, ok := c.messages[key]
	if !ok {
		return "[" + key + "]"
	}
	text := m.Other
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == "count" {
			if n, ok := toInt(args[i+1]); ok {
				text = m.form(Plural(c.base, n))
			}
		}
	}
	return fill(text, args)
}

// fill puts the name, value pairs of args into their {name} placeholders.
func fill(text string, args []any) string {
	if !strings.Contains(text, "{") {
		return text
	}
	for i := 0; i+1 < len(args); i += 2 {
		name, _ := args[i].(string)
		text = strings.ReplaceAll(text, "{"+name+"}", fmt.Sprint(args[i+1]))
	}
	return text
}

// Form returns the text of one plural category of a message ("zero", "one",
// "two", "few", "many", "other"; Other where the message lacks it), with
// args filled in as T fills them. A page's script that counts in the
// browser picks the category itself (Intl.PluralRules).
func (c *Catalog) Form(key, category string, args ...any) string {
	m, ok := c.messages[key]
	if !ok {
		return "[" + key + "]"
	}
	return fill(m.form(category), args)
}

func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case string:
		i, err := strconv.Atoi(n)
		return i, err == nil
	}
	return 0, false
}

// Plural returns the CLDR plural category of the whole number n in the
// language base: "zero", "one", "two", "few", "many" or "other". Counts in
// folio are whole and not negative, so only the integer part of CLDR's rules
// is here (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html).
// Languages without a rule here take English's, which most European
// languages share.
func Plural(base string, n int) string {
	if n < 0 {
		n = -n
	}
	switch base {
	case "zh", "ja":
		return "other" // no grammatical number
	case "fr":
		if n == 0 || n == 1 {
			return "one"
		}
		return "other"
	case "he", "iw":
		// CLDR 44 dropped Hebrew's "many" (20, 30, …): one and two only.
		switch n {
		case 1:
			return "one"
		case 2:
			return "two"
		}
		return "other"
	case "ar":
		switch r := n % 100; {
		case n == 0:
			return "zero"
		case n == 1:
			return "one"
		case n == 2:
			return "two"
		case r >= 3 && r <= 10:
			return "few"
		case r >= 11 && r <= 99:
			return "many"
		}
		return "other"
	}
	if n == 1 {
		return "one"
	}
	return "other"
}

// Base returns the primary language subtag, lower-case: "en-GB" → "en".
func Base(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(lang)
}
