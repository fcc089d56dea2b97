package markdown

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestStrictSource(t *testing.T) {
	deepQuotes := func(n int) string {
		var b strings.Builder
		b.WriteString("---\ntitle: Deep\n---\n\n")
		for i := 1; i <= n; i++ {
			b.WriteString(strings.Repeat(">", i) + " x\n")
		}
		return b.String()
	}
	deepList := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"invalid UTF-8 in the body", "---\ntitle: A\n---\n\nGood.\nBad \xff here.\n", 6, "not valid UTF-8 (byte 0xFF at column 5)"},
		{"invalid UTF-8 in front matter", "---\ntitle: A\nsummary: one\nauthor: B\xe9a\n---\nBody\n", 4, "not valid UTF-8 (byte 0xE9"},
		{"a cut multi-byte character", "---\ntitle: A\n---\n\nCaf\xc3\n", 5, "not valid UTF-8 (byte 0xC3"},
		{"3,000 nested blockquotes", "---\ntitle: A\n---\n" + strings.Repeat(">", 3000) + " deep\n", 4, "nest more than 50 deep"},
		{"blockquotes nested line by line", deepQuotes(1000), 55, "nest more than 50 deep"},
		{"lists on one line", strings.Repeat("- ", 500) + "x\n", 1, "nest more than 50 deep"},
		{"lists by indentation", deepList(1000), 51, "nest more than 50 deep"},
		{"quotes and lists mixed", strings.Repeat("> 1. ", 30) + "x\n", 1, "nest more than 50 deep"},
		{"a key given twice", "---\ntitle: A\ndate: 2024-01-01\ntitle: B\n---\n", 4, `the key "title" is given twice`},
		{"a nested key given twice", "---\ntitle: A\nlinkedin:\n  hook: a\n  text: b\n  hook: c\n---\n", 6, `the key "hook" is given twice`},
		{"a flow map with a key twice", "---\ntitle: A\nimage: {src: a.png, src: b.png}\n---\n", 3, `the key "src" is given twice`},
		{"a first line of one dash", "-\n00000’000\n", 1, `a first line of "-" reads as the start of front matter`},
		{"a first line of two dashes", "--\ntext: x\n--\nBody\n", 1, `a first line of "--"`},
		{"a short separator in front matter", "---\ntitle: A\ntopics:\n-\n- Trust\n---\nBody\n", 4, `a line of "-" inside front matter ends it early`},
		{"a JSON front-matter key given twice", "{\n  \"title\": \"A\",\n  \"linkedin\": {\"hook\": \"a\", \"text\": \"b\"},\n  \"title\": \"B\"\n}\nBody\n", 4, `the key "title" is given twice in the same object`},
		{"a nested JSON key given twice", "{\n  \"title\": \"A\",\n  \"image\": {\"src\": \"a.png\",\n    \"src\": \"b.png\"}\n}\nBody\n", 4, `the key "src" is given twice`},
		{"too large", "---\ntitle: A\n---\n" + strings.Repeat("word ", MaxSize/5+1), 1, "more than the 1024 KB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := New(Options{}).Convert([]byte(tt.src))
			if took := time.Since(start); took > 2*time.Second { // milliseconds, but -race on a busy machine
				t.Errorf("took %s", took)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Line != tt.line || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got line %d %q, want line %d %q", e.Line, e.Msg, tt.line, tt.msg)
			}
		})
	}
}

func TestStrictSourceAcceptsRealDocuments(t *testing.T) {
	for name, src := range map[string]string{
		"lists of maps repeat keys": "---\ntitle: A\nchecklist:\n  items:\n    - heading: One\n      items: [a, b]\n    - heading: Two\n      items: [c]\n---\nBody\n",
		"a flow map":                "---\ntitle: A\nimage: {src: a.png, alt: A}\n---\n",
		"a block scalar":            "---\ntitle: A\nlinkedin:\n  text: |\n    Step: one\n    Step: two\n---\n",
		"deep code in a fence":      "---\ntitle: A\n---\n```\n" + strings.Repeat(" ", 400) + "x\n" + strings.Repeat("> ", 200) + "\n```\n",
		"50 nested quotes":          strings.Repeat(">", 50) + " fine\n",
		"a list nested 30 deep": func() string {
			var b strings.Builder
			for i := 0; i < 30; i++ {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			return b.String()
		}(),
		"JSON front matter with lists of objects": "{\n  \"title\": \"A\",\n  \"checklist\": {\"items\": [{\"heading\": \"H\", \"items\": [\"a\"]}, {\"heading\": \"I\", \"items\": [\"b\"]}]}\n}\nBody\n",
		"UTF-8 of every width":                    "---\ntitle: Café — 東京 🙏\n---\nÜber ✓ 🙏\n",
	} {
		if _, err := New(Options{}).Convert([]byte(src)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestNestingLimitKeepsConversionQuick converts the worst a document can be
// under the limit: every line nested as deep as allowed.
func TestNestingLimitKeepsConversionQuick(t *testing.T) {
	line := strings.Repeat("> ", MaxNesting) + "text\n"
	src := []byte(strings.Repeat(line, 2000)) // 400 KB
	start := time.Now()
	if _, err := New(Options{}).Convert(src); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("2,000 lines nested %d deep took %s", MaxNesting, took)
	}
}

func TestParseYAMLStrict(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"a key twice", "title: A\nbase_url: https://a.example\ntitle: B\n", 3, `the key "title" is given twice`},
		{"a nested key twice", "author:\n  name: A\n  name: B\n", 3, `the key "name" is given twice`},
		{"invalid UTF-8", "title: A\ndescription: B\xff\n", 2, "not valid UTF-8"},
		{"a list, not a map", "- a\n- b\n", 1, "must be a map of keys"},
		{"syntax", "title: A\nbad: a: b\n", 2, "not valid YAML: mapping values are not allowed"},
	}
	for _, tt := range tests {
		_, _, err := New(Options{}).ParseYAML([]byte(tt.src))
		var e *Error
		if !errors.As(err, &e) || e.Line != tt.line || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("%s: err = %v, want line %d %q", tt.name, err, tt.line, tt.msg)
		}
	}
	// Lines of keys, and a file that is only comments.
	values, lines, err := New(Options{}).ParseYAML([]byte("\uFEFF# settings\ntitle: T\nauthor:\n  name: A\n"))
	if err != nil || values["title"] != "T" || lines["title"] != 2 || lines["author.name"] != 4 {
		t.Errorf("got %v %v %v", values, lines, err)
	}
	if values, _, err := New(Options{}).ParseYAML([]byte("# nothing yet\n")); err != nil || len(values) != 0 {
		t.Errorf("empty settings: %v %v", values, err)
	}
}

// BenchmarkCheckSource measures the checks every document goes through
// before goldmark reads it, on BenchmarkConvert's document: compare the two.
func BenchmarkCheckSource(b *testing.B) {
	src := []byte(sample)
	for i := 0; i < 40; i++ {
		src = append(src, "\n\nAnother paragraph with *emphasis*, a [link](/articles/x/) and “quotes” -- for length. It keeps going for a while so the body is realistic.\n\n- item one\n- item two\n"...)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if err := checkSource(src); err != nil {
			b.Fatal(err)
		}
	}
}
