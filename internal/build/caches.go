package build

import (
	"html/template"
	"time"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/render"
)

// caches holds what earlier runs of the pipeline made, for later runs to
// reuse. The rules, as esbuild's internal/cache/cache.go writes them down:
//
//  1. A cached value depends only on the inputs of the step that made it, and
//     its key is a hash of exactly those inputs and the options that shape the
//     result (package key hashes Go values mechanically, so no list of "the
//     fields that matter" is kept anywhere). Equal key, equal value.
//  2. Cached values are immutable once stored: a step that needs something
//     else makes a new value. Steps share values by pointer, and an unchanged
//     pointer is an unchanged value.
//  3. Collect, then write: a run with errors writes nothing and changes no
//     cache that describes the output (outputs below), so the next run
//     compares against what the sink really holds.
//  4. Only the goroutine that owns the Builder reads or writes these maps;
//     workers return results that this goroutine stores.
//
// The proof is TestDifferential: random edit sequences, and after each step
// the output equals a fresh build of the same files, byte for byte.
type caches struct {
	// files is every source file by path. Key: the path. Invariant: hash
	// is key.Bytes of the bytes last read (or, for a page whose stamp is
	// the one the last build recorded, of the bytes it read: stamps.go),
	// and dirty is set whenever the file may have changed since (a walk,
	// or the changed list of a rebuild).
	files map[string]*file
	// pagesRead is how many pages the last parse step read from disk.
	pagesRead int
	// pagePaths lists the paths of files that are pages (or look like
	// ones), sorted; nil when a file was added or removed since. inBundle
	// holds the warnings of the pages inside another's bundle, made with it.
	pagePaths []string
	inBundle  map[string]*content.Error
	// lastPages is the last page set, and pagePos the position of each of
	// its pages: a save that changes bodies alone patches it in place.
	lastPages *pageSet
	pagePos   map[string]int

	// site is content/site.yaml, parsed. Key: siteIn (its bytes and the
	// base URL override). Invariant: site and probs are ParseSite's result
	// for those bytes.
	site siteMemo

	// tmpl is the layouts, parsed. Key: the path and hash of every layout
	// file, and Minify. Invariant: tmpl (or err) is render.Load's result
	// for exactly those files. layoutsDirty says a layout was added,
	// removed or changed since: without it the key is not even computed.
	tmpl         tmplMemo
	layoutsDirty bool

	// Parsed pages live on their file (file.parsed), and in the cache's
	// parses and bodies packs. Key: parseIn (the path, the hash of the
	// bytes, the converter options, Minify), and the image files the
	// conversion read (parsed.deps), checked to hold before any reuse.
	// Invariant: listing is content.NewPage of that source without its
	// body (what the index may read), listKey its key.Of; the body, in
	// memory or in the cache, is the converted document, and bodyKey its
	// key. The drawing tools (fonts, logo, words) are kept in Builder.draw
	// with their own key and invariant (fonts.go).
	// parseOpts is the key of the options of the last parse: while it
	// stays, only files that may have changed are read again.
	parseOpts key.Sum
	mdOpts    markdown.Options // the converter's options of the last parse

	// pageSet holds the key of the last set of pages: their paths and
	// listing keys, in path order. Key and value are one: it is the hash of
	// those lists, kept to be compared, not hashed again, on every save.
	pageSet struct {
		paths    []string
		listKeys []key.Sum
		key      key.Sum
	}

	// index is the last index. Key: indexIn (the site, the options, every
	// listing's key). Invariant: idx is content.NewIndex of those listings,
	// valid while Now stays before validUntil (the first date that turns a
	// scheduled article into a published one).
	index indexMemo

	// related holds the last related-article lists. Key: key.Of the
	// content.Topology they were computed from.
	related struct {
		key  key.Sum
		rels [][]int32
	}

	// assets is the table of published files. Key: assetsIn (every static
	// file and page resource with its hash and image size, the bundles,
	// Fingerprint). assetsDirty says a static file or resource was added,
	// removed or changed since; with it unset and the pages' key the one
	// the memo was made with, the inputs are known equal without a look.
	assets      assetsMemo
	assetsDirty bool

	// artifacts is the list of PDFs and cards of the last index. Key: the
	// index key and the options that change them. Invariant: each
	// artifact's key is key.Of its drawing code's version and its whole
	// input; its size is the size of the bytes made for that key.
	artifacts artifactsMemo
	// published is the artifact set folio serve serves (see lazy.go).
	published *artifactSet

	// plan is the last plan. Key: planIn (index, assets and artifacts keys,
	// options). Invariant: jobs hold every output of a build of those
	// inputs; a job's static key covers everything it reads but bodies and
	// templates; finals[i] is the final key of job i for the body keys in
	// bodyKeys and the templates key finalsTmpl (nil when unknown).
	plan *plan

	// cards holds each article card's HTML. Key: the templates' key and
	// the card's key. Entries no plan uses are dropped after each run.
	cards map[key.Sum]template.HTML

	// outputs describes what the sink holds, by output path. Key: the
	// path. Invariant: the file there was made by a job whose final key is
	// key, and its bytes hash to hash. Changed only after a successful write.
	outputs map[string]outputState

	// checks holds the problems found by jobs that only check (LinkedIn
	// posts, links). Key: the job's final key. Entries no plan uses are
	// dropped after each run.
	checks map[key.Sum]content.Problems
}

