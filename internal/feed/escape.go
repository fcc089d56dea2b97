package feed

import "unicode/utf8"

// appendEscaped appends s as XML character data, or as the inside of a
// double-quoted attribute value if attr is set. Non-ASCII text is written
// as UTF-8, not as entities. Characters XML 1.0 forbids (most C0 controls,
// U+FFFE, U+FFFF, invalid UTF-8) become U+FFFD, so the output always parses.
func appendEscaped[T string | []byte](dst []byte, s T, attr bool) []byte {
	last := 0 // s[last:i] is pending, copied in one append
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && xmlPlain[c] {
			i++
			continue
		}
		var esc string
		width := 1
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '"':
			if !attr {
				i++
				continue
			}
			esc = "&quot;"
		case c == '\r': // a parser would turn a raw CR into LF
			esc = "&#xD;"
		case c == '\n' && attr: // a parser would turn raw LF or tab in a value into a space
			esc = "&#xA;"
		case c == '\t' && attr:
			esc = "&#x9;"
		case c < 0x20 && c != '\n' && c != '\t':
			esc = "\uFFFD"
		case c >= utf8.RuneSelf:
			end := min(i+utf8.UTFMax, len(s))
			r, n := utf8.DecodeRuneInString(string(s[i:end]))
			width = n
			// RuneError of width 1 is invalid UTF-8; of width 3, a real U+FFFD.
			if (r != utf8.RuneError || n == 3) && r != 0xFFFE && r != 0xFFFF {
				i += n
				continue
			}
			esc = "\uFFFD"
		default:
			i++
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		i += width
		last = i
	}
	return append(dst, s[last:]...)
}

// xmlPlain marks the ASCII bytes that never need escaping, so the common
// byte costs one load. It is filled once and only read.
var xmlPlain = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '&' && c != '<' && c != '>' && c != '"'
	}
	return t
}()
