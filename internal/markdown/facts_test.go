package markdown

import (
	"errors"
	"reflect"
	"testing"

	"github.com/peeplcoach/folio/internal/corpus"
)

const sample = `---
title: "7 Tips"
date: 2025-03-01
topics:
  - trust
linkedin:
  hook: "Short."
---

At Peeplcoach, we coach leaders. Every week.

Second *intro* paragraph with [a link](https://example.com/).

## 1. Understand Your Manager’s Expectations

Ask specific questions:

- [ ] What is the **deadline**?
- [x] What are your [concerns](/topics/trust/)?

![chart](chart.png)
`

func TestConvertFacts(t *testing.T) {
	doc, err := New(Options{}).Convert([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := doc.FrontMatter["title"], "7 Tips"; got != want {
		t.Errorf("title = %v, want %v", got, want)
	}
	wantLines := map[string]int{"title": 2, "date": 3, "topics": 4, "linkedin": 6, "linkedin.hook": 7}
	if !reflect.DeepEqual(doc.KeyLines, wantLines) {
		t.Errorf("KeyLines = %v, want %v", doc.KeyLines, wantLines)
	}
	wantIntro := []string{"At Peeplcoach, we coach leaders. Every week.", "Second intro paragraph with a link."}
	if !reflect.DeepEqual(doc.Intro, wantIntro) {
		t.Errorf("Intro = %q, want %q", doc.Intro, wantIntro)
	}
	wantHeadings := []Heading{{Level: 2, ID: "1-understand-your-managers-expectations", Text: "1. Understand Your Manager’s Expectations", Line: 14}}
	if !reflect.DeepEqual(doc.Headings, wantHeadings) {
		t.Errorf("Headings = %+v, want %+v", doc.Headings, wantHeadings)
	}
	wantTasks := []Task{
		{Text: "What is the deadline?", Line: 18, Heading: 0},
		{Text: "What are your concerns?", Checked: true, Line: 19, Heading: 0},
	}
	if !reflect.DeepEqual(doc.Tasks, wantTasks) {
		t.Errorf("Tasks = %+v, want %+v", doc.Tasks, wantTasks)
	}
	wantLinks := []Link{{Dest: "https://example.com/", Line: 12}, {Dest: "/topics/trust/", Line: 19}, {Dest: "chart.png", Image: true, Line: 21}}
	if !reflect.DeepEqual(doc.Links, wantLinks) {
		t.Errorf("Links = %+v, want %+v", doc.Links, wantLinks)
	}
	// 5 in the heading, 7+6 in the intro, 3 before the list, 4+4 in the tasks, 1 alt text.
	if got, want := doc.Words, 30; got != want {
		t.Errorf("Words = %d, want %d", got, want)
	}
}

func TestConvertWithoutFrontMatter(t *testing.T) {
	doc, err := New(Options{}).Convert([]byte("Just text.\n\n---\n\nMore."))
	if err != nil {
		t.Fatal(err)
	}
	if doc.FrontMatter != nil {
		t.Errorf("FrontMatter = %v, want nil", doc.FrontMatter)
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"bad mapping", "---\ntitle: a\nsummary: b: c\n---\nbody", 3, "front matter is not valid YAML: mapping values are not allowed in this context"},
		{"unclosed flow", "---\ntitle: [a\ndate: x\n---\n", 2, "front matter is not valid YAML: did not find expected ',' or ']'"},
		{"tab indent", "---\ntopics:\n\t- a\n---\n", 3, "front matter is not valid YAML: found character that cannot start any token"},
		{"unclosed block", "---\ntitle: a\n\nbody", 1, "front matter is not closed: add a line with --- after it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Options{}).Convert([]byte(tt.src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Line != tt.line || e.Msg != tt.msg {
				t.Errorf("got line %d %q, want line %d %q", e.Line, e.Msg, tt.line, tt.msg)
			}
		})
	}
}

