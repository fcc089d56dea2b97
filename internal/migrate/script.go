package migrate

import (
	"strings"
	"unicode"
)

// Many themes ship languageCode = "en-us" and many sites never change it: a
// Chinese blog then says it is English, and its pages get English quotes,
// English interface words and reading times counted in words. The importer
// looks at the posts' text and, when more than half of it is in one script
// that the configured language is not written in, takes that script's
// language, with a warning.

// scripts are the scripts the importer tells apart, each with the language
// it takes for it; Latin, Cyrillic and Arabic serve many languages, so they
// name none and the configured language stands.
var scripts = []struct {
	name  string
	table *unicode.RangeTable
	lang  string
}{
	{"kana", unicode.Hiragana, "ja"}, {"kana", unicode.Katakana, "ja"}, {"Chinese characters", unicode.Han, "zh"},
	{"Hangul", unicode.Hangul, "ko"}, {"Hebrew letters", unicode.Hebrew, "he"}, {"Thai letters", unicode.Thai, "th"},
	{"Greek letters", unicode.Greek, "el"}, {"Arabic letters", unicode.Arabic, ""}, {"Latin letters", unicode.Latin, ""}, {"Cyrillic letters", unicode.Cyrillic, ""},
}

// textLanguage returns the language the posts' text says and what it is
// written in, or "" when it says none clearly: more than half of the text's
// units in one script (Han with kana among it is Japanese). A unit is a
// character in the scripts written without spaces (Han, kana), a word in
// the others, so that the English terms of a Chinese technical post do not
// outweigh it letter by letter; code blocks are not text.
func textLanguage(pages []*page) (lang, what string) {
	counts := make([]int, len(scripts))
	total := 0
	for _, p := range pages {
		var fences fenceTracker
		for _, l := range strings.Split(p.body, "\n") {
			if fences.code(l) {
				continue
			}
			last := -1 // the script of the word being read
			for _, r := range l {
				if !unicode.IsLetter(r) {
					last = -1
					continue
				}
				i := 0
				for i < len(scripts) && !unicode.Is(scripts[i].table, r) {
					i++
				}
				if i < 3 || i != last { // Han and kana count each character
					total++
					if i < len(scripts) {
						counts[i]++
					}
				}
				last = i
			}
		}
	}
	kana, han := counts[0]+counts[1], counts[2]
	switch {
	case total == 0:
		return "", ""
	case kana+han > total/2 && kana*20 >= han && kana > 0:
		return "ja", "kana and kanji"
	case han > total/2:
		return "zh", "Chinese characters"
	}
	for i := 3; i < len(scripts); i++ {
		if counts[i] > total/2 {
			return scripts[i].lang, scripts[i].name
		}
	}
	return "", ""
}

// checkLanguage replaces the site's configured language by the one its
// posts are written in, when they clearly differ (see textLanguage).
func (im *importer) checkLanguage() {
	lang, what := textLanguage(im.pages)
	if lang == "" || langBase(im.site.language) == lang || im.opt.SiteYAML {
		return
	}
	was := im.site.language
	im.site.language = lang
	im.note(Warning, "content/site.yaml", 0, "language: %q, although the old site said %q: most of its posts' text is in %s (set language: in content/site.yaml if that is wrong)", lang, was, what)
}

// langBase is the primary subtag of a language tag, lower-case: "en-US" → "en".
func langBase(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(lang)
}
