package build

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"html/template"
	"io/fs"
	"sync"

	"github.com/peeplcoach/folio/internal/codec"
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/output"
	"github.com/peeplcoach/folio/internal/render"
)

// renderCards renders every article card with partials/card.html, once per
// card and templates (see caches.cards), before the pages that list them.
func (b *Builder) renderCards(ctx context.Context, pl *plan) error {
	tmplKey := b.c.tmpl.key
	if pl.cardsTmpl == tmplKey && !tmplKey.IsZero() {
		return nil
	}
	keys := make([]key.Sum, len(pl.cards))
	var todo []int
	for i, c := range pl.cards {
		keys[i] = key.Of(tmplKey, c.Key())
		if html, ok := b.c.cards[keys[i]]; ok {
			c.HTML = html
		} else {
			todo = append(todo, i)
		}
	}
	errs := make([]error, len(pl.cards))
	err := b.parallel(ctx, len(todo), func(i int) string { return pl.cards[todo[i]].URL }, func(i int) {
		errs[todo[i]] = b.c.tmpl.tmpl.RenderCard(pl.cards[todo[i]])
	})
	if err != nil {
		return err
	}
	if list := onePerCause(errs); len(list) > 0 {
		return list[0] // one card's template error is every card's
	}
	cards := make(map[key.Sum]template.HTML, len(pl.cards))
	for i, c := range pl.cards {
		cards[keys[i]] = c.HTML
	}
	b.c.cards = cards
	pl.cardsTmpl = tmplKey
	return nil
}

// executed sums up the render step.
type executed struct {
	probs    content.Problems // of every check job, cached or not
	files    int              // output files of the site
	rendered int              // pages rendered
	results  []jobResult      // of the jobs that ran, with their index
}

// jobResult is what a worker reports of one job that ran.
type jobResult struct {
	job      int32
	rendered bool // made, not taken from the cache
	final    key.Sum
	hash     uint64 // of the bytes made
	size     int64
	probs    content.Problems
	err      error
}

// finalOf is the final key of job i: its static key, the options, the
// templates' key for a page, and the key of every body it reads. It is also
// the key of the job's file in the cache's pages pack.
func (b *Builder) finalOf(pl *plan, i int) key.Sum {
	j := &pl.jobs[i]
	h := key.New()
	h.Key(j.static)
	h.Key(b.optsKey)
	if j.kind == jobPage {
		h.Key(b.c.tmpl.key)
	}
	for _, p := range j.bodies {
		h.Key(b.bodyKey(p))
	}
	return h.Sum()
}

func (b *Builder) bodyKey(p string) key.Sum {
	if f := b.c.files[p]; f != nil && f.parsed != nil {
		return f.parsed.bodyKey
	}
	return key.Sum{}
}

