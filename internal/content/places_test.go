package content

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestInsideBundles(t *testing.T) {
	places := map[string]Place{}
	for _, p := range []string{
		"content/articles/a/index.md",
		"content/articles/a/notes.md",
		"content/articles/a/deeper/more.md",
		"content/articles/a/b/index.md",
		"content/articles/2019/05/x.md",
		"content/articles/2019/05/y/index.md",
		"content/about/index.md",
		"content/about.md",
	} {
		pl, ok := Locate(p)
		if !ok {
			t.Fatalf("Locate(%q) not a page", p)
		}
		places[p] = pl
	}
	inside := InsideBundles(places)
	var got []string
	for p, e := range inside {
		got = append(got, p)
		if !strings.Contains(e.Error(), "inside the bundle of content/articles/a/index.md") {
			t.Errorf("%s: %v", p, e)
		}
	}
	want := []string{"content/articles/a/b/index.md", "content/articles/a/deeper/more.md", "content/articles/a/notes.md"}
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("inside bundles = %q, want %q", got, want)
	}
}

func TestNotAPage(t *testing.T) {
	for _, tt := range []struct{ path, want string }{
		{"content/posts/x.md", "folio's articles live in content/articles/"},
		{"content/_posts/2019-05-03-x.md", "folio's articles live in content/articles/"},
		{"content/articles/_index.md", "folio makes the list pages itself"},
		{"content/docs/x.md", "articles are content/articles/<slug>.md"},
	} {
		if got := NotAPage(tt.path).Error(); !strings.Contains(got, tt.want) {
			t.Errorf("NotAPage(%q) = %q, want it to say %q", tt.path, got, tt.want)
		}
	}
}
