package migrate

import (
	"fmt"
	"strings"
	"time"
)

// stampKind tells how much of a date was written.
type stampKind uint8

const (
	noDate   stampKind = iota
	dayOnly            // 2019-05-03
	naive              // 2019-05-03T09:02:02, no time zone
	withZone           // 2019-05-03T09:02:02+02:00
)

// stamp is a date as written in the old site, with how much of it was
// written, so that the new file says neither more nor less.
type stamp struct {
	t    time.Time
	kind stampKind
}

func (s stamp) isZero() bool { return s.kind == noDate }

// String writes the date in the form folio reads: 2019-05-03,
// 2019-05-03T09:02:02 or 2019-05-03T09:02:02+02:00.
func (s stamp) String() string {
	switch s.kind {
	case dayOnly:
		return s.t.Format("2006-01-02")
	case naive:
		return s.t.Format("2006-01-02T15:04:05")
	case withZone:
		return s.t.Format(time.RFC3339)
	}
	return ""
}

// after reports whether s is later than t (used to drop an updated date
// that says nothing new).
func (s stamp) after(t stamp) bool { return s.t.After(t.t) }

var (
	zonedLayouts = []string{
		time.RFC3339,
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05 Z07:00",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02T15:04:05-0700",
		"2006-01-02 15:04:05-0700",
		"2006-01-02T15:04Z07:00",
		"2006-01-02 15:04 Z07:00",
		"2006-01-02 15:04 -0700",
		"2006-01-02 15:04:05 -0700 MST",
		"2006-01-02 15:04:05 MST",
		time.RFC1123Z,
		time.RFC1123,
		time.RFC822Z,
	}
	naiveLayouts = []string{
		"2006-01-02T15:04:05",
		"2006-01-02 15:04:05",
		"2006-01-02T15:04",
		"2006-01-02 15:04",
		"2006-1-2 15:04:05",
		"2006-1-2 15:04",
	}
	dayLayouts = []string{
		"2006-01-02",
		"2006-1-2",
		"2006/01/02",
		"2006/1/2",
		"January 2, 2006",
		"Jan 2, 2006",
		"2 January 2006",
		"02 Jan 2006",
	}
)

// parseStamp reads a date from front matter: text in any of the forms Hugo
// and Jekyll accept, or a TOML date. A date written without a time zone is
// placed in loc when the old site had one configured (that is how it read
// the date too).
func parseStamp(v any, loc *time.Location) (stamp, error) {
	switch v := v.(type) {
	case nil:
		return stamp{}, nil
	case time.Time:
		// The TOML decoder marks dates and times written without a zone by
		// the names of their locations.
		switch name, _ := v.Zone(); name {
		case "date-local":
			return stamp{t: v, kind: dayOnly}, nil
		case "datetime-local":
			return inZone(stamp{t: v, kind: naive}, loc), nil
		}
		return stamp{t: v, kind: withZone}, nil
	case string:
		return parseStampText(v, loc)
	}
	return stamp{}, fmt.Errorf("%v is not a date", v)
}

func parseStampText(s string, loc *time.Location) (stamp, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return stamp{}, nil
	}
	for _, l := range zonedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return stamp{t: t, kind: withZone}, nil
		}
	}
	for _, l := range naiveLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return inZone(stamp{t: t, kind: naive}, loc), nil
		}
	}
	for _, l := range dayLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return stamp{t: t, kind: dayOnly}, nil
		}
	}
	return stamp{}, fmt.Errorf("%q is not a date", s)
}

// inZone places a time written without a zone in loc, when there is one.
func inZone(s stamp, loc *time.Location) stamp {
	if loc == nil || s.kind != naive {
		return s
	}
	t := s.t
	return stamp{t: time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc), kind: withZone}
}

// dateFromName reads the date at the start of a file name
// ("2019-05-03-title.md").
func dateFromName(name string) stamp {
	m := datePrefix.FindStringSubmatch(name)
	if m == nil {
		return stamp{}
	}
	t, err := time.Parse("2006-1-2", m[1]+"-"+m[2]+"-"+m[3])
	if err != nil {
		return stamp{}
	}
	return stamp{t: t, kind: dayOnly}
}
