package build

import (
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/i18n"
	"github.com/peeplcoach/folio/internal/key"
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
func (b *Builder) searchJobs(idx *content.Index) []job {
	if !searchIndexed(idx, b.opts) {
		return nil
	}
	words, err := i18n.New(idx.Site.Language, nil, "")
	if err != nil {
		words = i18n.English()
	}
	docs := make([]search.Doc, len(idx.Articles))
	for i, a := range idx.Articles {
		d := search.Doc{URL: slug.EscapePath(a.URL), Title: a.Title, Summary: a.Summary, Date: a.Date.Format("2006-01-02"), DateText: words.Date(a.Date), HTML: a.Doc.HTML}
		for _, t := range a.Topics {
			d.Topics = append(d.Topics, t.Name)
		}
		docs[i] = d
	}
	files := search.Build(docs, b.opts.Workers)
	jobs := make([]job, len(files))
	for i, f := range files {
		data := f.Data
		jobs[i] = job{path: f.Path, kind: jobData, origin: "the search index", key: key.Bytes(data), produce: func() ([]byte, error) { return data, nil }}
	}
	return jobs
}

// searchIndexed reports whether a build writes the search index. A quick
// rebuild (quick.go) renders a few pages and keeps the rest, which an index
// of every body cannot do: when there is one, the rebuild is a full one.
func searchIndexed(idx *content.Index, opts Options) bool {
	return idx.Site.Search && !opts.Serve
}
