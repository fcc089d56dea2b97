package urlpath

import "testing"

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct{ url, file string }{
		{"/", "index.html"},
		{"/articles/a/", "articles/a/index.html"},
		{"/page/2/", "page/2/index.html"},
		{"/feed.xml", "feed.xml"},
		{"/topics/trust/feed.xml", "topics/trust/feed.xml"},
		{"/404.html", "404.html"},
		{"/articles/a/card.png", "articles/a/card.png"},
	} {
		if got := File(tc.url); got != tc.file {
			t.Errorf("File(%q) = %q, want %q", tc.url, got, tc.file)
		}
		if got := URL(tc.file); got != tc.url {
			t.Errorf("URL(%q) = %q, want %q", tc.file, got, tc.url)
		}
	}
}
