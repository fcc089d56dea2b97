package migrate

import (
	"regexp"
	"strings"
)

// atxHeading matches an ATX heading line, in block quotes too ("> ### x"):
// up to three spaces, then 1 to 6 #s and a space or the line's end.
var atxHeading = regexp.MustCompile(`^((?: {0,3}> ?)* {0,3})(#{1,6})([ \t]|$)`)

// raiseHeadings levels the ATX headings of a body so that none skips a
// level: the page's title is its one h1, so the first heading may be ## at
// most, and each one at most one deeper than the one before. All are first
// raised together until the highest is ## (a post that starts its sections
// at ###, as its old theme styled them), which keeps their relations; a
// heading still deeper than the one before plus one is then raised to that.
// No line is added or removed. It returns the text and how many headings
// changed.
func raiseHeadings(text string) (string, int) {
	lines := strings.Split(text, "\n")
	top := 7
	var fences fenceTracker
	var at []int
	for i, l := range lines {
		if fences.code(l) {
			continue
		}
		if m := atxHeading.FindStringSubmatch(l); m != nil {
			top = min(top, len(m[2]))
			at = append(at, i)
		} else if i > 0 && strings.TrimSpace(lines[i-1]) != "" && isSetextUnderline(l) {
			return text, 0 // setext headings (h1, h2) in between: left as written
		}
	}
	by := max(top-2, 0)
	prev, changed := 1, 0
	for _, i := range at {
		m := atxHeading.FindStringSubmatchIndex(lines[i])
		level := m[5] - m[4]
		want := min(level-by, prev+1)
		if want != level {
			lines[i] = lines[i][:m[4]] + strings.Repeat("#", want) + lines[i][m[5]:]
			changed++
		}
		prev = want
	}
	return strings.Join(lines, "\n"), changed
}

// isSetextUnderline reports whether a line is a run of = or - alone.
func isSetextUnderline(l string) bool {
	t := strings.TrimSpace(l)
	return len(t) > 0 && (strings.Trim(t, "=") == "" || strings.Trim(t, "-") == "" && !strings.Contains(l, " - "))
}
