// Package corpus generates synthetic Markdown articles for benchmarks and
// load tests: a site of any size, deterministic for a seed, shaped like the
// real leadership articles.
//
// Every article has YAML front matter:
//
//	---
//	title: "How to Clarify Your Team's Boundaries Without Guessing"
//	date: 2023-04-05T13:27:41Z
//	topics:
//	  - trust
//	  - delegation
//	series: "Managing Up"
//	summary: "Notice how the clear roadmap quietly protects your goals."
//	draft: false
//	---
//
// The date lies between 2020-01-01 and 2024-12-30 (UTC), there are 2 or 3 of
// the 24 topic slugs, and about 60% of articles name one of 6 series. The body
// has 900 to 1300 words: two intro paragraphs, seven sections headed
// "## 1. …" to "## 7. …" holding paragraphs and most holding a bullet list,
// exactly one GFM task list ("- [ ]" items, at least one "- [x]"), one
// blockquote with an attribution, and a closing paragraph. Running text
// carries bold, emphasis and links: to earlier articles (/articles/<slug>/),
// to the article's topics (/topics/<topic>/) and to https://example.com,
// example.org and example.net.
//
// All text comes from the word lists in vocab.go; nothing is copied from
// real writing. It is the Go port of shared/bench/gencorpus.py: same shape,
// not the same bytes.
package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// File is one generated article.
type File struct {
	Name string // "slug.md"
	Data []byte // front matter and Markdown body, UTF-8
}

// Topics returns the 24 topic slugs articles are tagged with, so that a
// benchmark site can declare them.
func Topics() []string { return append([]string(nil), topics[:]...) }

// Series returns the 6 series names articles can belong to.
func Series() []string { return append([]string(nil), series[:]...) }

// maxLinkTargets bounds how far back internal links reach, so that each
// article's link choice costs the same however large the corpus is.
const maxLinkTargets = 500

// Generate returns n synthetic articles, deterministic for (n, seed).
// Article i depends only on (seed, i) and the slugs of articles before it
// (for de-duplication and internal links), so the first m articles are the
// same for every n ≥ m.
func Generate(n int, seed int64) []File {
	files := make([]File, 0, n)
	slugs := make([]string, 0, n)
	used := make(map[string]struct{}, n)
	var scratch []byte // reused so each File.Data is allocated once, exactly sized
	for i := range n {
		earlier := slugs[max(0, len(slugs)-maxLinkTargets):]
		var slug string
		slug, scratch = article(scratch[:0], i, seed, used, earlier)
		slugs = append(slugs, slug)
		files = append(files, File{Name: slug + ".md", Data: bytes.Clone(scratch)})
	}
	return files
}

// WriteDir writes Generate(n, seed) into dir/articles/, creating it.
func WriteDir(dir string, n int, seed int64) error {
	out := filepath.Join(dir, "articles")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	for _, f := range Generate(n, seed) {
		if err := os.WriteFile(filepath.Join(out, f.Name), f.Data, 0o644); err != nil {
			return fmt.Errorf("write corpus: %w", err)
		}
	}
	return nil
}

// splitmix64 spreads nearby seeds and indexes over the whole PCG state, so
// article i and i+1 do not start from neighbouring states.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// Article dates fall in the five years from 2020-01-01T07:00:00Z, to the
// second, so that date sorting rarely meets a tie.
const (
	firstDate = 1577862000 // 2020-01-01T07:00:00Z, Unix seconds
	dateSpan  = 5 * 365 * 24 * 60 * 60
)

// article appends article i to buf, records its slug in used and returns
// the slug and the extended buf.
func article(buf []byte, i int, seed int64, used map[string]struct{}, earlier []string) (string, []byte) {
	r := rand.New(rand.NewPCG(splitmix64(uint64(seed)), splitmix64(uint64(i))))
	w := &writer{r: r, buf: buf, slugs: earlier}

	// Titles and series come from vocab.go, which has no double quote or
	// backslash, so plain double quotes make valid YAML without escaping.
	w.str("---\ntitle: \"")
	start := len(w.buf)
	w.buf = appendTitle(w.buf, r)
	slug := uniqueSlug(w.buf[start:], used)
	w.str("\"\ndate: ")
	date := time.Unix(firstDate+r.Int64N(dateSpan), 0).UTC()
	w.buf = date.AppendFormat(w.buf, time.RFC3339)

	w.str("\ntopics:\n")
	w.topics = pickTopics(r)
	for _, t := range w.topics {
		w.str("  - ")
		w.str(t)
		w.str("\n")
	}
	if r.Float64() < 0.6 {
		w.str("series: \"")
		w.str(series[r.IntN(len(series))])
		w.str("\"\n")
	}
	w.str("summary: \"")
	w.plain = true
	w.sentence(true)
	w.plain = false
	w.str("\"\ndraft: false\n---\n\n")

	w.body()
	return slug, w.buf
}

// uniqueSlug returns the slug of title, suffixed -2, -3… if an earlier
// article already took it.
func uniqueSlug(title []byte, used map[string]struct{}) string {
	var tmp [128]byte
	base := appendSlug(tmp[:0], title)
	slug := string(base)
	for k := 2; ; k++ {
		if _, dup := used[slug]; !dup {
			break
		}
		slug = string(strconv.AppendInt(append(base, '-'), int64(k), 10))
	}
	used[slug] = struct{}{}
	return slug
}

// pickTopics returns 2 (two times in three) or 3 distinct topics.
func pickTopics(r *rand.Rand) []string {
	n := 2
	if r.IntN(3) == 0 {
		n = 3
	}
	idx := [len(topics)]int{}
	for i := range idx {
		idx[i] = i
	}
	out := make([]string, n)
	for i := range n { // partial Fisher–Yates: draw without replacement
		j := i + r.IntN(len(idx)-i)
		idx[i], idx[j] = idx[j], idx[i]
		out[i] = topics[idx[i]]
	}
	return out
}
