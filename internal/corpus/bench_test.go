package corpus

import "testing"

// BenchmarkGenerate measures one article's cost inside a 1,000-article
// corpus (the per-op figure is for the whole corpus).
func BenchmarkGenerate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Generate(1000, 42)
	}
}
