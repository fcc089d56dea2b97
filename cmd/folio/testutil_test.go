package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// waitGuard bounds every wait on the preview: a failure guard only, never
// the way a test learns that something happened.
const waitGuard = 15 * time.Second

// firstBuildGuard bounds the wait for the first build: at 10,000 articles it
// makes every checklist PDF and share card, which takes minutes on two cores.
const firstBuildGuard = 10 * time.Minute

// repoRoot is the project folder, two levels up from cmd/folio.
const repoRoot = "../.."

// newSite writes files (slash-separated paths relative to the site) into a
// fresh temporary folder, with the project's own layouts/, static/ and
// netlify.toml (plus netlifyExtra), and returns the folder.
func newSite(t testing.TB, files map[string]string, netlifyExtra string) string {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, filepath.Join(repoRoot, "layouts"), filepath.Join(dir, "layouts"))
	copyDir(t, filepath.Join(repoRoot, "static"), filepath.Join(dir, "static"))
	netlify, err := os.ReadFile(filepath.Join(repoRoot, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "netlify.toml"), string(netlify)+netlifyExtra)
	for rel, body := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(rel)), body)
	}
	return dir
}

// copyDir copies the regular files below src into dst.
func copyDir(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
}

func writeFile(t testing.TB, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// saveAtomic saves like most editors do: the new text goes to a temporary
// file beside the target (a dot-file, which the watcher ignores), which is
// then renamed over it, so the server never reads a half-written file.
func saveAtomic(t testing.TB, path, body string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".folio-test")
	if err := os.WriteFile(tmp, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// freePort returns a TCP port that was free a moment ago: folio serve's
// --port cannot ask the system for one.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// logBuffer collects a command's output and lets a test wait for a line.
type logBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	written chan struct{} // closed and replaced on every write
}

func newLogBuffer() *logBuffer { return &logBuffer{written: make(chan struct{})} }

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n, err := l.buf.Write(p)
	close(l.written)
	l.written = make(chan struct{})
	return n, err
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// waitMatch waits until the output matches re and returns the submatches.
func (l *logBuffer) waitMatch(re *regexp.Regexp, timeout time.Duration) ([]string, bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		l.mu.Lock()
		m := re.FindStringSubmatch(l.buf.String())
		written := l.written
		l.mu.Unlock()
		if m != nil {
			return m, true
		}
		select {
		case <-written:
		case <-deadline.C:
			return nil, false
		}
	}
}

// preview is a running `folio serve`.
type preview struct {
	url    string // "http://127.0.0.1:PORT/"
	host   string // "127.0.0.1:PORT"
	stdout *logBuffer
	stderr *logBuffer
	stop   context.CancelFunc
	code   chan int // the exit code, once run has returned
}

var servingLine = regexp.MustCompile(`Serving \S+ at (http://\S+/) \(Ctrl-C to stop\)`)

// startServe runs `folio serve --src src --port <free>` plus args in the
// background and returns once it prints its URL, which it does after the
// first build. The server is stopped at the end of the test.
func startServe(t testing.TB, src string, args ...string) *preview {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	port := freePort(t)
	p := &preview{
		host:   "127.0.0.1:" + strconv.Itoa(port),
		stdout: newLogBuffer(),
		stderr: newLogBuffer(),
		stop:   cancel,
		code:   make(chan int, 1),
	}
	argv := append([]string{"serve", "--src", src, "--port", strconv.Itoa(port)}, args...)
	go func() { p.code <- run(ctx, argv, p.stdout, p.stderr) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-p.code:
		case <-time.After(waitGuard):
			t.Error("folio serve did not stop")
		}
	})

	m, ok := p.stdout.waitMatch(servingLine, firstBuildGuard)
	if !ok {
		t.Fatalf("folio serve printed no URL\nstdout:\n%s\nstderr:\n%s", p.stdout, p.stderr)
	}
	p.url = m[1]
	if want := "http://" + p.host + "/"; p.url != want {
		t.Fatalf("folio serve URL = %s, want %s", p.url, want)
	}
	return p
}

// get fetches a path of the preview and returns the response and its body.
func (p *preview) get(t testing.TB, path string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, p.url+strings.TrimPrefix(path, "/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, req)
}

// noRedirects is a client that reports redirects instead of following them.
var noRedirects = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       waitGuard,
}

func do(t testing.TB, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", req.Method, req.URL, err)
	}
	return resp, string(body)
}

// event is one live-reload message of the preview's event stream.
type event struct {
	Version string   `json:"version"`
	Changed []string `json:"changed"` // non-nil after a successful rebuild
	Error   string   `json:"error"`
	at      time.Time
}

func (e event) names(url string) bool {
	for _, c := range e.Changed {
		if c == url {
			return true
		}
	}
	return false
}

// eventStream is an open /__folio/events connection whose messages arrive
// on a channel, stamped with the time they were read.
type eventStream struct {
	events chan event
	body   io.Closer
}

// openEvents connects to the event stream as a page of the preview would,
// with its Origin, and returns once the first (state) message has arrived.
func (p *preview) openEvents(t testing.TB) *eventStream {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, p.url+"__folio/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", "http://"+p.host)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req) // no timeout: the stream stays open
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		resp.Body.Close()
		t.Fatalf("event stream: %s, Content-Type %q", resp.Status, resp.Header.Get("Content-Type"))
	}
	s := &eventStream{events: make(chan event, 1024), body: resp.Body}
	go s.read(resp.Body)
	t.Cleanup(func() { resp.Body.Close() })
	if _, ok := s.next(waitGuard, func(event) bool { return true }); !ok {
		t.Fatal("the event stream sent no first message")
	}
	return s
}

// read decodes "data:" lines until the stream ends; a message that is not
// JSON is passed on with its text as the error, so a test sees it.
func (s *eventStream) read(r io.Reader) {
	defer close(s.events)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		e := event{at: time.Now()}
		if err := json.Unmarshal([]byte(data), &e); err != nil {
			e = event{Error: "undecodable message: " + data, at: e.at}
		}
		s.events <- e
	}
}

// next returns the first message for which match is true, skipping others;
// false if none came within timeout or the stream ended.
func (s *eventStream) next(timeout time.Duration, match func(event) bool) (event, bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		select {
		case e, ok := <-s.events:
			if !ok {
				return event{}, false
			}
			if match(e) {
				return e, true
			}
		case <-deadline.C:
			return event{}, false
		}
	}
}

// drain discards the messages already received.
func (s *eventStream) drain() {
	for {
		select {
		case <-s.events:
		default:
			return
		}
	}
}
