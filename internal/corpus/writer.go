package corpus

import (
	"math/rand/v2"
	"strconv"
)

// writer appends generated Markdown to buf and counts the words it wrote,
// which is what lets an article aim at a word-count target without
// re-scanning its text.
type writer struct {
	r      *rand.Rand
	buf    []byte
	words  int
	topics []string // the article's own topics, for /topics/ links
	slugs  []string // earlier articles' slugs, for /articles/ links
	plain  bool     // no bold, emphasis or links (front matter summary)
}

func (w *writer) pick(list []string) string { return list[w.r.IntN(len(list))] }

func (w *writer) str(s string) { w.buf = append(w.buf, s...) }

// countFrom adds the words written since start: text is single-spaced and
// link destinations hold no spaces, so words are spaces plus one.
func (w *writer) countFrom(start int) {
	n := 1
	for _, c := range w.buf[start:] {
		if c == ' ' {
			n++
		}
	}
	w.words += n
}

// nounPhrase writes "[determiner] [adjective] noun" and reports whether it
// is plural, so that the caller can agree its verb.
func (w *writer) nounPhrase(plural bool) {
	n := w.pick(nouns)
	adj := ""
	if w.r.Float64() < 0.45 {
		adj = w.pick(adjs)
	}
	first := n
	if adj != "" {
		first = adj
	}
	if plural {
		w.str(w.pick(pluralDets))
	} else {
		det := w.pick(singularDets)
		if det == "a " && isVowel(first[0]) {
			det = "an "
		}
		w.str(det)
	}
	if adj != "" {
		w.str(adj)
		w.str(" ")
	}
	if plural {
		w.buf = appendPlural(w.buf, n)
	} else {
		w.str(n)
	}
}

func (w *writer) anyNounPhrase() bool {
	plural := w.r.Float64() < 0.35
	w.nounPhrase(plural)
	return plural
}

// object writes a noun phrase that is sometimes bold, emphasised or a link:
// the inline markup a Markdown renderer must handle in running text.
func (w *writer) object() bool {
	plural := w.r.Float64() < 0.35
	x := w.r.Float64()
	switch {
	case w.plain || x >= 0.14:
		w.nounPhrase(plural)
	case x < 0.06:
		w.str("**")
		w.nounPhrase(plural)
		w.str("**")
	case x < 0.11:
		w.str("_")
		w.nounPhrase(plural)
		w.str("_")
	default:
		w.str("[")
		start := len(w.buf)
		w.nounPhrase(plural)
		end := len(w.buf)
		switch y := w.r.Float64(); {
		case len(w.slugs) > 0 && y < 0.5:
			w.str("](/articles/")
			w.str(w.pick(w.slugs))
			w.str("/)")
		case y < 0.75:
			w.str("](/topics/")
			w.str(w.pick(w.topics))
			w.str("/)")
		default:
			w.str("](https://")
			w.str(w.pick(linkHosts))
			w.str("/")
			w.buf = appendSlug(w.buf, w.buf[start:end])
			w.str(")")
		}
	}
	return plural
}

func (w *writer) verb3() { w.buf = appendPlural(w.buf, w.pick(verbs)) }

