package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the want.html sections of testdata/*.txtar")

// TestCases converts the input.md of every testdata/*.txtar case and compares the
// HTML with its want.html. An options line "unsafe_html: true" in the archive
// comment turns raw HTML on. Run with -update to regenerate, then review the diff.
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata/*.txtar cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			comment, sections := parseTxtar(data)
			c := New(Options{UnsafeHTML: strings.Contains(comment, "unsafe_html: true")})
			doc, err := c.Convert(sections["input.md"])
			if err != nil {
				t.Fatalf("Convert: %v", err)
			}
			if *update {
				sections["want.html"] = []byte(doc.HTML)
				if err := os.WriteFile(file, formatTxtar(comment, sections), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got, want := string(doc.HTML), string(sections["want.html"]); got != want {
				t.Errorf("HTML mismatch\n--- got\n%s\n--- want\n%s", got, want)
			}
		})
	}
}

// parseTxtar reads the txtar format: a comment, then "-- name --" sections.
func parseTxtar(data []byte) (string, map[string][]byte) {
	sections := map[string][]byte{}
	var comment strings.Builder
	name := ""
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimRight(line, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			name = trimmed[3 : len(trimmed)-3]
			sections[name] = []byte{}
			continue
		}
		if name == "" {
			comment.WriteString(line)
		} else {
			sections[name] = append(sections[name], line...)
		}
	}
	return comment.String(), sections
}

func formatTxtar(comment string, sections map[string][]byte) []byte {
	var b bytes.Buffer
	b.WriteString(comment)
	for _, name := range []string{"input.md", "want.html"} {
		b.WriteString("-- " + name + " --\n")
		b.Write(sections[name])
	}
	return b.Bytes()
}
