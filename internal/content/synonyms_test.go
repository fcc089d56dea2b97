package content

import (
	"reflect"
	"testing"
)

// A site moving in from another generator writes its keys: folio reads the
// common ones as its own (frontkeys.go), and suggests its key for the rest.
func TestOtherGeneratorKeys(t *testing.T) {
	_, probs := mustPage(t, "content/articles/a.md", `---
title: A
date: 2025-01-01
tags: [go]
category: web
publishDate: 2025-01-01
modified: 2025-02-01
redirect_from: [/old/]
permalink: /a/
cover: /images/a.png
weight: 3
---
Text.
`)
	want := []string{
		`content/articles/a.md:5: unknown key "category" (did you mean "topics"?)`,
		`content/articles/a.md:6: unknown key "publishDate" (did you mean "date"?)`,
		`content/articles/a.md:7: unknown key "modified" (did you mean "updated"?)`,
		`content/articles/a.md:8: unknown key "redirect_from" (did you mean "aliases"?)`,
		`content/articles/a.md:9: unknown key "permalink" (did you mean "slug"?)`,
		`content/articles/a.md:10: unknown key "cover" (did you mean "image"?)`,
		`content/articles/a.md:11: unknown key "weight"`,
	}
	if got := messages(probs.Warnings); !reflect.DeepEqual(got, want) {
		t.Errorf("warnings:\n%q\nwant:\n%q", got, want)
	}
}
