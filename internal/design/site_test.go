package design

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/peeplcoach/folio/internal/build"
)

// root is the repository, whose layouts/ and static/ are the design under test.
const root = "../.."

// fixedNow is the moment the test sites are built at.
var fixedNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// siteFiles returns the design (layouts/, static/) with the content of
// testdata/<name>/ (content/, i18n/): a copy, so that articles added to the
// live site never change what these tests see.
func siteFiles(t testing.TB, name string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	add := func(dir, prefix string) {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			fsys[path.Join(prefix, filepath.ToSlash(rel))] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	add(filepath.Join(root, "layouts"), "layouts")
	add(filepath.Join(root, "static"), "static")
	add(filepath.Join("testdata", name), ".")
	return fsys
}

// dirSink writes a build into a folder.
type dirSink struct{ dir string }

func (s dirSink) WriteFile(p string, data []byte) error {
	full := filepath.Join(s.dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

func (s dirSink) LinkFile(p, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return s.WriteFile(p, data)
}

func (s dirSink) RemoveFile(p string) error {
	return os.Remove(filepath.Join(s.dir, filepath.FromSlash(p)))
}

// built caches each test site's output folder: building is the slow part,
// and the site does not change between the tests of one run.
var built sync.Map // name → *builtSite

type builtSite struct {
	once sync.Once
	dir  string
	err  error
}

// serve builds the test site name (once per run) and serves it as Netlify
// would, with the Content-Security-Policy of netlify.toml, so that an inline
// script or style shows up as a violation in the browser.
func serve(t *testing.T, name string) string {
	t.Helper()
	dir := buildSite(t, name)
	csp := productionCSP(t)
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// buildSite builds the test site name once per run and returns its folder.
func buildSite(t *testing.T, name string) string {
	t.Helper()
	v, _ := built.LoadOrStore(name, &builtSite{})
	bs := v.(*builtSite)
	bs.once.Do(func() {
		dir, err := os.MkdirTemp("", "folio-design-"+name+"-")
		if err != nil {
			bs.err = err
			return
		}
		bs.dir = dir
		b, err := build.New(siteFiles(t, name), build.Options{Minify: true, Fingerprint: true, Now: func() time.Time { return fixedNow }})
		if err != nil {
			bs.err = err
			return
		}
		_, bs.err = b.Build(context.Background(), dirSink{dir})
	})
	if bs.err != nil {
		t.Fatalf("build %s: %v", name, bs.err)
	}
	return bs.dir
}

var cspLine = regexp.MustCompile(`(?m)^\s*Content-Security-Policy = "([^"]+)"`)

// productionCSP is the policy netlify.toml sends, without
// upgrade-insecure-requests, which would send the test server's http to https.
func productionCSP(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m := cspLine.FindSubmatch(data)
	if m == nil {
		t.Fatal("netlify.toml sends no Content-Security-Policy")
	}
	return regexp.MustCompile(`;\s*upgrade-insecure-requests`).ReplaceAllString(string(m[1]), "")
}

func TestMain(m *testing.M) {
	code := m.Run()
	built.Range(func(_, v any) bool {
		if d := v.(*builtSite).dir; d != "" {
			os.RemoveAll(d)
		}
		return true
	})
	os.Exit(code)
}
