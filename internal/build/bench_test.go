package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

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
	if dir := os.Getenv("FOLIO_BENCH_CACHE"); dir != "" && variant == "warm" {
		cacheDir = dir // made by an earlier run: skips minutes of PDFs
	}
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

// BenchmarkRebuild10k measures what folio serve does after a writer saves one
// article: a rebuild of a 10,000-article site (checklists and cards on, warm
// cache) after one article's body changed, written to disk in place.
func BenchmarkRebuild10k(b *testing.B) { benchmarkRebuild(b, 10000) }

// BenchmarkRebuild1k is the same at 1,000 articles: the two together show
// how the rebuild grows with the site.
func BenchmarkRebuild1k(b *testing.B) { benchmarkRebuild(b, 1000) }

func benchmarkRebuild(b *testing.B, n int) {
	fsys := benchSite(b, n, "")
	var names []string
	for p := range fsys {
		if strings.HasPrefix(p, "content/articles/") {
			names = append(names, p)
		}
	}
	sort.Strings(names)
	// FOLIO_BENCH_CACHE keeps the PDFs and cards between runs of the
	// benchmark, which otherwise spends minutes making them before timing.
	cacheDir := os.Getenv("FOLIO_BENCH_CACHE")
	if cacheDir == "" {
		cacheDir = filepath.Join(b.TempDir(), "cache")
	}
	bld, err := New(fsys, Options{Serve: true, Drafts: true, Future: true, CacheDir: cacheDir})
	if err != nil {
		b.Fatal(err)
	}
	out := output.OpenFolder(b.TempDir())
	if _, err := bld.Build(context.Background(), out); err != nil {
		b.Fatal(err)
	}
	defer bld.Close()
	// folio serve makes PDFs and cards in the background: make them all
	// first (kept in FOLIO_BENCH_CACHE), so that the rebuilds are timed
	// alone, as they were when builds made every artifact up front.
	bld.lazy.mu.Lock()
	var arts []*artifact
	for _, a := range bld.lazy.table {
		arts = append(arts, a)
	}
	bld.lazy.mu.Unlock()
	if err := bld.parallel(context.Background(), len(arts), func(i int) string { return arts[i].path }, func(i int) {
		if _, err := bld.lazy.make(arts[i]); err != nil {
			b.Error(err)
		}
	}); err != nil {
		b.Fatal(err)
	}
	var total time.Duration
	if path := os.Getenv("FOLIO_BENCH_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := names[i%len(names)]
		f := fsys[p]
		f.Data = append(f.Data[:len(f.Data):len(f.Data)], fmt.Sprintf("\nOne more sentence, number %d.\n", i)...)
		r, err := bld.Rebuild(context.Background(), out, []string{p})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(r.Rendered), "pages/op")
		total += r.Duration
		if os.Getenv("FOLIO_BENCH_PHASES") != "" && i < 3 {
			b.Logf("%v rendered %d written %d: %v", r.Duration, r.Rendered, r.Written, r.Timings)
		}
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "rebuild-ms")
}
