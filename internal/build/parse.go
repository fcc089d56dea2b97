package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"sync/atomic"

	"github.com/peeplcoach/folio/internal/codec"
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/render"
)

// siteIn is everything the site step reads.
type siteIn struct {
	Hash    key.Sum // of content/site.yaml; zero when missing
	Missing bool
	ReadErr string
	BaseURL string // Options.BaseURL
}

// parseSite reads content/site.yaml (see caches.site).
func (b *Builder) parseSite() {
	f := b.c.files[content.SitePath]
	in := siteIn{Missing: f == nil, BaseURL: b.opts.BaseURL}
	if f != nil {
		in.Hash = f.hash
		if f.readErr != nil {
			in.ReadErr = f.readErr.Error()
		}
	}
	k := key.Of(in)
	if k == b.c.site.key {
		return
	}
	m := siteMemo{key: k}
	switch {
	case f == nil:
		m.probs.Errors = append(m.probs.Errors, &content.Error{Path: content.SitePath, Err: errors.New("missing: every site needs its settings (title, base_url, …)")})
	case f.readErr != nil:
		m.probs.Errors = append(m.probs.Errors, &content.Error{Path: f.path, Err: f.readErr})
	default:
		// Front matter and site.yaml share one YAML reader; converter
		// options do not matter for reading YAML.
		site, probs := content.ParseSite(markdown.New(markdown.Options{}), f.data)
		m.probs = probs
		if site != nil && len(probs.Errors) == 0 {
			if b.opts.BaseURL != "" {
				site.BaseURL = trimSlash(b.opts.BaseURL)
			}
			m.site = site
			m.skey = key.Of(site)
		}
	}
	b.c.site = m
}

// tmplIn is everything the templates step reads.
type tmplIn struct {
	Files  map[string]key.Sum // layouts/ path → hash of its bytes
	Minify bool
}

// loadTemplates parses layouts/ when a layout changed (see caches.tmpl).
func (b *Builder) loadTemplates() {
	if !b.c.layoutsDirty && !b.c.tmpl.key.IsZero() {
		return // no layout was added, removed or changed: the inputs are equal
	}
	b.c.layoutsDirty = false
	in := tmplIn{Files: map[string]key.Sum{}, Minify: b.opts.Minify}
	for p, f := range b.c.files {
		if f.kind == kindLayout {
			in.Files[p] = f.hash
		}
	}
	k := key.Of(in)
	if k == b.c.tmpl.key {
		return
	}
	m := tmplMemo{key: k}
	sub, err := fs.Sub(b.fsys, "layouts")
	if err == nil {
		var opts render.LoadOptions
		if b.opts.Minify {
			opts.Minify = b.min.MinifyTemplate
		}
		m.tmpl, err = render.Load(sub, opts)
	}
	m.err = err
	b.c.tmpl = m
}

// parsed is one page, parsed.
type parsed struct {
	key   key.Sum // of parseIn: also the key of the page's body
	probs content.Problems
	// listing is the page as other pages and the index may see it: every
	// field but the body, which only the page's own outputs (and the feeds
	// that carry it) read, through Builder.body. listKey is its key.Of.
	// Both are nil for a page that could not be converted.
	listing *content.Page
	listKey key.Sum
	// deps are the image files the conversion read (bodyimages.go);
	// rootImages says the body shows an image by a path from the root.
	// bodyKey is the key of the body: the parse key and the deps' hashes.
	deps       []dep
	rootImages bool
	bodyKey    key.Sum

	// The body, when the page was just converted; with a cache folder it
	// is dropped after each run and read from the cache when a job needs
	// it (a build whose pages all come from the cache needs none), so that
	// memory holds listings, not 10,000 bodies.
	doc atomic.Pointer[markdown.Doc]
}

// parseRecord is what the cache keeps of a parsed page besides its body.
type parseRecord struct {
	Listing    *content.Page
	ListKey    key.Sum
	Probs      []problem
	Deps       []dep
	RootImages bool
}

// problem is a content.Error as the cache keeps it.
type problem struct {
	Path    string
	Line    int
	Msg     string
	Warning bool
}

