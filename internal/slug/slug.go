// Package slug turns titles, topic names and headings into URL path segments and
// HTML ids. One function serves all three so that a topic named in front matter,
// its URL and a heading that mentions it agree.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Make returns the slug of s: lower-case letters and digits of any script, joined by
// single hyphens. Apostrophes vanish rather than split a word ("Manager’s" →
// "managers"), and every other run of punctuation or space becomes one hyphen.
// Non-ASCII letters are kept ("Über uns" → "über-uns") because browsers display them
// in the address bar and a reader can read them; transliterating would lose meaning.
// The text is put in Unicode normal form C first, so "Café" typed as one
// character é or as e plus a combining accent (as macOS file names often are)
// gives one slug. The result may be empty when s holds no letter or digit.
func Make(s string) string {
	if isSimple(s) {
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	pendingHyphen := false
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if pendingHyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingHyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			pendingHyphen = true
		}
	}
	return b.String()
}

// isSimple reports whether s is already a slug, so the common case of a slug
// written as a slug costs no allocation.
func isSimple(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	prevHyphen := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			prevHyphen = false
		case c == '-':
			if prevHyphen {
				return false
			}
			prevHyphen = true
		default:
			return false
		}
	}
	return true
}

// Valid reports whether s is a usable slug as written by hand in front matter: the
// output of Make for itself, and not empty.
func Valid(s string) bool {
	return s != "" && utf8.ValidString(s) && Make(s) == s
}
