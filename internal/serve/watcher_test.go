package serve

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/fsnotify/fsnotify"
)

// fakeSource feeds the watcher loop from channels and records its watches.
type fakeSource struct {
	events chan fsnotify.Event
	errs   chan error

	mu      sync.Mutex
	watched map[string]bool
}

func newFakeSource() *fakeSource {
	return &fakeSource{events: make(chan fsnotify.Event), errs: make(chan error), watched: map[string]bool{}}
}

func (f *fakeSource) Add(dir string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.watched[dir] = true
	return nil
}

func (f *fakeSource) Remove(dir string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.watched, dir)
	return nil
}

func (f *fakeSource) Events() <-chan fsnotify.Event { return f.events }
func (f *fakeSource) Errors() <-chan error          { return f.errs }
func (f *fakeSource) Close() error                  { return nil }

func (f *fakeSource) isWatched(dir string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.watched[dir]
}

// fakeSite is a source folder on disk (the watcher stats and walks it) with
// a watcher driven by a fakeSource.
type fakeSite struct {
	t   *testing.T
	dir string
	src *fakeSource
	w   *watcher
}

// startFake writes files (slash paths relative to the source folder) and
// starts a watcher on them. Call it inside a synctest bubble.
func startFake(t *testing.T, files ...string) *fakeSite {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		writeFile(t, filepath.Join(dir, f), "x")
	}
	src := newFakeSource()
	w, err := newWatcherWith(watchConfig{sourceDir: dir, outputDir: filepath.Join(dir, "public")}, src)
	if err != nil {
		t.Fatal(err)
	}
	return &fakeSite{t: t, dir: dir, src: src, w: w}
}

func (s *fakeSite) abs(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

// send delivers one raw event for a path relative to the source folder.
func (s *fakeSite) send(op fsnotify.Op, rel string) {
	s.src.events <- fsnotify.Event{Name: s.abs(rel), Op: op}
}

// batch returns the batch ready now, if any, once every goroutine of the
// bubble has settled.
func (s *fakeSite) batch() ([]string, bool) {
	synctest.Wait()
	select {
	case b := <-s.w.Batches():
		return b, true
	default:
		return nil, false
	}
}

func (s *fakeSite) wantBatch(want ...string) {
	s.t.Helper()
	got, ok := s.batch()
	if !ok {
		s.t.Fatalf("no batch at %v, want %q", time.Now(), want)
	}
	if !slices.Equal(got, want) {
		s.t.Fatalf("batch = %q, want %q", got, want)
	}
}

func (s *fakeSite) wantNoBatch() {
	s.t.Helper()
	if got, ok := s.batch(); ok {
		s.t.Fatalf("unexpected batch %q", got)
	}
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatcherCoalescesBurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := startFake(t, "content/a.md", "content/b.md")
		defer s.w.Close()

		s.send(fsnotify.Write, "content/a.md")
		time.Sleep(5 * time.Millisecond)
		s.send(fsnotify.Create, "content/b.md")
		time.Sleep(10 * time.Millisecond)
		s.send(fsnotify.Write, "content/a.md")

		// The batch waits for a full quiet window after the last event.
		time.Sleep(quietWindow - time.Millisecond)
		s.wantNoBatch()
		time.Sleep(time.Millisecond)
		s.wantBatch("content/a.md", "content/b.md")

		// Nothing is delivered twice.
		time.Sleep(time.Second)
		s.wantNoBatch()

		// A later edit starts a new batch.
		s.send(fsnotify.Write, "content/b.md")
		time.Sleep(quietWindow)
		s.wantBatch("content/b.md")
	})
}

func TestWatcherMaxDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := startFake(t, "content/a.md", "content/b.md")
		defer s.w.Close()

		// A tool writing without pause never leaves a quiet window; the
		// batch is flushed maxDelay after its first event all the same.
		start := time.Now()
		var got []string
		for time.Since(start) < time.Second {
			s.send(fsnotify.Write, "content/a.md")
			if b, ok := s.batch(); ok {
				got = b
				break
			}
			time.Sleep(quietWindow / 2)
		}
		if took := time.Since(start); took != maxDelay {
			t.Errorf("first batch after %v, want %v", took, maxDelay)
		}
		if !slices.Equal(got, []string{"content/a.md"}) {
			t.Errorf("batch = %q", got)
		}
	})
}

