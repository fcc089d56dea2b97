package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/render"
)

// parseSite reads content/site.yaml when it changed. A change of unsafe_html
// or language changes how every page converts, so it drops the parsed pages.
func (b *Builder) parseSite() {
	if !b.siteDirty && b.conv != nil {
		return
	}
	b.siteDirty = false
	b.site, b.siteProbs = nil, content.Problems{}
	f := b.files[content.SitePath]
	if f == nil {
		b.siteProbs.Errors = append(b.siteProbs.Errors, &content.Error{Path: content.SitePath, Err: errors.New("missing: every site needs its settings (title, base_url, …)")})
		return
	}
	data, err := b.read(f)
	if err != nil {
		b.siteProbs.Errors = append(b.siteProbs.Errors, &content.Error{Path: f.path, Err: err})
		return
	}
	// Front matter and site.yaml share one YAML reader; unsafe_html does not
	// matter for reading YAML, so any converter will do here.
	reader := b.conv
	if reader == nil {
		reader = markdown.New(markdown.Options{})
	}
	site, probs := content.ParseSite(reader, data)
	b.siteProbs = probs
	if site == nil || len(probs.Errors) > 0 {
		return
	}
	if b.opts.BaseURL != "" {
		site.BaseURL = trimSlash(b.opts.BaseURL)
	}
	b.site = site
	if convOpts := (markdown.Options{UnsafeHTML: site.UnsafeHTML, Language: site.Language}); b.conv == nil || b.convOpts != convOpts {
		b.conv = markdown.New(convOpts)
		b.convOpts = convOpts
		for _, f := range b.files {
			if f.kind == kindPage {
				f.dirty = true
				f.page = nil
			}
		}
	}
}

func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}

// parsed is the outcome of the parse phase.
type parsed struct {
	pages []*content.Page
	content.Problems
}

// parsePages converts every dirty page and returns all pages with their problems.
func (b *Builder) parsePages(ctx context.Context) parsed {
	var todo []*file
	for _, f := range b.files {
		if f.kind == kindPage && (f.dirty || f.page == nil) {
			todo = append(todo, f)
		}
	}
	b.parseFiles(ctx, todo)
	return b.collectPages()
}

// parseFiles converts the given pages, in parallel. Worker i writes only
// results[i]; this goroutine stores them.
func (b *Builder) parseFiles(ctx context.Context, todo []*file) {
	if b.conv != nil {
		type result struct {
			hash  uint64
			page  *content.Page
			probs content.Problems
		}
		results := make([]result, len(todo))
		b.parallel(ctx, len(todo), func(i int) {
			f := todo[i]
			data, err := fs.ReadFile(b.fsys, f.path)
			if err != nil {
				results[i].probs.Errors = []*content.Error{{Path: f.path, Err: err}}
				return
			}
			h := key.Bytes(data)
			if f.page != nil && h == f.hash {
				results[i] = result{hash: h, page: f.page, probs: f.probs}
				return
			}
			doc, err := b.conv.ConvertWith(data, b.docOptions(f))
			if err != nil {
				var me *markdown.Error
				if errors.As(err, &me) {
					results[i].probs.Errors = []*content.Error{{Path: f.path, Line: me.Line, Err: errors.New(me.Msg)}}
				} else {
					results[i].probs.Errors = []*content.Error{{Path: f.path, Err: err}}
				}
				results[i].hash = h
				return
			}
			if b.opts.Minify {
				// Each body is minified once, here; the templates were
				// minified when loaded, so pages need no pass of their own.
				var buf bytes.Buffer
				if err := b.min.MinifyTo(&buf, "body.html", []byte(doc.HTML)); err == nil {
					doc.HTML = buf.String()
				}
			}
			page, probs := content.NewPage(f.path, f.place, doc)
			page.SourceHash = withImages(h, doc)
			results[i] = result{hash: h, page: page, probs: probs}
		})
		for i, f := range todo {
			f.hash, f.page, f.probs, f.dirty = results[i].hash, results[i].page, results[i].probs, false
		}
	}
}

// collectPages lists every parsed page, in path order, with the problems found.
func (b *Builder) collectPages() parsed {
	var out parsed
	paths := make([]string, 0, len(b.files))
	for p, f := range b.files {
		if f.kind == kindPage || f.kind == kindIgnored {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	places := map[string]content.Place{}
	for _, p := range paths {
		if f := b.files[p]; f.kind == kindPage {
			places[p] = f.place
		}
	}
	inBundle := content.InsideBundles(places)
	for _, p := range paths {
		f := b.files[p]
		if f.kind == kindIgnored {
			out.Warnings = append(out.Warnings, &content.Error{Path: p, Err: content.NotAPage(p)})
			continue
		}
		if w := inBundle[p]; w != nil {
			out.Warnings = append(out.Warnings, w)
			continue
		}
		out.Add(f.probs)
		if f.page != nil && len(f.probs.Errors) == 0 {
			out.pages = append(out.pages, f.page)
		}
	}
	return out
}

// loadTemplates parses layouts/ again.
func (b *Builder) loadTemplates() {
	b.layoutDirty = false
	b.layoutGen++
	sub, err := fs.Sub(b.fsys, "layouts")
	if err == nil {
		var opts render.LoadOptions
		if b.opts.Minify {
			opts.Minify = b.min.MinifyTemplate
		}
		b.tmpl, err = render.Load(sub, opts)
	}
	if err != nil {
		b.tmpl, b.tmplErr = nil, err
		return
	}
	b.tmplErr = nil
	for _, f := range b.files {
		if f.kind == kindLayout {
			f.dirty = false
		}
	}
}

// parallel runs fn(0) … fn(n-1) on the builder's workers and waits. Workers
// take the next index from a shared counter, so a slow item holds up no queue.
func (b *Builder) parallel(ctx context.Context, n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(b.opts.Workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}
