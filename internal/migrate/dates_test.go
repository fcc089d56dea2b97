package migrate

import (
	"reflect"
	"testing"
	"time"
)

func TestParseStamp(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	toml, err := parseTOML("a = 2019-05-03T09:02:02\nb = 2019-05-03\nc = 2019-05-03T09:02:02-05:00\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in   any
		loc  *time.Location
		want string
	}{
		{"2019-05-03", nil, "2019-05-03"},
		{"2019-5-3", nil, "2019-05-03"},
		{"2019-05-03T09:02:02Z", nil, "2019-05-03T09:02:02Z"},
		{"2019-05-03T09:02:02+02:00", nil, "2019-05-03T09:02:02+02:00"},
		{"2019-05-03 09:02:02 +0200", nil, "2019-05-03T09:02:02+02:00"},
		{"2019-05-03 09:02:02 +02:00", nil, "2019-05-03T09:02:02+02:00"},
		{"2019-05-03 09:02:02 -0700 PDT", nil, "2019-05-03T09:02:02-07:00"},
		{"2019-05-03T09:02:02.123456+09:00", nil, "2019-05-03T09:02:02+09:00"},
		{"2019-05-03 09:02", nil, "2019-05-03T09:02:00"},
		{"2019-05-03 09:02:02", nil, "2019-05-03T09:02:02"},
		// A time without a zone is the old site's local time, when it named one.
		{"2019-05-03 09:02:02", paris, "2019-05-03T09:02:02+02:00"},
		{"2019-01-03 09:02:02", paris, "2019-01-03T09:02:02+01:00"},
		{"Fri, 03 May 2019 09:02:02 +0200", nil, "2019-05-03T09:02:02+02:00"},
		{"May 3, 2019", nil, "2019-05-03"},
		{toml["a"], nil, "2019-05-03T09:02:02"},
		{toml["b"], nil, "2019-05-03"},
		{toml["c"], nil, "2019-05-03T09:02:02-05:00"},
		{"", nil, ""},
		{nil, nil, ""},
	} {
		got, err := parseStamp(tc.in, tc.loc)
		if err != nil {
			t.Errorf("%v: %v", tc.in, err)
			continue
		}
		if got.String() != tc.want {
			t.Errorf("%v: %q, want %q", tc.in, got.String(), tc.want)
		}
	}
	for _, bad := range []any{"yesterday", "2019-13-45", 42} {
		if _, err := parseStamp(bad, nil); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

func TestSlugNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		dirs []string
		date string
		want []string
	}{
		{"Hello World", nil, "", []string{"hello-world"}},
		{"my.post.v2", nil, "", []string{"my-post-v2"}},
		{"2019-06-12-reprenons", []string{"2019"}, "", []string{"reprenons", "2019-reprenons", "2019-06-12-reprenons"}},
		{"notes", []string{"2019", "05"}, "2019-05-01", []string{"notes", "2019-05-notes", "2019-05-01-notes"}},
		{"intro", []string{"go", "basics"}, "", []string{"intro", "basics-intro", "go-basics-intro"}},
		{"配列と Slice", nil, "", []string{"配列と-slice"}},
		{"Cafe\u0301", nil, "", []string{"café"}}, // NFD in, NFC out
	} {
		if got := slugNames(tc.name, tc.dirs, tc.date); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q %v: %q, want %q", tc.name, tc.dirs, got, tc.want)
		}
	}
}

func TestAssignSlugs(t *testing.T) {
	// Two pages want "notes": neither gets it, whatever order they come in.
	for _, order := range [][]string{{"a", "b", "c"}, {"c", "b", "a"}} {
		pages := map[string]*page{
			"a": {src: "a", article: true, names: []string{"notes", "2019-05-notes"}},
			"b": {src: "b", article: true, names: []string{"notes", "2020-01-notes"}},
			"c": {src: "c", article: true, names: []string{"2019-05-notes"}},
		}
		im := newImporter(nil, "hugo", Options{})
		for _, k := range order {
			im.pages = append(im.pages, pages[k])
		}
		im.assignSlugs()
		got := []string{pages["a"].slug, pages["b"].slug, pages["c"].slug}
		if want := []string{"2019-05-notes-2", "2020-01-notes", "2019-05-notes"}; !reflect.DeepEqual(got, want) {
			t.Errorf("order %v: %q, want %q", order, got, want)
		}
	}
	// A standalone page cannot be named like folio's own pages.
	im := newImporter(nil, "hugo", Options{})
	p := &page{src: "topics.md", names: []string{"topics"}}
	im.pages = []*page{p}
	im.assignSlugs()
	if p.url != "/topics-page/" || p.path != "content/topics-page.md" {
		t.Errorf("page %q at %q", p.url, p.path)
	}
}
