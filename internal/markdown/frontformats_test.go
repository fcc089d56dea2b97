package markdown

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

// TestTOMLFrontMatter reads Hugo's +++ front matter directly: values with
// YAML's types, the line of every key, and body lines counted from the top
// of the file (issue 9, case 13).
func TestTOMLFrontMatter(t *testing.T) {
	src := `+++
title = "Opaque structs"
date = 2019-05-03T09:02:02+02:00
lastmod = 2019-06-01
tags = ["go", "memory"]
weight = 3
description = """
Two lines
of text."""
draft = false

[linkedin]
hook = "Short."
+++

Intro.

## Heading {#h}

- [ ] A task
`
	doc, err := New(Options{}).Convert([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fm := doc.FrontMatter
	if fm["title"] != "Opaque structs" || fm["weight"] != 3 || fm["draft"] != false {
		t.Errorf("front matter = %#v", fm)
	}
	if d, ok := fm["date"].(time.Time); !ok || !d.Equal(time.Date(2019, 5, 3, 7, 2, 2, 0, time.UTC)) {
		t.Errorf("date = %#v", fm["date"])
	}
	if d, ok := fm["lastmod"].(time.Time); !ok || d.UTC() != time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC) {
		t.Errorf("lastmod = %#v", fm["lastmod"])
	}
	if got, want := fm["tags"], []any{"go", "memory"}; !reflect.DeepEqual(got, want) {
		t.Errorf("tags = %#v, want %#v", got, want)
	}
	if m, ok := fm["linkedin"].(map[string]any); !ok || m["hook"] != "Short." {
		t.Errorf("linkedin = %#v", fm["linkedin"])
	}
	wantLines := map[string]int{"title": 2, "date": 3, "lastmod": 4, "tags": 5, "weight": 6, "description": 7, "draft": 10, "linkedin": 12, "linkedin.hook": 13}
	if !reflect.DeepEqual(doc.KeyLines, wantLines) {
		t.Errorf("KeyLines = %v, want %v", doc.KeyLines, wantLines)
	}
	if len(doc.Headings) != 1 || doc.Headings[0].Line != 18 || doc.Headings[0].ID != "h" {
		t.Errorf("Headings = %+v, want one at line 18 with id h", doc.Headings)
	}
	if len(doc.Tasks) != 1 || doc.Tasks[0].Line != 20 {
		t.Errorf("Tasks = %+v, want one at line 20", doc.Tasks)
	}
	if doc.HTML == "" || doc.Intro[0] != "Intro." {
		t.Errorf("body not converted: %q %q", doc.HTML, doc.Intro)
	}
}

// TestJSONFrontMatter reads a JSON object that opens the file.
func TestJSONFrontMatter(t *testing.T) {
	src := `{
  "title": "JSON post",
  "date": "2019-05-03 09:02:02 +0200",
  "series_order": 2,
  "author": ["Ann", "Bob"],
  "linkedin": {
    "hook": "Short."
  }
}

Body [link](/x/).
`
	doc, err := New(Options{}).Convert([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fm := doc.FrontMatter
	if fm["title"] != "JSON post" || fm["series_order"] != 2 || fm["date"] != "2019-05-03 09:02:02 +0200" {
		t.Errorf("front matter = %#v", fm)
	}
	if got, want := fm["author"], []any{"Ann", "Bob"}; !reflect.DeepEqual(got, want) {
		t.Errorf("author = %#v", got)
	}
	wantLines := map[string]int{"title": 2, "date": 3, "series_order": 4, "author": 5, "linkedin": 6, "linkedin.hook": 7}
	if !reflect.DeepEqual(doc.KeyLines, wantLines) {
		t.Errorf("KeyLines = %v, want %v", doc.KeyLines, wantLines)
	}
	if len(doc.Links) != 1 || doc.Links[0].Line != 11 {
		t.Errorf("Links = %+v, want one at line 11", doc.Links)
	}
}

func TestFrontMatterFormatErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"TOML syntax", "+++\ntitle = \"a\"\ndate = \n+++\n", 3, "front matter is not valid TOML"},
		{"TOML unclosed", "+++\ntitle = \"a\"\n", 1, "front matter is not closed: add a line with +++ after it"},
		{"JSON syntax", "{\n  \"title\": \"a\",\n  \"date\" \"x\"\n}\n", 3, "front matter is not valid JSON"},
		{"JSON unclosed", "{\n  \"title\": \"a\"\n\nBody.\n", 4, "front matter is not valid JSON"},
		{"JSON text after }", "{\"title\": \"a\"} Body\n", 1, "front matter: put the closing }"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Options{}).Convert([]byte(tt.src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want an *Error", err)
			}
			if e.Line != tt.line || len(e.Msg) < len(tt.msg) || e.Msg[:len(tt.msg)] != tt.msg {
				t.Errorf("got line %d %q, want line %d %q…", e.Line, e.Msg, tt.line, tt.msg)
			}
		})
	}
}

// TestBodyStartingWithTemplateIsNotJSON: a file that opens with a shortcode
// or a Liquid tag has no front matter, and says so later, rather than
// failing as broken JSON.
func TestBodyStartingWithTemplateIsNotJSON(t *testing.T) {
	for _, src := range []string{"{{< figure src=\"a.png\" >}}\n", "{% include x %}\n"} {
		doc, err := New(Options{}).Convert([]byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if doc.FrontMatter != nil || len(doc.Warnings) != 1 {
			t.Errorf("%q: front matter %v, warnings %v", src, doc.FrontMatter, doc.Warnings)
		}
	}
}
