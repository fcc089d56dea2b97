package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// oldHugoSite writes a small Hugo site: a post with a bundle image, a
// figure, a shortcode folio cannot convert, and a link to another post.
func oldHugoSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for p, s := range map[string]string{
		"hugo.toml": "baseURL = 'https://old.example.com/'\ntitle = 'Old Blog'\nlanguageCode = 'en'\n",
		"content/posts/first/index.md": `+++
title = "First Post"
date = 2024-05-03T09:00:00+02:00
tags = ["Go"]
categories = ["Notes"]
description = "The first one."
+++
Hello. {{< figure src="pic.png" alt="A picture" >}}

{{< custom x >}}

See [the second](/posts/second/), and [the style](/css/old.css).
`,
		"static/css/old.css":          "old",
		"content/posts/first/pic.png": "not really a png",
		"content/posts/second.md":     "---\ntitle: Second\ndate: 2024-05-04\n---\nBack to [the first]({{< ref \"first\" >}}).\n",
		"content/about.md":            "---\ntitle: About\n---\nAbout me.\n",
	} {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(p)), s)
	}
	return dir
}

func TestImportCommand(t *testing.T) {
	old := oldHugoSite(t)
	dst := newSite(t, map[string]string{"static/css/old.css": "the site's own"}, "")

	// A dry run prints the report and writes nothing.
	code, out, errs := folio(t, "import", "hugo", "--dry-run", "--src", dst, old)
	if code != 0 {
		t.Fatalf("dry run: exit %d: %s", code, errs)
	}
	first := filepath.Join(dst, "content", "articles", "first", "index.md")
	for _, want := range []string{
		"left: " + filepath.ToSlash(dst) + "/content/articles/first/index.md:12: shortcode {{< custom x >}} left as text (from " + filepath.Join(old, "content/posts/first/index.md") + ":10)",
		"would write " + first,
		"folio: would import 2 articles and 1 page from the hugo site",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(first); err == nil {
		t.Fatal("a dry run wrote a file")
	}

	// The import writes the files, and folio builds them.
	code, out, errs = folio(t, "import", "hugo", "--src", dst, old)
	if code != 0 {
		t.Fatalf("import: exit %d: %s\n%s", code, errs, out)
	}
	if !strings.Contains(out, "warning: "+filepath.Join(dst, "static", "css", "old.css")+" exists and differs from the old site's file of that name: yours is kept") || readFile(t, filepath.Join(dst, "static", "css", "old.css")) != "the site's own" {
		t.Errorf("a static file of the site was not kept:\n%s", out)
	}
	got := readFile(t, first)
	for _, want := range []string{`topics: ["Notes", "Go"]`, `summary: "The first one."`, "  - \"/posts/first/\"", "![A picture](pic.png)", "[the second](/articles/second/)"} {
		if !strings.Contains(got, want) {
			t.Errorf("the imported post lacks %q:\n%s", want, got)
		}
	}
	if readFile(t, filepath.Join(dst, "content", "articles", "first", "pic.png")) != "not really a png" {
		t.Error("the bundle's image was not copied")
	}
	if site := readFile(t, filepath.Join(dst, "content", "site.yaml")); !strings.Contains(site, `base_url: "https://old.example.com/"`) {
		t.Errorf("site.yaml:\n%s", site)
	}
	// The picture is no image folio can read; the rest builds.
	os.WriteFile(filepath.Join(dst, "content", "articles", "first", "pic.png"), tinyPNG, 0o644)
	if code, _, errs := folio(t, "build", "--src", dst); code != 0 {
		t.Fatalf("build of the imported site: exit %d: %s", code, errs)
	}
	if redirects := readFile(t, filepath.Join(dst, "public", "_redirects")); !strings.Contains(redirects, "/posts/second/ /articles/second/ 301") {
		t.Errorf("_redirects:\n%s", redirects)
	}
	os.WriteFile(filepath.Join(dst, "content", "articles", "first", "pic.png"), []byte("not really a png"), 0o644)

	// A second import finds everything in place and writes nothing.
	code, out, errs = folio(t, "import", "hugo", "--src", dst, old)
	if code != 0 || !strings.Contains(out, " 0 files written, 4 unchanged") {
		t.Errorf("second import: exit %d: %s\n%s", code, errs, out)
	}

	// A file the writer changed since is never overwritten, and then
	// nothing is written at all.
	os.WriteFile(first, []byte("my edits"), 0o644)
	os.Remove(filepath.Join(dst, "content", "about.md"))
	code, _, errs = folio(t, "import", "hugo", "--src", dst, old)
	if code != 1 || !strings.Contains(errs, "error: "+first+" exists and differs from what the import would write: not overwritten") || !strings.Contains(errs, "nothing was written") {
		t.Errorf("import over an edited file: exit %d: %s", code, errs)
	}
	if readFile(t, first) != "my edits" {
		t.Error("the import overwrote an edited file")
	}
	if _, err := os.Stat(filepath.Join(dst, "content", "about.md")); err == nil {
		t.Error("an import with a conflict wrote a file")
	}
}

// tinyPNG is a 1×1 PNG.
var tinyPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

func TestImportJekyllCommand(t *testing.T) {
	old := t.TempDir()
	for p, s := range map[string]string{
		"_config.yml":                "title: J\nurl: https://j.example.com\n",
		"_posts/2023-01-02-hello.md": "---\ntitle: Hello\ndate: 2023-01-02 10:00:00 +0100\ncategories: news\n---\n{% highlight go %}\nx := 1\n{% endhighlight %}\n{% for p in site.posts %}{% endfor %}\n",
	} {
		writeFile(t, filepath.Join(old, filepath.FromSlash(p)), s)
	}
	dst := newSite(t, nil, "")
	code, out, errs := folio(t, "import", "jekyll", "--src", dst, old)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "left: "+filepath.ToSlash(dst)+"/content/articles/hello.md:12: Liquid tag {% for p in site.posts %} left as text") {
		t.Errorf("report:\n%s", out)
	}
	got := readFile(t, filepath.Join(dst, "content", "articles", "hello.md"))
	for _, want := range []string{"date: 2023-01-02T10:00:00+01:00", "```go\nx := 1\n```", "  - \"/news/2023/01/02/hello.html\""} {
		if !strings.Contains(got, want) {
			t.Errorf("hello.md lacks %q:\n%s", want, got)
		}
	}
	if code, _, errs := folio(t, "build", "--src", dst); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
}

func TestImportUsage(t *testing.T) {
	old := oldHugoSite(t)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"import", "hugoo", old}, 2, `folio imports hugo and jekyll sites, not "hugoo" (did you mean "hugo"?)`},
		{[]string{"import", "hugo"}, 2, "give the generator and the old site's folder"},
		{[]string{"import", "hugo", filepath.Join(old, "nope")}, 1, "is not a folder"},
		{[]string{"import", "jekyll", old}, 1, "not a Jekyll site"},
		{[]string{"import", "hugo", "--src", old, old}, 2, "is the site to import into"},
	} {
		code, _, errs := folio(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("folio %v: exit %d, %q; want %d and %q", tc.args, code, errs, tc.code, tc.want)
		}
	}
}
