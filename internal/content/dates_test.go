package content

import (
	"testing"
	"time"
)

// TestParseDate reads a date in every form Hugo, Jekyll and Zola posts use,
// each to the same instant in UTC (issue 9, case 10).
func TestParseDate(t *testing.T) {
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v.UTC()
	}
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2019-05-03", at("2019-05-03T00:00:00Z")},
		{"2019-05-03T09:02:02Z", at("2019-05-03T09:02:02Z")},
		{"2019-05-03t09:02:02z", at("2019-05-03T09:02:02Z")},
		{"2019-05-03T09:02:02+02:00", at("2019-05-03T07:02:02Z")},
		{"2019-05-03T09:02:02.123+02:00", at("2019-05-03T07:02:02.123Z")},
		{"2019-05-03T09:02:02+0200", at("2019-05-03T07:02:02Z")},
		{"2019-05-03T09:02:02", at("2019-05-03T09:02:02Z")},
		{"2019-05-03T09:02", at("2019-05-03T09:02:00Z")},
		{"2019-05-03 09:02:02", at("2019-05-03T09:02:02Z")},
		{"2019-05-03 09:02:02 +0200", at("2019-05-03T07:02:02Z")}, // every Jekyll post
		{"2019-05-03 09:02:02 -0500", at("2019-05-03T14:02:02Z")},
		{"2019-05-03 09:02:02 +02:00", at("2019-05-03T07:02:02Z")},
		{"2019-05-03 09:02:02+02:00", at("2019-05-03T07:02:02Z")},
		{"2019-05-03 09:02:02.5 +0200", at("2019-05-03T07:02:02.5Z")},
		{"2019-05-03 09:02:02 +0200 CEST", at("2019-05-03T07:02:02Z")},
		{"2019-05-03 09:02:02 UTC", at("2019-05-03T09:02:02Z")},
		{"2019-05-03 09:02", at("2019-05-03T09:02:00Z")},
		{"2019-05-03 09:02 +0200", at("2019-05-03T07:02:00Z")},
		{"  2019-05-03  ", at("2019-05-03T00:00:00Z")},
	}
	for _, tt := range tests {
		got, err := parseDate(tt.in)
		if err != nil {
			t.Errorf("parseDate(%q): %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("parseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, err string }{
		{"March 1st", "not a date"},
		{"2019-13-01", "month out of range"},
		{"2019-02-30", "day out of range"},
		{"2019-05-03 09:02:02 CEST", "not a date"},
		{"03/05/2019", "not a date"},
	} {
		if _, err := parseDate(tt.in); err == nil || err.Error() != tt.err {
			t.Errorf("parseDate(%q) error = %v, want %q", tt.in, err, tt.err)
		}
	}
}
