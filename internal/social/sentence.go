package social

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentenceCase writes a Title Case heading as a sentence, as a post reads:
// "Address Their Concerns Head-On" → "Address their concerns head-on". A
// heading is Title Case when, after its first word, every word of four
// letters or more (but the small words Title Case leaves small, such as
// "with") and at least one word of two or more starts with a capital; other headings are returned as written, so a name in a
// sentence-case heading keeps its capital. Words in capitals ("CEO",
// "YOU"), words with a capital inside ("LinkedIn"), "I" and the first word
// of each sentence keep theirs.
func sentenceCase(s string) string {
	words := strings.Split(s, " ")
	capitals := 0
	for _, w := range words[1:] {
		letters, upper := wordShape(w)
		if minorWords[strings.ToLower(strings.Trim(w, "()\"'‘’“”,.:;!?"))] {
			continue // Title Case leaves these small ("with", "from")
		}
		if letters >= 4 && !upper {
			return s
		}
		if letters >= 2 && upper {
			capitals++
		}
	}
	if capitals == 0 {
		return s
	}
	start := true // the next word begins a sentence
	for i, w := range words {
		if !start {
			words[i] = lowerWord(w)
		}
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(w, "\"'’”)"))
		start = last == '.' || last == '!' || last == '?' || last == ':'
	}
	return strings.Join(words, " ")
}

// minorWords are the articles, conjunctions and short prepositions that
// Title Case writes in lower case.
var minorWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "but": true, "or": true, "nor": true,
	"for": true, "so": true, "yet": true, "as": true, "at": true, "by": true, "in": true,
	"of": true, "off": true, "on": true, "per": true, "to": true, "up": true, "via": true,
	"vs": true, "with": true, "from": true, "into": true, "onto": true, "over": true,
	"than": true, "upon": true,
}

// wordShape returns how many letters w has and whether its first letter is
// a capital.
func wordShape(w string) (letters int, upper bool) {
	for _, r := range w {
		if unicode.IsLetter(r) {
			if letters == 0 {
				upper = unicode.IsUpper(r)
			}
			letters++
		}
	}
	return letters, upper
}

// lowerWord lowers the capital of each part of a capitalised word
// ("Head-On" → "head-on"); other words are returned as they are.
func lowerWord(w string) string {
	parts := strings.Split(w, "-")
	for i, part := range parts {
		parts[i] = lowerPart(part)
	}
	return strings.Join(parts, "-")
}

func lowerPart(p string) string {
	first := -1
	letters := 0
	for i, r := range p {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if first < 0 {
			if !unicode.IsUpper(r) {
				return p
			}
			first = i
			continue
		}
		if unicode.IsUpper(r) {
			return p // "CEO", "LinkedIn": a name or an acronym
		}
	}
	if first < 0 || letters == 1 && strings.TrimLeft(p, "(\"'‘“") == "I" || strings.HasPrefix(strings.TrimLeft(p, "(\"'‘“"), "I’") || strings.HasPrefix(strings.TrimLeft(p, "(\"'‘“"), "I'") {
		return p
	}
	r, size := utf8.DecodeRuneInString(p[first:])
	return p[:first] + string(unicode.ToLower(r)) + p[first+size:]
}
