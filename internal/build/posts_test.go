package build

import (
	"context"
	"flag"
	"os"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestFirstArticleLinkedInPost composes the LinkedIn post of the first
// article (the frozen copy in testdata/first-article/) and compares it in full
// with testdata/first-article-post.golden, which a person has read and would
// post. Run with -update after an intended change, and read the diff.
func TestFirstArticleLinkedInPost(t *testing.T) {
	b, err := New(firstArticleSite(t), Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	idx, _, err := b.Index(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	posts, err := LinkedInPosts(idx)
	if err != nil {
		t.Fatal(err)
	}
	var text string
	for _, p := range posts {
		if p.Slug == "get-your-manager-to-trust-you" {
			text = p.Text
		}
	}
	const golden = "testdata/first-article-post.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if text != string(want) {
		t.Errorf("post differs from %s:\n--- got\n%s\n--- want\n%s", golden, text, want)
	}
}
