package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the want.html sections of testdata/*.txtar")

// TestCases converts the input.md of every testdata/*.txtar case and compares the
// HTML with its want.html. Option lines in the archive comment shape the
// converter: "unsafe_html: true" turns raw HTML on, "language: de" sets the
// site's language. Optional sections compare facts of the document, one per
// line: want.warnings ("line: message"), want.summary, want.ids, want.count
// ("words N chars M"). Run with -update to regenerate, then review the diff.
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
			comment, sections, order := parseTxtar(data)
			opts := Options{UnsafeHTML: strings.Contains(comment, "unsafe_html: true")}
			for _, line := range strings.Split(comment, "\n") {
				if lang, ok := strings.CutPrefix(line, "language: "); ok {
					opts.Language = strings.TrimSpace(lang)
				}
			}
			doc, err := New(opts).Convert(sections["input.md"])
			if err != nil {
				t.Fatalf("Convert: %v", err)
			}
			got := map[string]string{"want.html": doc.HTML}
			var warnings []string
			for _, w := range doc.Warnings {
				warnings = append(warnings, fmt.Sprintf("%d: %s", w.Line, w.Msg))
			}
			got["want.warnings"] = lines(warnings)
			got["want.summary"] = lines([]string{doc.Summary})
			got["want.ids"] = lines(doc.IDs)
			got["want.count"] = fmt.Sprintf("words %d chars %d\n", doc.Words, doc.Chars)
			if *update {
				for name := range sections {
					if g, ok := got[name]; ok {
						sections[name] = []byte(g)
					}
				}
				if err := os.WriteFile(file, formatTxtar(comment, sections, order), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range order {
				g, ok := got[name]
				if !ok {
					continue
				}
				if want := string(sections[name]); g != want {
					t.Errorf("%s mismatch\n--- got\n%s\n--- want\n%s", name, g, want)
				}
			}
		})
	}
}

// lines joins items one to a line; none gives "".
func lines(items []string) string {
	var b strings.Builder
	for _, it := range items {
		if it != "" {
			b.WriteString(it + "\n")
		}
	}
	return b.String()
}

// parseTxtar reads the txtar format: a comment, then "-- name --" sections,
// returned with their names in file order.
func parseTxtar(data []byte) (string, map[string][]byte, []string) {
	sections := map[string][]byte{}
	var order []string
	var comment strings.Builder
	name := ""
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimRight(line, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			name = trimmed[3 : len(trimmed)-3]
			sections[name] = []byte{}
			order = append(order, name)
			continue
		}
		if name == "" {
			comment.WriteString(line)
		} else {
			sections[name] = append(sections[name], line...)
		}
	}
	return comment.String(), sections, order
}

func formatTxtar(comment string, sections map[string][]byte, order []string) []byte {
	var b bytes.Buffer
	b.WriteString(comment)
	for _, name := range order {
		b.WriteString("-- " + name + " --\n")
		b.Write(sections[name])
	}
	return b.Bytes()
}

// TestCredentialsNeverInLinks checks that no link carries a user name or
// password, in a heading either; autolinks stay the text that was typed.
func TestCredentialsNeverInLinks(t *testing.T) {
	doc, err := New(Options{}).Convert([]byte("# Mirror [m](https://bob:s3cret@example.com/)\n\nUse https://bob:s3cret@example.com/x today.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc.HTML, `href="https://bob`) || !strings.Contains(doc.HTML, `href="https://example.com/"`) {
		t.Errorf("HTML:\n%s", doc.HTML)
	}
	if !strings.Contains(doc.HTML, "<p>Use https://bob:s3cret@example.com/x today.</p>") {
		t.Errorf("the autolink is not its text:\n%s", doc.HTML)
	}
	if len(doc.Warnings) != 2 {
		t.Errorf("warnings %v, want 2", doc.Warnings)
	}
	for _, w := range doc.Warnings {
		if strings.Contains(w.Msg, "s3cret") {
			t.Errorf("warning shows the password: %s", w.Msg)
		}
	}
}
