// Package build is folio's orchestrator. A long-lived Builder runs one
// pipeline of steps for every build: folio build, a warm build, and each of
// folio serve's rebuilds run the same steps, in this order:
//
//	load       find the files of content/, layouts/ and static/; hash what changed
//	parse      site.yaml, layouts, and Markdown pages in parallel
//	index      drafts, topics, series, related articles, redirects
//	assets     the files copied into the output, and their published URLs
//	artifacts  checklist PDFs and share cards, made once and kept in the cache
//	plan       every output file as a job: its inputs, their key, how to make it
//	render     the jobs whose key changed, in parallel, into memory or staging
//	write      only when nothing failed: the changed files, and removals
//
// Each step is memoised on exactly what it reads: its key is a hash of its
// inputs (package key), and when the key is the one of the last run the step
// hands back what it made then. caches.go writes down every cache, its key
// and its invariant. The Builder knows nothing of fsnotify or HTTP.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/cache"
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/output"
)

// Options are the choices of a build.
type Options struct {
	Drafts  bool   // publish draft: true pages
	Future  bool   // publish articles dated in the future
	BaseURL string // overrides site.yaml's base_url (Netlify deploy previews)
	Minify  bool   // minify HTML, CSS, JS, SVG, XML and JSON
	// Fingerprint puts a content hash in CSS and JS file names. The dev server
	// turns it off so that a stylesheet edit changes one file, not every page.
	Fingerprint bool
	Serve       bool // building for folio serve: mark drafts, scheduled pages
	Preview     bool // a deploy preview: a banner on every page, noindex, an X-Robots-Tag header
	// Now decides what is in the future; time.Now if nil. It shapes the
	// index only through which dates are past (see caches.index).
	Now     func() time.Time `key:"-"`
	Workers int              `key:"-"` // parallel workers; 4 × GOMAXPROCS if 0
	// CacheDir keeps checklist PDFs and share cards between builds; empty
	// makes them anew each build and keeps them in memory.
	CacheDir string `key:"-"`
	// BeforeWrite, when set, is called once a rebuild has succeeded and
	// before it changes anything in the sink: folio build marks its
	// journal there (see output.State).
	BeforeWrite func() error `key:"-"`
}

// Sink receives the output files. Implementations must accept concurrent calls
// for different paths.
type Sink interface {
	WriteFile(path string, data []byte) error
	RemoveFile(path string) error
}

// A Linker is a Sink (or a Stage) that can put a cache file at a path by a
// hard link, where the file system allows: PDFs and cards are published so,
// in microseconds. Cache files are read-only and verified before each use
// (cache.Files), so a published file written to cannot pass for the cache's.
type Linker interface {
	LinkFile(path, src string) error
}

// A Stager is a Sink that can stage a rebuild's files: what is written to the
// Stage it returns shows at the published paths only on Commit, so a rebuild
// that fails leaves the sink as it was. A Sink that is no Stager gets a
// rebuild's files from memory once the rebuild has succeeded.
type Stager interface {
	Sink
	Stage() (output.Stage, error)
}

// Report says what a build did.
type Report struct {
	Pages     int      // HTML pages in the site
	Files     int      // files in the site
	Bytes     int64    // bytes of the files written (all of them on a full build)
	Converted int      // Markdown files converted (the rest came from the cache)
	Rendered  int      // pages rendered (the rest came from the cache, or were unchanged)
	Written   int      // files written because their bytes changed
	Removed   int      // files removed because nothing produces them any more
	Changed   []string // URL paths of the files written or removed, sorted
	Warnings  []error  // problems that did not stop the build, sorted
	// NextScheduled is the article held back for its date that comes out
	// first, or nil: the owner sees when the next build must run.
	NextScheduled *content.Page
	Timings       []Timing      // time spent in each step
	Duration      time.Duration // the whole build
}

// Timing is the time a step took.
type Timing struct {
	Phase    string
	Duration time.Duration
}

// Builder builds one site again and again. Its methods must not be called
// concurrently: one goroutine (the command, or the dev server's loop) owns it
// and all the state below; ArtifactFile alone may be called from any
// goroutine.
type Builder struct {
	fsys    fs.FS
	opts    Options
	min     *output.Minifier
	optsKey key.Sum  // key.Of(opts): part of every job's final key
	draw    *drawing // fonts, logo and words of the PDFs and cards (fonts.go)

	// The persistent cache (nil without Options.CacheDir): artifacts in
	// blobs (in memory without a cache folder), rendered files in pages,
	// parsed pages in parses (all but the body) and bodies.
	store  *cache.Store
	blobs  blobs
	pages  *cache.Pack
	parses *cache.Pack
	bodies *cache.Pack
	checks *cache.Pack // problems found by check jobs, by their final key
	terms  *cache.Pack // the search terms of bodies, by their body key (search.go)

	c caches // what earlier runs made; see caches.go

	stamps *stampTable // the pages' stamps of the last build (stamps.go)

	// lazy makes and serves the artifacts of folio serve (nil otherwise).
	lazy *lazy
}

