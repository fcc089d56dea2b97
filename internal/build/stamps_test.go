package build

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peeplcoach/folio/internal/sitefs"
)

// A build reads only the pages whose stamp differs from the one the last
// build recorded: an edit that keeps the size and the modification time is
// seen by its change time, a damaged stamps file trusts nothing, and a page
// changed just before a build is not trusted by the next.
func TestStampsSpareReadingPages(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"content/site.yaml": strings.Replace(testSiteYAML, "image:\n  src: /images/share.png\n  alt: The site's card\n", "", 1)}
	for p, f := range designFiles(t) {
		files[p] = string(f.Data)
	}
	for _, name := range []string{"alpha", "bravo", "charlie"} {
		files["content/articles/"+name+".md"] = "---\ntitle: " + name + "\ndate: 2025-01-02\ntopics: [trust]\nsummary: About " + name + ".\n---\n\nThe word is apple.\n"
	}
	for p, text := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	info, err := os.Stat(filepath.Join(dir, "content/site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := stampOf(info); !ok {
		t.Skip("this system tells no change time: every page is read")
	}
	fsys, err := sitefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	opts := Options{Now: func() time.Time { return fixedNow }, CacheDir: filepath.Join(dir, ".cache")}
	build := func(opts Options) (*memSink, int) {
		t.Helper()
		b, err := New(fsys, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		out := newMemSink()
		if _, err := b.Build(context.Background(), out); err != nil {
			t.Fatal(err)
		}
		return out, b.c.pagesRead
	}
	fresh := func() *memSink {
		o := opts
		o.CacheDir = ""
		out, _ := build(o)
		return out
	}

	// Pages written just now are not trusted: the next build reads them.
	build(opts)
	if _, read := build(opts); read != 3 {
		t.Errorf("pages changed just before the last build: %d read, want 3", read)
	}

	defer func(s time.Duration) { stampSlack = s }(stampSlack)
	stampSlack = -time.Hour // trust every stamp, however recent
	build(opts)
	out, read := build(opts)
	if read != 0 {
		t.Errorf("nothing changed: %d pages read, want 0", read)
	}
	if !maps.EqualFunc(out.files, fresh().files, func(a, b []byte) bool { return string(a) == string(b) }) {
		t.Error("a build of stamped pages differs from a fresh build")
	}

	// The same size, the modification time set back: the change time moved.
	time.Sleep(20 * time.Millisecond)
	p := filepath.Join(dir, "content/articles/bravo.md")
	before, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(files["content/articles/bravo.md"], "apple", "mango", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, before.ModTime(), before.ModTime()); err != nil {
		t.Fatal(err)
	}
	out, read = build(opts)
	if read != 1 {
		t.Errorf("one page changed: %d read, want 1", read)
	}
	if page := string(out.files["articles/bravo/index.html"]); !strings.Contains(page, "mango") {
		t.Error("the edit that kept size and modification time is not in the page")
	}
	if !maps.EqualFunc(out.files, fresh().files, func(a, b []byte) bool { return string(a) == string(b) }) {
		t.Error("the build after an edit differs from a fresh build")
	}

	// A damaged stamps file: every page is read, and the build succeeds.
	stamps, _ := filepath.Glob(filepath.Join(dir, ".cache", "sources-*.stamps"))
	if len(stamps) != 1 {
		t.Fatalf("stamps files: %v", stamps)
	}
	data, _ := os.ReadFile(stamps[0])
	if err := os.WriteFile(stamps[0], append(data, "damaged line\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, read = build(opts); read != 3 {
		t.Errorf("damaged stamps: %d pages read, want 3", read)
	}
}
