package content

import (
	"reflect"
	"testing"
)

// A site moving in from another generator writes its keys; each gets folio's.
func TestOtherGeneratorKeys(t *testing.T) {
	_, probs := mustPage(t, "content/articles/a.md", `---
title: A
date: 2025-01-01
tags: [go]
categories: [web]
description: What it says.
lastmod: 2025-02-01
authors: [Ann]
redirect_from: [/old/]
published: true
weight: 3
---
Text.
`)
	want := []string{
		`content/articles/a.md:4: unknown key "tags" (did you mean "topics"?)`,
		`content/articles/a.md:5: unknown key "categories" (did you mean "topics"?)`,
		`content/articles/a.md:6: unknown key "description" (did you mean "summary"?)`,
		`content/articles/a.md:7: unknown key "lastmod" (did you mean "updated"?)`,
		`content/articles/a.md:8: unknown key "authors" (did you mean "author"?)`,
		`content/articles/a.md:9: unknown key "redirect_from" (did you mean "aliases"?)`,
		`content/articles/a.md:10: unknown key "published" (did you mean "draft"?)`,
		`content/articles/a.md:11: unknown key "weight"`,
	}
	if got := messages(probs.Warnings); !reflect.DeepEqual(got, want) {
		t.Errorf("warnings:\n%q\nwant:\n%q", got, want)
	}
}
