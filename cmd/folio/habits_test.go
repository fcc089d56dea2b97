package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A Hugo user's commands and flags work, or say what folio calls them.
func TestHugoHabits(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		out  string // in stdout
		err  string // in stderr
	}{
		{[]string{"server", "--help"}, 0, "Usage: folio serve", ""},
		{[]string{"biuld"}, 2, "", `folio: unknown command "biuld" (did you mean "build"?)`},
		{[]string{"sever"}, 2, "", `(did you mean "server"?)`},
		{[]string{"snipets"}, 2, "", `(did you mean "snippets"?)`},
		{[]string{"--drafts"}, 2, "", "folio: --drafts is a flag: give a command first, such as folio build --drafts"},
		{[]string{"build", "--drafs"}, 2, "", "folio build: unknown flag --drafs (did you mean --drafts?)"},
		{[]string{"build", "--buildfuture"}, 2, "", "unknown flag --buildfuture (did you mean --buildFuture?)"},
		{[]string{"build", "--baseurl", "https://x.org/"}, 2, "", "unknown flag --baseurl (did you mean --baseURL?)"},
		{[]string{"serve", "--disableFastRender"}, 2, "", "folio serve: unknown flag --disableFastRender"},
		{[]string{"build", "--help"}, 0, "--drafts, -D, --buildDrafts", ""},
		{[]string{"serve", "-b", "example.com"}, 2, "", `--base-url "example.com" must start with https://`},
		{[]string{"serve", "--help"}, 0, "--port, -p int", ""},
	} {
		code, out, errs := folio(t, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errs, tc.err) {
			t.Errorf("folio %v: exit %d\nstdout %q\nstderr %q\nwant exit %d, %q, %q", tc.args, code, out, errs, tc.code, tc.out, tc.err)
		}
	}
}

// -D, -F and -b mean what they mean in Hugo, and flags may follow the
// arguments.
func TestBuildHugoFlags(t *testing.T) {
	dir := newSite(t, map[string]string{
		"content/site.yaml":             "title: T\nbase_url: https://example.com/\nauthor: {name: A}\n",
		"content/articles/draft.md":     "---\ntitle: Draft\ndate: 2024-01-01\ndraft: true\n---\nSoon.\n",
		"content/articles/future.md":    "---\ntitle: Future\ndate: 2199-01-01\n---\nLater.\n",
		"content/articles/published.md": "---\ntitle: Published\ndate: 2024-01-02\n---\nNow.\n",
	}, "")
	out := filepath.Join(t.TempDir(), "out")
	code, _, errs := folio(t, "build", "-s", dir, "-D", "-F", "-b", "https://preview.example.org/", "-d", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, p := range []string{"articles/draft/index.html", "articles/future/index.html"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil {
			t.Errorf("-D -F: %v", err)
		}
	}
	if feed := readFile(t, filepath.Join(out, "feed.xml")); !strings.Contains(feed, "https://preview.example.org/articles/published/") {
		t.Errorf("-b did not set the base URL:\n%.400s", feed)
	}

	// Without them, neither is published.
	out2 := filepath.Join(t.TempDir(), "out")
	if code, _, errs := folio(t, "build", "--source", dir, "--destination", out2); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(out2, "articles", "draft")); err == nil {
		t.Error("a draft was published without -D")
	}
}

// folio new takes a path, as hugo new does, and makes that file.
func TestNewAtPath(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args  []string
		file  string
		wants []string
	}{
		{[]string{"new", "articles/say-no-kindly.md", "--src", dir}, "content/articles/say-no-kindly.md", []string{`title: "Say No Kindly"`, "date: 20", "draft: true", "- [ ] "}},
		{[]string{"new", "--src", dir, "content", "content/articles/bundle/index.md"}, "content/articles/bundle/index.md", []string{`title: "Bundle"`}},
		{[]string{"new", "-s", dir, "about.md"}, "content/about.md", []string{`title: "About"`, "draft: true"}},
		{[]string{"new", "--src", dir, "articles/no-extension"}, "content/articles/no-extension.md", []string{`title: "No Extension"`}},
	} {
		code, out, errs := folio(t, tc.args...)
		if code != 0 {
			t.Errorf("folio %v: exit %d: %s", tc.args, code, errs)
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(tc.file))
		if !strings.Contains(out, "wrote "+p) {
			t.Errorf("folio %v: %q", tc.args, out)
		}
		got := readFile(t, p)
		for _, w := range tc.wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q:\n%s", tc.file, w, got)
			}
		}
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"new", "--src", dir, "posts/x.md"}, 2, "content/posts/x.md is not a place for a page: articles go in content/articles/"},
		{[]string{"new", "--src", dir, "articles/Bad Name.md"}, 2, `"Bad Name" is not a valid file name for a page`},
		{[]string{"new", "--src", dir, "articles/say-no-kindly.md"}, 1, "already exists"},
		{[]string{"new", "--src", dir, "articles/bundle.md"}, 1, "bundle already exists as"},
	} {
		code, _, errs := folio(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("folio %v: exit %d, %q; want %d, %q", tc.args, code, errs, tc.code, tc.want)
		}
	}
	// A title is still a title.
	if code, _, errs := folio(t, "new", "--src", dir, "Either/Or thinking"); code != 0 {
		t.Errorf("a title with a slash: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "articles", "either-or-thinking.md")); err != nil {
		t.Error(err)
	}
}
