package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v2"
)

// frontMatter is the schema the site's front-matter parser expects.
type frontMatter struct {
	Title   string    `yaml:"title"`
	Date    time.Time `yaml:"date"`
	Topics  []string  `yaml:"topics"`
	Series  string    `yaml:"series"`
	Summary string    `yaml:"summary"`
	Draft   *bool     `yaml:"draft"`
}

// split returns an article's front matter and body.
func split(t *testing.T, f File) (frontMatter, string) {
	t.Helper()
	s := string(f.Data)
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		t.Fatalf("%s: no front matter", f.Name)
	}
	head, body, ok := strings.Cut(rest, "\n---\n")
	if !ok {
		t.Fatalf("%s: front matter not closed", f.Name)
	}
	var fm frontMatter
	if err := yaml.UnmarshalStrict([]byte(head), &fm); err != nil {
		t.Fatalf("%s: front matter: %v", f.Name, err)
	}
	return fm, body
}

var (
	linkDest   = regexp.MustCompile(`\]\([^)]*\)`)
	nonSlug    = regexp.MustCompile(`[^a-z0-9]+`)
	externalRE = regexp.MustCompile(`^https://example\.(com|org|net)/[a-z0-9-]+$`)
)

// countWords counts words as a reader sees them: link destinations and
// markup tokens ("##", "-", "[x]", ">", "—", "1.") are not words.
func countWords(body string) int {
	n := 0
	for _, f := range strings.Fields(linkDest.ReplaceAllString(body, "]")) {
		if f != "[x]" && strings.IndexFunc(f, func(r rune) bool {
			return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		}) >= 0 {
			n++
		}
	}
	return n
}

