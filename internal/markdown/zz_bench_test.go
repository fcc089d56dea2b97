package markdown

import (
	"testing"

	"github.com/peeplcoach/folio/internal/corpus"
)

func BenchmarkConvertCorpus(b *testing.B) {
	files := corpus.Generate(200, 42)
	c := New(Options{})
	var n int64
	for _, f := range files {
		n += int64(len(f.Data))
	}
	b.SetBytes(n)
	for b.Loop() {
		for _, f := range files {
			if _, err := c.Convert(f.Data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
