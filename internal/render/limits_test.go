package render

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// withFiles is minimalLayouts with some files replaced or added.
func withFiles(files map[string]string) fstest.MapFS {
	fsys := minimalLayouts()
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

func TestRecursionIsStoppedWithTheChain(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		path  string
		line  int
		chain string
	}{
		{
			name: "partial calls itself",
			files: map[string]string{
				"article.html":       "{{ define \"main\" }}\n{{ partial \"partials/loop.html\" . }}{{ end }}",
				"partials/loop.html": "<b>\n{{ partial \"partials/loop.html\" . }}</b>",
			},
			path:  "layouts/partials/loop.html",
			line:  2,
			chain: "article.html → partials/loop.html → partials/loop.html → … (partials/loop.html calls itself without end",
		},
		{
			name: "partials call each other",
			files: map[string]string{
				"article.html":    "{{ define \"main\" }}{{ partial \"partials/a.html\" . }}{{ end }}",
				"partials/a.html": "{{ partial \"partials/b.html\" . }}",
				"partials/b.html": "\n\n{{ partial \"partials/a.html\" . }}",
			},
			path:  "layouts/partials/b.html", // or a.html:1, by the parity of the limit
			line:  3,
			chain: "partials/a.html → partials/b.html → partials/a.html → … (partials/a.html and partials/b.html call each other without end",
		},
		{
			name: "template calls itself",
			files: map[string]string{
				"article.html":       "{{ define \"main\" }}{{ template \"partials/loop.html\" . }}{{ end }}",
				"partials/loop.html": "<i>{{ .Title }}</i>\n{{ template \"partials/loop.html\" . }}",
			},
			path:  "layouts/partials/loop.html",
			line:  2,
			chain: "partials/loop.html → partials/loop.html → … (partials/loop.html calls itself without end",
		},
		{
			name: "a defined template calls itself through a partial",
			files: map[string]string{
				"article.html":       "{{ define \"main\" }}{{ template \"tree\" . }}{{ end }}{{ define \"tree\" }}{{ partial \"partials/node.html\" . }}{{ end }}",
				"partials/node.html": "{{ partial \"partials/node.html\" . }}",
			},
			path:  "layouts/partials/node.html",
			line:  1,
			chain: "partials/node.html calls itself without end",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl, err := Load(withFiles(tt.files), LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			_, err = tmpl.Execute("article", &View{Site: &Site{}, Kind: "article", URL: "/articles/a/", Title: "A"})
			// Well under a second (see BenchmarkRecursionFails); the bound
			// leaves room for -race on a busy machine.
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("took %s to fail", took)
			}
			var le *LayoutError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want a LayoutError", err)
			}
			if (le.Path != tt.path || le.Line != tt.line) && !(tt.name == "partials call each other" && le.Path == "layouts/partials/a.html" && le.Line == 1) || !strings.Contains(le.Msg, "nest more than 100 deep") || !strings.Contains(le.Msg, tt.chain) {
				t.Errorf("err = %s:%d: %s\nwant %s:%d and %q", le.Path, le.Line, le.Msg, tt.path, tt.line, tt.chain)
			}
			if n := strings.Count(err.Error(), "\n"); n > 0 || len(err.Error()) > 600 {
				t.Errorf("the error is %d bytes on %d lines: %s", len(err.Error()), n+1, err)
			}
			// The executor is reusable afterwards: a page without the loop renders.
			if _, err := tmpl.Execute("page", &View{Site: &Site{}, Kind: "page", Title: "P"}); err != nil {
				t.Errorf("next page: %v", err)
			}
		})
	}
}

