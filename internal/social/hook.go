package social

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minClauseHook is the shortest hook cut at a clause boundary: a shorter one
// ("At Peeplcoach…") says nothing, and the title serves better.
const minClauseHook = 40

// shorten returns p (already plain) cut to at most max characters at a
// boundary: p itself when it fits; else its longest run of whole sentences
// that fits; else, when even the first sentence is too long, the first
// sentence up to its last clause boundary that fits (a colon kept, other
// marks replaced by "…"). It returns "" when none of these fits.
func shorten(p string, max int) string {
	if Count(p) <= max {
		return p
	}
	best := ""
	for _, end := range sentenceEnds(p) {
		if Count(p[:end]) > max {
			break
		}
		best = p[:end]
	}
	if best != "" {
		return best
	}
	return clauseCut(p, max)
}

// sentenceEnds returns the byte offsets just after each sentence of p: after
// a run of . ! ? … and closing quotes or brackets that is followed by a space
// and a word that starts a sentence. A period after an abbreviation or a
// single letter ("e.g.", "J. Smith") ends nothing.
func sentenceEnds(p string) []int {
	var ends []int
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		i += size
		if !isTerminator(r) {
			continue
		}
		start := i - size
		end := i
		for end < len(p) {
			r2, s2 := utf8.DecodeRuneInString(p[end:])
			if !isTerminator(r2) && !isCloser(r2) {
				break
			}
			end += s2
		}
		i = end
		if end == len(p) {
			ends = append(ends, end)
			break
		}
		if p[end] != ' ' || !startsSentence(p[end+1:]) {
			continue
		}
		if r == '.' && end == start+1 && isAbbreviation(p[:start]) {
			continue
		}
		ends = append(ends, end)
	}
	return ends
}

func isTerminator(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func isCloser(r rune) bool {
	return r == '"' || r == '\'' || r == '’' || r == '”' || r == ')' || r == ']' || r == '»'
}

// startsSentence reports whether s begins like a sentence: a capital, a digit
// or an opening quote.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'“‘(«¿¡", r)
}

var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "etc": true, "vs": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
	"inc": true, "ltd": true, "co": true, "no": true, "fig": true, "approx": true,
}

// isAbbreviation reports whether the word that ends before has no sentence
// after it: a known abbreviation or a single letter (an initial).
func isAbbreviation(before string) bool {
	w := before[strings.LastIndexByte(before, ' ')+1:]
	w = strings.TrimLeft(w, "(\"'“‘")
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsLetter(r)
	}
	return abbreviations[strings.ToLower(w)]
}

// clauseCut cuts p at its last clause boundary (", " "; " ": " or a dash)
// that leaves at most max characters, at least minClauseHook of them.
func clauseCut(p string, max int) string {
	best, bestEllipsis := -1, false
	n := 0 // Count(p[:i])
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		next := i + size
		cut, ellipsis := -1, true
		switch {
		case r == ':' && next < len(p) && p[next] == ' ':
			cut, ellipsis = next, false // a colon announces what follows: keep it
		case (r == ',' || r == ';') && next < len(p) && p[next] == ' ':
			cut = i
		case r == '—', r == '–' && i > 0 && p[i-1] == ' ': // an en dash only as a dash, not in "2020–2024"
			cut = len(strings.TrimRight(p[:i], " "))
		}
		if cut >= 0 {
			length := n - (i - cut) // the cut removes only ASCII spaces before i, or adds the colon
			if !ellipsis {
				length = n + 1
			}
			if ellipsis {
				length++ // "…"
			}
			if length > max {
				break
			}
			if length >= minClauseHook {
				best, bestEllipsis = cut, ellipsis
			}
		}
		n++
		if r > 0xFFFF {
			n++
		}
		i = next
	}
	switch {
	case best < 0:
		return ""
	case bestEllipsis:
		return p[:best] + "…"
	}
	return p[:best]
}

// wordCut cuts p at the last word boundary that leaves room for "…": the
// last resort for a title over the hook limit with no clause boundary.
func wordCut(p string, max int) string {
	if Count(p) <= max {
		return p
	}
	cut := ""
	for i := 0; i < len(p); i++ {
		if p[i] != ' ' {
			continue
		}
		cand := strings.TrimRight(p[:i], ",;:—– ") + "…"
		if Count(cand) > max {
			break
		}
		cut = cand
	}
	if cut == "" {
		// One word longer than the limit: a character cut is all that is left.
		n := 0
		for i, r := range p {
			n++
			if r > 0xFFFF {
				n++
			}
			if n > max-1 {
				return p[:i] + "…"
			}
		}
	}
	return cut
}
