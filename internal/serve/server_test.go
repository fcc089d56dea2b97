package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testSite is an output folder with one of each kind of file.
var testSite = map[string]string{
	"index.html":              "<!doctype html><html><body><h1>Home</h1></body></html>",
	"articles/a/index.html":   "<!doctype html><html><head><link rel=stylesheet href=/css/site.css></head><body><p>Article A</p></body></html>",
	"articles/up/index.html":  "<HTML><BODY>Shouting</BODY></HTML>",
	"articles/min/index.html": "<!doctype html><title>Min</title><p>No closing tags",
	"404.html":                "<!doctype html><html><body>Custom 404</body></html>",
	"css/site.css":            "body{color:red}",
	"css/other.css":           "body{color:blue}",
	"feed.xml":                `<?xml version="1.0"?><rss></rss>`,
	"data.json":               `{"a":1}`,
	"site.webmanifest":        `{"name":"Peeplcoach"}`,
	"logo.svg":                `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
	"doc.pdf":                 "%PDF-1.4\n%fake but typed by its extension\n",
	"img.png":                 "\x89PNG\r\n\x1a\n0000",
	"notes.unknownext":        "plain words",
	"empty/.keep":             "",
}

// newTestHandler writes files into a fresh output folder and returns a
// handler serving it, bound to bind, with the rules of netlifyTOML.
func newTestHandler(t *testing.T, files map[string]string, netlifyTOML, bind string) (*handler, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	for name, body := range files {
		writeFile(t, filepath.Join(out, filepath.FromSlash(name)), body)
	}
	rules, _, err := parseNetlify([]byte(netlifyTOML))
	if err != nil {
		t.Fatal(err)
	}
	h := &handler{outputDir: out, rules: rules, hosts: newHostPolicy(bind), hub: newHub("test"), log: &lockedWriter{w: io.Discard}}
	return h, out
}

func do(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	r.Host = "localhost:1313"
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			r.Host = header[i+1]
		} else {
			r.Header.Set(header[i], header[i+1])
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestServeFiles(t *testing.T) {
	h, _ := newTestHandler(t, testSite, "", "127.0.0.1")
	tag := string(reloadTag("test.0"))
	tests := []struct {
		target   string
		status   int
		ctype    string
		body     string // exact, when set
		contains string
		location string
	}{
		{target: "/", status: 200, ctype: "text/html; charset=utf-8", body: "<!doctype html><html><body><h1>Home</h1>" + tag + "</body></html>"},
		{target: "/index.html", status: 200, contains: "<h1>Home</h1>"},
		{target: "/articles/a/", status: 200, contains: "<p>Article A</p>" + tag + "</body>"},
		{target: "/articles/a/index.html", status: 200, contains: "Article A"},
		{target: "/articles/up/", status: 200, body: "<HTML><BODY>Shouting" + tag + "</BODY></HTML>"},
		{target: "/articles/min/", status: 200, body: testSite["articles/min/index.html"] + tag},
		{target: "/articles/a", status: 301, location: "/articles/a/"},
		{target: "/articles/a?ref=x", status: 301, location: "/articles/a/?ref=x"},
		{target: "/articles//a/", status: 200, contains: "Article A"},
		{target: "/css/site.css", status: 200, ctype: "text/css; charset=utf-8", body: "body{color:red}"},
		{target: "/css/site.css/", status: 404, contains: "Custom 404"},
		{target: "/feed.xml", status: 200, ctype: "application/xml; charset=utf-8"},
		{target: "/data.json", status: 200, ctype: "application/json"},
		{target: "/site.webmanifest", status: 200, ctype: "application/manifest+json"},
		{target: "/logo.svg", status: 200, ctype: "image/svg+xml"},
		{target: "/doc.pdf", status: 200, ctype: "application/pdf"},
		{target: "/img.png", status: 200, ctype: "image/png"},
		{target: "/notes.unknownext", status: 200, ctype: "text/plain; charset=utf-8"},
		{target: "/nope", status: 404, ctype: "text/html; charset=utf-8", body: "<!doctype html><html><body>Custom 404" + tag + "</body></html>"},
		{target: "/articles/nope/", status: 404, contains: "Custom 404"},
		{target: "/empty/", status: 404, contains: "Custom 404"}, // no listing
		{target: "/empty", status: 404, contains: "Custom 404"},
		{target: "/css/", status: 404, contains: "Custom 404"},
		{target: "/__folio/reload.js", status: 200, ctype: "text/javascript; charset=utf-8", contains: `new SharedWorker("/__folio/worker.js"`},
		{target: "/__folio/worker.js", status: 200, ctype: "text/javascript; charset=utf-8", contains: `new EventSource("/__folio/events")`},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			w := do(h, "GET", tt.target)
			body := w.Body.String()
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %q", w.Code, tt.status, body)
			}
			if tt.ctype != "" && w.Header().Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", w.Header().Get("Content-Type"), tt.ctype)
			}
			if tt.body != "" && body != tt.body {
				t.Errorf("body = %q, want %q", body, tt.body)
			}
			if !strings.Contains(body, tt.contains) {
				t.Errorf("body %q does not contain %q", body, tt.contains)
			}
			if got := w.Header().Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
			if cl := w.Header().Get("Content-Length"); w.Code != 301 && cl != fmt.Sprint(len(body)) {
				t.Errorf("Content-Length = %q, body has %d bytes", cl, len(body))
			}
			if got := w.Header().Get("Cache-Control"); got != "no-store" && !strings.HasPrefix(tt.target, "/articles/a") {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
		})
	}
}

func TestServeInjectsOnlyIntoServedHTML(t *testing.T) {
	h, out := newTestHandler(t, testSite, "", "127.0.0.1")
	for _, target := range []string{"/", "/articles/a/", "/nope", "/css/site.css"} {
		do(h, "GET", target)
	}
	for name, want := range testSite {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s changed on disk: %q", name, got)
		}
	}
	// Non-HTML that merely contains </body> is left alone.
	h, _ = newTestHandler(t, map[string]string{"x.txt": "a</body>b", "x.svg": "<svg></body></svg>"}, "", "127.0.0.1")
	for _, target := range []string{"/x.txt", "/x.svg"} {
		if body := do(h, "GET", target).Body.String(); strings.Contains(body, reloadScript) {
			t.Errorf("%s got the reload tag: %q", target, body)
		}
	}
}

func TestServeNoCustom404(t *testing.T) {
	h, _ := newTestHandler(t, map[string]string{"index.html": "<body>hi</body>"}, "", "127.0.0.1")
	w := do(h, "GET", "/missing/")
	if w.Code != 404 || !strings.Contains(w.Body.String(), "Not found") || !strings.Contains(w.Body.String(), reloadScript) {
		t.Errorf("got %d %q, want the built-in 404 page with the reload tag", w.Code, w.Body.String())
	}
	// No output folder at all yet (the first build failed): still a page
	// that can show the error.
	h.outputDir = filepath.Join(t.TempDir(), "never-built")
	if w := do(h, "GET", "/"); w.Code != 404 || !strings.Contains(w.Body.String(), reloadScript) {
		t.Errorf("got %d %q, want the built-in 404 page", w.Code, w.Body.String())
	}
}

func TestServeHead(t *testing.T) {
	h, _ := newTestHandler(t, testSite, "", "127.0.0.1")
	for _, target := range []string{"/articles/a/", "/css/site.css", "/nope", "/__folio/reload.js"} {
		get := do(h, "GET", target)
		head := do(h, "HEAD", target)
		if head.Code != get.Code {
			t.Errorf("HEAD %s: status %d, GET gave %d", target, head.Code, get.Code)
		}
		if head.Body.Len() != 0 {
			t.Errorf("HEAD %s: body %q", target, head.Body.String())
		}
		if got, want := head.Header().Get("Content-Length"), fmt.Sprint(get.Body.Len()); got != want {
			t.Errorf("HEAD %s: Content-Length %s, want %s", target, got, want)
		}
	}
}

func TestServeMethods(t *testing.T) {
	h, _ := newTestHandler(t, testSite, "", "127.0.0.1")
	for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS", "PATCH"} {
		w := do(h, m, "/")
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /: %d Allow %q, want 405 GET, HEAD", m, w.Code, w.Header().Get("Allow"))
		}
	}
	if w := do(h, "POST", "/__folio/events"); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST events: %d, want 405", w.Code)
	}
}

func TestServeRange(t *testing.T) {
	h, _ := newTestHandler(t, testSite, "", "127.0.0.1")
	w := do(h, "GET", "/doc.pdf", "Range", "bytes=0-7")
	if w.Code != http.StatusPartialContent || w.Body.String() != "%PDF-1.4" {
		t.Errorf("range: %d %q, want 206 %%PDF-1.4", w.Code, w.Body.String())
	}
}

func TestServeHost(t *testing.T) {
	tests := []struct {
		bind, host string
		ok         bool
	}{
		{"127.0.0.1", "127.0.0.1:1313", true},
		{"127.0.0.1", "localhost:1313", true},
		{"127.0.0.1", "LOCALHOST:1313", true},
		{"127.0.0.1", "localhost.:1313", true},
		{"127.0.0.1", "localhost", true},
		{"127.0.0.1", "[::1]:1313", true},
		{"127.0.0.1", "draft.localhost:1313", true},
		{"127.0.0.1", "evil.example:1313", false},
		{"127.0.0.1", "localhost.evil.example", false},
		{"127.0.0.1", "127.0.0.1.nip.io:1313", false},
		{"127.0.0.1", "192.168.1.5:1313", false},
		{"127.0.0.1", "", false},
		{"0.0.0.0", "192.168.1.5:1313", true},
		{"0.0.0.0", "[fe80::1]:1313", true},
		{"0.0.0.0", "localhost:1313", true},
		{"0.0.0.0", "evil.example:1313", false},
		{"::", "[2001:db8::5]:1313", true},
		{"192.168.1.5", "192.168.1.5:1313", true},
		{"192.168.1.5", "10.0.0.1:1313", false},
	}
	for _, tt := range tests {
		h, _ := newTestHandler(t, testSite, "", tt.bind)
		w := do(h, "GET", "/", "Host", tt.host)
		if got := w.Code == http.StatusOK; got != tt.ok {
			t.Errorf("bind %s, Host %q: status %d, want allowed=%v", tt.bind, tt.host, w.Code, tt.ok)
		}
		if !tt.ok && w.Code != http.StatusForbidden {
			t.Errorf("bind %s, Host %q: status %d, want 403", tt.bind, tt.host, w.Code)
		}
	}
}

// TestServeTraversal sends raw request lines over TCP, so that no client
// cleans the paths first.
func TestServeTraversal(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "public")
	writeFile(t, filepath.Join(base, "secret.txt"), "TOPSECRET")
	writeFile(t, filepath.Join(base, "go.mod"), "module TOPSECRET")
	writeFile(t, filepath.Join(base, "dir", "secret.txt"), "TOPSECRET")
	writeFile(t, filepath.Join(out, "index.html"), "<body>home</body>")
	writeFile(t, filepath.Join(out, "404.html"), "<body>missing</body>")
	writeFile(t, filepath.Join(out, "css", "site.css"), "body{}")
	for link, target := range map[string]string{
		"leak.txt":  filepath.Join(base, "secret.txt"),
		"leakrel":   "../secret.txt",
		"leakdir":   filepath.Join(base, "dir"),
		"alias.css": "css/site.css", // inside: fine
	} {
		if err := os.Symlink(target, filepath.Join(out, link)); err != nil {
			t.Skipf("symlinks unsupported: %v", err)
		}
	}
	h := &handler{outputDir: out, hosts: newHostPolicy("127.0.0.1"), hub: newHub("test"), log: &lockedWriter{w: io.Discard}}
	srv := httptest.NewServer(h)
	defer srv.Close()

	get := func(target string) (int, string) {
		t.Helper()
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", target)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("GET %s: %v", target, err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}

	for _, target := range []string{
		"/../go.mod",
		"/../../go.mod",
		"/%2e%2e/go.mod",
		"/%2E%2E/secret.txt",
		"/css/..%2f..%2fsecret.txt",
		"/css%2f..%2f..%2fsecret.txt",
		"/..%5csecret.txt",
		`/..\secret.txt`,
		"/./index.html",
		"/css/./site.css",
		"http://localhost/../secret.txt",
		"/" + filepath.ToSlash(filepath.Join(base, "secret.txt")),
		"//" + filepath.ToSlash(filepath.Join(base, "secret.txt")),
		"/leak.txt",
		"/leakrel",
		"/leakdir/secret.txt",
		"/leakdir/",
		"/index.html%00.css",
	} {
		status, body := get(target)
		if status != http.StatusBadRequest && status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 400 or 404", target, status)
		}
		if strings.Contains(body, "TOPSECRET") {
			t.Errorf("GET %s: leaked %q", target, body)
		}
	}
	if status, body := get("/alias.css"); status != 200 || body != "body{}" {
		t.Errorf("symlink inside the site: %d %q, want 200 body{}", status, body)
	}
}

func TestServeNetlifyRules(t *testing.T) {
	toml, err := os.ReadFile("testdata/netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	h, _ := newTestHandler(t, testSite, string(toml), "127.0.0.1")
	csp := "default-src 'self'; img-src 'self' data:"
	tests := []struct {
		target   string
		status   int
		location string
		contains string
		headers  map[string]string
	}{
		{target: "/", status: 200, headers: map[string]string{"Content-Security-Policy": csp, "X-Frame-Options": "DENY", "Cache-Control": "no-store", "X-Article": ""}},
		{target: "/articles/a/", status: 200, contains: "Article A", headers: map[string]string{"X-Article": "yes", "Content-Security-Policy": csp}},
		{target: "/ARTICLES/a/", status: 404, headers: map[string]string{"X-Article": "yes"}}, // header paths ignore case
		{target: "/css/site.css", status: 200, contains: "color:blue", headers: map[string]string{"X-Frame-Options": "SAMEORIGIN", "Vary": "Accept-Encoding, Origin"}},
		{target: "/old/a/", status: 301, location: "/articles/a/"},
		{target: "/old/a/?utm=x", status: 301, location: "/articles/a/?utm=x"},
		{target: "/old", status: 301, location: "/articles/"},
		{target: "/posts/2024/a", status: 302, location: "/articles/a/"},
		{target: "/posts/2024/a/", status: 302, location: "/articles/a/"},
		{target: "/home", status: 200, contains: "<h1>Home</h1>" + string(reloadTag("test.0"))},
		{target: "/gone/x", status: 410, contains: "Custom 404"},
		{target: "/de", status: 404},
		{target: "/nope", status: 404, headers: map[string]string{"Content-Security-Policy": csp}},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			w := do(h, "GET", tt.target)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %q", w.Code, tt.status, w.Body.String())
			}
			if got := w.Header().Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
			if !strings.Contains(w.Body.String(), tt.contains) {
				t.Errorf("body %q does not contain %q", w.Body.String(), tt.contains)
			}
			for name, want := range tt.headers {
				if got := w.Header().Get(name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}

func TestInjectAt(t *testing.T) {
	tests := []struct{ page, want string }{
		{"<html><body>x</body></html>", "<html><body>x@</body></html>"},
		{"<body><script>'</body>'</script>y</body>", "<body><script>'</body>'</script>y@</body>"},
		{"<html>x</html>", "<html>x@</html>"},
		{"<p>x", "<p>x@"},
		{"", "@"},
		{"<BODY>x</Body >", "<BODY>x@</Body >"},
	}
	for _, tt := range tests {
		at := injectAt([]byte(tt.page))
		if got := tt.page[:at] + "@" + tt.page[at:]; got != tt.want {
			t.Errorf("injectAt(%q) gives %q, want %q", tt.page, got, tt.want)
		}
	}
}

func BenchmarkServeArticle(b *testing.B) {
	out := b.TempDir()
	page := "<!doctype html><html><head><title>A</title></head><body>" + strings.Repeat("<p>Leadership is a practice.</p>", 400) + "</body></html>"
	if err := os.MkdirAll(filepath.Join(out, "articles", "a"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "articles", "a", "index.html"), []byte(page), 0o644); err != nil {
		b.Fatal(err)
	}
	h := &handler{outputDir: out, hosts: newHostPolicy("127.0.0.1"), hub: newHub("bench"), log: io.Discard}
	r := httptest.NewRequest("GET", "/articles/a/", nil)
	r.Host = "localhost:1313"
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		w.Body = bytes.NewBuffer(make([]byte, 0, len(page)+256))
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

func TestServeFilesFromElsewhere(t *testing.T) {
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "index.html"), []byte("<p>home</p>"), 0o644)
	h := &handler{outputDir: out, hosts: newHostPolicy("127.0.0.1"), hub: newHub("test"), log: &lockedWriter{w: io.Discard},
		files: func(p string) ([]byte, bool) {
			if p == "/articles/a/checklist-a4.pdf" {
				return []byte("%PDF-1.3 cached"), true
			}
			return nil, false
		}}
	for _, tt := range []struct {
		path   string
		status int
		body   string
	}{
		{"/articles/a/checklist-a4.pdf", 200, "%PDF-1.3 cached"},
		{"/articles/b/checklist-a4.pdf", 404, ""},
		{"/", 200, "<p>home</p>"},
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "http://127.0.0.1"+tt.path, nil)
		h.ServeHTTP(rec, req)
		if rec.Code != tt.status || (tt.body != "" && !strings.Contains(rec.Body.String(), tt.body)) {
			t.Errorf("GET %s: %d %q", tt.path, rec.Code, rec.Body.String())
		}
		if tt.status == 200 && strings.HasSuffix(tt.path, ".pdf") && rec.Header().Get("Content-Type") != "application/pdf" {
			t.Errorf("GET %s: Content-Type %q", tt.path, rec.Header().Get("Content-Type"))
		}
	}
}
