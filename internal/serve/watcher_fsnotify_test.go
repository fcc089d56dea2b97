package serve

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// collect gathers batches from a real watcher until every wanted path has
// been reported, and fails on any path not wanted. The timeout only guards
// against a hang.
func collect(t *testing.T, w *watcher, want ...string) {
	t.Helper()
	missing := slices.Clone(want)
	deadline := time.After(5 * time.Second)
	for len(missing) > 0 {
		select {
		case batch, ok := <-w.Batches():
			if !ok {
				t.Fatal("watcher stopped")
			}
			for _, p := range batch {
				if !slices.Contains(want, p) {
					t.Fatalf("unexpected change %q in batch %q (want %q)", p, batch, want)
				}
				missing = slices.DeleteFunc(missing, func(m string) bool { return m == p })
			}
		case <-deadline:
			t.Fatalf("not reported within 5s: %q", missing)
		}
	}
}

func TestWatcherFsnotify(t *testing.T) {
	src := t.TempDir()
	out := filepath.Join(src, "static", "_preview") // inside a watched root
	writeFile(t, filepath.Join(src, "content", "articles", "a.md"), "a")
	writeFile(t, filepath.Join(src, "content", "site.yaml"), "title: x")
	writeFile(t, filepath.Join(src, "static", "css", "site.css"), "body{}")
	writeFile(t, filepath.Join(out, "index.html"), "old")
	w, err := newWatcher(watchConfig{sourceDir: src, outputDir: out})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	abs := func(rel string) string { return filepath.Join(src, filepath.FromSlash(rel)) }

	t.Run("write", func(t *testing.T) {
		writeFile(t, abs("content/site.yaml"), "title: y")
		collect(t, w, "content/site.yaml")
	})

	t.Run("atomic save", func(t *testing.T) {
		writeFile(t, abs("content/articles/.a.md.tmp"), "a2")
		if err := os.Rename(abs("content/articles/.a.md.tmp"), abs("content/articles/a.md")); err != nil {
			t.Fatal(err)
		}
		collect(t, w, "content/articles/a.md")
	})

	t.Run("editor noise", func(t *testing.T) {
		writeFile(t, abs("content/articles/.a.md.swp"), "swap")
		writeFile(t, abs("content/articles/4913"), "")
		writeFile(t, abs("content/articles/a.md~"), "backup")
		if err := os.Chmod(abs("content/articles/a.md"), 0o600); err != nil {
			t.Fatal(err)
		}
		// The output folder is never watched, even inside static/.
		writeFile(t, filepath.Join(out, "index.html"), "new")
		writeFile(t, filepath.Join(out, "articles", "a", "index.html"), "new")
		// Events arrive in order: once this one is reported, the noise
		// above has been seen and dropped.
		writeFile(t, abs("static/css/site.css"), "body{color:red}")
		collect(t, w, "static/css/site.css")
	})

	t.Run("folder moved in", func(t *testing.T) {
		outside := t.TempDir()
		writeFile(t, filepath.Join(outside, "series", "one.md"), "1")
		writeFile(t, filepath.Join(outside, "series", "part", "two.md"), "2")
		if err := os.Rename(filepath.Join(outside, "series"), abs("content/series")); err != nil {
			t.Fatal(err)
		}
		collect(t, w, "content/series/one.md", "content/series/part/two.md")
		// Its subfolder is watched.
		writeFile(t, abs("content/series/part/two.md"), "2b")
		collect(t, w, "content/series/part/two.md")
	})

	t.Run("new folder", func(t *testing.T) {
		writeFile(t, abs("layouts/partials/head.html"), "<head>")
		collect(t, w, "layouts/partials/head.html")
		writeFile(t, abs("layouts/partials/head.html"), "<head></head>")
		collect(t, w, "layouts/partials/head.html")
	})

	t.Run("folder deleted", func(t *testing.T) {
		if err := os.RemoveAll(abs("content/series")); err != nil {
			t.Fatal(err)
		}
		collect(t, w, "content/series/one.md", "content/series/part/two.md")
	})

	t.Run("folder moved away", func(t *testing.T) {
		if err := os.Rename(abs("layouts/partials"), filepath.Join(t.TempDir(), "trash")); err != nil {
			t.Fatal(err)
		}
		collect(t, w, "layouts/partials/head.html")
	})
}
