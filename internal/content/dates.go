package content

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// dateLayouts are the forms of a date that the popular generators accept, each
// read to the same instant: RFC 3339 (Hugo, Zola, folio), with a space for
// the T, with an offset written +0200 (every Jekyll post:
// "2019-05-03 09:02:02 +0200"), or +02:00, with or without seconds, and the
// date alone. A time without an offset is UTC. Fractions of a second are
// accepted wherever there are seconds (time.Parse reads them by itself).
var dateLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05Z0700",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05 -0700 MST", // Go's Time.String, with a zone name after the offset
	"2006-01-02 15:04:05",
	"2006-01-02 15:04 Z07:00",
	"2006-01-02 15:04 Z0700",
	"2006-01-02 15:04",
	"2006-01-02",
}

// parseDate reads a date written in any of dateLayouts and returns it in UTC.
// The error says what is wrong when the text has a date's shape but not a
// date's values ("month out of range").
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	// RFC 3339 allows a lower-case t and z; Go's layouts do not.
	if len(s) > 10 && (s[10] == 't') {
		s = s[:10] + "T" + s[11:]
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	// "… UTC" names the offset; other zone names (CEST) are ambiguous
	// without one and stay errors.
	for _, utc := range []string{" UTC", " GMT"} {
		if rest, ok := strings.CutSuffix(s, utc); ok && !strings.ContainsAny(rest[min(len(rest), 11):], "+-Z") {
			s = rest + "Z"
		}
	}
	var firstErr error
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err == nil {
			return t.UTC(), nil
		}
		if firstErr == nil || rangeError(err) {
			firstErr = err
		}
	}
	if rangeError(firstErr) {
		var pe *time.ParseError
		if errors.As(firstErr, &pe) {
			return time.Time{}, fmt.Errorf("%s", strings.TrimPrefix(pe.Message, ": "))
		}
	}
	return time.Time{}, errors.New("not a date")
}

// rangeError reports whether a parse failed on a value (day 32), not a shape.
func rangeError(err error) bool {
	var pe *time.ParseError
	return errors.As(err, &pe) && strings.Contains(pe.Message, "out of range")
}