// New returns a Builder for the site in fsys (the folder holding content/,
// layouts/ and static/).
func New(fsys fs.FS, opts Options) (*Builder, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Workers <= 0 {
		// Workers read and write files as well as compute: while some wait
		// on the disk, others keep the cores busy. Four per core keeps both
		// busy without holding many pages in memory at once.
		opts.Workers = 4 * runtime.GOMAXPROCS(0)
	}
	b := &Builder{fsys: fsys, opts: opts, min: output.NewMinifier(), optsKey: key.Of(opts)}
	b.c.reset()
	if opts.CacheDir != "" {
		store, err := cache.Open(opts.CacheDir, codeVersion())
		if err != nil {
			return nil, err
		}
		b.store = store
		// Artifacts are keyed by the version of the code that draws them
		// (pdf.Version, the card's): they outlive an upgrade of folio.
		if b.blobs.files, err = store.Files("artifacts"); err != nil {
			store.Close()
			return nil, err
		}
		for kind, p := range map[string]**cache.Pack{"pages": &b.pages, "parses": &b.parses, "bodies": &b.bodies, "checks": &b.checks, "terms": &b.terms} {
			if *p, err = store.Pack(kind); err != nil {
				store.Close()
				return nil, err
			}
		}
	}
	if opts.Serve {
		b.lazy = newLazy(b)
	}
	return b, nil
}

// Close stops the background work of folio serve, and drops from the cache
// the entries the site no longer uses once they weigh more than the rest.
func (b *Builder) Close() error {
	if b.lazy != nil {
		b.lazy.close()
	}
	if b.store == nil {
		return nil
	}
	b.compact()
	return b.store.Close()
}

// ArtifactFile returns the bytes of a checklist PDF or share card by its URL
// path ("/articles/a/card.png"), for folio serve, which makes them when first
// asked for rather than before serving. It is safe for concurrent use.
func (b *Builder) ArtifactFile(urlPath string) ([]byte, bool) {
	if b.lazy == nil {
		return nil, false
	}
	data, ok, err := b.lazy.get(urlPath)
	return data, ok && err == nil
}

// Build builds the whole site into sink, which must start empty. What earlier
// builds of this Builder made is reused where its inputs are unchanged.
func (b *Builder) Build(ctx context.Context, sink Sink) (*Report, error) {
	b.c.outputs = map[string]outputState{} // the sink is empty
	return b.run(ctx, sink, nil, true)
}

// Rebuild brings the site in sink up to date after the given source files
// changed (slash-separated paths relative to the site folder; a folder stands
// for everything in it). The sink must hold the output of the previous build
// of this Builder. When the rebuild fails, sink is left as it was.
func (b *Builder) Rebuild(ctx context.Context, sink Sink, changed []string) (*Report, error) {
	return b.run(ctx, sink, changed, false)
}

// Resume tells the Builder what the sink holds: the key of the job that made
// each file, as Outputs returned it after an earlier successful build (kept
// by output.State). A Rebuild then writes only the files whose key changed
// and removes those no job makes any more.
func (b *Builder) Resume(files map[string]key.Sum) {
	b.c.outputs = make(map[string]outputState, len(files))
	for p, k := range files {
		b.c.outputs[p] = outputState{key: k}
	}
}

// Outputs returns what the sink holds after the last successful build: the
// key of the job that made each file.
func (b *Builder) Outputs() map[string]key.Sum {
	files := make(map[string]key.Sum, len(b.c.outputs))
	for p, o := range b.c.outputs {
		files[p] = o.key
	}
	return files
}

// Errors is a failed build's list of problems, each naming a file and line,
// with the warnings found on the way: a writer sees everything at once.
type Errors struct {
	List     []error
	Warnings []error
}

func (e *Errors) Error() string {
	return errors.Join(e.List...).Error()
}

// Unwrap returns the problems, for errors.As.
func (e *Errors) Unwrap() []error { return e.List }

// Summary is the one line a build prints.
func (r *Report) Summary() string {
	return fmt.Sprintf("%d pages, %d files, %s in %s", r.Pages, r.Files, humanBytes(r.Bytes), r.Duration.Round(time.Millisecond))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func trimSlash(s string) string { return strings.TrimRight(s, "/") }
