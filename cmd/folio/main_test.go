package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peeplcoach/folio/internal/social"
)

// siteCopy copies the bundled site (content/, layouts/, static/) into a temp
// folder and returns it. Tests of it check only what stays true as writers
// add articles; tests that count posts use firstArticleCopy.
func siteCopy(t *testing.T) string {
	return copySite(t, filepath.Join("..", ".."))
}

// firstArticleCopy copies the bundled design with the frozen copy of the
// first article and site settings in testdata/first-article/.
func firstArticleCopy(t *testing.T) string {
	return copySite(t, filepath.Join("..", "..", "testdata", "first-article"))
}

// copySite copies content/ from the folder contentRoot and the bundled
// layouts/ and static/ into a temp folder.
func copySite(t *testing.T, contentRoot string) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"content", "layouts", "static"} {
		root := filepath.Join("..", "..")
		if sub == "content" {
			root = contentRoot
		}
		err := filepath.WalkDir(filepath.Join(root, sub), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			dst := filepath.Join(dir, rel)
			os.MkdirAll(filepath.Dir(dst), 0o755)
			return os.WriteFile(dst, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func folio(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBuildCommand(t *testing.T) {
	dir := siteCopy(t)
	code, out, errs := folio(t, "build", "--src", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "pages,") || !strings.Contains(out, "→ "+filepath.Join(dir, "public")) {
		t.Errorf("summary line: %q", out)
	}
	page := filepath.Join(dir, "public", "articles", "get-your-manager-to-trust-you", "index.html")
	good, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"checklist-a4.pdf", "checklist-letter.pdf", "card.png"} {
		if _, err := os.Stat(filepath.Join(filepath.Dir(page), p)); err != nil {
			t.Errorf("missing %s: %v", p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".cache")); err != nil {
		t.Errorf("no cache folder: %v", err)
	}

	// A broken article fails the build with file:line, exit 1, and leaves the
	// previous output as it was.
	bad := filepath.Join(dir, "content", "articles", "broken.md")
	os.WriteFile(bad, []byte("---\ntitle: Broken\ndate: yesterday\n---\nBody\n"), 0o644)
	code, _, errs = folio(t, "build", "--src", dir)
	if code != 1 {
		t.Errorf("exit %d for a content error, want 1", code)
	}
	if want := filepath.ToSlash(dir) + `/content/articles/broken.md:3: date "yesterday" is not a date`; !strings.Contains(errs, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errs)
	}
	if now, _ := os.ReadFile(page); !bytes.Equal(now, good) {
		t.Error("a failed build changed the output")
	}
	os.Remove(bad)

	// A second good build is byte-identical.
	if code, _, errs := folio(t, "build", "--src", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if again, _ := os.ReadFile(page); !bytes.Equal(again, good) {
		t.Error("two builds of the same input differ")
	}
}

// TestBuildInPlace checks folio build's update of its last output: with the
// cache kept, a second build writes only the files whose inputs changed, and
// the output equals a build into a new folder byte for byte; an update that
// was killed halfway is detected and the next build writes the folder anew.
func TestBuildInPlace(t *testing.T) {
	dir := siteCopy(t)
	public := filepath.Join(dir, "public")
	if code, _, errs := folio(t, "build", "--src", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	about := filepath.Join(public, "about", "index.html")
	before, err := os.Stat(about)
	if err != nil {
		t.Fatal(err)
	}
	article := filepath.Join(dir, "content", "articles", "get-your-manager-to-trust-you.md")
	writeFile(t, article, readFile(t, article)+"\nA sentence added in place.\n")
	if code, _, errs := folio(t, "build", "--src", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(readFile(t, filepath.Join(public, "articles", "get-your-manager-to-trust-you", "index.html")), "A sentence added in place.") {
		t.Error("the edited article was not written")
	}
	if after, err := os.Stat(about); err != nil || !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("an unchanged page was written again")
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	if code, _, errs := folio(t, "build", "--src", dir, "--out", fresh, "--cache", filepath.Join(t.TempDir(), "cache")); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	sameOutput(t, public, fresh)

	// A build killed while updating leaves its journal marked: the next
	// build trusts none of the folder and writes it anew.
	states, _ := filepath.Glob(filepath.Join(dir, ".cache", "output-*.state"))
	if len(states) != 1 {
		t.Fatalf("state files: %v", states)
	}
	writeFile(t, states[0], "folio output state 1 writing\n")
	os.WriteFile(filepath.Join(public, "about", "index.html"), []byte("half written"), 0o644)
	if code, _, errs := folio(t, "build", "--src", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	sameOutput(t, public, fresh)
}

// sameOutput compares two output folders file by file, ignoring folio's
// manifest.
func sameOutput(t *testing.T, a, b string) {
	t.Helper()
	read := func(root string) map[string]string {
		files := map[string]string{}
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".folio-") {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			data, _ := os.ReadFile(p)
			files[rel] = string(data)
			return nil
		})
		return files
	}
	fa, fb := read(a), read(b)
	for p, x := range fb {
		if y, ok := fa[p]; !ok {
			t.Errorf("%s lacks %s", a, p)
		} else if x != y {
			t.Errorf("%s differs", p)
		}
	}
	for p := range fa {
		if _, ok := fb[p]; !ok {
			t.Errorf("%s has %s, which a fresh build does not make", a, p)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"bulid"},
		{"build", "--nope"},
		{"build", "extra"},
		{"build", "--base-url", "example.com"},
		{"new"},
		{"snippets", "--format", "xml"},
		{"snippets", "--since", "last week"},
		{"serve", "--port", "99999"},
	} {
		if code, _, _ := folio(t, args...); code != 2 {
			t.Errorf("folio %v: exit %d, want 2", args, code)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	code, out, _ := folio(t, "help")
	if code != 0 || !strings.Contains(out, "build") || !strings.Contains(out, "snippets") {
		t.Errorf("help: %d %q", code, out)
	}
	for _, cmd := range []string{"build", "serve", "new", "snippets", "version"} {
		code, out, _ := folio(t, cmd, "--help")
		if code != 0 || !strings.Contains(out, "Usage: folio "+cmd) {
			t.Errorf("%s --help: exit %d, %q", cmd, code, out)
		}
	}
	if code, out, _ := folio(t, "help", "build"); code != 0 || !strings.Contains(out, "--base-url") {
		t.Errorf("help build: %d %q", code, out)
	}
	if code, out, _ := folio(t, "version"); code != 0 || !strings.HasPrefix(out, "folio ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestNewCommand(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := folio(t, "new", "--src", dir, "Say No — Kindly")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	p := filepath.Join(dir, "content", "articles", "say-no-kindly.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (stdout %q)", err, out)
	}
	for _, want := range []string{`title: "Say No — Kindly"`, "draft: true", "topics: []", "date: 20"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("new article lacks %q:\n%s", want, data)
		}
	}
	os.WriteFile(p, []byte("my words"), 0o644)
	if code, _, errs := folio(t, "new", "--src", dir, "Say No — Kindly"); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("second new: exit %d, %q", code, errs)
	}
	if data, _ := os.ReadFile(p); string(data) != "my words" {
		t.Error("folio new overwrote a file")
	}
}

func TestSnippetsCommand(t *testing.T) {
	dir := firstArticleCopy(t)
	os.WriteFile(filepath.Join(dir, "content", "articles", "second.md"), []byte("---\ntitle: 'Second, with \"quotes\", commas'\ndate: 2025-04-01\ntopics: [Feedback, Hiring]\n---\n\nWhy feedback matters.\n\n## 1. Ask\n\n## 2. Listen\n"), 0o644)

	code, jsonOut, errs := folio(t, "snippets", "--src", dir, "--format", "json")
	if code != 0 {
		t.Fatalf("json: exit %d: %s", code, errs)
	}
	var records []social.Record
	if err := json.Unmarshal([]byte(jsonOut), &records); err != nil {
		t.Fatalf("json export: %v\n%s", err, jsonOut)
	}
	if len(records) != 2 {
		t.Fatalf("%d posts, want 2", len(records))
	}

	code, csvOut, _ := folio(t, "snippets", "--src", dir, "--format", "csv")
	if code != 0 || !strings.HasPrefix(csvOut, "\uFEFF") {
		t.Fatalf("csv: exit %d, BOM %v", code, strings.HasPrefix(csvOut, "\uFEFF"))
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvOut, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(rows[0], ","), strings.Join(social.Columns(), ","); got != want {
		t.Errorf("csv header %s, want %s", got, want)
	}
	if len(rows) != len(records)+1 {
		t.Fatalf("csv has %d rows, json %d records", len(rows)-1, len(records))
	}
	for i, rec := range records {
		for j, want := range rec.Fields() {
			if got := rows[i+1][j]; got != want {
				t.Errorf("post %d column %s: csv %q, json %q", i, rows[0][j], got, want)
			}
		}
	}
	if !strings.Contains(records[0].Title, `"quotes", commas`) || !strings.Contains(records[0].ContentText, "\n") {
		t.Errorf("the test should exercise quotes, commas and line breaks: %q", records[0].Title)
	}

	// Filters.
	for _, tt := range []struct {
		args []string
		want int
	}{
		{[]string{"--topic", "Hiring"}, 1},
		{[]string{"--topic", "managing-up"}, 1},
		{[]string{"--since", "2025-03-20"}, 1},
		{[]string{"--article", "get-your-manager-to-trust-you"}, 1},
		{[]string{"--topic", "feedback", "--since", "2025-01-01"}, 2},
	} {
		code, out, errs := folio(t, append([]string{"snippets", "--src", dir, "--format", "json"}, tt.args...)...)
		var got []map[string]any
		if code != 0 || json.Unmarshal([]byte(out), &got) != nil || len(got) != tt.want {
			t.Errorf("snippets %v: exit %d, %d posts, want %d (%s)", tt.args, code, len(got), tt.want, errs)
		}
	}
	if code, _, errs := folio(t, "snippets", "--src", dir, "--topic", "nope"); code != 2 || !strings.Contains(errs, "no such topic") {
		t.Errorf("unknown topic: exit %d %q", code, errs)
	}
	out := filepath.Join(t.TempDir(), "posts.md")
	if code, _, _ := folio(t, "snippets", "--src", dir, "--format", "md", "--out", out); code != 0 {
		t.Errorf("--out: exit %d", code)
	}
	if data, _ := os.ReadFile(out); !strings.Contains(string(data), "7 Tips to Get Your Manager to Trust You") {
		t.Errorf("--out file lacks the first article")
	}
	code, text, _ := folio(t, "snippets", "--src", dir, "--article", "get-your-manager-to-trust-you")
	if code != 0 || !strings.Contains(text, "see more") || !strings.Contains(text, "utm_campaign=get-your-manager-to-trust-you") {
		t.Errorf("text export: %q", text)
	}
}
