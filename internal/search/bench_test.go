package search

import (
	"testing"

	"github.com/peeplcoach/folio/internal/corpus"
	"github.com/peeplcoach/folio/internal/markdown"
)

// BenchmarkBuild10k indexes 10,000 corpus articles, as folio build does, and
// reports the size of the index.
func BenchmarkBuild10k(b *testing.B) {
	conv := markdown.New(markdown.Options{})
	var docs []Doc
	for _, f := range corpus.Generate(10000, 42) {
		doc, err := conv.Convert(f.Data)
		if err != nil {
			b.Fatal(err)
		}
		title, _ := doc.FrontMatter["title"].(string)
		summary, _ := doc.FrontMatter["summary"].(string)
		docs = append(docs, Doc{URL: "/articles/" + f.Name + "/", Title: title, Summary: summary, Date: "2025-01-01", HTML: doc.HTML})
	}
	b.ResetTimer()
	var files []File
	for b.Loop() {
		files = Build(docs, 4)
	}
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	b.ReportMetric(float64(size)/1024, "index-KB")
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(len(files[0].Data))/1024, "manifest-KB")
}
