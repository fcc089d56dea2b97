package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// poppler returns the path of a poppler-utils tool, or skips the test without
// it (fails under CI=true, where .ci/run installs it).
func poppler(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed: apt-get install -y poppler-utils", tool)
		}
		t.Skipf("%s is not installed: skipping (apt-get install -y poppler-utils)", tool)
	}
	return p
}

// TestFirstArticlePDFs checks the two PDFs of the first article's checklist
// (the frozen copy in testdata/first-article/) as a reader's PDF viewer would: paper size, one page, every item's
// exact text (typography included) extractable, fonts embedded.
func TestFirstArticlePDFs(t *testing.T) {
	pdftotext, pdfinfo, pdffonts := poppler(t, "pdftotext"), poppler(t, "pdfinfo"), poppler(t, "pdffonts")
	b, err := New(firstArticleSite(t), Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	out := newMemSink()
	if _, err := b.Build(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	idx := b.c.index.idx
	var items []string
	for _, a := range idx.Articles {
		if a.Slug == "get-your-manager-to-trust-you" {
			for _, g := range a.Checklist.Groups {
				items = append(items, g.Heading)
				items = append(items, g.Items...)
			}
		}
	}
	if len(items) < 30 {
		t.Fatalf("only %d headings and items", len(items))
	}
	for _, tt := range []struct{ name, size string }{{"checklist-a4.pdf", "595.28 x 841.89 pts (A4)"}, {"checklist-letter.pdf", "612 x 792 pts (letter)"}} {
		t.Run(tt.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), tt.name)
			os.WriteFile(f, out.files["articles/get-your-manager-to-trust-you/"+tt.name], 0o644)
			info := run(t, pdfinfo, f)
			if !regexp.MustCompile(`Page size:\s+` + regexp.QuoteMeta(tt.size)).MatchString(info) {
				t.Errorf("pdfinfo: want page size %s:\n%s", tt.size, info)
			}
			if !regexp.MustCompile(`(?m)^Pages:\s+1$`).MatchString(info) {
				t.Errorf("the first article's checklist is not one page:\n%s", info)
			}
			if !regexp.MustCompile(`Title:\s+Checklist: Get Your Manager to Trust You`).MatchString(info) || !regexp.MustCompile(`Author:\s+Peeplcoach`).MatchString(info) {
				t.Errorf("metadata:\n%s", info)
			}
			text := strings.Join(strings.Fields(run(t, pdftotext, f, "-")), " ")
			for _, item := range items {
				if !strings.Contains(text, strings.Join(strings.Fields(item), " ")) {
					t.Errorf("pdftotext lacks %q", item)
				}
			}
			for _, line := range strings.Split(strings.TrimSpace(run(t, pdffonts, f)), "\n")[2:] {
				if fields := strings.Fields(line); len(fields) < 7 || fields[len(fields)-5] != "yes" {
					t.Errorf("font not embedded: %s", line)
				}
			}
		})
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}