// execute decides which jobs must run, runs them in parallel and hands their
// files to w. A job runs when its final key differs from the key of the file
// the sink holds (caches.outputs) or, for a check, when no problems are
// cached under its key. Without a writer (the build has failed already) only
// checks run. reparsed lists the pages converted anew by this run: when the
// plan and the templates are those of the last run, only the jobs reading
// their bodies can have changed.
func (b *Builder) execute(ctx context.Context, pl *plan, reparsed []string, fresh bool, w *writer) (executed, error) {
	var ex executed
	var cand []int32
	tmplKey := b.c.tmpl.key
	if pl.finals == nil || pl.finalsTmpl != tmplKey || fresh {
		pl.finals = make([]key.Sum, len(pl.jobs))
		if err := b.parallel(ctx, len(pl.jobs), func(i int) string { return pl.jobs[i].origin }, func(i int) {
			pl.finals[i] = b.finalOf(pl, i)
		}); err != nil {
			pl.finals = nil
			return ex, err
		}
		pl.finalsTmpl = tmplKey
		pl.bodyKeys = make(map[string]key.Sum, len(pl.byBody))
		for p := range pl.byBody {
			pl.bodyKeys[p] = b.bodyKey(p)
		}
		cand = make([]int32, len(pl.jobs))
		for i := range cand {
			cand[i] = int32(i)
		}
		if pl.checkProbs == nil {
			pl.checkProbs = make([]content.Problems, len(pl.jobs))
		}
	} else {
		seen := map[int32]bool{}
		for _, p := range reparsed {
			k := b.bodyKey(p)
			if pl.bodyKeys[p] == k {
				continue
			}
			pl.bodyKeys[p] = k
			for _, i := range pl.byBody[p] {
				if !seen[i] {
					seen[i] = true
					pl.finals[i] = b.finalOf(pl, int(i))
					cand = append(cand, i)
				}
			}
		}
	}

	var todo []int32
	for _, i := range cand {
		j := &pl.jobs[i]
		if j.kind == jobCheck {
			if probs, ok := b.c.checks[pl.finals[i]]; ok {
				pl.checkProbs[i] = probs
			} else if probs, ok := b.checkedBefore(pl.finals[i]); ok {
				pl.checkProbs[i] = probs
				b.c.checks[pl.finals[i]] = probs
			} else {
				todo = append(todo, i)
			}
			continue
		}
		// An artifact whose cache file this run made again (it was damaged,
		// through the very hard link the sink holds) is published again
		// though its key did not change.
		if w != nil && (b.c.outputs[j.path].key != pl.finals[i] || j.kind == jobArtifact && j.art.made) {
			todo = append(todo, i)
		}
	}
	results := make([]jobResult, len(todo))
	err := b.parallel(ctx, len(todo), func(i int) string { return pl.jobs[todo[i]].origin }, func(i int) {
		results[i] = b.runJob(pl, todo[i], w)
	})
	if err != nil {
		return ex, err
	}
	var errs []error
	for _, r := range results {
		j := &pl.jobs[r.job]
		if j.kind == jobCheck {
			pl.checkProbs[r.job] = r.probs
			b.c.checks[r.final] = r.probs
			b.keepChecked(r.final, r.probs)
			continue
		}
		if r.err != nil {
			errs = append(errs, r.err)
			continue
		}
		if j.kind == jobPage && r.rendered {
			ex.rendered++
		}
		ex.results = append(ex.results, r)
	}
	for i, j := range pl.jobs {
		if j.kind == jobCheck {
			ex.probs.Add(pl.checkProbs[i])
		} else {
			ex.files++
		}
	}
	if len(cand) == len(pl.jobs) {
		// A full pass: forget the checks no job has any more.
		checks := make(map[key.Sum]content.Problems)
		for i, j := range pl.jobs {
			if j.kind == jobCheck {
				checks[pl.finals[i]] = pl.checkProbs[i]
			}
		}
		b.c.checks = checks
	}
	if len(errs) > 0 {
		return ex, joinErrors(onePerCause(errs))
	}
	return ex, nil
}

// joinErrors joins errors into one that unjoin splits again.
func joinErrors(errs []error) error { return &Errors{List: errs} }

var hashSeed = maphash.MakeSeed()

// contentHash hashes an output file's bytes, to tell whether a rebuild
// changed them. It is compared within one process only.
func contentHash(b []byte) uint64 { return maphash.Bytes(hashSeed, b) }

// bufPool holds the buffers a job renders and minifies into: two per worker
// in use at a time, so pages cost no big allocations.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pageBufs holds the buffers a job reads a cached page into: a warm build
// copies 20,000 pages from the cache to the output, and a new slice for each
// was a third of all its allocations.
var pageBufs = sync.Pool{New: func() any { return new([]byte) }}

// maxPageBuf is the largest buffer pageBufs keeps: a rare huge page is not
// held on to.
const maxPageBuf = 1 << 20

func getBuf() *bytes.Buffer {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	return buf
}

