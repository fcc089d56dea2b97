// Package search writes the site's search index at build time: a small
// manifest, the inverted index cut into shards by term, and the documents in
// chunks. static/js/search.js loads the manifest, then only the shards of the
// terms a reader types and the chunks of the results it shows, as Pagefind
// does, so a search of 10,000 articles downloads a small part of the index
// and needs no server. The package is pure: documents in, files out.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"

	"sort"
	"strings"
	"sync"

	"github.com/peeplcoach/folio/internal/key"
)

// Version is written into the manifest; search.js refuses another.
const Version = 1

// Field weights, as bit flags of a posting: where in a document a term is.
const (
	inText    = 1
	inSummary = 2
	inTopic   = 4
	inTitle   = 8
)

// shardTarget is the size a shard of the inverted index grows to before the
// next one starts (a term with more postings makes a larger shard alone):
// small enough that a query downloads little, large enough that a site of
// 10,000 articles has several hundred files, not tens of thousands.
const shardTarget = 16 << 10

// chunkSize is how many documents share a file of results: a page of ten
// results downloads at most ten such files, of two or three kilobytes each.
const chunkSize = 10

// Doc is one document to index: an article.
type Doc struct {
	URL     string
	Title   string
	Summary string
	Date    string // ISO 8601 date: "2025-03-14"
	// DateText is the date as the site writes it for readers: "14 March 2025".
	DateText string
	Topics   []string
	HTML     string // the body, whose text is indexed
}

// File is one file of the index, by its path under the site's root.
type File struct {
	Path string // "search/index.json", "search/t/3f9a….json"
	Data []byte
}

// Manifest is search/index.json, which search.js reads first.
type Manifest struct {
	Version int `json:"v"`
	Docs    int `json:"docs"`
	Chunk   int `json:"chunk"`
	// Shards lists each shard's first term and file name, in term order:
	// the shard of a term is the last whose first term is not after it.
	Shards [][2]string `json:"shards"`
	// Chunks are the files of documents chunkSize at a time, in order;
	// each document is [URL, title, summary, ISO date, date for readers].
	Chunks []string `json:"chunks"`
}

// Build indexes docs (in the order results break ties in: newest first) and
// returns the files of the index, the manifest first. File names carry a
// hash of their content, so a browser never mixes files of two builds and a
// rebuild rewrites only the shards that changed. workers bounds parallelism.
func Build(docs []Doc, workers int) []File {
	files, _ := BuildFrom(docs, func(i int) (string, error) { return docs[i].HTML, nil }, workers)
	return files
}

// batch is how many documents BuildFrom reads and splits into terms at a
// time: their bodies and term sets are let go before the next batch, so an
// index of 10,000 articles never holds every body, or every document's
// terms, at once.
const batch = 256

// BuildFrom is Build with each document's body given by html(i) rather than
// Doc.HTML, asked for a batch of documents at a time, in parallel: a
// caller that keeps bodies elsewhere (folio's cache) holds a few hundred in
// memory, not all. The first error of html stops the build.
func BuildFrom(docs []Doc, html func(i int) (string, error), workers int) ([]File, error) {
	return BuildTerms(docs, func(i int) ([]byte, error) {
		h, err := html(i)
		if err != nil {
			return nil, err
		}
		return TextTerms(h), nil
	}, workers)
}

// TextTerms returns the terms of the text of an HTML body (its tags dropped,
// character references resolved), each once, sorted, each ended by a
// newline, which no term holds. It is all the index reads of a body: a
// caller that keeps it beside the body (folio's cache, by the body's key)
// builds the index again after one body changed by reading 10,000 short
// lists, not by decoding and splitting 10,000 bodies.
func TextTerms(html string) []byte {
	seen := make(map[string]struct{}, 512)
	forEachTerm(textOfHTML(html), func(t []byte) {
		if _, ok := seen[string(t)]; !ok { // no allocation for a term seen before
			seen[string(t)] = struct{}{}
		}
	})
	terms := make([]string, 0, len(seen))
	n := 0
	for t := range seen {
		terms = append(terms, t)
		n += len(t) + 1
	}
	sort.Strings(terms)
	out := make([]byte, 0, n)
	for _, t := range terms {
		out = append(out, t...)
		out = append(out, '\n')
	}
	return out
}

