package build

import (
	"context"
	"io/fs"
	"reflect"
	"time"

	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/pdf"
)

// quickRebuild handles the writer's most common save: the body of published
// articles changed, and nothing that any other page shows of them (title,
// date, summary, topics, series, reading time… see content.Page.SameListing).
// Then the index, every card and every other page stand, and the rebuild
// renders the articles' own pages, their checklists if those changed, and the
// feeds that carry their text: a handful of files whatever the size of the
// site. It reports false when the change is not of that kind; the full
// rebuild then does the work, so a wrong guess costs time, never correctness.
func (b *Builder) quickRebuild(ctx context.Context, sink Sink, changed []string) (*Report, bool, error) {
	start := time.Now()
	pl, idx := b.lastPlan, b.index
	if pl == nil || idx == nil || len(changed) == 0 {
		return nil, false, nil
	}
	if searchIndexed(idx, b.opts) {
		return nil, false, nil // the index's shards follow every body (search.go)
	}
	olds := make([]*content.Article, len(changed))
	todo := make([]*file, len(changed))
	for i, p := range changed {
		f := b.files[p]
		if f == nil || f.kind != kindPage || f.page == nil || f.place.Kind != content.KindArticle {
			return nil, false, nil
		}
		if _, err := fs.Stat(b.fsys, p); err != nil {
			return nil, false, nil // deleted: lists change
		}
		a := idx.Article(f.page.URL)
		if a == nil || a.Page != f.page {
			return nil, false, nil // a draft, or not published
		}
		olds[i], todo[i] = a, f
		f.dirty = true
	}
	t0 := time.Now()
	b.parseFiles(ctx, todo)
	var probs content.Problems
	for i, f := range todo {
		if f.page == nil || len(f.probs.Errors) > 0 || !olds[i].Page.SameListing(f.page) {
			return nil, false, nil // the full rebuild reports any errors
		}
		probs.Warnings = append(probs.Warnings, f.probs.Warnings...)
	}
	for i, p := range changed {
		idx.Replace(olds[i], b.files[p].page)
	}
	parsed := time.Since(t0)

	// The articles' own outputs: page, checklist, post.
	t0 = time.Now()
	q := &plan{npages: pl.npages, urls: pl.urls, common: pl.common}
	var arts []*artifact
	checklists := map[*content.Article]*checklistFiles{}
	for _, a := range olds {
		if a.Checklist != nil && idx.Site.Checklists {
			files := &checklistFiles{a4: b.checklistArtifact(idx.Site, a, pdf.A4), letter: b.checklistArtifact(idx.Site, a, pdf.Letter)}
			arts = append(arts, files.a4, files.letter)
			checklists[a] = files
		}
	}
	probs.Warnings = append(probs.Warnings, b.drawing(idx.Site).warnings(idx.Site, olds)...)
	if err := b.ensureArtifacts(ctx, arts); err != nil {
		return nil, true, err
	}
	for _, art := range arts {
		q.jobs = append(q.jobs, job{path: art.path, kind: jobArtifact, art: art})
	}
	// The views of the checklists show the PDFs' sizes, known only now; a
	// changed checklist changes the list of checklists too.
	checklistsChanged := false
	for a, files := range checklists {
		view := checklistView(idx.Site, a, files)
		if !reflect.DeepEqual(view, pl.checklists[a]) {
			checklistsChanged = true
		}
		pl.checklists[a] = view
	}
	for _, a := range olds {
		for _, o := range pl.pages.Article(a) {
			q.jobs = append(q.jobs, job{path: o.Path, kind: jobPage, page: o})
		}
	}
	if checklistsChanged {
		for _, o := range pl.pages.ChecklistsIndex() {
			q.jobs = append(q.jobs, job{path: o.Path, kind: jobPage, page: o})
		}
	}
	opts := postOptions(idx.Site)
	for _, a := range olds {
		i, ok := pl.postIndex[a.Slug]
		if !ok {
			continue
		}
		if post, ok := composePost(idx.Site, a, pl.images[a], opts, &probs, b.posts); ok {
			pl.posts[i] = post
		}
	}
	if len(probs.Errors) > 0 {
		return nil, false, nil
	}
	// The sitemap, robots.txt and _redirects list URLs and dates, which did
	// not change; the feeds carry the articles' text.
	q.jobs = append(q.jobs, b.feedJobs(idx, pl.posts)...)
	for _, a := range olds {
		probs.Add(checkLinks(&content.Index{Articles: []*content.Article{a}}, pl.urls))
	}
	planned := time.Since(t0)

	t0 = time.Now()
	res, err := b.execute(ctx, sink, q, true)
	if err != nil {
		b.lastPlan = nil
		return nil, true, err
	}
	r := &Report{
		Pages: pl.npages, Files: len(pl.jobs),
		Rendered: res.rendered, Written: res.written, Bytes: res.bytes, Changed: res.changed,
		Timings: []Timing{{"parse", parsed}, {"plan", planned}, {"render+write", time.Since(t0)}},
	}
	content.SortErrors(probs.Warnings)
	for _, w := range content.DropDeclared(b.site, probs.Warnings) {
		r.Warnings = append(r.Warnings, w)
	}
	r.Duration = time.Since(start)
	return r, true, nil
}
