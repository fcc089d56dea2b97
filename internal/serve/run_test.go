package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeBuild is a source folder and an output folder with a fake build: the
// article page shows the Markdown file's text, and a file containing BROKEN
// fails the build, writing nothing.
type fakeBuild struct {
	src, out string
	calls    chan []string
}

func newFakeBuild(t *testing.T) *fakeBuild {
	t.Helper()
	b := &fakeBuild{src: t.TempDir(), out: filepath.Join(t.TempDir(), "public"), calls: make(chan []string, 16)}
	writeFile(t, filepath.Join(b.src, "content", "articles", "a.md"), "first")
	writeFile(t, filepath.Join(b.src, "content", "site.yaml"), "title: Test")
	writeFile(t, filepath.Join(b.src, "layouts", "article.html"), "{{.}}")
	return b
}

func (b *fakeBuild) rebuild(ctx context.Context, changed []string) (Result, error) {
	b.calls <- changed
	text, err := os.ReadFile(filepath.Join(b.src, "content", "articles", "a.md"))
	if err != nil {
		return Result{}, err
	}
	if bytes.Contains(text, []byte("BROKEN")) {
		return Result{}, errors.New("content/articles/a.md:1: broken front matter\ncontent/articles/a.md:2: and a second problem")
	}
	page := filepath.Join(b.out, "articles", "a", "index.html")
	old, _ := os.ReadFile(page)
	html := "<!doctype html><html><body><p>" + string(text) + "</p></body></html>"
	if string(old) == html {
		return Result{Changed: []string{}, Summary: "rendered 1 page, wrote 0 files"}, nil
	}
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		return Result{}, err
	}
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		return Result{}, err
	}
	return Result{Changed: []string{"/articles/a/"}, Summary: "rendered 1 page, wrote 1 file"}, nil
}

