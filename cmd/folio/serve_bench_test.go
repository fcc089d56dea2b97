package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peeplcoach/folio/internal/corpus"
)

// BenchmarkServeEdit10k is the speed measure: folio serve over a
// 10,000-article site; each iteration appends a sentence to one article's
// body (an atomic save, a different article each time) and measures the
// time from the save to the event naming that article (event-ms) and to a
// GET of the article showing the sentence (page-ms), as medians and 90th
// percentiles. It also reports the first build's time, the process's peak
// RSS during the first build (build-peak-MB) and during the edits
// (serve-peak-MB), and how long Ctrl-C takes to return (stop-s).
//
// The first build of 10,000 articles makes every checklist PDF and share
// card (90 s to 2.5 min on two cores), so run it with a fixed count;
// FOLIO_BENCH_CPUPROFILE=file profiles the edits alone:
//
//	go test -run '^$' -bench ServeEdit10k -benchtime 40x ./cmd/folio
func BenchmarkServeEdit10k(b *testing.B) {
	const n = 10000
	src := b.TempDir()
	if err := corpus.WriteDir(filepath.Join(src, "content"), n, 42); err != nil {
		b.Fatal(err)
	}
	copyDir(b, filepath.Join(repoRoot, "layouts"), filepath.Join(src, "layouts"))
	copyDir(b, filepath.Join(repoRoot, "static"), filepath.Join(src, "static"))
	writeFile(b, filepath.Join(src, "content", "site.yaml"), readFile(b, filepath.Join(repoRoot, "content", "site.yaml")))
	writeFile(b, filepath.Join(src, "netlify.toml"), readFile(b, filepath.Join(repoRoot, "netlify.toml")))
	articles, err := filepath.Glob(filepath.Join(src, "content", "articles", "*.md"))
	if err != nil || len(articles) != n {
		b.Fatalf("corpus has %d articles (%v), want %d", len(articles), err, n)
	}
	slices.Sort(articles)

	// The corpus was generated in this process: return its memory so that
	// the peaks below are the server's.
	runtime.GC()
	debug.FreeOSMemory()
	peaks := resetPeakRSS()
	start := time.Now()
	p := startServe(b, src)
	firstBuild := time.Since(start)
	var buildPeak float64
	if peaks {
		buildPeak = peakRSSMB(b)
		resetPeakRSS()
	}
	events := p.openEvents(b)
	stopProfile := func() {}
	if path := os.Getenv("FOLIO_BENCH_CPUPROFILE"); path != "" {
		stopProfile = profileCPU(b, path) // the edits only, not the first build
	}

	var eventTimes, pageTimes []time.Duration
	i := 0
	for b.Loop() {
		// A stride coprime with n visits a different article each time,
		// spread over the whole site.
		file := articles[(i*7919)%n]
		url := "/articles/" + strings.TrimSuffix(filepath.Base(file), ".md") + "/"
		sentence := fmt.Sprintf("Edit %d of the serve benchmark lands here.", i)
		body := readFile(b, file)
		events.drain()

		t0 := time.Now()
		saveAtomic(b, file, body+"\n"+sentence+"\n")
		e, ok := events.next(waitGuard, func(e event) bool { return e.names(url) || e.Error != "" })
		if !ok || e.Error != "" {
			b.Fatalf("edit %d (%s): no event naming %s (error %q)\nlog:\n%s", i, file, url, e.Error, p.stdout)
		}
		eventTimes = append(eventTimes, e.at.Sub(t0))
		resp, page := p.get(b, url)
		pageTimes = append(pageTimes, time.Since(t0))
		if resp.StatusCode != 200 || !strings.Contains(page, sentence) {
			b.Fatalf("edit %d: GET %s after the event: %s, new sentence shown: %t", i, url, resp.Status, strings.Contains(page, sentence))
		}
		i++
	}
	b.StopTimer()
	stopProfile()
	// Reported after the loop: b.Loop's start drops metrics reported before.
	b.ReportMetric(firstBuild.Seconds(), "first-build-s")
	reportPercentiles(b, "event", eventTimes)
	reportPercentiles(b, "page", pageTimes)
	if peaks {
		b.ReportMetric(buildPeak, "build-peak-MB")
		b.ReportMetric(peakRSSMB(b), "serve-peak-MB")
	}

	// Ctrl-C: the time until folio serve has returned, its output folder
	// (tens of thousands of files) removed.
	t0 := time.Now()
	p.stop()
	select {
	case code := <-p.code:
		b.ReportMetric(time.Since(t0).Seconds(), "stop-s")
		p.code <- code // for startServe's cleanup
	case <-time.After(firstBuildGuard):
		b.Fatal("folio serve did not stop")
	}
}

// profileCPU writes a CPU profile to path until the returned function is
// called.
func profileCPU(b *testing.B, path string) func() {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			b.Error(err)
		}
	}
}

// reportPercentiles reports the median and 90th percentile of ds in ms.
func reportPercentiles(b *testing.B, name string, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(s[len(s)/2]), name+"-median-ms")
	b.ReportMetric(ms(s[(len(s)*9)/10]), name+"-p90-ms")
}

// resetPeakRSS resets the process's peak resident set size (VmHWM) to its
// current size, which Linux allows since 4.0; false where it cannot.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSSMB is the process's peak resident set size in MB, VmHWM in
// /proc/self/status.
func peakRSSMB(b *testing.B) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				b.Fatalf("VmHWM %q: %v", rest, err)
			}
			return float64(kb) / 1024
		}
	}
	b.Fatal("no VmHWM in /proc/self/status")
	return 0
}
