package slug

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// EscapePath returns the one form folio writes a URL path in, everywhere: in
// HTML, feeds, the sitemap, og:url and LinkedIn posts. The path is put in
// Unicode normal form C, then every byte that RFC 3986 does not allow as is in
// a path (non-ASCII letters, spaces, quotes…) is percent-encoded with
// upper-case hex digits, as RFC 3986 §2.1 recommends: "/articles/café/" →
// "/articles/caf%C3%A9/". A percent-encoding already present is kept, in
// upper case, so EscapePath(EscapePath(p)) == EscapePath(p); a "%" that starts
// none is encoded as "%25".
//
// Browsers show the encoded form decoded in the address bar, so readers still
// see "café"; what matters is that a page has one URL, not three spellings of
// it that feed readers and search engines count as different pages.
func EscapePath(p string) string {
	if !needsEscape(p) {
		return p
	}
	if !norm.NFC.IsNormalString(p) {
		p = norm.NFC.String(p)
	}
	var b strings.Builder
	b.Grow(len(p) + len(p)/2)
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '%' && i+2 < len(p) && isHex(p[i+1]) && isHex(p[i+2]):
			b.WriteByte('%')
			b.WriteByte(upperHex(p[i+1]))
			b.WriteByte(upperHex(p[i+2]))
			i += 2
		case pathByte[c]:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

// NormalizeURL returns a link target written by a writer in the form
// EscapePath gives, without touching its structure: Unicode normal form C,
// and percent-encodings in upper case ("%c3%a9" → "%C3%A9"). Characters that
// need encoding are left to the HTML writer (goldmark encodes them in upper
// case already). A URL that needs neither is returned as is.
func NormalizeURL(u string) string {
	if strings.IndexByte(u, '%') < 0 && isASCII(u) {
		return u
	}
	if !isASCII(u) && !norm.NFC.IsNormalString(u) {
		u = norm.NFC.String(u)
	}
	if strings.IndexByte(u, '%') < 0 {
		return u
	}
	b := []byte(u)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' && isHex(b[i+1]) && isHex(b[i+2]) {
			b[i+1], b[i+2] = upperHex(b[i+1]), upperHex(b[i+2])
			i += 2
		}
	}
	return string(b)
}

// needsEscape reports whether EscapePath would change p.
func needsEscape(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '%' {
			if i+2 < len(p) && isHex(p[i+1]) && isHex(p[i+2]) && !isLowerHex(p[i+1]) && !isLowerHex(p[i+2]) {
				i += 2
				continue
			}
			return true
		}
		if !pathByte[c] {
			return true
		}
	}
	return false
}

// UnescapePath decodes the percent-encodings of a URL path, for the file
// that answers it: "/articles/caf%C3%A9/" → "/articles/café/". A "%" that
// starts no encoding, or an encoding that is not UTF-8, is kept as written.
func UnescapePath(p string) string {
	if strings.IndexByte(p, '%') < 0 {
		return p
	}
	b := make([]byte, 0, len(p))
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && i+2 < len(p) && isHex(p[i+1]) && isHex(p[i+2]) {
			b = append(b, unhex(p[i+1])<<4|unhex(p[i+2]))
			i += 2
			continue
		}
		b = append(b, p[i])
	}
	if !utf8.Valid(b) {
		return p
	}
	return string(b)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

const hexDigits = "0123456789ABCDEF"

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isLowerHex(c byte) bool { return c >= 'a' && c <= 'f' }

func upperHex(c byte) byte {
	if isLowerHex(c) {
		return c - 'a' + 'A'
	}
	return c
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// pathByte marks the bytes RFC 3986 allows unencoded in a path: unreserved
// characters, sub-delimiters, ":", "@" and "/".
var pathByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			t[c] = true
		case strings.IndexByte("-._~!$&'()*+,;=:@/", byte(c)) >= 0:
			t[c] = true
		}
	}
	return t
}()

// NFC returns s in Unicode normal form C, the form folio keeps every name
// and URL in.
func NFC(s string) string {
	if isASCII(s) || norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}