// sentence writes one sentence from one of nine frames, capitalised and
// ending in a full stop unless stop is false (bullets have none).
func (w *writer) sentence(stop bool) {
	start := len(w.buf)
	switch w.r.IntN(9) {
	case 0:
		w.str(w.pick(openers))
		w.str(", ")
		w.nounPhrase(false)
		w.str(" ")
		w.str(w.pick(advs))
		w.str(" ")
		w.verb3()
		w.str(" ")
		w.object()
	case 1:
		w.str("if you ")
		w.str(w.pick(verbs))
		w.str(" ")
		w.object()
		w.str(", ")
		w.anyNounPhrase()
		w.str(" will ")
		w.str(w.pick(verbs))
		w.str(" ")
		w.anyNounPhrase()
	case 2:
		w.str("the goal is not to ")
		w.str(w.pick(verbs))
		w.str(" ")
		w.object()
		w.str(" but to ")
		w.str(w.pick(verbs))
		w.str(" ")
		w.anyNounPhrase()
	case 3:
		w.nounPhrase(false)
		w.str(" ")
		w.str(w.pick(advs))
		w.str(" ")
		w.verb3()
		w.str(" ")
		w.object()
		w.str(" when ")
		w.nounPhrase(false)
		w.str(" feels ")
		w.str(w.pick(adjs))
	case 4:
		w.str("ask yourself whether ")
		if w.object() {
			w.str(" are ")
		} else {
			w.str(" is ")
		}
		w.str(w.pick(adjs))
		w.str(" or merely ")
		w.str(w.pick(adjs))
	case 5:
		w.nounPhrase(false)
		adj := w.pick(adjs)
		if isVowel(adj[0]) {
			w.str(" is an ")
		} else {
			w.str(" is a ")
		}
		w.str(adj)
		w.str(" ")
		w.str(w.pick(nouns))
		w.str(", and ")
		w.nounPhrase(true)
		w.str(" ")
		w.str(w.pick(verbs))
		w.str(" it")
	case 6:
		w.str("you can ")
		w.str(w.pick(verbs))
		w.str(" ")
		w.object()
		w.str(" before ")
		w.nounPhrase(false)
		w.str(" becomes ")
		w.str(w.pick(adjs))
	case 7:
		w.nounPhrase(false)
		w.str(" ")
		w.verb3()
		w.str(" ")
		w.object()
		w.str(", because ")
		w.nounPhrase(false)
		w.str(" ")
		w.verb3()
		w.str(" ")
		w.anyNounPhrase()
	default:
		w.str("notice how ")
		w.nounPhrase(false)
		w.str(" ")
		w.str(w.pick(advs))
		w.str(" ")
		w.verb3()
		w.str(" ")
		w.object()
	}
	if stop {
		w.str(".")
	}
	w.buf[start] = upper(w.buf[start])
	w.countFrom(start)
}

// paragraph writes lo..hi sentences on one line.
func (w *writer) paragraph(lo, hi int) {
	n := lo + w.r.IntN(hi-lo+1)
	for i := range n {
		if i > 0 {
			w.str(" ")
		}
		w.sentence(true)
	}
}

// bullet writes the text of one list item (without its marker).
func (w *writer) bullet() {
	start := len(w.buf)
	switch w.r.IntN(4) {
	case 0:
		w.str(w.pick(headVerbs))
		w.str(" ")
		w.anyNounPhrase()
		w.str(" ")
		w.str(w.pick(advs))
	case 1:
		w.str("**")
		w.str(w.pick(adjs))
		w.str(" ")
		w.str(w.pick(nouns))
		w.str("** before ")
		w.anyNounPhrase()
	case 2:
		w.anyNounPhrase()
		w.str(" that ")
		w.nounPhrase(false)
		w.str(" ")
		w.verb3()
		w.str(" ")
		w.anyNounPhrase()
	default:
		w.sentence(false)
		return // sentence counted its own words
	}
	// Bold bullets start with "**", so capitalise the first letter.
	i := start
	for w.buf[i] == '*' {
		i++
	}
	w.buf[i] = upper(w.buf[i])
	w.countFrom(start)
}

// heading writes "## n. Verb Possessive Nouns".
func (w *writer) heading(n int) {
	w.str("## ")
	w.buf = strconv.AppendInt(w.buf, int64(n), 10)
	w.str(". ")
	start := len(w.buf)
	w.str(w.pick(headVerbs))
	w.str(" ")
	w.str(w.pick(possessives))
	w.str(" ")
	noun := len(w.buf)
	w.buf = appendPlural(w.buf, w.pick(nouns))
	titleCase(w.buf[noun:])
	w.countFrom(start)
}