func TestWatcherIgnores(t *testing.T) {
	tests := []struct {
		name string
		op   fsnotify.Op
		path string
	}{
		{"chmod only", fsnotify.Chmod, "content/a.md"},
		{"vim swap", fsnotify.Create, "content/.a.md.swp"},
		{"swap without dot", fsnotify.Write, "content/a.md.swx"},
		{"backup", fsnotify.Create, "content/a.md~"},
		{"emacs autosave", fsnotify.Create, "content/#a.md#"},
		{"emacs lock", fsnotify.Create, "content/.#a.md"},
		{"vim probe", fsnotify.Create, "content/4913"},
		{"vim probe, second try", fsnotify.Create, "content/5036"},
		{"finder", fsnotify.Create, "static/.DS_Store"},
		{"temporary", fsnotify.Write, "layouts/base.html.tmp"},
		{"jetbrains", fsnotify.Create, "content/a.md___jb_tmp___"},
		{"inside a dot-folder", fsnotify.Write, "content/.git/index"},
		{"outside the roots", fsnotify.Write, "README.md"},
		{"output folder", fsnotify.Create, "public/index.html"},
		{"source folder itself", fsnotify.Remove, "."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := startFake(t, "content/a.md")
				defer s.w.Close()
				s.send(tt.op, tt.path)
				time.Sleep(time.Second)
				s.wantNoBatch()
			})
		})
	}
}

func TestWatcherEditorSaves(t *testing.T) {
	type ev struct {
		op   fsnotify.Op
		path string
	}
	tests := []struct {
		name   string
		events []ev
		want   []string
	}{
		{
			// Write a temporary file, then rename it over the article.
			name: "atomic save",
			events: []ev{
				{fsnotify.Create, "content/articles/a.md.tmp"},
				{fsnotify.Write, "content/articles/a.md.tmp"},
				{fsnotify.Chmod, "content/articles/a.md.tmp"},
				{fsnotify.Rename, "content/articles/a.md.tmp"},
				{fsnotify.Create, "content/articles/a.md"},
			},
			want: []string{"content/articles/a.md"},
		},
		{
			// vim with writebackup: probe, rename to a~, write anew, drop a~.
			name: "backup-and-rename save",
			events: []ev{
				{fsnotify.Create, "content/articles/4913"},
				{fsnotify.Chmod, "content/articles/4913"},
				{fsnotify.Remove, "content/articles/4913"},
				{fsnotify.Rename, "content/articles/a.md"},
				{fsnotify.Create, "content/articles/a.md~"},
				{fsnotify.Create, "content/articles/a.md"},
				{fsnotify.Write, "content/articles/a.md"},
				{fsnotify.Chmod, "content/articles/a.md"},
				{fsnotify.Remove, "content/articles/a.md~"},
			},
			want: []string{"content/articles/a.md"},
		},
		{
			name: "delete",
			events: []ev{
				{fsnotify.Chmod, "content/articles/a.md"},
				{fsnotify.Remove, "content/articles/a.md"},
			},
			want: []string{"content/articles/a.md"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := startFake(t, "content/articles/a.md")
				defer s.w.Close()
				for _, e := range tt.events {
					s.send(e.op, e.path)
				}
				time.Sleep(quietWindow)
				s.wantBatch(tt.want...)
			})
		})
	}
}

func TestWatcherFolderMovedIn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := startFake(t, "content/a.md")
		defer s.w.Close()

		// A folder arrives with files already inside: one event for it.
		writeFile(t, s.abs("content/series/one.md"), "x")
		writeFile(t, s.abs("content/series/part/two.md"), "x")
		writeFile(t, s.abs("content/series/part/.two.md.swp"), "x")
		writeFile(t, s.abs("content/series/.git/HEAD"), "x")
		s.send(fsnotify.Create, "content/series")
		time.Sleep(quietWindow)
		s.wantBatch("content/series/one.md", "content/series/part/two.md")

		for _, dir := range []string{"content/series", "content/series/part"} {
			if !s.src.isWatched(s.abs(dir)) {
				t.Errorf("%s is not watched", dir)
			}
		}
		if s.src.isWatched(s.abs("content/series/.git")) {
			t.Error("a dot-folder is watched")
		}

		// An empty new folder is watched but rebuilds nothing.
		if err := os.MkdirAll(s.abs("static/img"), 0o755); err != nil {
			t.Fatal(err)
		}
		s.send(fsnotify.Create, "static")
		time.Sleep(time.Second)
		s.wantNoBatch()
		if !s.src.isWatched(s.abs("static/img")) {
			t.Error("a root created after start is not watched")
		}
	})
}

func TestWatcherFolderGone(t *testing.T) {
	for _, op := range []fsnotify.Op{fsnotify.Rename, fsnotify.Remove} {
		t.Run(op.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := startFake(t, "content/a.md", "content/series/one.md", "content/series/part/two.md")
				defer s.w.Close()

				// Moved to the trash (Rename) sends one event for the folder;
				// its files are reported from what the watcher knew.
				s.send(op, "content/series")
				time.Sleep(quietWindow)
				s.wantBatch("content/series/one.md", "content/series/part/two.md")
				for _, dir := range []string{"content/series", "content/series/part"} {
					if s.src.isWatched(s.abs(dir)) {
						t.Errorf("%s is still watched", dir)
					}
				}
				if !s.src.isWatched(s.abs("content")) {
					t.Error("the parent lost its watch")
				}
			})
		})
	}
}

