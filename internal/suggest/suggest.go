// Package suggest finds what a mistyped name most likely meant, for the
// "did you mean" of unknown commands, flags, front-matter keys and templates.
package suggest

import (
	"sort"
	"strings"
)

// Nearest returns the candidate s most likely means: one that differs only in
// case, else the nearest by edit distance when it is close enough to be a
// typo (at most 3 edits, and at most a third of the word), else "". Ties go
// to the candidate that sorts first, so the answer does not depend on the
// order of candidates.
func Nearest(s string, candidates []string) string {
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		if strings.EqualFold(c, s) {
			return c
		}
	}
	best, bestDist := "", 1<<30
	lower := strings.ToLower(s)
	for _, c := range sorted {
		if d := Distance(lower, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist <= 3 && bestDist*3 <= max(len([]rune(s)), 3) {
		return best
	}
	return ""
}

// Distance is the Damerau–Levenshtein distance between a and b, counting an
// adjacent swap as one edit: "biuld" is one edit from "build".
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
