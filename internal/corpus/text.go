package corpus

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U':
		return true
	}
	return false
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// appendPlural appends the plural of a noun, which for a verb is also its
// third person singular: boundary → boundaries, coach → coaches.
func appendPlural(dst []byte, s string) []byte {
	n := len(s)
	switch {
	case n > 1 && s[n-1] == 'y' && !isVowel(s[n-2]):
		dst = append(dst, s[:n-1]...)
		return append(dst, "ies"...)
	case s[n-1] == 's' || s[n-1] == 'x' ||
		n > 1 && (s[n-2:] == "sh" || s[n-2:] == "ch"):
		dst = append(dst, s...)
		return append(dst, "es"...)
	}
	dst = append(dst, s...)
	return append(dst, 's')
}

// titleCase capitalises the first letter of every space-separated word.
func titleCase(b []byte) {
	start := true
	for i, c := range b {
		if start {
			b[i] = upper(c)
		}
		start = c == ' '
	}
}

// appendSlug appends the URL slug of s: lower case, apostrophes dropped,
// every other run of non-alphanumerics one hyphen, no hyphen at either end.
func appendSlug(dst, s []byte) []byte {
	pending := false
	start := len(dst)
	for _, c := range s {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'':
			continue
		default:
			pending = true
			continue
		}
		if pending && len(dst) > start {
			dst = append(dst, '-')
		}
		pending = false
		dst = append(dst, c)
	}
	return dst
}
