package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Terms are made the same way here and in static/js/search.js, so that what
// a reader types finds what the build indexed: each character is decomposed
// (NFD), accents and other combining marks are dropped, letters are lower-
// cased, and a term is a run of letters and digits of 2 to maxTermRunes
// characters ("Über-Manager’s" → "uber", "manager"). The script does
// s.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase() and matches
// /[\p{L}\p{N}]+/gu.

// maxTermRunes cuts longer runs: nobody types 40 letters to search.
const maxTermRunes = 32

// forEachTerm calls fn with every term of s, in order. The term's bytes are
// only valid during the call: a caller that keeps one copies it (a map
// lookup m[string(term)] does not), which saves an allocation a word.
func forEachTerm(s string, fn func(term []byte)) {
	var buf []byte
	var scratch [16]byte
	runes := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII: no decomposition, no marks.
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			default:
				if runes >= 2 {
					fn(buf)
				}
				buf, runes = buf[:0], 0
				continue
			}
			if runes < maxTermRunes {
				buf = append(buf, c)
			}
			runes++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		var one [utf8.UTFMax]byte
		n := utf8.EncodeRune(one[:], r)
		for _, dr := range string(norm.NFD.Append(scratch[:0], one[:n]...)) {
			if unicode.Is(unicode.Mn, dr) {
				continue
			}
			if !unicode.IsLetter(dr) && !unicode.IsNumber(dr) {
				if runes >= 2 {
					fn(buf)
				}
				buf, runes = buf[:0], 0
				continue
			}
			if runes < maxTermRunes {
				buf = utf8.AppendRune(buf, unicode.ToLower(dr))
			}
			runes++
		}
	}
	if runes >= 2 {
		fn(buf)
	}
}

// textOfHTML returns the text of an HTML fragment: the tags dropped,
// character references resolved, each tag a word break.
func textOfHTML(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			b.WriteString(unescape(s))
			break
		}
		b.WriteString(unescape(s[:lt]))
		b.WriteByte(' ')
		s = s[lt:]
		gt := strings.IndexByte(s, '>')
		if gt < 0 {
			break
		}
		s = s[gt+1:]
	}
	return b.String()
}

func unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}