func (b *fakeBuild) edit(t *testing.T, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(b.src, "content", "articles", "a.md"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// wantCall waits for the next rebuild call and checks what it was told.
func (b *fakeBuild) wantCall(t *testing.T, want ...string) {
	t.Helper()
	select {
	case got := <-b.calls:
		if !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("rebuild(%q), want rebuild(%q)", got, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no rebuild within 5s, want rebuild(%q)", want)
	}
}

// logLines is a Log that keeps lines and signals each one.
type logLines struct {
	mu    sync.Mutex
	buf   strings.Builder
	lines chan string
}

func newLogLines() *logLines { return &logLines{lines: make(chan string, 64)} }

func (l *logLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	for line := range strings.SplitSeq(strings.TrimSuffix(string(p), "\n"), "\n") {
		select {
		case l.lines <- line:
		default:
		}
	}
	return len(p), nil
}

func (l *logLines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func decode(t *testing.T, data string) message {
	t.Helper()
	var m message
	if err := json.Unmarshal([]byte(data), &m); err != nil {
		t.Fatalf("event %q: %v", data, err)
	}
	return m
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func TestStartEditReloadErrorAndStop(t *testing.T) {
	b := newFakeBuild(t)
	log := newLogLines()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := Start(ctx, Config{SourceDir: b.src, OutputDir: b.out, Port: AnyPort, Log: log, Netlify: "testdata/netlify.toml"}, b.rebuild)
	if err != nil {
		t.Fatal(err)
	}
	b.wantCall(t) // the first, full build: nil
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("URL = %q", s.URL())
	}
	if !strings.Contains(log.String(), "Serving "+b.src+" at "+s.URL()) {
		t.Errorf("log does not print the URL:\n%s", log)
	}
	page := s.URL() + "articles/a/"
	if _, body := get(t, page); !strings.Contains(body, "<p>first</p>") {
		t.Fatalf("page = %q", body)
	}

	events := dialEvents(t, s.URL())
	first := decode(t, events.next(t))
	if first.Error != "" || first.Changed != nil {
		t.Fatalf("first event = %+v, want the state", first)
	}

	// An edit: one rebuild with the file, then the event, then the page.
	b.edit(t, "second")
	b.wantCall(t, "content/articles/a.md")
	m := decode(t, events.next(t))
	if !slices.Equal(m.Changed, []string{"/articles/a/"}) || m.Version == first.Version {
		t.Fatalf("event = %+v, want /articles/a/ changed in a new version", m)
	}
	if _, body := get(t, page); !strings.Contains(body, "<p>second</p>") {
		t.Fatalf("page after edit = %q", body)
	}

	// A broken edit: the error goes to the page, the last good page stays.
	b.edit(t, "BROKEN")
	b.wantCall(t, "content/articles/a.md")
	m = decode(t, events.next(t))
	if !strings.HasPrefix(m.Error, "content/articles/a.md:1: broken front matter\n") || m.Changed != nil {
		t.Fatalf("event = %+v, want the build error", m)
	}
	if status, body := get(t, page); status != 200 || !strings.Contains(body, "<p>second</p>") {
		t.Fatalf("page while broken = %d %q, want the last good one", status, body)
	}
	// A page opened now gets the error at once.
	late := dialEvents(t, s.URL())
	if m := decode(t, late.next(t)); !strings.Contains(m.Error, "broken front matter") {
		t.Fatalf("late client got %+v, want the error", m)
	}

	// The fix clears the error.
	b.edit(t, "third")
	b.wantCall(t, "content/articles/a.md")
	if m := decode(t, events.next(t)); m.Error != "" || !slices.Equal(m.Changed, []string{"/articles/a/"}) {
		t.Fatalf("event after fix = %+v", m)
	}

	// The production headers apply.
	resp, err := http.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Content-Security-Policy"); got != "default-src 'self'; img-src 'self' data:" {
		t.Errorf("CSP = %q", got)
	}

	// Stop: within a second, streams ended, port closed.
	start := time.Now()
	cancel()
	if err := s.Wait(); err != nil {
		t.Errorf("Wait: %v", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("stopping took %v", took)
	}
	events.ended(t)
	late.ended(t)
	if conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(s.URL(), "http://"), "/")); err == nil {
		conn.Close()
		t.Error("still listening after stop")
	}

	logText := log.String()
	for _, want := range []string{
		" full build: rendered 1 page, wrote 1 file; 1 URL changed in ",
		" content/articles/a.md: rendered 1 page, wrote 1 file; 1 URL changed in ",
		" content/articles/a.md: build failed (",
		"    content/articles/a.md:1: broken front matter\n    content/articles/a.md:2: and a second problem\n",
		"warning: netlify.toml [[redirects]] #7",
	} {
		if !strings.Contains(logText, want) {
			t.Errorf("log lacks %q:\n%s", want, logText)
		}
	}
}

func TestRunStopsWithinASecond(t *testing.T) {
	b := newFakeBuild(t)
	log := newLogLines()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{SourceDir: b.src, OutputDir: b.out, Port: AnyPort, Log: log}, b.rebuild)
	}()

	var url string
	for url == "" {
		select {
		case line := <-log.lines:
			if _, rest, ok := strings.Cut(line, " at "); ok && strings.HasPrefix(line, "Serving ") {
				url, _, _ = strings.Cut(rest, " ")
			}
		case err := <-done:
			t.Fatalf("Run returned early: %v", err)
		case <-time.After(5 * time.Second):
			t.Fatalf("no URL printed:\n%s", log)
		}
	}
	// An open event stream and an idle keep-alive connection must not hold
	// the shutdown up.
	events := dialEvents(t, url)
	events.next(t)
	if status, _ := get(t, url+"articles/a/"); status != 200 {
		t.Fatalf("status %d", status)
	}

	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		if took := time.Since(start); took > time.Second {
			t.Errorf("Run took %v to stop", took)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run still running 5s after cancel")
	}
	events.ended(t)
}

func TestStartFirstBuildFails(t *testing.T) {
	b := newFakeBuild(t)
	b.edit(t, "BROKEN")
	log := newLogLines()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := Start(ctx, Config{SourceDir: b.src, OutputDir: b.out, Port: AnyPort, Log: log}, b.rebuild)
	if err != nil {
		t.Fatal(err)
	}
	// Nothing was built, yet the writer gets a page that shows the error.
	status, body := get(t, s.URL())
	if status != 404 || !strings.Contains(body, reloadScript) {
		t.Errorf("GET / = %d %q, want the built-in 404 with live reload", status, body)
	}
	if m := decode(t, dialEvents(t, s.URL()).next(t)); !strings.Contains(m.Error, "broken front matter") {
		t.Errorf("state = %+v, want the error", m)
	}
	if !strings.Contains(log.String(), " full build: build failed (") {
		t.Errorf("log:\n%s", log)
	}
	cancel()
	if err := s.Wait(); err != nil {
		t.Error(err)
	}
}

