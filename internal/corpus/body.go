package corpus

import "math/rand/v2"

const (
	sections = 7
	// reserve is about the closing paragraph plus the last section's
	// overshoot, kept back so the total lands near the target.
	reserve = 40
	// minWords is a floor the closing paragraph tops up to: benchmarks
	// should not meet a short outlier.
	minWords = 900
)

// body writes the article body after the front matter: about target words,
// with target drawn from 950..1200, never fewer than minWords.
func (w *writer) body() {
	r := w.r
	target := 950 + r.IntN(251)
	w.words = 0

	w.paragraph(4, 6)
	w.str("\n\n")
	w.paragraph(3, 5)
	intro := w.words
	per := (target - intro - reserve) / sections
	taskSec := 1 + r.IntN(sections)
	quoteSec := 1 + r.IntN(sections)

	for s := 1; s <= sections; s++ {
		w.str("\n\n")
		w.heading(s)
		w.str("\n\n")
		w.paragraph(3, 5)
		switch {
		case s == taskSec:
			w.str("\n\nBefore your next one-on-one, work through this checklist:\n\n")
			w.words += 8
			w.taskList(3 + r.IntN(3))
		case r.Float64() < 0.6:
			w.str("\n\n")
			w.bulletList(3 + r.IntN(4))
		}
		if s == quoteSec {
			w.str("\n\n")
			w.quote()
		}
		// Goals are cumulative, so one long section shortens the next
		// instead of pushing the whole article over its target.
		for goal := intro + s*per; w.words < goal; {
			w.str("\n\n")
			w.paragraph(2, 4)
		}
	}
	w.str("\n\n")
	w.paragraph(2, 4)
	for w.words < minWords {
		w.str(" ")
		w.sentence(true)
	}
	w.str("\n")
}

func (w *writer) bulletList(n int) {
	for i := range n {
		if i > 0 {
			w.str("\n")
		}
		w.str("- ")
		w.bullet()
	}
}

// taskList writes n task items with at least one ticked and one open, so
// every article exercises both states of a checkbox.
func (w *writer) taskList(n int) {
	ticked := w.r.IntN(n)
	open := (ticked + 1 + w.r.IntN(n-1)) % n
	for i := range n {
		if i > 0 {
			w.str("\n")
		}
		done := i == ticked || i != open && w.r.Float64() < 0.25
		if done {
			w.str("- [x] ")
		} else {
			w.str("- [ ] ")
		}
		w.bullet()
	}
}

func (w *writer) quote() {
	w.str("> ")
	w.sentence(true)
	w.str(" ")
	w.sentence(true)
	w.str("\n>\n> — ")
	start := len(w.buf)
	w.str(w.pick(quoteAttrs))
	w.countFrom(start)
}

// appendTitle appends a title expanded from one of titlePatterns.
func appendTitle(dst []byte, r *rand.Rand) []byte {
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	p := pick(titlePatterns)
	for i := 0; i < len(p); i++ {
		if p[i] != '{' {
			dst = append(dst, p[i])
			continue
		}
		end := i + 1
		for p[end] != '}' {
			end++
		}
		start := len(dst)
		switch p[i+1 : end] {
		case "V":
			dst = append(dst, pick(headVerbs)...)
		case "P":
			dst = append(dst, pick(possessives)...)
		case "N":
			dst = appendPlural(dst, pick(nouns))
		case "G":
			dst = append(dst, pick(gerunds)...)
		case "K":
			dst = append(dst, pick(nums)...)
		case "A":
			adj := pick(adjs)
			// "A {A} Framework": the article must agree with the adjective.
			if isVowel(adj[0]) && start >= 2 && string(dst[start-2:]) == "A " &&
				(start == 2 || dst[start-3] == ' ') {
				dst = append(dst[:start-1], "n "...)
				start++
			}
			dst = append(dst, adj...)
		case "T":
			for _, c := range []byte(pick(topics[:])) {
				if c == '-' {
					c = ' '
				}
				dst = append(dst, c)
			}
		}
		titleCase(dst[start:])
		i = end
	}
	return dst
}
