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
// keys, with the same placeholders, so no page ever shows "[key]" or a raw
// "{name}"; and that each plural form is one the language's rule can choose.
func TestBuiltinStrings(t *testing.T) {
	en := English()
	if got := len(Languages()); got < 8 {
		t.Fatalf("Languages() lists %d languages, want at least the 8 shipped", got)
	}
	for _, lang := range Languages() {
		if _, err := New(lang, nil, ""); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		// The file on its own, without English under it.
		own := &Catalog{lang: lang, base: lang, messages: map[string]Message{}}
		if err := own.merge(mustBuiltin(lang), lang+".yaml"); err != nil {
			t.Fatal(err)
		}
		if got, want := own.Keys(), en.Keys(); !slices.Equal(got, want) {
			t.Errorf("%s.yaml keys differ from en.yaml:\n got %v\nwant %v", lang, got, want)
		}
		chooses := pluralNumbers(lang)
		for _, k := range en.Keys() {
			m, ok := own.messages[k]
			if !ok {
				continue
			}
			all := map[string]bool{} // English's placeholders in any form
			for _, text := range forms(en.messages[k]) {
				for _, p := range placeholder.FindAllString(text, -1) {
					all[p] = true
				}
			}
			need := placeholder.FindAllString(en.messages[k].Other, -1)
			for category, text := range forms(m) {
				if category != "other" && len(chooses[category]) == 0 {
					t.Errorf("%s: %s has the form %s, which %s never uses", lang, k, category, lang)
				}
				have := placeholder.FindAllString(text, -1)
				for _, p := range have {
					if !all[p] {
						t.Errorf("%s: %s (%s) has %s, which English does not", lang, k, category, p)
					}
				}
				for _, p := range need {
					// A form for a single number ("מאמר אחד", "مقالتان")
					// may say it in words instead of {count}, and so may
					// one that English words without it ("The series").
					enForm, enHas := forms(en.messages[k])[category]
					if p == "{count}" && category != "other" && (len(chooses[category]) == 1 || enHas && !strings.Contains(enForm, p)) {
						continue
					}
					if !slices.Contains(have, p) {
						t.Errorf("%s: %s (%s) lacks %s: %q", lang, k, category, p, text)
					}
				}
			}
		}
	}
}

// forms returns a message's plural forms that are set, by category.
func forms(m Message) map[string]string {
	out := map[string]string{}
	for category, text := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
		if text != "" {
			out[category] = text
		}
	}
	return out
}

// pluralNumbers returns, for each plural category of a language, the counts
// from 0 to 1000 that choose it.
func pluralNumbers(lang string) map[string][]int {
	out := map[string][]int{}
	for n := 0; n <= 1000; n++ {
		c := Plural(Base(lang), n)
		out[c] = append(out[c], n)
	}
	return out
}