// BuildTerms is BuildFrom with each document's body given by the terms of
// its text, as TextTerms returns them: the files are those Build makes of the
// same documents, byte for byte. text is asked for a batch of documents at a
// time, in parallel; the bytes it returns are not kept. The first error of
// text stops the build.
func BuildTerms(docs []Doc, text func(i int) ([]byte, error), workers int) ([]File, error) {
	// The inverted index: term → its postings in document order, by the
	// number of its list (a lookup by a term's bytes allocates nothing; an
	// assignment would copy them into a new string every time).
	postings := map[string]int{}
	var lists [][]uint32
	add := func(t []byte, p uint32) {
		if n, ok := postings[string(t)]; ok {
			lists[n] = append(lists[n], p)
			return
		}
		postings[string(t)] = len(lists)
		lists = append(lists, []uint32{p})
	}
	fields := make(map[string]uint8, 64) // one document's, reused
	texts := make([][]byte, batch)
	errs := make([]error, batch)
	for lo := 0; lo < len(docs); lo += batch {
		hi := min(lo+batch, len(docs))
		parallel(hi-lo, workers, func(i int) {
			texts[i], errs[i] = text(lo + i)
		})
		for i := range hi - lo {
			if errs[i] != nil {
				return nil, errs[i]
			}
		}
		for i, tt := range texts[:hi-lo] {
			id := uint32(lo+i) << 4
			// The short fields' terms, with where they are; a text term
			// takes its flags from here, and what is left is added after.
			clear(fields)
			fieldTerms(fields, &docs[lo+i])
			for len(tt) > 0 {
				nl := bytes.IndexByte(tt, '\n')
				if nl < 0 {
					return nil, fmt.Errorf("search: the text terms of %s are not ended by a newline", docs[lo+i].URL)
				}
				t := tt[:nl]
				tt = tt[nl+1:]
				flags := uint32(inText)
				if f, ok := fields[string(t)]; ok {
					flags |= uint32(f)
					fields[string(t)] = f | done
				}
				add(t, id|flags)
			}
			for t, f := range fields {
				if f&done == 0 {
					add([]byte(t), id|uint32(f))
				}
			}
			texts[i] = nil // done with it: let the collector have it
		}
	}
	terms := make([]string, 0, len(postings))
	for t := range postings {
		terms = append(terms, t)
	}
	sort.Strings(terms)

	var files []File
	m := Manifest{Version: Version, Docs: len(docs), Chunk: chunkSize}
	var shard []byte
	first := ""
	flush := func() {
		if len(shard) == 0 {
			return
		}
		shard = append(shard, '}')
		name := hashed(shard)
		files = append(files, File{Path: shardDir + name, Data: shard})
		m.Shards = append(m.Shards, [2]string{first, name})
		shard = nil
	}
	for _, t := range terms {
		if len(shard) == 0 {
			shard, first = append(shard, '{'), t
		} else {
			shard = append(shard, ',')
		}
		shard = appendPostings(shard, t, lists[postings[t]])
		if len(shard) >= shardTarget {
			flush()
		}
	}
	flush()

	for lo := 0; lo < len(docs); lo += chunkSize {
		hi := min(lo+chunkSize, len(docs))
		rows := make([][5]string, 0, hi-lo)
		for _, d := range docs[lo:hi] {
			rows = append(rows, [5]string{d.URL, d.Title, d.Summary, d.Date, d.DateText})
		}
		data, _ := json.Marshal(rows) // strings only: cannot fail
		name := hashed(data)
		files = append(files, File{Path: chunkDir + name, Data: data})
		m.Chunks = append(m.Chunks, name)
	}
	manifest, _ := json.Marshal(m)
	return append([]File{{Path: "search/index.json", Data: manifest}}, files...), nil
}

// appendPostings writes "term":"…": the postings as one string of
// variable-length numbers. Each posting is the difference of its document
// number from the one before, times 16, plus its field flags; a number is
// written five bits to a character, low bits first, from an alphabet of 64
// characters that JSON needs not escape, the sixth bit saying "more follows".
// A term in most documents costs one byte a document.
func appendPostings(dst []byte, term string, ps []uint32) []byte {
	q, _ := json.Marshal(term)
	dst = append(dst, q...)
	dst = append(dst, ':', '"')
	prev := uint32(0)
	for _, p := range ps {
		id := p >> 4
		v := (id-prev)<<4 | p&15
		for v >= 32 {
			dst = append(dst, digits[32|v&31])
			v >>= 5
		}
		dst = append(dst, digits[v])
		prev = id
	}
	return append(dst, '"')
}

// digits are the characters of the postings' numbers: 0–31 end a number,
// 32–63 carry five bits with more to come.
const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// Hashed reports whether path is a file of the index named by a hash of its
// content (a shard or a chunk), whose name changes whenever what it holds
// does: no page can link to one for long.
func Hashed(path string) bool {
	return strings.HasPrefix(path, shardDir) || strings.HasPrefix(path, chunkDir)
}

// The folders of shards and chunks, under the site's root.
const (
	shardDir = "search/t/"
	chunkDir = "search/d/"
)

func hashed(data []byte) string {
	return fmt.Sprintf("%016x.json", key.Bytes(data))
}

// done marks, in fieldTerms' map, a term BuildTerms found in the text too.
const done = 16

// fieldTerms puts into seen the terms of a document's title, summary and
// topics, each with where in them it is.
func fieldTerms(seen map[string]uint8, d *Doc) {
	add := func(s string, flag uint8) {
		forEachTerm(s, func(t []byte) {
			old, ok := seen[string(t)] // no allocation for a term seen before
			if !ok || old|flag != old {
				seen[string(t)] = old | flag
			}
		})
	}
	add(d.Title, inTitle)
	add(d.Summary, inSummary)
	for _, t := range d.Topics {
		add(t, inTopic)
	}
}

// parallel runs fn(0) … fn(n-1) on up to workers goroutines.
func parallel(n, workers int, fn func(i int)) {
	workers = max(1, min(workers, n))
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
