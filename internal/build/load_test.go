package build

import "testing"

// TestClassify checks how a changed source path is read: it decides what a
// rebuild in serve mode does for it.
func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		want fileKind
	}{
		{"content/site.yaml", kindSite},
		{"content/articles/a.md", kindPage},
		{"content/articles/a/index.md", kindPage},
		{"content/about.md", kindPage},
		{"content/articles/a/photo.jpg", kindResource},
		{"content/articles/a/notes.md", kindPage}, // a page unless it stands in a bundle: see content.InsideBundles
		{"content/articles/2019/05/x.md", kindPage},
		{"content/articles/x.markdown", kindPage},
		{"content/posts/x.md", kindIgnored},
		{"content/posts/x.markdown", kindIgnored},
		{"layouts/article.html", kindLayout},
		{"layouts/partials/head.html", kindLayout},
		{"static/css/site.css", kindStatic},
		{"static/images/logo.svg", kindStatic},
	}
	for _, tt := range tests {
		if got := classify(tt.path); got != tt.want {
			t.Errorf("classify(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	for _, name := range []string{".DS_Store", "a.md~", "#a.md#", ".a.md.swp"} {
		if !hidden(name) {
			t.Errorf("hidden(%q) = false, want true", name)
		}
	}
}
