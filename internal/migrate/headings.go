package migrate

import (
	"regexp"
	"strings"
)

// atxHeading matches an ATX heading line: up to three spaces, then 1 to 6 #s
// and a space or the line's end.
var atxHeading = regexp.MustCompile(`^( {0,3})(#{1,6})([ \t]|$)`)

// raiseHeadings raises every ATX heading of a body whose highest heading is
// below ## so that it is ##: a post that starts its sections at ### (its
// old theme styled them so) would skip a level after the page's title, the
// one h1, which HTML forbids. No line is added or removed. It returns the
// text and how many levels the headings went up.
func raiseHeadings(text string) (string, int) {
	lines := strings.Split(text, "\n")
	top := 7
	var fence string
	var at []int
	for i, l := range lines {
		if f := fenceOf(l); f != "" {
			if fence == "" {
				fence = f
			} else if f[0] == fence[0] && len(f) >= len(fence) {
				fence = ""
			}
			continue
		}
		if fence != "" {
			continue
		}
		if m := atxHeading.FindStringSubmatch(l); m != nil {
			top = min(top, len(m[2]))
			at = append(at, i)
		} else if i > 0 && strings.TrimSpace(lines[i-1]) != "" && isSetextUnderline(l) {
			return text, 0 // a setext heading is h1 or h2: nothing skips
		}
	}
	if top <= 2 || top == 7 {
		return text, 0
	}
	by := top - 2
	for _, i := range at {
		m := atxHeading.FindStringSubmatchIndex(lines[i])
		lines[i] = lines[i][:m[4]] + lines[i][m[4]+by:]
	}
	return strings.Join(lines, "\n"), by
}

// isSetextUnderline reports whether a line is a run of = or - alone.
func isSetextUnderline(l string) bool {
	t := strings.TrimSpace(l)
	return len(t) > 0 && (strings.Trim(t, "=") == "" || strings.Trim(t, "-") == "" && !strings.Contains(l, " - "))
}