func TestDangerousURL(t *testing.T) {
	for _, u := range []string{"javascript:x", "JavaScript:x", " javascript:x", "java\tscript:x", "java\nscript:x", "vbscript:x", "data:text/html,x", "DATA:image/png;base64,x", "javascript&colon;x", "&#106;avascript:x"} {
		if !dangerousURL([]byte(u)) {
			t.Errorf("dangerousURL(%q) = false, want true", u)
		}
	}
	for _, u := range []string{"https://example.com/", "/articles/javascript:x/", "mailto:a@b.c", "#data:x", "javascripts:x", "./data:x"} {
		if dangerousURL([]byte(u)) {
			t.Errorf("dangerousURL(%q) = true, want false", u)
		}
	}
}

func TestTextCount(t *testing.T) {
	tests := []struct {
		in           string
		words, chars int
	}{
		{"", 0, 0},
		{"Trust isn’t given — it’s earned.", 5, 0},
		{"given—it’s “quoted”…", 3, 0},
		{"manager-employee dynamic", 2, 0},
		{"Über uns, 7 tips", 4, 0},
		{"Привет, мир", 2, 0},
		{"信任不是给予的，而是赢得的。", 0, 12},
		{"東京でGoを書く", 1, 6},             // Han and Hiragana by character, "Go" a word
		{"用 Go 写一个 static site", 3, 4}, // mixed: both
		{"한국어 문장입니다", 2, 0},            // Korean spaces its words
		{"Done 🙏 now", 2, 0},
	}
	for _, tt := range tests {
		var c textCount
		c.add([]byte(tt.in))
		if c.words != tt.words || c.chars != tt.chars {
			t.Errorf("count(%q) = %d words, %d chars; want %d, %d", tt.in, c.words, c.chars, tt.words, tt.chars)
		}
	}
}

func BenchmarkConvert(b *testing.B) {
	c := New(Options{})
	src := []byte(sample)
	for i := 0; i < 40; i++ {
		src = append(src, "\n\nAnother paragraph with *emphasis*, a [link](/articles/x/) and “quotes” -- for length. It keeps going for a while so the body is realistic.\n\n- item one\n- item two\n"...)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := c.Convert(src); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseYAML(t *testing.T) {
	values, lines, err := New(Options{}).ParseYAML([]byte("title: Site\n# comment\nauthor:\n  name: Ann\n"))
	if err != nil {
		t.Fatal(err)
	}
	if values["title"] != "Site" || lines["title"] != 1 || lines["author.name"] != 4 {
		t.Errorf("got %v %v", values, lines)
	}
	_, _, err = New(Options{}).ParseYAML([]byte("title: Site\nbad: a: b\n"))
	var e *Error
	if !errors.As(err, &e) || e.Line != 2 {
		t.Errorf("err = %v, want an *Error at line 2", err)
	}
}

func TestMayAutolink(t *testing.T) {
	for _, s := range []string{"see https://example.com", "www.example.com", "mail me@example.com", "[a](/x/) then https://e.com", "(https://e.com)", "[a]: https://e.com"} {
		if !mayAutolink([]byte(s)) {
			t.Errorf("mayAutolink(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"plain text", "[a link](https://example.com/x) and [b](http://www.e.org)", "![img](https://e.com/a.png)"} {
		if mayAutolink([]byte(s)) {
			t.Errorf("mayAutolink(%q) = true, want false", s)
		}
	}
}

// TestAutolinkShortcutIsExact converts the synthetic corpus with and without
// the shortcut: every document must come out the same.
func TestAutolinkShortcutIsExact(t *testing.T) {
	c := New(Options{})
	shortcut := 0
	for _, f := range corpus.Generate(300, 7) {
		fast, err := c.Convert(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		fm, _ := scanFrontMatter(f.Data)
		full, err := c.convert(c.md, f.Data, fm, DocOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if full.HTML != fast.HTML {
			t.Errorf("%s differs with the autolink shortcut", f.Name)
		}
		if !mayAutolink(f.Data) {
			shortcut++
		}
	}
	if shortcut < 100 {
		t.Errorf("only %d of 300 documents took the shortcut: the test checks little", shortcut)
	}
}