func TestPlural(t *testing.T) {
	tests := []struct {
		lang string
		want map[int]string
	}{
		{"ar", map[int]string{0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many", 100: "other", 101: "other", 102: "other", 103: "few", 111: "many", 1000: "other", 1011: "many"}},
		{"he", map[int]string{0: "other", 1: "one", 2: "two", 3: "other", 10: "other", 20: "other", 21: "other", 100: "other"}},
		{"zh", map[int]string{0: "other", 1: "other", 2: "other"}},
		{"ja", map[int]string{1: "other"}},
		{"en", map[int]string{0: "other", 1: "one", 2: "other", 21: "other"}},
		{"de", map[int]string{1: "one", 2: "other"}},
		{"fr", map[int]string{0: "one", 1: "one", 2: "other"}},
	}
	for _, tt := range tests {
		for n, want := range tt.want {
			if got := Plural(tt.lang, n); got != want {
				t.Errorf("Plural(%q, %d) = %q, want %q", tt.lang, n, got, want)
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
	ar, _ := New("ar-EG", nil, "")
	he, _ := New("he", nil, "")
	zh, _ := New("zh-CN", nil, "")
	arOver, err := New("ar", []byte("article_count: {one: \"{count} article\", other: \"{count} articles\"}\n"), "i18n/ar.yaml")
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
		{ar, "article_count", []any{"count", 0}, "لا مقالات"},
		{ar, "article_count", []any{"count", 1}, "مقالة واحدة"},
		{ar, "article_count", []any{"count", 2}, "مقالتان"},
		{ar, "article_count", []any{"count", 3}, "3 مقالات"},
		{ar, "article_count", []any{"count", 11}, "11 مقالة"}, // no many form: other
		{ar, "article_count", []any{"count", 100}, "100 مقالة"},
		{ar, "series_parts", []any{"count", 11}, "11 جزءًا"},
		{ar, "series_parts", []any{"count", 103}, "103 أجزاء"},
		{he, "series_parts", []any{"count", 1}, "חלק אחד"},
		{he, "series_parts", []any{"count", 2}, "שני חלקים"},
		{he, "series_parts", []any{"count", 20}, "20 חלקים"},
		{zh, "article_count", []any{"count", 1}, "1篇文章"},
		{zh, "page_of", []any{"page", 2, "pages", 7}, "第2页，共7页"},
		// A form the message lacks falls back to other; a count that is no
		// number, as the search page's "{count}" for its script, chooses other.
		{arOver, "article_count", []any{"count", 2}, "2 articles"},
		{arOver, "article_count", []any{"count", 1}, "1 article"},
		{ar, "search_results", []any{"count", "{count}", "query", "x"}, "المقالات المطابقة لـ«x»: {count}"},
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
	for _, bad := range []string{"contents: {few: x}\n", "contents: {dual: x, other: y}\n"} {
		_, err = New("en", []byte(bad), "i18n/en.yaml")
		if err == nil || !strings.Contains(err.Error(), "i18n/en.yaml") {
			t.Errorf("bad override %q: err = %v, want one naming the file", bad, err)
		}
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
	d = time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"zh": "2025年1月10日", "ja": "2025年1月10日", "he": "10 בינואר 2025", "ar": "10 يناير 2025"} {
		c, _ := New(lang, nil, "")
		if got := c.Date(d); got != want {
			t.Errorf("%s Date = %q, want %q", lang, got, want)
		}
	}
	d = time.Date(2025, 12, 31, 9, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"zh": "2025年12月31日", "ja": "2025年12月31日", "he": "31 בדצמבר 2025", "ar": "31 ديسمبر 2025"} {
		c, _ := New(lang, nil, "")
		if got := c.Date(d); got != want {
			t.Errorf("%s Date = %q, want %q", lang, got, want)
		}
	}
}

func TestQuotes(t *testing.T) {
	for lang, want := range map[string]string{
		"zh": "“领导力”", "zh-Hans-CN": "“领导力”", "zh-Hant-TW": "「领导力」", "ja": "「领导力」",
		"he": `"领导力"`, "ar": "«领导力»", "de": "„领导力“",
	} {
		q := QuotesFor(lang)
		if got := q.Open + "领导力" + q.Close; got != want {
			t.Errorf("QuotesFor(%q) quotes as %s, want %s", lang, got, want)
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

// TestForm: a script that counts in the browser gets each plural category's
// text with its placeholder kept; a category the message lacks is Other.
func TestForm(t *testing.T) {
	ar, err := New("ar", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	en := English()
	for _, tc := range []struct {
		c         *Catalog
		cat, want string
	}{
		{en, "one", "{count} article matches “{query}”"},
		{en, "few", "{count} articles match “{query}”"}, // English has no few: other
		{ar, "two", "مقالتان تطابقان «{query}»"},
		{ar, "few", ar.T("search_results", "count", "{count}", "query", "{query}")}, // none of its own: other
		{ar, "other", ar.T("search_results", "count", "{count}", "query", "{query}")},
	} {
		if got := tc.c.Form("search_results", tc.cat, "query", "{query}"); got != tc.want {
			t.Errorf("%s %s = %q, want %q", tc.c.Lang(), tc.cat, got, tc.want)
		}
	}
}
