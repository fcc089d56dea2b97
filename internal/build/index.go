package build

import (
	"context"
	"time"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/key"
)

// indexIn is everything the index step reads, but the time.
type indexIn struct {
	Site   key.Sum // key.Of the site settings
	Drafts bool
	Future bool
	Pages  key.Sum // of every page's path and listing (pageSet.key)
}

// index relates the pages (see caches.index). It depends on the time only
// through which articles are dated in the future: the memo records the first
// date after now, and holds until then.
func (b *Builder) index(ps pageSet) (*content.Index, content.Problems, key.Sum) {
	now := b.opts.Now()
	k := key.Of(indexIn{Site: b.c.site.skey, Drafts: b.opts.Drafts, Future: b.opts.Future, Pages: ps.key})
	m := &b.c.index
	if m.idx != nil && m.key == k && now.Before(m.validUntil) {
		return m.idx, m.probs, m.key
	}
	listings := make([]*content.Page, len(ps.parsed))
	var validUntil time.Time
	for i, p := range ps.parsed {
		listings[i] = p.listing
		if d := p.listing.Date; p.listing.Kind == content.KindArticle && d.After(now) && (validUntil.IsZero() || d.Before(validUntil)) {
			validUntil = d
		}
	}
	if validUntil.IsZero() {
		validUntil = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	idx, probs := content.NewIndex(b.c.site.site, listings, content.IndexOptions{
		Drafts: b.opts.Drafts, Future: b.opts.Future, Now: now, Related: b.relate,
	})
	*m = indexMemo{key: k, idx: idx, probs: probs, validUntil: validUntil}
	return idx, probs, k
}

// relate is content.Relate memoised on the topology (see caches.related):
// an edit to a title or a date that keeps the order leaves related lists be.
func (b *Builder) relate(t content.Topology) [][]int32 {
	k := key.Of(t)
	if b.c.related.rels != nil && b.c.related.key == k {
		return b.c.related.rels
	}
	rels := content.Relate(t)
	b.c.related.key, b.c.related.rels = k, rels
	return rels
}

// Index reads and indexes the site without rendering anything: for commands
// that need the content model, such as folio snippets. Its articles are whole,
// bodies included. It returns the index, the warnings, and the errors as an
// *Errors.
func (b *Builder) Index(ctx context.Context) (*content.Index, []error, error) {
	if err := b.load(nil); err != nil {
		return nil, nil, err
	}
	if err := b.readFiles(ctx); err != nil {
		return nil, nil, err
	}
	b.parseSite()
	if _, _, err := b.parsePages(ctx); err != nil {
		return nil, nil, err
	}
	b.c.lastPages = nil // every file was read: look at each
	ps := b.collectPages(nil)
	var probs content.Problems
	probs.Add(b.c.site.probs)
	probs.Add(ps.Problems)
	if b.c.site.site == nil {
		return nil, nil, problemsErr(probs, nil)
	}
	pages := make([]*content.Page, len(ps.parsed))
	for i, p := range ps.parsed {
		doc, err := b.body(ps.paths[i])
		if err != nil {
			return nil, nil, err
		}
		whole := *p.listing
		whole.Doc = doc
		pages[i] = &whole
	}
	idx, idxProbs := content.NewIndex(b.c.site.site, pages, content.IndexOptions{Drafts: b.opts.Drafts, Future: b.opts.Future, Now: b.opts.Now()})
	probs.Add(idxProbs)
	warnings := problemList(probs.Warnings)
	if len(probs.Errors) > 0 {
		return nil, warnings, problemsErr(probs, nil)
	}
	return idx, warnings, nil
}

// problemList turns content problems into errors, sorted by file and line.
func problemList(ps []*content.Error) []error {
	content.SortErrors(ps)
	out := make([]error, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

// problemsErr is the *Errors of a failed build: the content problems by file
// and line, then the other errors, one per cause; with every warning.
func problemsErr(probs content.Problems, other []error) error {
	list := append(problemList(probs.Errors), onePerCause(other)...)
	return &Errors{List: list, Warnings: problemList(probs.Warnings)}
}
