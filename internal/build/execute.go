package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"sort"
	"sync"

	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/output"
)

// jobResult is what a worker reports of one job.
type jobResult struct {
	state    outputState
	rendered bool
	wrote    bool
	bytes    int64
	err      error
}

// executed sums up the render and write phase.
type executed struct {
	rendered, written, removed int
	bytes                      int64
	changed                    []string
}

// execute renders and writes every job in parallel. A job whose key equals
// the one that made the file last time is skipped; a file whose new bytes hash
// like the old ones is not written again. Each worker writes only its own
// results[i]; this goroutine then updates b.last, so no lock is needed. A
// partial plan (a quick rebuild's) lists only some outputs, so files it does
// not list are kept rather than removed.
func (b *Builder) execute(ctx context.Context, sink Sink, pl *plan, partial bool) (executed, error) {
	if err := b.renderCards(ctx, pl); err != nil {
		return executed{}, err
	}
	results := make([]jobResult, len(pl.jobs))
	b.parallel(ctx, len(pl.jobs), func(i int) {
		results[i] = b.runJob(sink, pl, &pl.jobs[i])
	})
	if err := ctx.Err(); err != nil {
		return executed{}, err
	}
	var ex executed
	var errs []error
	produced := make(map[string]bool, len(pl.jobs))
	for i, j := range pl.jobs {
		r := results[i]
		produced[j.path] = true
		if r.err != nil {
			errs = append(errs, r.err)
			continue
		}
		if r.rendered {
			ex.rendered++
		}
		if r.wrote {
			ex.written++
			ex.bytes += r.bytes
			ex.changed = append(ex.changed, urlOf(j.path))
		}
		b.last[j.path] = r.state
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return ex, &Errors{List: errs}
	}
	var stale []string
	if !partial {
		for p := range b.last {
			if !produced[p] {
				stale = append(stale, p)
			}
		}
	}
	sort.Strings(stale)
	for _, p := range stale {
		b.served.Delete("/" + p)
		if err := sink.RemoveFile(p); err != nil {
			return ex, err
		}
		delete(b.last, p)
		ex.removed++
		ex.changed = append(ex.changed, urlOf(p))
	}
	sort.Strings(ex.changed)
	return ex, nil
}

// renderCards renders every article card once, in parallel, before the pages
// that list them. A card whose key and templates are unchanged since the last
// build takes its HTML from then.
func (b *Builder) renderCards(ctx context.Context, pl *plan) error {
	errs := make([]error, len(pl.cards))
	b.parallel(ctx, len(pl.cards), func(i int) {
		c := pl.cards[i]
		if old, ok := b.cards[c.URL]; ok && old.key == c.Key && old.gen == b.layoutGen {
			c.HTML = old.html
			return
		}
		errs[i] = b.tmpl.RenderCard(c)
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	var list []error
	for i, err := range errs {
		if err != nil {
			list = append(list, err)
			continue
		}
		c := pl.cards[i]
		b.cards[c.URL] = cardState{key: c.Key, gen: b.layoutGen, html: c.HTML}
	}
	if len(list) > 0 {
		return &Errors{List: list[:1]} // one card's template error is every card's
	}
	return nil
}

// linkArtifact puts a cached PDF or card into the output. Its cache key says
// everything about its bytes, so an unchanged key means nothing to do.
func (b *Builder) linkArtifact(sink Sink, j *job, prev outputState, hadPrev bool) jobResult {
	a := j.art
	k := key.New()
	k.String(a.key)
	state := outputState{key: k.Sum(), hash: k.Sum()}
	if hadPrev && prev.key == state.key {
		return jobResult{state: prev}
	}
	var err error
	switch {
	case a.cached != "" && b.opts.Serve:
		// The dev server serves it from the cache (see ArtifactFile): the
		// preview folder holds only what is cheap to write and remove.
		b.served.Store("/"+j.path, a.cached)
	case a.cached != "":
		err = sink.LinkFile(j.path, a.cached)
	default:
		err = sink.WriteFile(j.path, a.data)
	}
	if err != nil {
		return jobResult{err: err}
	}
	return jobResult{state: state, wrote: true, bytes: a.size}
}

func sortErrors(errs []error) {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
}

// bufPool holds the buffers a job renders and minifies into: two per worker
// in use at a time, so pages cost no big allocations.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuf() *bytes.Buffer {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	return buf
}

func (b *Builder) runJob(sink Sink, pl *plan, j *job) jobResult {
	prev, hadPrev := b.last[j.path]
	var jobKey uint64
	var data []byte
	var err error
	res := jobResult{}
	switch j.kind {
	case jobPage:
		k := key.New()
		k.Uint(pl.common)
		k.Uint(j.page.View.Key())
		jobKey = k.Sum()
		if hadPrev && prev.key == jobKey {
			return jobResult{state: prev}
		}
		buf := getBuf()
		defer bufPool.Put(buf)
		err = b.tmpl.ExecuteTo(buf, j.page.Kind, j.page.View)
		data = buf.Bytes()
		res.rendered = true
	case jobData:
		jobKey = j.key
		if jobKey != 0 && hadPrev && prev.key == jobKey {
			return jobResult{state: prev}
		}
		data, err = j.produce()
		if err != nil {
			err = fmt.Errorf("write %s: %w", j.path, err)
		}
	case jobCopy:
		k := key.New()
		k.Uint(j.src.hash)
		k.Bool(b.opts.Minify)
		jobKey = k.Sum()
		if hadPrev && prev.key == jobKey {
			return jobResult{state: prev}
		}
		data, err = fs.ReadFile(b.fsys, j.src.path)
	case jobArtifact:
		return b.linkArtifact(sink, j, prev, hadPrev)
	}
	if err != nil {
		return jobResult{err: err}
	}
	// Data (feeds, sitemap) is written exactly by its writer: a minifier
	// could change its text, such as a LinkedIn post's blank lines.
	if b.opts.Minify && j.kind != jobData && output.Minifies(j.path) && !(j.kind == jobPage && b.tmpl.Minified()) {
		buf := getBuf()
		defer bufPool.Put(buf)
		if err := b.min.MinifyTo(buf, j.path, data); err != nil {
			return jobResult{err: fmt.Errorf("%s: %w", j.origin, err)}
		}
		data = buf.Bytes()
	}
	res.state = outputState{key: jobKey, hash: key.Bytes(data)}
	if hadPrev && prev.hash == res.state.hash {
		return res
	}
	if err := sink.WriteFile(j.path, data); err != nil {
		return jobResult{err: err}
	}
	res.wrote, res.bytes = true, int64(len(data))
	return res
}
