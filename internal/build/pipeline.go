package build

import (
	"context"
	"time"

	"github.com/peeplcoach/folio/internal/content"
)

// run is the pipeline: every build and rebuild runs these steps in order.
// changed lists the source paths that changed since the last run (nil: look
// at everything); fresh says the sink is empty.
func (b *Builder) run(ctx context.Context, sink Sink, changed []string, fresh bool) (*Report, error) {
	start := time.Now()
	if b.lazy != nil {
		b.lazy.run.Lock() // the background makes no artifact meanwhile
		defer b.lazy.run.Unlock()
	}
	r := &Report{}
	step := func(name string, t0 time.Time) {
		r.Timings = append(r.Timings, Timing{Phase: name, Duration: time.Since(t0)})
	}
	var probs content.Problems // errors and warnings at a file and line
	var errs []error           // every other error: layouts, I/O, panics
	fail := func() (*Report, error) {
		if b.c.plan != nil {
			b.c.plan.finals = nil // what the sink holds is known by outputs alone
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return nil, problemsErr(probs, errs)
	}

	t0 := time.Now()
	if err := b.load(changed); err != nil {
		errs = append(errs, err)
		return fail()
	}
	if err := b.readFiles(ctx); err != nil {
		errs = append(errs, err)
	}
	b.dirtyImageUsers(changed)
	step("load", t0)

	t0 = time.Now()
	b.parseSite()
	probs.Add(b.c.site.probs)
	b.loadTemplates()
	if err := b.c.tmpl.err; err != nil {
		errs = append(errs, unjoin(err)...)
	}
	reparsed, converted, err := b.parsePages(ctx)
	if err != nil {
		errs = append(errs, err)
	}
	ps := b.collectPages(reparsed)
	step("parse", t0)
	if b.c.site.site == nil || ctx.Err() != nil {
		// Without settings no page is parsed: pages parsed before site.yaml
		// broke keep their problems, which a fresh build would not report.
		return fail()
	}
	probs.Add(ps.Problems)

	t0 = time.Now()
	idx, idxProbs, indexKey := b.index(ps)
	probs.Add(idxProbs)
	assets, files, assetProbs, assetsKey := b.assets(ps)
	probs.Add(assetProbs)
	step("index", t0)

	t0 = time.Now()
	probs.Add(checkLayouts(idx, b.c.tmpl.tmpl))
	// The interface strings, read once: the pages and the PDFs say the same.
	words := siteStrings(b.fsys, idx.Site.Language, &probs)
	arts, err := b.artifacts(ctx, idx, indexKey, assetsKey, files, words)
	step("artifacts", t0)
	if err != nil {
		errs = append(errs, err)
		return fail()
	}
	probs.Add(arts.probs)

	t0 = time.Now()
	pl, err := b.plan(ctx, idx, indexKey, assets, assetsKey, files, arts, ps, words)
	if err != nil {
		errs = append(errs, err)
		return fail()
	}
	probs.Add(pl.probs)
	step("plan", t0)

	// Checks run whatever else failed, so that a writer sees every problem
	// at once; files are made only when nothing has failed so far.
	t0 = time.Now()
	ok := len(probs.Errors) == 0 && len(errs) == 0
	if ok {
		if err := b.renderCards(ctx, pl); err != nil {
			errs = append(errs, err)
			ok = false
		}
	}
	var w *writer
	if ok {
		if w, err = b.newWriter(sink, fresh); err != nil {
			errs = append(errs, err)
			ok = false
		}
	}
	ex, err := b.execute(ctx, pl, reparsed, fresh, w)
	if err != nil {
		errs = append(errs, err)
	}
	probs.Add(ex.probs)
	step("render", t0)
	if len(probs.Errors) > 0 || len(errs) > 0 || ctx.Err() != nil {
		if w != nil {
			w.discard()
		}
		return fail()
	}

	t0 = time.Now()
	if err := b.commit(w, pl, arts, ex, fresh); err != nil {
		errs = append(errs, err)
		return fail()
	}
	step("write", t0)
	b.dropBodies()
	if b.store != nil && b.opts.Serve && (b.pages.Grown() || b.parses.Grown()) {
		b.compact() // a long session keeps the cache bounded
	}

	r.Warnings = problemList(content.DropDeclared(b.c.site.site, probs.Warnings))
	r.Pages, r.Files = pl.npages, ex.files
	r.Converted = converted
	r.NextScheduled = idx.NextScheduled
	r.Rendered, r.Written, r.Removed, r.Bytes, r.Changed = ex.rendered, w.written, w.removed, w.bytes, w.changed
	r.Duration = time.Since(start)
	return r, nil
}

// unjoin splits an errors.Join of problems into the problems.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