func slugify(title string) string {
	s := strings.ReplaceAll(strings.ToLower(title), "'", "")
	return strings.Trim(nonSlug.ReplaceAllString(s, "-"), "-")
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(200, 7), Generate(200, 7)
	if !slices.EqualFunc(a, b, equalFile) {
		t.Fatal("Generate(200, 7) differs between two calls")
	}
	other := Generate(200, 8)
	same := 0
	for i := range a {
		if equalFile(a[i], other[i]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seeds 7 and 8 share %d of 200 articles, want 0", same)
	}
}

func equalFile(a, b File) bool { return a.Name == b.Name && bytes.Equal(a.Data, b.Data) }

func TestGeneratePrefixStable(t *testing.T) {
	for _, tc := range []struct{ small, large int }{{100, 1000}, {1, 2}, {600, 700}} {
		small, large := Generate(tc.small, 42), Generate(tc.large, 42)
		if len(small) != tc.small || len(large) != tc.large {
			t.Fatalf("got %d and %d files, want %d and %d", len(small), len(large), tc.small, tc.large)
		}
		if !slices.EqualFunc(small, large[:tc.small], equalFile) {
			t.Errorf("first %d of n=%d differ from n=%d", tc.small, tc.large, tc.small)
		}
	}
}

func TestGenerateEmpty(t *testing.T) {
	if got := Generate(0, 1); len(got) != 0 {
		t.Errorf("Generate(0, 1) = %d files, want 0", len(got))
	}
}

// TestArticleShape checks every article of two corpora against the shape
// the package documents.
func TestArticleShape(t *testing.T) {
	for _, seed := range []int64{42, -3} {
		files := Generate(1000, seed)
		seen := map[string]int{} // slug → index
		inSeries := 0
		topicUse := map[string]int{}
		for i, f := range files {
			slug, ok := strings.CutSuffix(f.Name, ".md")
			if !ok || slugify(slug) != slug {
				t.Fatalf("%s: name is not slug.md", f.Name)
			}
			if j, dup := seen[slug]; dup {
				t.Fatalf("%s: slug used by article %d and %d", slug, j, i)
			}
			seen[slug] = i
			fm, body := split(t, f)
			checkFrontMatter(t, f.Name, slug, fm)
			checkBody(t, f.Name, body, fm.Topics, seen)
			if fm.Series != "" {
				inSeries++
			}
			for _, tp := range fm.Topics {
				topicUse[tp]++
			}
		}
		if inSeries < 500 || inSeries > 700 {
			t.Errorf("seed %d: %d of 1000 articles in a series, want about 600", seed, inSeries)
		}
		if len(topicUse) != len(Topics()) {
			t.Errorf("seed %d: %d topics used, want all %d", seed, len(topicUse), len(Topics()))
		}
	}
}

func checkFrontMatter(t *testing.T, name, slug string, fm frontMatter) {
	t.Helper()
	if fm.Title == "" || !strings.HasPrefix(slug, slugify(fm.Title)) {
		t.Errorf("%s: title %q does not match the slug", name, fm.Title)
	}
	lo, hi := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	if fm.Date.Before(lo) || !fm.Date.Before(hi) {
		t.Errorf("%s: date %v outside 2020–2024", name, fm.Date)
	}
	if n := len(fm.Topics); n < 2 || n > 3 {
		t.Errorf("%s: %d topics, want 2 or 3", name, n)
	}
	for i, tp := range fm.Topics {
		if !slices.Contains(Topics(), tp) || slices.Contains(fm.Topics[:i], tp) {
			t.Errorf("%s: topic %q unknown or repeated", name, tp)
		}
	}
	if fm.Series != "" && !slices.Contains(Series(), fm.Series) {
		t.Errorf("%s: unknown series %q", name, fm.Series)
	}
	if fm.Summary == "" || strings.ContainsAny(fm.Summary, "*_[]") {
		t.Errorf("%s: summary %q is empty or has markup", name, fm.Summary)
	}
	if fm.Draft == nil || *fm.Draft {
		t.Errorf("%s: want draft: false", name)
	}
}

// checkBody checks the body's structure and that every internal link
// resolves: /articles/ to an earlier article, /topics/ to one of its own.
func checkBody(t *testing.T, name, body string, topics []string, earlier map[string]int) {
	t.Helper()
	if n := countWords(body); n < 900 || n > 1300 {
		t.Errorf("%s: %d words, want 900–1300", name, n)
	}
	var h2 []string
	var taskLists, quotes, done, open, bullets int
	prev := ""
	for line := range strings.Lines(body) {
		switch {
		case strings.HasPrefix(line, "## "):
			h2 = append(h2, strings.TrimSpace(line))
		case strings.HasPrefix(line, "- [x] "), strings.HasPrefix(line, "- [ ] "):
			if !strings.HasPrefix(prev, "- [") {
				taskLists++
			}
			if line[3] == 'x' {
				done++
			} else {
				open++
			}
		case strings.HasPrefix(line, "- "):
			bullets++
		case strings.HasPrefix(line, ">"):
			if !strings.HasPrefix(prev, ">") {
				quotes++
			}
		}
		prev = line
	}
	if len(h2) != 7 {
		t.Errorf("%s: %d H2 headings, want 7", name, len(h2))
	}
	for i, h := range h2 {
		if want := "## " + string(rune('1'+i)) + ". "; !strings.HasPrefix(h, want) || len(h) < len(want)+5 {
			t.Errorf("%s: heading %d is %q, want %q…", name, i+1, h, want)
		}
	}
	if taskLists != 1 {
		t.Errorf("%s: %d task lists, want 1", name, taskLists)
	}
	if done == 0 || open == 0 || done+open < 3 {
		t.Errorf("%s: task list has %d done and %d open items, want ≥1 of each and ≥3", name, done, open)
	}
	if quotes != 1 {
		t.Errorf("%s: %d blockquotes, want 1", name, quotes)
	}
	if !strings.Contains(body, "**") {
		t.Errorf("%s: no bold text", name)
	}
	for rest := body; ; {
		_, after, ok := strings.Cut(rest, "](")
		if !ok {
			break
		}
		dest, tail, _ := strings.Cut(after, ")")
		rest = tail
		checkLink(t, name, dest, topics, earlier)
	}
}

func checkLink(t *testing.T, name, dest string, topics []string, earlier map[string]int) {
	t.Helper()
	if slug, ok := strings.CutPrefix(dest, "/articles/"); ok {
		slug = strings.TrimSuffix(slug, "/")
		if _, ok := earlier[slug]; !ok || slug+".md" == name {
			t.Errorf("%s: link %s is not to an earlier article", name, dest)
		}
	} else if tp, ok := strings.CutPrefix(dest, "/topics/"); ok {
		if !slices.Contains(topics, strings.TrimSuffix(tp, "/")) {
			t.Errorf("%s: link %s is not to one of its topics %v", name, dest, topics)
		}
	} else if !externalRE.MatchString(dest) {
		t.Errorf("%s: unexpected link %s", name, dest)
	}
}

// TestCorpusHasAllLinkKinds guards against a change that silently drops a
// kind of link the benchmarks rely on.
func TestCorpusHasAllLinkKinds(t *testing.T) {
	var all bytes.Buffer
	for _, f := range Generate(50, 42) {
		all.Write(f.Data)
	}
	for _, want := range []string{"](/articles/", "](/topics/", "](https://example.", "\n- [x] ", "\n- [ ] ", "\n> — ", " _"} {
		if !bytes.Contains(all.Bytes(), []byte(want)) {
			t.Errorf("50 articles never contain %q", want)
		}
	}
}

func TestWriteDir(t *testing.T) {
	dir := t.TempDir()
	if err := WriteDir(dir, 30, 5); err != nil {
		t.Fatal(err)
	}
	want := Generate(30, 5)
	entries, err := os.ReadDir(filepath.Join(dir, "articles"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(want) {
		t.Fatalf("got %d files, want %d", len(entries), len(want))
	}
	for _, f := range want {
		got, err := os.ReadFile(filepath.Join(dir, "articles", f.Name))
		if err != nil || !bytes.Equal(got, f.Data) {
			t.Errorf("%s: file differs from Generate (err %v)", f.Name, err)
		}
	}
}

func TestWriteDirError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(file, 1, 1); err == nil {
		t.Error("WriteDir into a regular file succeeded, want an error")
	}
}
