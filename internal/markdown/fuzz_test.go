package markdown

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzConvert converts any bytes: it must never panic or hang, an error must
// be an *Error at a line of the document, and a page must be valid UTF-8 with
// no raw HTML when raw HTML is off. The seed corpus (the testdata cases and
// the strict checks' inputs) runs in go test; fuzz it with
//
//	go test -fuzz FuzzConvert -run '^$' ./internal/markdown/
func FuzzConvert(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		_, sections, _ := parseTxtar(data)
		f.Add(sections["input.md"], false)
	}
	for _, s := range []string{
		sample,
		"---\ntitle: A\ntitle: B\n---\n",
		"---\ntitle: \"a\xff\"\n---\n",
		strings.Repeat(">", 60) + " deep\n",
		strings.Repeat("- ", 60) + "deep\n",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1)) ![y](data:text/html,z) <javascript:alert(1)>",
		"| a | b |\n|---|---|\n| 1 | 2 |\n",
		"Term\n: Definition\n\n[^1]\n\n[^1]: Note\n",
		"```\n" + strings.Repeat(" ", 300) + "code\n```\n",
		"---\nchecklist:\n  items:\n    - heading: A\n      items: [x]\n    - heading: B\n      items: [y]\n---\n- [ ] one\n- [x] two\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	safe, unsafe := New(Options{}), New(Options{UnsafeHTML: true})
	f.Fuzz(func(t *testing.T, src []byte, unsafeHTML bool) {
		c := safe
		if unsafeHTML {
			c = unsafe
		}
		doc, err := c.Convert(src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			if lines := strings.Count(string(src), "\n") + 1; e.Line < 1 || e.Line > lines+1 {
				t.Fatalf("error at line %d of a %d-line document: %v", e.Line, lines, e)
			}
			return
		}
		if !utf8.ValidString(doc.HTML) {
			t.Fatalf("HTML is not valid UTF-8: %q", doc.HTML)
		}
		if !unsafeHTML {
			lower := strings.ToLower(doc.HTML)
			for _, bad := range []string{"<script", "<img src=x onerror", "href=\"javascript:", "src=\"javascript:", "href=\"data:text"} {
				if strings.Contains(lower, bad) {
					t.Fatalf("raw HTML off, yet the page holds %q:\n%s", bad, doc.HTML)
				}
			}
		}
		for _, h := range doc.Headings {
			if h.Line < 1 {
				t.Fatalf("heading %q at line %d", h.Text, h.Line)
			}
		}
	})
}
