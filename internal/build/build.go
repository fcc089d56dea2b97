// Package build is folio's orchestrator. A long-lived Builder holds what the
// last build learned (parsed pages, templates, the output of every page) and
// runs the phases of a build in order:
//
//	load    find the files of content/, layouts/ and static/, hash what changed
//	parse   Markdown and front matter, in parallel, cached by content hash
//	index   drafts, topics, series, related articles, redirects, links: sequential
//	render  every output in parallel; a page whose view data did not change is
//	        skipped in serve mode
//	write   minify and write through a Sink; in serve mode, only what changed
//
// Build runs them all; Rebuild runs them for a list of changed files and does
// the least work that list needs. The Builder knows nothing of fsnotify or HTTP.
package build

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"sync"
	"time"

	"github.com/peeplcoach/folio/internal/cache"
	"github.com/peeplcoach/folio/internal/check"
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/output"
	"github.com/peeplcoach/folio/internal/render"
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
	Serve       bool             // building for folio serve: mark drafts, scheduled pages
	Preview     bool             // a deploy preview: a banner on every page, noindex, an X-Robots-Tag header
	Now         func() time.Time // decides what is in the future; time.Now if nil
	Workers     int              // parallel workers; 4 × GOMAXPROCS if 0
	// CacheDir keeps checklist PDFs and share cards between builds; empty
	// makes them anew each build and keeps them in memory.
	CacheDir string
}

// Sink receives the output files. Implementations must accept concurrent calls
// for different paths.
type Sink interface {
	WriteFile(path string, data []byte) error
	// LinkFile puts the file at src (a cache entry) at path, by a hard link
	// where it can.
	LinkFile(path, src string) error
	RemoveFile(path string) error
}

// Report says what a build did.
type Report struct {
	Pages    int      // HTML pages in the site
	Files    int      // files in the site
	Bytes    int64    // bytes of the files written (all of them on a full build)
	Rendered int      // pages rendered (fewer than Pages on a rebuild)
	Written  int      // files written because their bytes changed
	Removed  int      // files removed because nothing produces them any more
	Changed  []string // URL paths of the files written or removed, sorted
	Warnings []error  // problems that did not stop the build, sorted
	// NextScheduled is the article held back for its date that comes out
	// first, or nil: the owner sees when the next build must run.
	NextScheduled *content.Page
	Timings       []Timing      // time spent in each phase
	Duration      time.Duration // the whole build
}

// Timing is the time a phase took.
type Timing struct {
	Phase    string
	Duration time.Duration
}

// Builder builds one site again and again. Its methods must not be called
// concurrently: one goroutine (the command, or the dev server's loop) owns it
// and all the state below.
type Builder struct {
	fsys  fs.FS
	opts  Options
	min   *output.Minifier
	cache *cache.Dir // nil without Options.CacheDir
	draw  *drawing   // fonts, logo and words of the PDFs and cards (fonts.go)

	files map[string]*file // every source file by path: "content/articles/a.md"

	conv      *markdown.Converter
	convOpts  markdown.Options
	site      *content.Site
	siteProbs content.Problems
	siteDirty bool

	tmpl        *render.Templates
	tmplErr     error
	layoutDirty bool
	layoutGen   int // counts template reloads, part of every page's key

	index *content.Index

	// last records, for every output path, the key of the job that made it and
	// a hash of the bytes written, so that a rebuild writes only what changed.
	last map[string]outputState
	// cards keeps each article card's HTML by URL, for rebuilds.
	cards map[string]cardState
	// artMemo keeps the artifacts planned by earlier builds by output path,
	// posts the LinkedIn posts by page path: a rebuild reuses those whose
	// inputs did not change.
	artMemo map[string]memoArtifact
	posts   map[string]memoPost
	// lastPlan is the plan of the last good build, which a quick rebuild
	// (see quick.go) updates in place.
	lastPlan *plan
	// served maps the URL paths of cached artifacts to their cache files
	// in serve mode. Written by the build, read by the dev server's handlers.
	served sync.Map
}

// ArtifactFile returns the cache file of a checklist PDF or share card by its
// URL path ("/articles/a/card.png"). In serve mode these stay in the cache
// rather than being linked into the output. It is safe for concurrent use.
func (b *Builder) ArtifactFile(urlPath string) (string, bool) {
	f, ok := b.served.Load(urlPath)
	if !ok {
		return "", false
	}
	return f.(string), true
}

type cardState struct {
	key  uint64
	gen  int
	html template.HTML
}

type outputState struct {
	key  uint64
	hash uint64
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
	b := &Builder{fsys: fsys, opts: opts, min: output.NewMinifier(), last: map[string]outputState{}, cards: map[string]cardState{},
		artMemo: map[string]memoArtifact{}, posts: map[string]memoPost{}}
	if opts.CacheDir != "" {
		c, err := cache.Open(opts.CacheDir)
		if err != nil {
			return nil, err
		}
		b.cache = c
	}
	return b, nil
}

