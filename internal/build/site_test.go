package build

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// memSink is an in-memory output folder.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newMemSink() *memSink { return &memSink{files: map[string][]byte{}} }

func (m *memSink) WriteFile(p string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[p] = append([]byte(nil), data...)
	return nil
}

func (m *memSink) LinkFile(p, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return m.WriteFile(p, data)
}

func (m *memSink) RemoveFile(p string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, p)
	return nil
}

// fixedNow is the moment tests build at, so "future" means the same every run.
var fixedNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// designFiles returns the bundled layouts/ and static/ folders: tests state
// their own content and build it with the real design.
func designFiles(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, data := range readTree(t, filepath.Join("..", ".."), "layouts", "static") {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// readTree reads every file in the folders dirs of base (all of base for
// "."), by slash path relative to base.
func readTree(t testing.TB, base string, dirs ...string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.Join(base, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(base, p)
			files[filepath.ToSlash(rel)] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

const testSiteYAML = `title: Test Notes
base_url: https://notes.example.com
language: en-GB
description: Notes for tests.
organisation:
  name: Example Org
  url: https://example.com/
author:
  name: Ann Author
image:
  src: /images/share.png
  alt: The site's card
per_page: 2
`

// site is one test's site: the design plus the files the test states.
type site struct {
	t    *testing.T
	fsys fstest.MapFS
	b    *Builder
	out  *memSink
	rep  *Report
	err  error
	opts Options
}

// newSite prepares a site from files (path → text). A site.yaml is supplied
// unless the test gives its own.
func newSite(t *testing.T, files map[string]string) *site {
	t.Helper()
	fsys := designFiles(t)
	fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(testSiteYAML)}
	for p, text := range files {
		if text == "" {
			delete(fsys, p)
			continue
		}
		fsys[p] = &fstest.MapFile{Data: []byte(text)}
	}
	return &site{t: t, fsys: fsys, opts: Options{Minify: false, Fingerprint: true, Now: func() time.Time { return fixedNow }}}
}

// build runs a full build into a fresh in-memory folder.
func (s *site) build() *site {
	s.t.Helper()
	b, err := New(s.fsys, s.opts)
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { b.Close() })
	s.b = b
	s.out = newMemSink()
	s.rep, s.err = s.b.Build(context.Background(), s.out)
	return s
}

// mustBuild builds and fails the test on any error.
func (s *site) mustBuild() *site {
	s.t.Helper()
	s.build()
	if s.err != nil {
		s.t.Fatalf("build failed:\n%v", s.err)
	}
	return s
}

// edit changes (or with "" deletes) files and rebuilds incrementally.
func (s *site) edit(files map[string]string) *site {
	s.t.Helper()
	var changed []string
	if s.b != nil && s.b.lazy != nil {
		// folio serve's background makes artifacts from the files: a
		// MapFS, unlike a folder, must not change while it reads them.
		s.b.lazy.run.Lock()
		defer s.b.lazy.run.Unlock()
	}
	for p, text := range files {
		if text == "" {
			delete(s.fsys, p)
		} else {
			s.fsys[p] = &fstest.MapFile{Data: []byte(text)}
		}
		changed = append(changed, p)
	}
	sort.Strings(changed)
	if s.b != nil && s.b.lazy != nil {
		s.b.lazy.run.Unlock() // Rebuild takes it
		defer s.b.lazy.run.Lock()
	}
	s.rep, s.err = s.b.Rebuild(context.Background(), s.out, changed)
	return s
}

// file returns an output file, failing the test when it is missing.
func (s *site) file(p string) string {
	s.t.Helper()
	data, ok := s.out.files[p]
	if !ok {
		s.t.Fatalf("output %s missing; have %s", p, strings.Join(s.paths(), " "))
	}
	return string(data)
}

func (s *site) paths() []string {
	var ps []string
	for p := range s.out.files {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// assertFile checks an output file: each want must appear in it, or with a
// leading "! " must not.
func (s *site) assertFile(p string, wants ...string) {
	s.t.Helper()
	got := s.file(p)
	for _, w := range wants {
		if absent, ok := strings.CutPrefix(w, "! "); ok {
			if strings.Contains(got, absent) {
				s.t.Errorf("%s contains %q, but should not", p, absent)
			}
		} else if !strings.Contains(got, w) {
			s.t.Errorf("%s does not contain %q", p, w)
		}
	}
}

// assertNoFile checks that an output file does not exist.
func (s *site) assertNoFile(p string) {
	s.t.Helper()
	if _, ok := s.out.files[p]; ok {
		s.t.Errorf("output %s exists, but should not", p)
	}
}

// assertErrors checks that the build failed with exactly these messages, in order.
func (s *site) assertErrors(want ...string) {
	s.t.Helper()
	if s.err == nil {
		s.t.Fatalf("build succeeded, want errors:\n%s", strings.Join(want, "\n"))
	}
	if got := s.err.Error(); got != strings.Join(want, "\n") {
		s.t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// article returns the text of an article file.
func article(fm string, body string) string {
	return "---\n" + strings.TrimSpace(fm) + "\n---\n\n" + body
}
