package suggest

import "testing"

func TestNearest(t *testing.T) {
	keys := []string{"topics", "title", "summary", "series", "series_order", "date"}
	tests := []struct {
		s    string
		want string
	}{
		{"tpoics", "topics"},            // one swap
		{"Title", "title"},              // case alone
		{"sumary", "summary"},           // one deletion
		{"seriesorder", "series_order"}, // one insertion
		{"colour", ""},                  // nothing close
		{"d", ""},                       // too short to guess from
	}
	for _, tt := range tests {
		if got := Nearest(tt.s, keys); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
	if got := Nearest("biuld", []string{"serve", "build", "new"}); got != "build" {
		t.Errorf("Nearest(biuld) = %q, want build", got)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"build", "biuld", 1},
		{"kitten", "sitting", 3},
		{"café", "cafe", 1},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
