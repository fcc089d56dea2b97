package social

import (
	"errors"
	"fmt"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// plain returns s as one line of LinkedIn-safe text: entities decoded,
// mojibake repaired, Markdown marks and control characters removed, every
// run of white space a single space. A '#' is dropped where it starts a word,
// since LinkedIn would make a hashtag of it, and kept inside one ("C#").
// Clean input is returned without allocating.
func plain(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	if strings.IndexByte(s, '&') >= 0 {
		// Decode until stable: text that went through two escapers
		// ("&amp;rsquo;") must still end as the character.
		for range 3 {
			u := html.UnescapeString(s)
			if u == s {
				break
			}
			s = u
		}
	}
	s = repairMojibake(s)
	s = dropLinkTargets(s)

	var b strings.Builder
	copied := false // b holds s[:i] transformed; until then s is unchanged
	space := true   // the last rune kept was a space, or nothing is kept yet
	change := func(i int) {
		if !copied {
			b.Grow(len(s))
			b.WriteString(s[:i])
			copied = true
		}
	}
	for i, r := range s {
		if r > ' ' && r < utf8.RuneSelf && r != '*' && r != '[' && r != ']' && r != '`' && r != '_' && r != '#' && r != 0x7F {
			// The common case, ordinary ASCII, without the unicode tables.
			if copied {
				b.WriteByte(byte(r))
			}
			space = false
			continue
		}
		switch {
		case r == '*' || r == '[' || r == ']' || r == '`' || r == utf8.RuneError || r == '\uFEFF',
			r == '#' && space,
			unicode.IsControl(r) && !unicode.IsSpace(r):
			change(i)
		case r == '_' || unicode.IsSpace(r):
			if space || r != ' ' {
				change(i)
			}
			if !space && copied {
				b.WriteByte(' ')
			}
			space = true
		default:
			if copied {
				b.WriteRune(r)
			}
			space = false
		}
	}
	out := s
	if copied {
		out = b.String()
	}
	return strings.TrimSpace(out)
}

// dropLinkTargets turns Markdown links "[text](target)" into "[text]",
// whose brackets the caller drops, so no URL fragment is left in the text.
func dropLinkTargets(s string) string {
	i := strings.Index(s, "](")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		end := strings.IndexByte(s[i:], ')')
		if end < 0 {
			break
		}
		b.WriteString(s[:i+1])
		s = s[i+end+1:]
		i = strings.Index(s, "](")
	}
	b.WriteString(s)
	return b.String()
}

// cp1252 maps the runes Windows-1252 decodes 0x80–0x9F to back to bytes;
// the rest of 0x80–0xFF is Latin-1 and maps to itself.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91,
	'’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98,
	'™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

func cp1252Byte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	b, ok := cp1252[r]
	return b, ok
}

// repairMojibake undoes UTF-8 text that was decoded as Windows-1252 once
// ("â€™" back to "’", "Ã©" to "é"): a rune that stands for a UTF-8 lead byte,
// followed by runes that stand for the right number of continuation bytes,
// is replaced by the character those bytes encode. Anything else is kept,
// so correct text, including mixed text, is untouched.
func repairMojibake(s string) string {
	// Every lead-byte stand-in (U+00C2–U+00F4) is encoded starting 0xC3.
	if strings.IndexByte(s, 0xC3) < 0 {
		return s
	}
	var b strings.Builder
	last := 0 // s[:last] is already in b
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		lead, ok := cp1252Byte(r)
		need := 0
		switch {
		case !ok:
		case lead >= 0xC2 && lead <= 0xDF:
			need = 1
		case lead >= 0xE0 && lead <= 0xEF:
			need = 2
		case lead >= 0xF0 && lead <= 0xF4:
			need = 3
		}
		if need == 0 {
			i += size
			continue
		}
		var buf [4]byte
		buf[0] = lead
		j := i + size
		n := 1
		for n <= need && j < len(s) {
			c, csize := utf8.DecodeRuneInString(s[j:])
			cb, ok := cp1252Byte(c)
			if !ok || cb < 0x80 || cb > 0xBF {
				break
			}
			buf[n] = cb
			n++
			j += csize
		}
		fixed, fsize := utf8.DecodeRune(buf[:n])
		if n != need+1 || fixed == utf8.RuneError || fsize != n {
			i += size
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		b.WriteRune(fixed)
		last, i = j, j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// errNotPlain and friends say why hand-written text cannot be posted.
var (
	errNotPlain = errors.New("not plain text")
	errTooLong  = errors.New("too long")
)

// checkPlain reports the first thing in hand-written text that LinkedIn
// would show wrongly: Markdown marks, HTML entities, broken characters.
// Links are skipped, since their underscores and '#' are part of them.
// Line breaks are allowed; tabs and other controls are not.
func checkPlain(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%w: invalid UTF-8", errNotPlain)
	}
	if repairMojibake(s) != s {
		return fmt.Errorf("%w: broken characters (text decoded with the wrong encoding, like \"â€™\")", errNotPlain)
	}
	if html.UnescapeString(s) != s {
		return fmt.Errorf("%w: HTML entity; write the character itself", errNotPlain)
	}
	for line, text := range strings.Split(s, "\n") {
		for _, word := range strings.Fields(text) {
			if strings.HasPrefix(word, "http://") || strings.HasPrefix(word, "https://") {
				continue
			}
			if err := checkWord(word); err != nil {
				return fmt.Errorf("%w: line %d: %q: %w", errNotPlain, line+1, word, err)
			}
		}
		for _, r := range text {
			if r == utf8.RuneError || r == '\uFEFF' || unicode.IsControl(r) {
				return fmt.Errorf("%w: line %d: control or replacement character %U", errNotPlain, line+1, r)
			}
		}
	}
	return nil
}

func checkWord(w string) error {
	if i := strings.IndexAny(w, "*_[]`"); i >= 0 {
		return fmt.Errorf("Markdown mark %q", w[i])
	}
	for i := 0; i < len(w); i++ {
		if w[i] != '#' {
			continue
		}
		// '#' inside a word ("C#") is harmless; at the start it must begin
		// a hashtag, anything else is a Markdown heading or a broken tag.
		if i > 0 && w[i-1] != '#' {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w[i+1:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return errors.New("'#' that starts no hashtag")
		}
	}
	return nil
}