func recordOf(p *parsed) parseRecord {
	r := parseRecord{Listing: p.listing, ListKey: p.listKey, Deps: p.deps, RootImages: p.rootImages}
	for _, list := range []struct {
		errs []*content.Error
		warn bool
	}{{p.probs.Errors, false}, {p.probs.Warnings, true}} {
		for _, e := range list.errs {
			r.Probs = append(r.Probs, problem{Path: e.Path, Line: e.Line, Msg: e.Err.Error(), Warning: list.warn})
		}
	}
	return r
}

func (r parseRecord) parsed(k key.Sum) *parsed {
	p := &parsed{key: k, listing: r.Listing, listKey: r.ListKey, deps: r.Deps, rootImages: r.RootImages, bodyKey: bodyKeyOf(k, r.Deps)}
	for _, pr := range r.Probs {
		e := &content.Error{Path: pr.Path, Line: pr.Line, Err: errors.New(pr.Msg)}
		if pr.Warning {
			p.probs.Warnings = append(p.probs.Warnings, e)
		} else {
			p.probs.Errors = append(p.probs.Errors, e)
		}
	}
	return p
}

// body returns the body of the page at a source path: converted by this
// run, or kept in the cache, or (should the cache have lost it) converted
// again from the file. Safe for concurrent use.
func (b *Builder) body(path string) (*markdown.Doc, error) {
	f := b.c.files[path]
	if f == nil || f.parsed == nil || f.parsed.listing == nil {
		return nil, fmt.Errorf("the body of %s is not known", path)
	}
	p := f.parsed
	if doc := p.doc.Load(); doc != nil {
		return doc, nil
	}
	if b.bodies != nil {
		if data, ok := b.bodies.Get(p.key); ok {
			var doc markdown.Doc
			if codec.Decode(data, &doc) == nil {
				return &doc, nil
			}
		}
	}
	src, err := fs.ReadFile(b.fsys, path)
	if err != nil {
		return nil, err
	}
	again := b.parse(markdown.New(b.c.mdOpts), f, src, p.key)
	doc := again.doc.Load()
	if doc == nil {
		return nil, fmt.Errorf("%s changed while being built", path)
	}
	if b.bodies == nil {
		p.doc.Store(doc)
	}
	return doc, nil
}

// dropBodies lets go of the bodies of parsed pages when the cache keeps
// them.
func (b *Builder) dropBodies() {
	if b.bodies == nil {
		return
	}
	for _, f := range b.c.files {
		if f.parsed != nil {
			f.parsed.doc.Store(nil)
		}
	}
}

// parseIn is everything that makes a page from its file.
type parseIn struct {
	Path     string
	Place    content.Place
	Hash     key.Sum
	Markdown markdown.Options
	Minify   bool
}

// listingOf returns the page without its body: a Doc holding only the lines of
// the front-matter keys, for messages. The index is built from listings, so
// it cannot depend on a body, and a save that changes only an article's text
// leaves the index, and every list, as they were.
func listingOf(p *content.Page) *content.Page {
	l := *p
	// The images a body shows are in its listing too: their copies are
	// artifacts of the site, planned with the others.
	l.Doc = &markdown.Doc{KeyLines: p.Doc.KeyLines, Images: p.Doc.Images}
	return &l
}

// bodyKeyOf is the key of a body: its parse key and the hashes of the image
// files it shows.
func bodyKeyOf(k key.Sum, deps []dep) key.Sum {
	if len(deps) == 0 {
		return k
	}
	return key.Of(k, deps)
}

