package slug

import "testing"

func TestEscapePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/articles/first/", "/articles/first/"},
		{"/articles/caf\u00e9/", "/articles/caf%C3%A9/"},
		{"/articles/cafe\u0301/", "/articles/caf%C3%A9/"}, // NFD gives the NFC URL
		{"/articles/caf%c3%a9/", "/articles/caf%C3%A9/"},  // lower-case hex upper-cased
		{"/articles/caf%C3%A9/", "/articles/caf%C3%A9/"},
		{"/topics/日本語/", "/topics/%E6%97%A5%E6%9C%AC%E8%AA%9E/"},
		{"/a b/100%/", "/a%20b/100%25/"},
		{"/x/it's/(1)/", "/x/it's/(1)/"},
		{"/x\"<y>/", "/x%22%3Cy%3E/"},
		{"", ""},
	}
	for _, tt := range tests {
		got := EscapePath(tt.in)
		if got != tt.want {
			t.Errorf("EscapePath(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := EscapePath(got); again != got {
			t.Errorf("EscapePath is not idempotent on %q: %q", got, again)
		}
		if tt.in != "/a b/100%/" && tt.in != "/articles/cafe\u0301/" {
			if back := UnescapePath(got); back != UnescapePath(tt.in) {
				t.Errorf("UnescapePath(%q) = %q, want %q", got, back, UnescapePath(tt.in))
			}
		}
	}
}

func TestUnescapePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/articles/caf%C3%A9/", "/articles/caf\u00e9/"},
		{"/articles/caf%c3%a9/", "/articles/caf\u00e9/"},
		{"/a%20b/", "/a b/"},
		{"/100%/", "/100%/"},
		{"/bad%FF/", "/bad%FF/"}, // not UTF-8: kept as written
	}
	for _, tt := range tests {
		if got := UnescapePath(tt.in); got != tt.want {
			t.Errorf("UnescapePath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com/a?b=c", "https://example.com/a?b=c"},
		{"/articles/caf%c3%a9/#x", "/articles/caf%C3%A9/#x"},
		{"/articles/cafe\u0301/", "/articles/caf\u00e9/"},
		{"https://x.org/?q=%e6", "https://x.org/?q=%E6"},
	}
	for _, tt := range tests {
		if got := NormalizeURL(tt.in); got != tt.want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkEscapePathASCII(b *testing.B) {
	for b.Loop() {
		EscapePath("/articles/get-your-manager-to-trust-you/")
	}
}
