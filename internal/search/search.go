// Package search writes the site's search index at build time: a small
// manifest, the inverted index cut into shards by term, and the documents in
// chunks. static/js/search.js loads the manifest, then only the shards of the
// terms a reader types and the chunks of the results it shows, as Pagefind
// does, so a search of 10,000 articles downloads a small part of the index
// and needs no server. The package is pure: documents in, files out.
package search

import (
	"encoding/json"
	"fmt"

	"sort"
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
	// The inverted index: term → postings in document order.
	postings := map[string][]uint32{}
	perDoc := make([]docTerms, batch)
	errs := make([]error, batch)
	for lo := 0; lo < len(docs); lo += batch {
		hi := min(lo+batch, len(docs))
		parallel(hi-lo, workers, func(i int) {
			d := docs[lo+i]
			d.HTML, errs[i] = html(lo + i)
			perDoc[i] = termsOf(&d)
		})
		for i := range hi - lo {
			if errs[i] != nil {
				return nil, errs[i]
			}
		}
		for i, dt := range perDoc[:hi-lo] {
			id := lo + i
			for t, flags := range dt {
				postings[t] = append(postings[t], uint32(id)<<4|uint32(flags))
			}
			perDoc[i] = nil // done with it: let the collector have it
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
		files = append(files, File{Path: "search/t/" + name, Data: shard})
		m.Shards = append(m.Shards, [2]string{first, name})
		shard = nil
	}
	for _, t := range terms {
		if len(shard) == 0 {
			shard, first = append(shard, '{'), t
		} else {
			shard = append(shard, ',')
		}
		shard = appendPostings(shard, t, postings[t])
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
		files = append(files, File{Path: "search/d/" + name, Data: data})
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

func hashed(data []byte) string {
	return fmt.Sprintf("%016x.json", key.Bytes(data))
}

// docTerms are a document's terms, each with where in it the term is. The
// merge in Build takes documents in order, so the order of a map is fine.
type docTerms map[string]uint8

func termsOf(d *Doc) docTerms {
	seen := make(map[string]uint8, 512)
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
	add(textOfHTML(d.HTML), inText)
	return seen
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
