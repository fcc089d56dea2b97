package i18n

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// TestBuiltinStrings checks that every shipped language has exactly English's
// keys, with the same placeholders, so no page ever shows "[key]".
func TestBuiltinStrings(t *testing.T) {
	en := English()
	for _, lang := range Languages() {
		c, err := New(lang, nil, "")
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		data := mustBuiltin(lang)
		own, err := newCatalog("xx", nil, "")
		if err != nil {
			t.Fatal(err)
		}
		own.messages = map[string]Message{}
		if err := own.merge(data, lang); err != nil {
			t.Fatal(err)
		}
		if got, want := own.Keys(), en.Keys(); !slices.Equal(got, want) {
			t.Errorf("%s.yaml keys differ from en.yaml:\n got %v\nwant %v", lang, got, want)
		}
		for _, k := range en.Keys() {
			for _, form := range []func(Message) string{func(m Message) string { return m.Other }, func(m Message) string { return m.One }} {
				e, l := form(en.messages[k]), form(c.messages[k])
				if e == "" || l == "" {
					continue
				}
				pe, pl := placeholder.FindAllString(e, -1), placeholder.FindAllString(l, -1)
				slices.Sort(pe)
				slices.Sort(pl)
				if !slices.Equal(pe, pl) {
					t.Errorf("%s: %s has placeholders %v, English %v", lang, k, pl, pe)
				}
			}
		}
	}
}

func TestT(t *testing.T) {
	en := English()
	fr, err := New("fr-CA", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		c    *Catalog
		key  string
		args []any
		want string
	}{
		{en, "article_count", []any{"count", 1}, "1 article"},
		{en, "article_count", []any{"count", 0}, "0 articles"},
		{en, "article_count", []any{"count", 2}, "2 articles"},
		{fr, "article_count", []any{"count", 0}, "0 article"},
		{fr, "article_count", []any{"count", 2}, "2 articles"},
		{en, "page_of", []any{"page", 2, "pages", 7}, "Page 2 of 7"},
		{en, "no_such_key", nil, "[no_such_key]"},
	}
	for _, tt := range tests {
		if got := tt.c.T(tt.key, tt.args...); got != tt.want {
			t.Errorf("%s T(%q, %v) = %q, want %q", tt.c.Lang(), tt.key, tt.args, got, tt.want)
		}
	}
}

func TestSeriesWording(t *testing.T) {
	de, _ := New("de", nil, "")
	tests := []struct {
		c           *Catalog
		part, parts int
		want        string
	}{
		{English(), 1, 1, "Part 1 in the series “Universal Leadership Challenges”"},
		{English(), 2, 5, "Part 2 of 5 in the series “Universal Leadership Challenges”"},
		{de, 2, 5, "Teil 2 von 5 der Serie „Universal Leadership Challenges“"},
	}
	for _, tt := range tests {
		if got := tt.c.SeriesLine(tt.part, tt.parts, "Universal Leadership Challenges"); got != tt.want {
			t.Errorf("%s SeriesLine(%d, %d) = %q, want %q", tt.c.Lang(), tt.part, tt.parts, got, tt.want)
		}
	}
	if got := English().SeriesPart(1, 1); strings.Contains(got, "of") {
		t.Errorf("a series of one part says %q: it must not read as finished", got)
	}
}

func TestOverride(t *testing.T) {
	c, err := New("en", []byte("reading_time: {one: \"{count} minute\", other: \"{count} minutes\"}\nextra: Hello\n"), "i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.T("reading_time", "count", 1); got != "1 minute" {
		t.Errorf("override: got %q", got)
	}
	if got := c.T("extra"); got != "Hello" {
		t.Errorf("added key: got %q", got)
	}
	if got := c.T("contents"); got != "Contents" {
		t.Errorf("kept key: got %q", got)
	}
	_, err = New("en", []byte("contents: {few: x}\n"), "i18n/en.yaml")
	if err == nil || !strings.Contains(err.Error(), "i18n/en.yaml") {
		t.Errorf("bad override: err = %v, want one naming the file", err)
	}
}

func TestLocaleAndDate(t *testing.T) {
	for lang, want := range map[string]string{"en": "en_US", "en-GB": "en_GB", "de": "de_DE", "fr": "fr_FR", "es-MX": "es_MX", "zh-Hant-TW": "zh_TW", "ja": "ja_JP"} {
		if got := Locale(lang); got != want {
			t.Errorf("Locale(%q) = %q, want %q", lang, got, want)
		}
	}
	d := time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en": "14 March 2025", "de": "14. März 2025", "fr": "14 mars 2025", "es": "14 de marzo de 2025"} {
		c, _ := New(lang, nil, "")
		if got := c.Date(d); got != want {
			t.Errorf("%s Date = %q, want %q", lang, got, want)
		}
	}
}

// TestKey: the key changes with the language and with any string, so pages
// rendered with another catalog are never taken for unchanged.
func TestKey(t *testing.T) {
	en, _ := New("en", nil, "")
	en2, _ := New("en", nil, "")
	de, _ := New("de", nil, "")
	over, _ := New("en", []byte("contents: On this page\n"), "i18n/en.yaml")
	if en.Key() != en2.Key() {
		t.Error("two catalogs of the same strings have different keys")
	}
	if en.Key() == de.Key() || en.Key() == over.Key() {
		t.Error("the key does not change with the language or an overridden string")
	}
}

func TestRightToLeft(t *testing.T) {
	for lang, want := range map[string]bool{
		"he": true, "ar-EG": true, "fa_IR": true, "ur": true, "az-Arab": true, "ckb": true,
		"en": false, "de-CH": false, "zh-Hant-TW": false, "az": false, "uz-Latn": false, "": false,
	} {
		if got := RightToLeft(lang); got != want {
			t.Errorf("RightToLeft(%q) = %v, want %v", lang, got, want)
		}
	}
}