func TestBoundedRecursionRenders(t *testing.T) {
	// A template may call itself while its data runs out: nested lists.
	tmpl, err := Load(withFiles(map[string]string{
		"page.html":           "{{ define \"main\" }}{{ template \"partials/list.html\" .Title }}|{{ partial \"partials/plist.html\" .Title }}{{ end }}",
		"partials/list.html":  "{{ if . }}<ul>{{ template \"partials/list.html\" (slice . 1) }}</ul>{{ end }}",
		"partials/plist.html": "{{ if . }}<ol>{{ partial \"partials/plist.html\" (slice . 1) }}</ol>{{ end }}",
	}), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := tmpl.Execute("page", &View{Site: &Site{}, Kind: "page", Title: "abc"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<ul><ul><ul></ul></ul></ul>|<ol><ol><ol></ol></ol></ol>"; !strings.Contains(string(got), want) {
		t.Errorf("got %s, want %s inside", got, want)
	}
	// 99 levels of data are fine; 100 are too deep.
	if _, err := tmpl.Execute("page", &View{Site: &Site{}, Kind: "page", Title: strings.Repeat("x", 90)}); err != nil {
		t.Errorf("90 levels: %v", err)
	}
	if _, err := tmpl.Execute("page", &View{Site: &Site{}, Kind: "page", Title: strings.Repeat("x", 200)}); err == nil || !strings.Contains(err.Error(), "nest more than 100 deep") {
		t.Errorf("200 levels: %v", err)
	}
}

func TestMissingTemplateNamesTheCallingFile(t *testing.T) {
	for _, tt := range []struct {
		name, src, want string
	}{
		{"template", "{{ define \"main\" }}\n\n{{ template \"partials/nope.html\" . }}{{ end }}", `layouts/article.html:3: {{ template "partials/nope.html" }}: no such template`},
		{"partial", "{{ define \"main\" }}\n{{ partial \"partials/crad.html\" . }}{{ end }}", `layouts/article.html:2: partial "partials/crad.html": no such template: did you mean "partials/card.html"?`},
	} {
		_, err := Load(withFiles(map[string]string{"article.html": tt.src}), LoadOptions{})
		if err == nil || err.Error() != tt.want && !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: err = %v\nwant %s", tt.name, err, tt.want)
		}
	}
}

func TestTemplatePanicIsAnError(t *testing.T) {
	tmpl, err := Load(withFiles(map[string]string{
		"article.html": "{{ define \"main\" }}{{ .Panic }}{{ end }}",
	}), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// A method that panics is turned into an error by text/template; a panic
	// in the writer (here) is not, and must not escape ExecuteTo.
	err = tmpl.ExecuteTo(panicWriter{}, "article", &View{Site: &Site{}, Kind: "article", URL: "/articles/p/"})
	var le *LayoutError
	if !errors.As(err, &le) || le.Path != "layouts/article.html" || !strings.Contains(le.Msg, "/articles/p/") || !strings.Contains(le.Msg, "boom") {
		t.Errorf("err = %v", err)
	}
	if _, err := tmpl.Execute("page", &View{Site: &Site{}, Kind: "page", Title: "after"}); err != nil {
		t.Errorf("after a panic: %v", err)
	}
}

type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("boom") }

func TestExecutorsAreSafeForConcurrentUse(t *testing.T) {
	tmpl, err := Load(withFiles(map[string]string{
		"page.html":           "{{ define \"main\" }}{{ partial \"partials/plist.html\" .Title }}{{ end }}",
		"partials/plist.html": "{{ if . }}<ol>{{ partial \"partials/plist.html\" (slice . 1) }}</ol>{{ end }}",
	}), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			depth := 50 + i*5 // some under the limit, some over
			_, err := tmpl.Execute("page", &View{Site: &Site{}, Kind: "page", Title: strings.Repeat("x", depth)})
			if tooDeep := depth+3 > MaxDepth; (err != nil) != tooDeep {
				t.Errorf("depth %d: err = %v", depth, err)
			}
		}()
	}
	wg.Wait()
}

// BenchmarkRecursionFails measures how long a page whose partial calls
// itself takes to fail: the time the depth limit costs.
func BenchmarkRecursionFails(b *testing.B) {
	tmpl, err := Load(withFiles(map[string]string{
		"article.html":       "{{ define \"main\" }}{{ partial \"partials/loop.html\" . }}{{ end }}",
		"partials/loop.html": "<b>{{ partial \"partials/loop.html\" . }}</b>",
	}), LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	v := &View{Site: &Site{}, Kind: "article", URL: "/articles/a/", Title: "A"}
	for b.Loop() {
		if _, err := tmpl.Execute("article", v); err == nil {
			b.Fatal("no error")
		}
	}
}