// parsePages converts every page whose file changed, in parallel (or takes
// it from the cache), and returns the paths of the pages parsed anew, and how
// many were converted from Markdown. Worker i writes only results[i]; this
// goroutine stores them.
func (b *Builder) parsePages(ctx context.Context) ([]string, int, error) {
	site := b.c.site.site
	if site == nil {
		return nil, 0, nil // the site's errors stop the build before pages matter
	}
	mdOpts := markdown.Options{UnsafeHTML: site.UnsafeHTML, Language: site.Language, Strings: siteStringFiles(b.fsys)}
	b.c.mdOpts = mdOpts
	// Every page's parse key holds the options: when they change, every
	// page is looked at (and converted again), else only the files that
	// may have changed.
	optsKey := key.Of(mdOpts, b.opts.Minify)
	all := optsKey != b.c.parseOpts
	b.c.parseOpts = optsKey
	var todo []*file
	for _, f := range b.c.files {
		if f.kind == kindPage && (all || f.dirty || f.parsed == nil) {
			todo = append(todo, f)
		}
	}
	if len(todo) == 0 {
		return nil, 0, nil
	}
	var converted atomic.Int64
	conv := markdown.New(mdOpts)
	results := make([]*parsed, len(todo))
	hashes := make([]key.Sum, len(todo))
	errs := make([]error, len(todo))
	err := b.parallel(ctx, len(todo), func(i int) string { return todo[i].path }, func(i int) {
		f := todo[i]
		data, err := fs.ReadFile(b.fsys, f.path)
		if err != nil {
			errs[i] = err
			return
		}
		hashes[i] = key.Bytes(data)
		k := key.Of(parseIn{Path: f.path, Place: f.place, Hash: hashes[i], Markdown: mdOpts, Minify: b.opts.Minify})
		if f.parsed != nil && f.parsed.key == k && b.depsHold(f.parsed.deps) {
			results[i] = f.parsed
			return
		}
		if b.parses != nil {
			if rec, ok := b.parses.Get(k); ok {
				var r parseRecord
				if codec.Decode(rec, &r) == nil && b.depsHold(r.Deps) {
					results[i] = r.parsed(k)
					return
				}
			}
		}
		p := b.parse(conv, f, data, k)
		converted.Add(1)
		results[i] = p
		if b.parses != nil {
			// Once in the cache, the body is read back by the jobs that
			// need it: a build that converts 10,000 pages does not hold
			// them all until it ends.
			if errs[i] = b.keep(p); errs[i] == nil {
				p.doc.Store(nil)
			}
		}
	})
	var fresh []string
	for i, f := range todo {
		f.dirty = false
		if errs[i] != nil && results[i] == nil {
			f.readErr, f.parsed = errs[i], nil
			fresh = append(fresh, f.path)
			continue
		}
		f.readErr, f.hash = nil, hashes[i]
		if results[i] != nil && results[i] != f.parsed {
			f.parsed = results[i]
			fresh = append(fresh, f.path)
		}
	}
	return fresh, int(converted.Load()), err
}

// parse converts one page.
func (b *Builder) parse(conv *markdown.Converter, f *file, data []byte, k key.Sum) *parsed {
	doc, err := conv.ConvertWith(data, b.docOptions(f))
	if err != nil {
		var probs content.Problems
		var me *markdown.Error
		if errors.As(err, &me) {
			probs.Errors = []*content.Error{{Path: f.path, Line: me.Line, Err: errors.New(me.Msg)}}
		} else {
			probs.Errors = []*content.Error{{Path: f.path, Err: err}}
		}
		return &parsed{key: k, probs: probs}
	}
	if b.opts.Minify {
		// Each body is minified once, here; the templates were minified
		// when loaded, so pages need no pass of their own.
		var buf bytes.Buffer
		if err := b.min.MinifyTo(&buf, "body.html", []byte(doc.HTML)); err == nil {
			doc.HTML = buf.String()
		}
	}
	page, probs := content.NewPage(f.path, f.place, doc)
	listing := listingOf(page)
	deps := b.imageDeps(doc)
	p := &parsed{key: k, probs: probs, listing: listing, listKey: key.Of(listing), deps: deps, rootImages: rootImages(doc), bodyKey: bodyKeyOf(k, deps)}
	p.doc.Store(doc)
	return p
}

// keep puts a parsed page into the cache: its record and its body.
func (b *Builder) keep(p *parsed) error {
	rec, err := codec.Append(nil, ptr(recordOf(p)))
	if err != nil {
		return fmt.Errorf("cache %s: %w", p.key, err)
	}
	if err := b.parses.Put(p.key, rec); err != nil {
		return err
	}
	doc := p.doc.Load()
	if doc == nil {
		return nil
	}
	body, err := codec.Append(nil, doc)
	if err != nil {
		return fmt.Errorf("cache %s: %w", p.key, err)
	}
	return b.bodies.Put(p.key, body)
}

