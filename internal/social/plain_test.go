package social

import (
	"errors"
	"testing"
)

func TestPlain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Already plain — with “quotes”.", "Already plain — with “quotes”."},
		{"  two\n lines\t\tand  spaces ", "two lines and spaces"},
		{"**bold** and _emphasis_ and `code`", "bold and emphasis and code"},
		{"see [the guide](https://example.com/a_b) now", "see the guide now"},
		{"Don&rsquo;t &amp; won&#8217;t", "Don’t & won’t"},
		{"double &amp;rsquo; escaped", "double ’ escaped"},
		{"Itâ€™s â€œbrokenâ€\u009d â€” cafÃ©", "It’s “broken” — café"},
		{"mixed ’ and â€™", "mixed ’ and ’"},
		{"São Paulo, NÃO, Ærø, naïve", "São Paulo, NÃO, Ærø, naïve"},
		{"#1 mistake in C# and F#", "1 mistake in C# and F#"},
		{"bad \xff byte \uFFFD and \u0007 bell", "bad byte and bell"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := plain(tt.in); got != tt.want {
			t.Errorf("plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlainCleanDoesNotAllocate(t *testing.T) {
	s := "1. Understand Your Manager’s Expectations"
	if n := testing.AllocsPerRun(100, func() { _ = plain(s) }); n != 0 {
		t.Errorf("plain of clean text allocates %v times, want 0", n)
	}
}

func TestCheckPlain(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"Trust is earned.\n\n1. Deliver\n2. Ask\n\n#Trust #ManagingUp", true},
		{"Link: https://example.com/a_b/?utm_source=x#frag", true},
		{"C# and F# are fine, #1 is a tag", true},
		{"**bold**", false},
		{"_em_", false},
		{"[link](x)", false},
		{"# Heading", false},
		{"## Heading", false},
		{"Tom &amp; Jerry", false},
		{"Itâ€™s", false},
		{"tab\there", false},
		{"bad \xff", false},
	}
	for _, tt := range tests {
		err := checkPlain(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("checkPlain(%q) = %v, want ok %v", tt.in, err, tt.ok)
		}
		if err != nil && !errors.Is(err, errNotPlain) {
			t.Errorf("checkPlain(%q) = %v, want it to wrap errNotPlain", tt.in, err)
		}
	}
}
