package build

import (
	"context"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/social"
)

// Index reads and indexes the site without rendering anything: for commands
// that need the content model, such as folio snippets. It returns the index,
// the warnings, and the errors as an *Errors.
func (b *Builder) Index(ctx context.Context) (*content.Index, []error, error) {
	b.files = nil
	if err := b.load(nil); err != nil {
		return nil, nil, err
	}
	b.parseSite()
	probs := b.parsePages(ctx)
	var errs []error
	for _, e := range b.siteProbs.Errors {
		errs = append(errs, e)
	}
	if b.site == nil {
		return nil, nil, &Errors{List: errs}
	}
	idx, idxProbs := content.NewIndex(b.site, probs.pages, content.IndexOptions{Drafts: b.opts.Drafts, Future: b.opts.Future, Now: b.opts.Now()}, nil)
	probs.Add(idxProbs)
	if err := b.failed(errs, &probs.Problems); err != nil {
		return nil, nil, err
	}
	var warnings []error
	for _, w := range append(b.siteProbs.Warnings, probs.Warnings...) {
		warnings = append(warnings, w)
	}
	return idx, warnings, nil
}

// LinkedInPosts composes every article's LinkedIn post, newest first, exactly
// as the site's LinkedIn feed carries them (the share card's byte size aside,
// which only a build knows).
func LinkedInPosts(idx *content.Index) ([]social.Post, error) {
	var probs content.Problems
	posts := Posts(idx, cardImages(idx), &probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return posts, nil
}
