package build

import (
	"github.com/peeplcoach/folio/internal/codec"
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/i18n"
	"github.com/peeplcoach/folio/internal/key"
	"github.com/peeplcoach/folio/internal/markdown"
	"github.com/peeplcoach/folio/internal/search"
	"github.com/peeplcoach/folio/internal/slug"
)

// searchJobs are the files of the search index (internal/search), made once
// here, when the plan is made: the manifest, the shards of the inverted
// index and the chunks of documents. The plan calls it:
//
//	pl.jobs = append(pl.jobs, b.searchJobs(idx)...)
//
// folio serve writes no index: every save would cost a second at 10,000
// articles, and a quick rebuild (one article's body) could not keep it equal
// to a clean build. Its /search/ page says the index comes with folio build.
func (b *Builder) searchJobs(idx *content.Index) ([]job, error) {
	if !searchIndexed(idx, b.opts) {
		return nil, nil
	}
	words, err := i18n.New(idx.Site.Language, nil, "")
	if err != nil {
		words = i18n.English()
	}
	// The index is a function of the documents: what lists show of each
	// article, and its body. Its key holds the bodies' keys, so a build
	// whose bodies did not change reads the index from the cache and
	// decodes no body.
	docs := make([]search.Doc, len(idx.Articles))
	bodyKeys := make([]key.Sum, len(idx.Articles))
	for i, a := range idx.Articles {
		d := search.Doc{URL: slug.EscapePath(a.URL), Title: a.Title, Summary: a.Summary, Date: a.Date.Format("2006-01-02"), DateText: words.Date(a.Date)}
		for _, t := range a.Topics {
			d.Topics = append(d.Topics, t.Name)
		}
		docs[i] = d
		bodyKeys[i] = b.bodyKey(a.Path)
	}
	k := key.Of("search index", docs, bodyKeys)
	var files []search.File
	if data, ok := b.cachedPage(k); ok && codec.Decode(data, &files) == nil {
		return searchFileJobs(files), nil
	}
	// Bodies are read a batch at a time (search.BuildFrom): with the cache,
	// memory holds a few hundred of them, not 10,000.
	files, err = search.BuildFrom(docs, func(i int) (string, error) {
		body, err := b.body(idx.Articles[i].Path)
		if err != nil {
			return "", err
		}
		return body.HTML, nil
	}, b.opts.Workers)
	if err != nil {
		return nil, err
	}
	if b.pages != nil {
		if data, err := codec.Append(nil, &files); err == nil {
			_ = b.pages.Put(k, data) // not kept: made again next time
		}
	}
	return searchFileJobs(files), nil
}

// cachedPage returns an entry of the cache's pages pack.
func (b *Builder) cachedPage(k key.Sum) ([]byte, bool) {
	if b.pages == nil {
		return nil, false
	}
	return b.pages.Get(k)
}

// searchFileJobs are the jobs writing the index's files.
func searchFileJobs(files []search.File) []job {
	jobs := make([]job, len(files))
	for i, f := range files {
		data := f.Data
		// The index is made here, from every body: its files are the jobs'
		// inputs, and the plan is made again when any body changes.
		jobs[i] = job{path: f.Path, kind: jobData, origin: "the search index", input: key.Bytes(data), produce: func([]*markdown.Doc) ([]byte, error) { return data, nil }}
	}
	return jobs
}

// searchIndexed reports whether a build writes the search index: folio
// build does, when site.yaml asks for search; folio serve does not.
func searchIndexed(idx *content.Index, opts Options) bool {
	return idx.Site.Search && !opts.Serve
}
