package slug

import "testing"

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Managing Up", "managing-up"},
		{"managing-up", "managing-up"},
		{"1. Understand Your Manager’s Expectations", "1-understand-your-managers-expectations"},
		{"Don't Get Defensive with Feedback", "dont-get-defensive-with-feedback"},
		{"Meet Deadlines. Every Time.", "meet-deadlines-every-time"},
		{"Ask for Help (Yes, Really)", "ask-for-help-yes-really"},
		{"Über uns", "über-uns"},
		{"Ça va — très bien", "ça-va-très-bien"},
		{"日本語 の 見出し", "日本語-の-見出し"},
		{"  --leading and trailing--  ", "leading-and-trailing"},
		{"C++ & Go", "c-go"},
		{"!!!", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValid(t *testing.T) {
	for _, s := range []string{"a", "first-article", "über-uns", "7-tips"} {
		if !Valid(s) {
			t.Errorf("Valid(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"", "A", "a b", "a--b", "-a", "a/b", "a_b"} {
		if Valid(s) {
			t.Errorf("Valid(%q) = true, want false", s)
		}
	}
}

func BenchmarkMake(b *testing.B) {
	for b.Loop() {
		Make("1. Understand Your Manager’s Expectations")
	}
}

// TestMakeNFC: "Café" typed with the precomposed é (NFC) and with e plus a
// combining acute accent (NFD, as macOS file names often are) is one slug.
func TestMakeNFC(t *testing.T) {
	nfc, nfd := "Caf\u00e9 Society", "Cafe\u0301 Society"
	if a, b := Make(nfc), Make(nfd); a != b || a != "caf\u00e9-society" {
		t.Errorf("Make(NFC) = %q, Make(NFD) = %q, want both %q", a, b, "caf\u00e9-society")
	}
	if !Valid(Make(nfd)) {
		t.Errorf("Valid(Make(NFD)) = false")
	}
}