// runJob makes job i and hands its file to w.
func (b *Builder) runJob(pl *plan, i int32, w *writer) jobResult {
	j := &pl.jobs[i]
	res := jobResult{job: i, final: pl.finals[i]}
	bodies := make([]*markdown.Doc, len(j.bodies))
	for k, p := range j.bodies {
		var err error
		if bodies[k], err = b.body(p); err != nil {
			res.err = fmt.Errorf("%s: %w", j.origin, err)
			return res
		}
	}
	var data []byte
	var err error
	switch j.kind {
	case jobCheck:
		res.probs = j.check(bodies)
		return res
	case jobArtifact:
		if b.opts.Serve {
			return res // served from the cache, made when asked for (lazy.go)
		}
		a := j.art
		var file string
		if file, err = b.artifactFile(a); err == nil && file != "" {
			res.hash, res.size = contentHash([]byte(a.key.String())), a.size
			res.err = w.link(j.path, file, a.size, res.hash, a.made)
			return res
		}
		if err == nil {
			data, err = b.artifactBytes(a)
		}
	case jobCopy:
		data, err = fs.ReadFile(b.fsys, j.src.src.path)
	default:
		if b.pages != nil {
			bp := pageBufs.Get().(*[]byte)
			data, ok := b.pages.GetInto(res.final, *bp)
			if ok {
				res.hash, res.size = contentHash(data), int64(len(data))
				res.err = w.put(j.path, data, res.hash)
			}
			if cap(data) > cap(*bp) && cap(data) <= maxPageBuf {
				*bp = data[:0]
			}
			pageBufs.Put(bp)
			if ok {
				return res
			}
		}
		res.rendered = true
		if j.kind == jobPage {
			v := j.page.View
			if len(bodies) == 1 {
				v = render.WithBody(v, bodies[0])
			}
			buf := getBuf()
			defer bufPool.Put(buf)
			err = b.c.tmpl.tmpl.ExecuteTo(buf, j.page.Kind, v)
			data = buf.Bytes()
		} else if data, err = j.produce(bodies); err != nil {
			err = fmt.Errorf("write %s: %w", j.path, err)
		}
	}
	if err != nil {
		res.err = err
		return res
	}
	// Data (feeds, sitemap) is written exactly by its writer: a minifier
	// could change its text, such as a LinkedIn post's blank lines.
	if b.opts.Minify && j.kind != jobData && output.Minifies(j.path) && !(j.kind == jobPage && b.c.tmpl.tmpl.Minified()) {
		buf := getBuf()
		defer bufPool.Put(buf)
		if err := b.min.MinifyTo(buf, j.path, data); err != nil {
			res.err = fmt.Errorf("%s: %w", j.origin, err)
			return res
		}
		data = buf.Bytes()
	}
	res.hash, res.size = contentHash(data), int64(len(data))
	if res.rendered && b.pages != nil {
		if err := b.pages.Put(res.final, data); err != nil {
			res.err = err
			return res
		}
	}
	res.err = w.put(j.path, data, res.hash)
	return res
}

// checkedBefore returns the problems a check job with this final key found
// in an earlier run, kept in the cache: a warm build reads no body for its
// 20,000 checks.
func (b *Builder) checkedBefore(k key.Sum) (content.Problems, bool) {
	if b.checks == nil {
		return content.Problems{}, false
	}
	data, ok := b.checks.Get(k)
	if !ok {
		return content.Problems{}, false
	}
	var rec parseRecord
	if codec.Decode(data, &rec) != nil {
		return content.Problems{}, false
	}
	return rec.parsed(k).probs, true
}

// keepChecked puts a check job's problems into the cache.
func (b *Builder) keepChecked(k key.Sum, probs content.Problems) {
	if b.checks == nil {
		return
	}
	if data, err := codec.Append(nil, ptr(recordOf(&parsed{probs: probs}))); err == nil {
		_ = b.checks.Put(k, data) // a check not kept is run again next time
	}
}
