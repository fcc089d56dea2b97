package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMinify(t *testing.T) {
	m := NewMinifier()
	tests := []struct {
		path, in, want string
	}{
		{"a/index.html", "<!doctype html>\n<html>\n<head>\n<title> T </title>\n</head>\n<body>\n  <p class=\"x\">Hello   world</p>\n</body>\n</html>\n", "<!doctype html><html><head><title>T</title></head><body><p class=x>Hello world</body></html>"},
		{"css/site.css", "body {\n  color: #ffffff;\n  margin: 0px;\n}\n", "body{color:#fff;margin:0}"},
		{"feed.json", "{\n  \"a\": [1, 2]\n}\n", `{"a":[1,2]}`},
		{"feed.xml", "<feed>\n  <title>T</title>\n</feed>\n", "<feed><title>T</title></feed>"},
		{"js/print.js", "function  f ( ) {\n  return 1 ;\n}\n", "function f(){return 1}"},
		{"images/a.png", "\x89PNG  raw", "\x89PNG  raw"},
	}
	for _, tt := range tests {
		got, err := m.Minify(tt.path, []byte(tt.in))
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		if string(got) != tt.want {
			t.Errorf("Minify(%s) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestFingerprinted(t *testing.T) {
	a := Fingerprinted("css/site.css", []byte("body{}"))
	b := Fingerprinted("css/site.css", []byte("body{color:red}"))
	if !strings.HasPrefix(a, "css/site.") || !strings.HasSuffix(a, ".css") || len(a) != len("css/site.12345678.css") {
		t.Errorf("Fingerprinted = %q", a)
	}
	if a == b {
		t.Error("different contents, same name")
	}
	if a != Fingerprinted("css/site.css", []byte("body{}")) {
		t.Error("same contents, different names")
	}
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// folioOutput writes files as a previous build would have: with a manifest
// listing them.
func folioOutput(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	write(t, dir, files)
	var list []string
	for p := range files {
		list = append(list, p)
	}
	if err := writeManifest(dir, false, list); err != nil {
		t.Fatal(err)
	}
}

func TestStagingCommitReplacesTheOutput(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	folioOutput(t, out, map[string]string{"index.html": "old", "stale/index.html": "gone soon"})
	s, err := NewStaging(out, filepath.Join(root, "site"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("a/b/c.txt", []byte("deep")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "old" {
		t.Fatalf("before Commit the output changed: %q", got)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "new" {
		t.Errorf("index.html = %q after Commit", got)
	}
	if got := read(t, filepath.Join(out, "a/b/c.txt")); got != "deep" {
		t.Errorf("a/b/c.txt = %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "stale")); !os.IsNotExist(err) {
		t.Errorf("a stale file survived the build: %v", err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(root, ".public-*")); len(leftovers) > 0 {
		t.Errorf("left behind: %v", leftovers)
	}
	if info, _ := os.Stat(out); info.Mode().Perm() != 0o755 {
		t.Errorf("output folder mode %v, want 0755", info.Mode().Perm())
	}
}

func TestStagingDiscardKeepsTheOutput(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	folioOutput(t, out, map[string]string{"index.html": "old"})
	s, err := NewStaging(out, filepath.Join(root, "site"))
	if err != nil {
		t.Fatal(err)
	}
	s.WriteFile("index.html", []byte("half a build"))
	if err := s.Discard(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "old" {
		t.Errorf("index.html = %q, want the old output", got)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(root, ".public-*")); len(leftovers) > 0 {
		t.Errorf("left behind: %v", leftovers)
	}
}

func TestStagingRefusesTheSources(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"content/site.yaml": "title: x", "go.mod": "module x"})
	for _, target := range []string{root, filepath.Dir(root)} {
		if _, err := NewStaging(target, root); err == nil {
			t.Errorf("NewStaging(%s) accepted the site folder or its parent", target)
		}
	}
	other := filepath.Join(t.TempDir(), "elsewhere")
	write(t, other, map[string]string{"go.mod": "module y"})
	if _, err := NewStaging(other, root); err == nil || !strings.Contains(err.Error(), "go.mod") {
		t.Errorf("NewStaging over a Go module: err = %v", err)
	}
}

func TestFolderRemoveFileDropsEmptyFolders(t *testing.T) {
	dir := t.TempDir()
	f := OpenFolder(dir)
	f.WriteFile("articles/a/index.html", []byte("a"))
	f.WriteFile("articles/b/index.html", []byte("b"))
	if err := f.RemoveFile("articles/a/index.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "articles/a")); !os.IsNotExist(err) {
		t.Errorf("empty folder articles/a kept")
	}
	if _, err := os.Stat(filepath.Join(dir, "articles/b/index.html")); err != nil {
		t.Errorf("articles/b lost: %v", err)
	}
	if err := f.WriteFile("../escape.txt", []byte("x")); err == nil {
		t.Error("wrote outside the folder")
	}
	// A folder removed and written again must be created again.
	f.RemoveFile("articles/b/index.html")
	if err := f.WriteFile("articles/b/index.html", []byte("again")); err != nil {
		t.Errorf("rewrite after removal: %v", err)
	}
}

func TestLinkFile(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(t.TempDir(), "cached.pdf")
	os.WriteFile(src, []byte("%PDF"), 0o644)
	f := OpenFolder(dir)
	if err := f.LinkFile("a/checklist.pdf", src); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "a/checklist.pdf")); got != "%PDF" {
		t.Errorf("linked file holds %q", got)
	}
	// Linking again over an existing file replaces it.
	if err := f.LinkFile("a/checklist.pdf", src); err != nil {
		t.Fatal(err)
	}
}

func TestMinifyTemplate(t *testing.T) {
	m := NewMinifier()
	tests := []struct{ in, want string }{
		{"<head>\n  <title>{{ .T }}</title>\n  {{- if .X }}\n  <meta name=\"a\" content=\"{{ .A }}\">\n  {{- end }}\n</head>", `<head><title>{{ .T }}</title>{{- if .X }}<meta name=a content="{{ .A }}">{{- end }}</head>`},
		// Beside inline elements and text, a line break may separate words: a space stays.
		{"{{- /* the page's head */ -}}\n<p>\n  {{ .X }}\n</p>", "<p>{{ .X }}"},
		{"<p>\n  <span>{{ .N }}</span>\n  {{ plural .N \"a\" \"b\" }}\n</p>", `<p><span>{{ .N }}</span> {{ plural .N "a" "b" }}`},
	}
	for _, tt := range tests {
		got, err := m.MinifyTemplate(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("MinifyTemplate(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
	if _, err := m.MinifyTemplate("<pre>{{ .Code }}\n</pre>"); err == nil {
		t.Error("a template with <pre> was minified: its line breaks are content")
	}
}
