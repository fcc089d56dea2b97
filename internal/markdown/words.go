package markdown

import (
	"unicode"
	"unicode/utf8"
)

// textCount is how much there is to read: words of scripts that put spaces
// between words, and characters of those that do not (Chinese, Japanese),
// which are read character by character. A reading-time estimate needs both:
// 6,846 Chinese characters hold few spaces, but take a quarter of an hour.
type textCount struct {
	words int
	chars int
}

// add counts b. Runs of letters and digits are words; apostrophes and hyphens
// inside a word do not split it ("isn’t", "one-on-one"). Each Han, Hiragana or
// Katakana character counts as a character and ends a word. Korean puts
// spaces between words, so Hangul counts in words. This runs over every byte
// of every article, so ASCII takes a table lookup and only other characters
// are decoded.
func (c *textCount) add(b []byte) {
	inWord := false
	for i := 0; i < len(b); {
		var kind uint8
		size := 1
		switch c := b[i]; {
		case c < utf8.RuneSelf:
			kind = asciiKind[c]
		case c == 0xE2 && i+2 < len(b) && (b[i+1] == 0x80 || b[i+1] == 0x81):
			// General Punctuation (U+2000–U+207F: dashes, curly quotes…),
			// the commonest non-ASCII in English text: a separator, except
			// ’ (U+2019), which joins "isn’t".
			kind, size = kindOther, 3
			if b[i+1] == 0x80 && b[i+2] == 0x99 {
				kind = kindJoiner
			}
		case c < 0xE3:
			// Latin, Greek, Cyrillic, Hebrew, Arabic… (below U+2000, and
			// U+2080–U+2FFF): letters. The few symbols among them hardly
			// change a reading time, and this keeps European text fast.
			kind = kindLetter
			_, size = utf8.DecodeRune(b[i:])
		default:
			var r rune
			r, size = utf8.DecodeRune(b[i:])
			kind = runeKind(r)
		}
		i += size
		switch kind {
		case kindLetter:
			if !inWord {
				c.words++
				inWord = true
			}
		case kindJoiner: // part of a word only inside one
		case kindCJK:
			c.chars++
			inWord = false
		default:
			inWord = false
		}
	}
}

const (
	kindOther  = 0
	kindLetter = 1
	kindJoiner = 2
	kindCJK    = 3
)

// asciiKind classifies ASCII bytes: letters and digits, joiners, the rest.
var asciiKind = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			t[c] = kindLetter
		case c == '\'' || c == '-':
			t[c] = kindJoiner
		}
	}
	return t
}()

// runeKind classifies a character beyond ASCII.
func runeKind(r rune) uint8 {
	switch {
	case r == '’' || r == 'ʼ':
		return kindJoiner
	case r >= 0x3040 && r <= 0x30FF, // Hiragana, Katakana
		r >= 0x31F0 && r <= 0x31FF,   // Katakana phonetic extensions
		r >= 0x3400 && r <= 0x4DBF,   // CJK Extension A
		r >= 0x4E00 && r <= 0x9FFF,   // CJK Unified Ideographs
		r >= 0xF900 && r <= 0xFAFF,   // CJK Compatibility Ideographs
		r >= 0xFF66 && r <= 0xFF9F,   // half-width Katakana
		r >= 0x20000 && r <= 0x3FFFF: // CJK Extensions B and later
		if r == 0x30FB { // ・ the katakana middle dot separates words
			return kindOther
		}
		return kindCJK
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r):
		return kindLetter
	}
	return kindOther
}
