package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/peeplcoach/folio/internal/corpus"
	"github.com/peeplcoach/folio/internal/output"
)

// benchSite is the bundled site's settings, layouts and static files with n
// synthetic articles shaped like the first one. extra is appended to site.yaml.
func benchSite(b *testing.B, n int, extra string) fstest.MapFS {
	b.Helper()
	fsys := designFiles(b)
	site, err := os.ReadFile(filepath.Join("..", "..", "content", "site.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	fsys["content/site.yaml"] = &fstest.MapFile{Data: append(site, extra...)}
	for _, f := range corpus.Generate(n, 42) {
		fsys["content/articles/"+f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// benchmarkBuild measures a clean, minified build to disk, as folio build
// does. plain turns checklists and share cards off; cold empties their cache
// before each build, warm fills it once before timing.
func benchmarkBuild(b *testing.B, n int, variant string) {
	extra := ""
	if variant == "plain" {
		extra = "\nchecklists: false\nshare_cards: false\n"
	}
	fsys := benchSite(b, n, extra)
	cacheDir := filepath.Join(b.TempDir(), "cache")
	build := func() *Report {
		out := filepath.Join(b.TempDir(), "public")
		stage, err := output.NewStaging(out, b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		bld, err := New(fsys, Options{Minify: true, Fingerprint: true, CacheDir: cacheDir})
		if err != nil {
			b.Fatal(err)
		}
		r, err := bld.Build(context.Background(), stage)
		if err != nil {
			b.Fatal(err)
		}
		if err := stage.Commit(); err != nil {
			b.Fatal(err)
		}
		return r
	}
	if variant == "warm" {
		build()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if variant == "cold" {
			b.StopTimer()
			os.RemoveAll(cacheDir)
			b.StartTimer()
		}
		r := build()
		b.ReportMetric(float64(r.Files), "files")
	}
}

func BenchmarkBuild1k(b *testing.B) {
	for _, v := range []string{"plain", "warm", "cold"} {
		b.Run(v, func(b *testing.B) { benchmarkBuild(b, 1000, v) })
	}
}

// BenchmarkBuild10k is the target: run with -benchtime=3x; the cold
// variant takes minutes (20,000 PDFs and 10,000 cards), so run it with
// -bench 'Build10k/cold' -benchtime=1x.
func BenchmarkBuild10k(b *testing.B) {
	for _, v := range []string{"plain", "warm", "cold"} {
		b.Run(v, func(b *testing.B) { benchmarkBuild(b, 10000, v) })
	}
}