// Build builds the whole site into sink, which must start empty.
func (b *Builder) Build(ctx context.Context, sink Sink) (*Report, error) {
	b.files = nil
	b.lastPlan = nil
	b.last = map[string]outputState{}
	b.cards = map[string]cardState{}
	return b.run(ctx, sink, nil)
}

// Rebuild brings the site in sink up to date after the given source files
// changed (slash-separated paths relative to the site folder; a folder stands
// for everything in it). The sink must hold the output of the previous build
// of this Builder. When the rebuild fails, sink is left as it was.
func (b *Builder) Rebuild(ctx context.Context, sink Sink, changed []string) (*Report, error) {
	if b.files == nil {
		return b.run(ctx, sink, nil)
	}
	if r, ok, err := b.quickRebuild(ctx, sink, changed); ok || err != nil {
		return r, err
	}
	return b.run(ctx, sink, changed)
}

// Errors is a failed build's list of problems, each naming a file and line.
type Errors struct {
	List []error
}

func (e *Errors) Error() string {
	return errors.Join(e.List...).Error()
}

// Unwrap returns the problems, for errors.As.
func (e *Errors) Unwrap() []error { return e.List }

func (b *Builder) run(ctx context.Context, sink Sink, changed []string) (_ *Report, err error) {
	defer func() {
		if err != nil {
			// The last good plan no longer describes the files: a quick
			// rebuild from it would miss this build's errors (FuzzRebuild).
			b.lastPlan = nil
		}
	}()
	start := time.Now()
	r := &Report{}
	phase := func(name string, t0 time.Time) {
		r.Timings = append(r.Timings, Timing{Phase: name, Duration: time.Since(t0)})
	}

	t0 := time.Now()
	if err := b.load(changed); err != nil {
		return nil, err
	}
	b.dirtyImageUsers(changed)
	phase("load", t0)

	t0 = time.Now()
	b.parseSite()
	probs := b.parsePages(ctx)
	if b.layoutDirty || b.tmpl == nil && b.tmplErr == nil {
		b.loadTemplates()
	}
	phase("parse", t0)

	t0 = time.Now()
	var errs []error
	for _, e := range b.siteProbs.Errors {
		errs = append(errs, e)
	}
	if b.site == nil {
		return nil, &Errors{List: errs}
	}
	idx, idxProbs := content.NewIndex(b.site, probs.pages, content.IndexOptions{Drafts: b.opts.Drafts, Future: b.opts.Future, Now: b.opts.Now()}, b.index)
	probs.Add(idxProbs)
	probs.Add(checkLayouts(idx, b.tmpl))
	probs.Warnings = append(probs.Warnings, check.Placeholders(idx, b.fsys)...) // folio new's text, published
	assets, files, assetProbs := b.assets()
	probs.Add(assetProbs)
	arts, checklists, cards, siteCard, artProbs := b.artifacts(idx)
	probs.Add(artProbs)
	arts = append(arts, b.imageArtifacts(idx, files)...)
	phase("index", t0)
	if err := b.failed(errs, &probs.Problems); err != nil {
		return nil, err
	}

	t0 = time.Now()
	if err := b.ensureArtifacts(ctx, arts); err != nil {
		return nil, err
	}
	phase("pdf+cards", t0)

	t0 = time.Now()
	plan, planProbs := b.plan(idx, assets, files, planInputs{arts: arts, checklists: checklists, cards: cards, siteCard: siteCard})
	probs.Add(planProbs)
	probs.Add(checkLinks(idx, plan.urls))
	phase("plan", t0)
	if err := b.failed(errs, &probs.Problems); err != nil {
		return nil, err
	}

	t0 = time.Now()
	res, err := b.execute(ctx, sink, plan, false)
	phase("render+write", t0)
	if err != nil {
		b.lastPlan = nil
		return nil, err
	}
	b.index, b.lastPlan = idx, plan

	content.SortErrors(probs.Warnings)
	for _, w := range content.DropDeclared(b.site, append(b.siteProbs.Warnings, probs.Warnings...)) {
		r.Warnings = append(r.Warnings, w)
	}
	r.Pages, r.Files = plan.npages, len(plan.jobs)
	r.NextScheduled = idx.NextScheduled
	r.Rendered, r.Written, r.Removed, r.Bytes, r.Changed = res.rendered, res.written, res.removed, res.bytes, res.changed
	r.Duration = time.Since(start)
	return r, nil
}

// failed returns the build's errors, if there are any: the site's, the
// content's and the templates'.
func (b *Builder) failed(errs []error, probs *content.Problems) error {
	content.SortErrors(probs.Errors)
	for _, e := range probs.Errors {
		errs = append(errs, e)
	}
	if b.tmplErr != nil {
		errs = append(errs, b.tmplErr)
	}
	if len(errs) > 0 {
		return &Errors{List: errs}
	}
	return nil
}

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