func TestWatcherBusyConsumer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := startFake(t, "content/a.md", "content/b.md", "layouts/base.html")
		defer s.w.Close()

		s.send(fsnotify.Write, "content/a.md")
		time.Sleep(quietWindow)
		// The consumer is rebuilding and does not take the batch; more
		// edits come in and are merged into it, still coalesced.
		s.send(fsnotify.Write, "layouts/base.html")
		s.send(fsnotify.Write, "content/a.md")
		time.Sleep(quietWindow)
		s.wantBatch("content/a.md", "layouts/base.html")
		s.wantNoBatch()
	})
}

func TestWatcherOverflowReportsEverything(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := startFake(t, "content/a.md", "layouts/base.html")
		defer s.w.Close()

		if err := os.Remove(s.abs("content/a.md")); err != nil {
			t.Fatal(err)
		}
		writeFile(t, s.abs("static/new.css"), "x")
		s.src.errs <- fsnotify.ErrEventOverflow
		time.Sleep(quietWindow)
		s.wantBatch("content/a.md", "layouts/base.html", "static/new.css")
	})
}

func TestWatcherClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := startFake(t, "content/a.md")
		s.send(fsnotify.Write, "content/a.md")
		if err := s.w.Close(); err != nil {
			t.Fatal(err)
		}
		if _, open := <-s.w.Batches(); open {
			t.Error("Batches still open after Close")
		}
		if err := s.w.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
	})
}

func TestIgnoredName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"a.md", false},
		{"site.yaml", false},
		{"site.css", false},
		{"404.html", false},
		{"4913.md", false},
		{"1234", false},
		{"4914", false},
		{"swp", false},
		{".a.md.swp", true},
		{"a.md.SWP", true},
		{"a.md.swo", true},
		{"a.md~", true},
		{"#a.md#", true},
		{".#a.md", true},
		{"4913", true},
		{"5036", true},
		{".DS_Store", true},
		{"x.tmp", true},
		{"a.md.kate-swp", true},
		{"a.md___jb_old___", true},
		{"", true},
	}
	for _, tt := range tests {
		if got := ignoredName(tt.name); got != tt.want {
			t.Errorf("ignoredName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestWatcherSeesPermissionChanges(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		for _, f := range []string{"content/a.md", "content/b.md", "static/img/x.png", "static/img/y.png"} {
			writeFile(t, filepath.Join(dir, f), "x")
		}
		var mu sync.Mutex
		unreadable := map[string]bool{}
		setReadable := func(rel string, ok bool) {
			mu.Lock()
			defer mu.Unlock()
			unreadable[filepath.Join(dir, filepath.FromSlash(rel))] = !ok
		}
		src := newFakeSource()
		w, err := newWatcherWith(watchConfig{sourceDir: dir, canRead: func(abs string) bool {
			mu.Lock()
			defer mu.Unlock()
			return !unreadable[abs]
		}}, src)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		s := &fakeSite{t: t, dir: dir, src: src, w: w}

		// chmod 000: the file is rebuilt (and the build shows the error).
		setReadable("content/a.md", false)
		s.send(fsnotify.Chmod, "content/a.md")
		time.Sleep(quietWindow)
		s.wantBatch("content/a.md")
		// Another chmod that leaves it unreadable changes nothing.
		s.send(fsnotify.Chmod, "content/a.md")
		time.Sleep(time.Second)
		s.wantNoBatch()
		// chmod 644: rebuilt again, and the build recovers.
		setReadable("content/a.md", true)
		s.send(fsnotify.Chmod, "content/a.md")
		time.Sleep(quietWindow)
		s.wantBatch("content/a.md")
		// touch, or a mode change that keeps it readable: nothing.
		s.send(fsnotify.Chmod, "content/b.md")
		time.Sleep(time.Second)
		s.wantNoBatch()
		// A folder made unreadable reports what it holds; readable again, the same.
		setReadable("static/img", false)
		s.send(fsnotify.Chmod, "static/img")
		time.Sleep(quietWindow)
		s.wantBatch("static/img/x.png", "static/img/y.png")
		setReadable("static/img", true)
		s.send(fsnotify.Chmod, "static/img")
		time.Sleep(quietWindow)
		s.wantBatch("static/img/x.png", "static/img/y.png")
	})
}

// TestWatcherStringsAndFonts: the site's interface strings (i18n/) and its
// fonts (fonts/) change what pages and artifacts say, so a save there is a
// change, even when the folder is made after serve started.
func TestWatcherStringsAndFonts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := startFake(t, "content/a.md", "i18n/en.yaml")
		defer s.w.Close()
		s.send(fsnotify.Write, "i18n/en.yaml")
		time.Sleep(time.Second)
		s.wantBatch("i18n/en.yaml")

		writeFile(t, s.abs("fonts/NotoSansArabic-Regular.ttf"), "x")
		s.send(fsnotify.Create, "fonts")
		time.Sleep(time.Second)
		s.wantBatch("fonts/NotoSansArabic-Regular.ttf")
	})
}