func TestStartRecoversFromPanic(t *testing.T) {
	b := newFakeBuild(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	panicky := func(ctx context.Context, changed []string) (Result, error) {
		if changed != nil {
			panic("index out of range")
		}
		return b.rebuild(ctx, changed)
	}
	s, err := Start(ctx, Config{SourceDir: b.src, OutputDir: b.out, Port: AnyPort}, panicky)
	if err != nil {
		t.Fatal(err)
	}
	events := dialEvents(t, s.URL())
	events.next(t)
	b.edit(t, "second")
	if m := decode(t, events.next(t)); !strings.Contains(m.Error, "internal error in folio: index out of range") {
		t.Fatalf("event = %+v", m)
	}
	if status, _ := get(t, s.URL()+"articles/a/"); status != 200 {
		t.Errorf("server down after a panic: %d", status)
	}
	cancel()
	s.Wait()
}

func TestStartErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	busy := ln.Addr().(*net.TCPAddr).Port
	b := newFakeBuild(t)
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		// A busy port is not an error: the next free one is taken (listen_test.go).
		{"address not this machine's", Config{SourceDir: b.src, OutputDir: b.out, Bind: "203.0.113.1", Port: busy}, fmt.Sprintf("listen on 203.0.113.1:%d", busy)},
		{"no source", Config{OutputDir: b.out}, "source and output folders are required"},
		{"output contains source", Config{SourceDir: b.src, OutputDir: filepath.Dir(b.src)}, "must not contain the source folder"},
		{"bad port", Config{SourceDir: b.src, OutputDir: b.out, Port: 70000}, "port 70000 is out of range"},
		{"missing netlify.toml", Config{SourceDir: b.src, OutputDir: b.out, Port: AnyPort, Netlify: "testdata/nope.toml"}, "read netlify config"},
	}
	for _, tt := range tests {
		_, err := Start(context.Background(), tt.cfg, b.rebuild)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	select {
	case c := <-b.calls:
		t.Errorf("a failed start called rebuild(%q)", c)
	default:
	}
}

func TestBindWarning(t *testing.T) {
	b := newFakeBuild(t)
	log := newLogLines()
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, Config{SourceDir: b.src, OutputDir: b.out, Bind: "0.0.0.0", Port: AnyPort, Log: log}, b.rebuild)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	s.Wait()
	if !strings.Contains(log.String(), "warning: listening on 0.0.0.0: anyone who can reach this machine can read the drafts") {
		t.Errorf("no warning:\n%s", log)
	}
	if !strings.HasPrefix(s.URL(), "http://localhost:") {
		t.Errorf("URL = %q, want localhost", s.URL())
	}
}

func TestRebuildLine(t *testing.T) {
	at := time.Date(2026, 3, 1, 14, 3, 7, 0, time.UTC)
	tests := []struct {
		changed []string
		res     Result
		err     error
		took    time.Duration
		want    string
	}{
		{nil, Result{Changed: []string{"/", "/a/"}, Summary: "rendered 120 pages"}, nil, 1250 * time.Millisecond,
			"14:03:07 full build: rendered 120 pages; 2 URLs changed in 1.25s\n"},
		{[]string{"content/a.md"}, Result{Changed: []string{"/a/"}, Summary: "rendered 1 page"}, nil, 18 * time.Millisecond,
			"14:03:07 content/a.md: rendered 1 page; 1 URL changed in 18ms\n"},
		{[]string{"content/a.md", "content/b.md", "static/x.css"}, Result{}, nil, 2400 * time.Microsecond,
			"14:03:07 content/a.md (+2 more): 0 URLs changed in 2.4ms\n"},
		{[]string{"content/site.yaml"}, Result{}, errors.New("content/site.yaml:4: bad\nlayouts/x.html:2: worse\n"), 7 * time.Millisecond,
			"14:03:07 content/site.yaml: build failed (7.0ms); still serving the last good site\n    content/site.yaml:4: bad\n    layouts/x.html:2: worse\n"},
	}
	for _, tt := range tests {
		if got := rebuildLine(at, tt.changed, tt.res, tt.err, tt.took); got != tt.want {
			t.Errorf("rebuildLine = %q, want %q", got, tt.want)
		}
	}
}

// BenchmarkEditToEvent measures the preview's own share of the edit-to-page
// time: from writing a source file to the page's event arriving, with a
// rebuild that does nothing. It is dominated by the quiet window.
func BenchmarkEditToEvent(b *testing.B) {
	src, out := b.TempDir(), b.TempDir()
	article := filepath.Join(src, "content", "a.md")
	if err := os.MkdirAll(filepath.Dir(article), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(article, []byte("0"), 0o644); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	noop := func(ctx context.Context, changed []string) (Result, error) {
		return Result{Changed: []string{"/a/"}}, nil
	}
	s, err := Start(ctx, Config{SourceDir: src, OutputDir: out, Port: AnyPort}, noop)
	if err != nil {
		b.Fatal(err)
	}
	events := dialEvents(b, s.URL())
	<-events.data
	i := 0
	for b.Loop() {
		i++
		if err := os.WriteFile(article, []byte(strconv.Itoa(i)), 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case <-events.data:
		case <-time.After(5 * time.Second):
			b.Fatal("no event")
		}
	}
	b.StopTimer()
	cancel()
	s.Wait()
}
