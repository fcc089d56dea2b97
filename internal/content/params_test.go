package content

import (
	"reflect"
	"strings"
	"testing"
)

func TestParamsAndDeclaredKeys(t *testing.T) {
	p, probs := mustPage(t, "content/articles/calm.md", `---
title: Calm
date: 2025-03-01
mood: calm
cover:
  src: lake.jpg
  alt: A lake at dawn
levels: [1, 2]
tpoics: [Trust]
layout: wide
---
Body.
`)
	if len(probs.Errors) > 0 {
		t.Fatalf("errors: %v", messages(probs.Errors))
	}
	want := map[string]any{"mood": "calm", "cover": map[string]any{"src": "lake.jpg", "alt": "A lake at dawn"}, "levels": []any{1, 2}, "tpoics": []any{"Trust"}}
	if !reflect.DeepEqual(p.Params, want) {
		t.Errorf("Params = %#v\nwant %#v", p.Params, want)
	}
	if p.Layout != "wide.html" {
		t.Errorf("Layout = %q", p.Layout)
	}
	// Every extra key is a warning: a typo, most likely…
	got := strings.Join(messages(probs.Warnings), "\n")
	for _, w := range []string{`calm.md:4: unknown key "mood"`, `calm.md:5: unknown key "cover"`, `calm.md:8: unknown key "levels"`, `calm.md:9: unknown key "tpoics" (did you mean "topics"?)`} {
		if !strings.Contains(got, w) {
			t.Errorf("warnings lack %q:\n%s", w, got)
		}
	}
	// …unless site.yaml declares it as a param.
	site, sprobs := ParseSite(conv, []byte("title: S\nbase_url: https://example.com\nparams: [mood, cover, levels]\n"))
	if len(sprobs.Errors) > 0 {
		t.Fatal(messages(sprobs.Errors))
	}
	left := messages(DropDeclared(site, probs.Warnings))
	if len(left) != 1 || !strings.Contains(left[0], `"tpoics"`) {
		t.Errorf("after DropDeclared: %v", left)
	}
	if len(probs.Warnings) != 4 {
		t.Errorf("DropDeclared changed its input: %v", messages(probs.Warnings))
	}

	plain, _ := mustPage(t, "content/articles/plain.md", "---\ntitle: Plain\ndate: 2025-03-01\n---\nBody.\n")
	if plain.Params != nil || plain.Layout != "" {
		t.Errorf("a page without extra keys: Params %v, Layout %q", plain.Params, plain.Layout)
	}
	changed, _ := mustPage(t, "content/articles/calm.md", strings.Replace("---\ntitle: Calm\ndate: 2025-03-01\nmood: calm\n---\nBody.\n", "calm\n---", "bold\n---", 1))
	first, _ := mustPage(t, "content/articles/calm.md", "---\ntitle: Calm\ndate: 2025-03-01\nmood: calm\n---\nBody.\n")
	if SameParams(first.Params, changed.Params) {
		t.Error("params of two values compare equal")
	}
}

func TestLayoutMustBeAFileName(t *testing.T) {
	for _, bad := range []string{"../secret", "a/b", ".hidden", "x y"} {
		_, probs := mustPage(t, "content/about.md", "---\ntitle: About\nlayout: \""+bad+"\"\n---\n")
		if len(probs.Errors) != 1 || !strings.Contains(probs.Errors[0].Error(), "about.md:3: layout") {
			t.Errorf("layout %q: %v", bad, messages(probs.Errors))
		}
	}
}