func (c *caches) reset() {
	*c = caches{
		files:   map[string]*file{},
		cards:   map[key.Sum]template.HTML{},
		outputs: map[string]outputState{},
		checks:  map[key.Sum]content.Problems{},
	}
}

type siteMemo struct {
	key   key.Sum
	site  *content.Site // nil when site.yaml has errors
	probs content.Problems
	skey  key.Sum // key.Of(site)
}

type tmplMemo struct {
	key  key.Sum
	tmpl *render.Templates
	err  error
}

type indexMemo struct {
	key        key.Sum
	idx        *content.Index
	probs      content.Problems
	validUntil time.Time
}

type assetsMemo struct {
	key    key.Sum
	pages  key.Sum // the pages' key (bundles come from the listings)
	assets *render.Assets
	files  []published
	probs  content.Problems
}

type artifactsMemo struct {
	in  key.Sum
	set *artifactSet
}

// outputState is what the sink holds at one path.
type outputState struct {
	key  key.Sum // final key of the job that made it
	hash uint64  // of its bytes
}

// compact drops from the cache's packs the entries the site no longer uses
// (pages, artifacts and parsed pages of no current job, artifact or file),
// once they weigh more than those it uses; see cache.Pack.Compact.
func (b *Builder) compact() {
	if b.store == nil {
		return
	}
	var pages, arts, parses, checks, bodies []key.Sum
	if pl := b.c.plan; pl != nil && pl.finals != nil {
		for i, j := range pl.jobs {
			switch j.kind {
			case jobPage, jobData:
				pages = append(pages, pl.finals[i])
			case jobCheck:
				checks = append(checks, pl.finals[i])
			}
		}
	}
	if set := b.c.artifacts.set; set != nil {
		for _, a := range set.arts {
			arts = append(arts, a.key)
		}
	}
	for _, f := range b.c.files {
		if f.parsed != nil {
			parses = append(parses, f.parsed.key)
			bodies = append(bodies, f.parsed.bodyKey)
		}
	}
	// Only a pack whose live entries are known is compacted; a failed
	// compaction leaves the pack as it was.
	if b.c.plan != nil && b.c.plan.finals != nil {
		_ = b.pages.Compact(pages)
		_ = b.checks.Compact(checks)
	}
	if b.c.artifacts.set != nil && b.blobs.files != nil {
		live := make(map[key.Sum]bool, len(arts))
		for _, k := range arts {
			live[k] = true
		}
		b.blobs.files.Keep(live)
	}
	if len(parses) > 0 {
		_ = b.parses.Compact(parses)
		_ = b.bodies.Compact(parses)
		_ = b.terms.Compact(bodies)
	}
}
