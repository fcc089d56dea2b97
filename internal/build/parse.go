package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"sort"

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
	key   key.Sum       // of parseIn: also the key of the page's body
	page  *content.Page // the whole page, body (Doc) included
	probs content.Problems
	// listing is the page as other pages and the index may see it: every
	// field but the body, which only the page's own outputs (and the feeds
	// that carry it) read through the body table. listKey is its key.Of.
	listing *content.Page
	listKey key.Sum
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
	l.Doc = &markdown.Doc{KeyLines: p.Doc.KeyLines}
	return &l
}

// parsePages converts every page whose file changed, in parallel, and
// returns the paths of the pages converted anew. Worker i writes only
// results[i]; this goroutine stores them.
func (b *Builder) parsePages(ctx context.Context) ([]string, error) {
	site := b.c.site.site
	if site == nil {
		return nil, nil // the site's errors stop the build before pages matter
	}
	mdOpts := markdown.Options{UnsafeHTML: site.UnsafeHTML}
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
		return nil, nil
	}
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
		if f.parsed != nil && f.parsed.key == k {
			results[i] = f.parsed
			return
		}
		results[i] = b.parse(conv, f, data, k)
	})
	var fresh []string
	for i, f := range todo {
		f.dirty = false
		if errs[i] != nil {
			f.readErr, f.parsed = errs[i], nil
			continue
		}
		f.readErr, f.hash = nil, hashes[i]
		if results[i] != nil && results[i] != f.parsed {
			f.parsed = results[i]
			fresh = append(fresh, f.path)
		}
	}
	return fresh, err
}

// parse converts one page.
func (b *Builder) parse(conv *markdown.Converter, f *file, data []byte, k key.Sum) *parsed {
	doc, err := conv.Convert(data)
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
	return &parsed{key: k, page: page, probs: probs, listing: listing, listKey: key.Of(listing)}
}

// pageSet is the outcome of the parse step: every page without errors, in
// path order, and the problems found.
type pageSet struct {
	paths    []string
	parsed   []*parsed
	listKeys []key.Sum
	content.Problems
}

// collectPages lists every parsed page, in path order, with the problems found.
func (b *Builder) collectPages() pageSet {
	var out pageSet
	paths := make([]string, 0, len(b.c.files))
	for p, f := range b.c.files {
		if f.kind == kindPage || f.kind == kindIgnored {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		f := b.c.files[p]
		switch {
		case f.kind == kindIgnored:
			out.Warnings = append(out.Warnings, &content.Error{Path: p, Err: errors.New("not a page and not published: articles are content/articles/<slug>.md or content/articles/<slug>/index.md")})
			continue
		case f.readErr != nil:
			out.Errors = append(out.Errors, &content.Error{Path: p, Err: f.readErr})
			continue
		case f.parsed == nil:
			continue
		}
		out.Add(f.parsed.probs)
		if f.parsed.page != nil && len(f.parsed.probs.Errors) == 0 {
			out.paths = append(out.paths, p)
			out.parsed = append(out.parsed, f.parsed)
			out.listKeys = append(out.listKeys, f.parsed.listKey)
		}
	}
	return out
}

// bodyOf returns the whole parsed page at a source path: its body for the
// jobs that show it.
func (b *Builder) bodyOf(p string) *parsed {
	if f := b.c.files[p]; f != nil {
		return f.parsed
	}
	return nil
}
