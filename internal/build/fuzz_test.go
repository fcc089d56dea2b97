package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// FuzzRebuild drives a Builder through a sequence of edits, as folio serve
// does, using only the public API (New, Build, Rebuild and a Sink). After
// every step the rebuilt output must equal a fresh build of the same files,
// byte for byte, and a failed rebuild must fail as a fresh build does. No
// edit may panic. Each step writes, changes or deletes one file of a small
// site, from a few variants (valid, broken, recursive) or from the fuzzed
// bytes themselves. The seed corpus runs in go test; fuzz it with
//
//	go test -fuzz FuzzRebuild -run '^$' ./internal/build/
func FuzzRebuild(f *testing.F) {
	f.Add([]byte{0, 1, 1, 2, 2, 1, 0, 0})               // edit, break, fix
	f.Add([]byte{3, 3, 0, 4, 3, 0})                     // layouts broken and back
	f.Add([]byte{5, 1, 5, 2, 1, 3, 1, 0})               // site.yaml, deletions
	f.Add([]byte{0, 5, 1, 5, 2, 5, 4, 1, 6, 1, 6, 0})   // topics merge and collide
	f.Add([]byte{0, 200, 'x', 'y', 1, 201, 0xff, 0xfe}) // raw bytes as content
	f.Add([]byte{3, 2, 0, 1, 3, 1, 4, 2})
	design := fuzzDesign(f)
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 16 {
			ops = ops[:16] // at most 8 steps: each is two builds
		}
		fsys := fstest.MapFS{}
		for p, data := range design {
			fsys[p] = &fstest.MapFile{Data: data}
		}
		for p, v := range fuzzFiles {
			if v[0] != "" {
				fsys[p] = &fstest.MapFile{Data: []byte(v[0])}
			}
		}
		opts := Options{Serve: true, Drafts: true, Now: func() time.Time { return fixedFuzzNow }}
		b, err := New(fsys, opts)
		if err != nil {
			t.Fatal(err)
		}
		out := &fuzzSink{files: map[string][]byte{}}
		if _, err := b.Build(context.Background(), out); err != nil {
			t.Fatalf("the starting site does not build: %v", err)
		}
		paths := fuzzPaths()
		for i := 0; i+1 < len(ops); i += 2 {
			p := paths[int(ops[i])%len(paths)]
			variants := fuzzFiles[p]
			var text []byte
			if k := int(ops[i+1]); k < len(variants) {
				text = []byte(variants[k])
			} else {
				text = ops[i+1:] // the rest of the input, as the file
			}
			if len(text) == 0 {
				delete(fsys, p)
			} else {
				fsys[p] = &fstest.MapFile{Data: text}
			}
			before := out.snapshot()
			_, rerr := b.Rebuild(context.Background(), out, []string{p})

			fresh := &fuzzSink{files: map[string][]byte{}}
			fb, err := New(fsys, opts)
			if err != nil {
				t.Fatal(err)
			}
			_, ferr := fb.Build(context.Background(), fresh)
			switch {
			case (rerr == nil) != (ferr == nil):
				t.Fatalf("step %d (%s): rebuild error %v, fresh build error %v", i/2, p, rerr, ferr)
			case rerr != nil:
				if rerr.Error() != ferr.Error() {
					t.Fatalf("step %d (%s): the rebuild and a fresh build fail differently:\n%v\n---\n%v", i/2, p, rerr, ferr)
				}
				if diff := sinkDiff(before, out.snapshot()); diff != "" {
					t.Fatalf("step %d (%s): a failed rebuild changed the output: %s", i/2, p, diff)
				}
			default:
				if diff := sinkDiff(fresh.snapshot(), out.snapshot()); diff != "" {
					t.Fatalf("step %d (%s): the rebuilt output differs from a fresh build: %s", i/2, p, diff)
				}
			}
		}
	})
}

var fixedFuzzNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// fuzzFiles are the files a FuzzRebuild step may change, with their
// variants: the first is the starting content, "" deletes the file.
var fuzzFiles = map[string][]string{
	"content/articles/a.md": {
		"---\ntitle: A\ndate: 2025-01-01\ntopics: [Trust, Managing Up]\nseries: Leading\n---\nIntro of A with a [link](/articles/b/).\n\n## Steps\n\n- [ ] One\n",
		"---\ntitle: A, renamed\ndate: 2025-01-05\ntopics: [Trust]\n---\nIntro of A, edited.\n",
		"---\ntitle: A\ndate: yesterday\n---\nBroken date.\n",
		"",
		"---\ntitle: A\ndate: 2025-01-01\ntopics: [C++]\naliases: [/old-a/]\n---\nBody.\n",
		"---\ntitle: A\ndate: 2025-01-01\ntopics: [managing-up, \"Tr\u200bust\"]\nseries: Leading\nseries_order: 1\n---\nBody.\n",
	},
	"content/articles/b.md": {
		"---\ntitle: B\ndate: 2025-02-01\ntopics: [Trust]\nseries: Leading\n---\nIntro of B.\n",
		"---\ntitle: B\ndate: 2025-02-01\ndraft: true\n---\nA draft now.\n",
		"",
		"---\ntitle: B\ndate: 2025-02-01\nslug: a\n---\nClaims A's URL.\n",
		"---\ntitle: B\ndate: 2030-01-01\n---\nScheduled.\n",
		"---\ntitle: B\ndate: 2025-02-01\ntopics: [C]\n---\nC, not C++.\n",
		"---\ntitle: B\ndate: 2025-02-01\nseries: Leading\nseries_order: 1\n---\nPart one too.\n",
	},
	"content/about.md": {
		"---\ntitle: About\n---\nAbout us.\n",
		"",
		"---\ntitle: About\naliases: [/about-us/]\n---\nMoved.\n",
	},
	"layouts/partials/card.html": {
		"<article class=\"card\"><a href=\"{{ .URL }}\">{{ .Title }}</a></article>",
		"<article class=\"card\"><a href=\"{{ .URL }}\">{{ .Title }}</a> {{ .Nope }}</article>",
		"{{ partial \"partials/card.html\" . }}",
		"<article>{{ template \"partials/missing.html\" . }}</article>",
	},
	"static/css/extra.css": {
		"body{color:red}",
		"body{color:blue}",
		"",
	},
	"content/site.yaml": {
		fuzzSiteYAML,
		strings.Replace(fuzzSiteYAML, "title: Fuzz", "title: Fuzz, renamed", 1),
		fuzzSiteYAML + "title: twice\n",
		"",
	},
	"content/articles/c.md": {
		"",
		"---\ntitle: C\ndate: 2025-03-01\ntopics: [Trust]\n---\nNew article C.\n",
	},
}

const fuzzSiteYAML = "title: Fuzz\nbase_url: https://fuzz.example.com\nlanguage: en\ndescription: A site to fuzz.\nauthor:\n  name: Ann\nper_page: 1\nchecklists: false\nshare_cards: false\n"

func fuzzPaths() []string {
	var ps []string
	for p := range fuzzFiles {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// fuzzDesign reads the bundled layouts and static files once.
func fuzzDesign(f *testing.F) map[string][]byte {
	return readTree(f, filepath.Join("..", ".."), "layouts", "static")
}

// fuzzSink is an output folder in memory.
type fuzzSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (s *fuzzSink) WriteFile(p string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[p] = bytes.Clone(data)
	return nil
}

func (s *fuzzSink) LinkFile(p, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return s.WriteFile(p, data)
}

func (s *fuzzSink) RemoveFile(p string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.files, p)
	return nil
}

func (s *fuzzSink) snapshot() map[string][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := make(map[string][]byte, len(s.files))
	for p, d := range s.files {
		m[p] = d
	}
	return m
}

// sinkDiff describes how two outputs differ, or returns "".
func sinkDiff(want, got map[string][]byte) string {
	var diffs []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+p)
		case !bytes.Equal(g, w):
			diffs = append(diffs, fmt.Sprintf("%s differs:\n--- want\n%s\n--- got\n%s", p, w, g))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 3 {
		diffs = append(diffs[:3], fmt.Sprintf("and %d more", len(diffs)-3))
	}
	return strings.Join(diffs, "\n")
}