func ptr[T any](v T) *T { return &v }

// pageSet is the outcome of the parse step: every page without errors, in
// path order, and the problems found.
type pageSet struct {
	paths    []string
	parsed   []*parsed
	listKeys []key.Sum
	key      key.Sum // of paths and listKeys: what the index reads of pages
	content.Problems
}

// pagesIn is the part of a page set the index reads: every listing's key.
type pagesIn struct {
	Paths    []string
	Listings []key.Sum
}

// collectPages lists every parsed page, in path order, with the problems
// found. reparsed lists the pages parsed anew by this run (or that failed to
// read): when each has the listing of the last run and no problems, before
// and after, the last set stands with their new bodies, and nothing of the
// other 10,000 pages is looked at.
func (b *Builder) collectPages(reparsed []string) pageSet {
	if ps, ok := b.patchPages(reparsed); ok {
		return ps
	}
	var out pageSet
	if b.c.pagePaths == nil {
		paths := make([]string, 0, len(b.c.files))
		places := map[string]content.Place{}
		for p, f := range b.c.files {
			if f.kind == kindPage || f.kind == kindIgnored {
				paths = append(paths, p)
			}
			if f.kind == kindPage {
				places[p] = f.place
			}
		}
		sort.Strings(paths)
		// Which pages stand inside another's bundle depends on the paths
		// alone: found again only when a file is added or removed.
		b.c.pagePaths, b.c.inBundle = paths, content.InsideBundles(places)
	}
	out.paths = make([]string, 0, len(b.c.pagePaths))
	out.parsed = make([]*parsed, 0, len(b.c.pagePaths))
	out.listKeys = make([]key.Sum, 0, len(b.c.pagePaths))
	for _, p := range b.c.pagePaths {
		f := b.c.files[p]
		switch {
		case f.kind == kindIgnored:
			out.Warnings = append(out.Warnings, &content.Error{Path: p, Err: content.NotAPage(p)})
			continue
		case b.c.inBundle[p] != nil:
			out.Warnings = append(out.Warnings, b.c.inBundle[p])
			continue
		case f.readErr != nil:
			out.Errors = append(out.Errors, &content.Error{Path: p, Err: f.readErr})
			continue
		case f.parsed == nil:
			continue
		}
		out.Add(f.parsed.probs)
		if f.parsed.listing != nil && len(f.parsed.probs.Errors) == 0 {
			out.paths = append(out.paths, p)
			out.parsed = append(out.parsed, f.parsed)
			out.listKeys = append(out.listKeys, f.parsed.listKey)
		}
	}
	// Hashing 10,000 listing keys on every save would cost more than the
	// rest of the rebuild: the key is kept while paths and keys are equal.
	m := &b.c.pageSet
	if !slices.Equal(m.paths, out.paths) || !slices.Equal(m.listKeys, out.listKeys) {
		m.paths, m.listKeys = out.paths, out.listKeys
		m.key = key.Of(pagesIn{Paths: out.paths, Listings: out.listKeys})
	}
	out.key = m.key
	b.c.lastPages = &out
	b.c.pagePos = make(map[string]int, len(out.paths))
	for i, p := range out.paths {
		b.c.pagePos[p] = i
	}
	return out
}

// patchPages is collectPages for the common save (see there).
func (b *Builder) patchPages(reparsed []string) (pageSet, bool) {
	last := b.c.lastPages
	if last == nil || b.c.pagePaths == nil {
		return pageSet{}, false
	}
	quiet := func(p content.Problems) bool { return len(p.Errors) == 0 && len(p.Warnings) == 0 }
	for _, p := range reparsed {
		i, ok := b.c.pagePos[p]
		f := b.c.files[p]
		if !ok || f == nil || f.readErr != nil || f.parsed == nil || f.parsed.listing == nil ||
			f.parsed.listKey != last.listKeys[i] || !quiet(f.parsed.probs) || !quiet(last.parsed[i].probs) {
			return pageSet{}, false
		}
	}
	for _, p := range reparsed {
		last.parsed[b.c.pagePos[p]] = b.c.files[p].parsed
	}
	return *last, true
}
