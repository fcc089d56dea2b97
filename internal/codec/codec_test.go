package codec

import (
	"reflect"
	"testing"
	"time"
)

type inner struct {
	Level int
	Text  string
	tags  []string
}

type sample struct {
	Title   string
	Date    time.Time
	Zero    time.Time
	Count   int
	Ratio   float64
	Flag    bool
	Bytes   []byte
	Nil     []string
	Empty   []string
	List    []inner
	Ptr     *inner
	NilPtr  *inner
	Lines   map[string]int
	Any     any
	Arr     [2]uint16
	private string
	nested  map[string][]inner
}

func TestRoundTrip(t *testing.T) {
	in := sample{
		Title: "Trust — “first”", Date: time.Date(2025, 3, 14, 9, 0, 0, 5, time.FixedZone("X", 3600)),
		Count: -3, Ratio: 1.25, Flag: true, Bytes: []byte{0, 1, 2}, Empty: []string{},
		List: []inner{{Level: 2, Text: "a", tags: []string{"t"}}}, Ptr: &inner{Text: "p"},
		Lines: map[string]int{"title": 2, "date": 3}, Arr: [2]uint16{7, 9}, private: "secret",
		nested: map[string][]inner{"k": {{Level: 1}}},
	}
	data, err := Append(nil, &in)
	if err != nil {
		t.Fatal(err)
	}
	var out sample
	if err := Decode(data, &out); err != nil {
		t.Fatal(err)
	}
	if !out.Date.Equal(in.Date) {
		t.Errorf("date %v, want %v", out.Date, in.Date)
	}
	out.Date, in.Date = time.Time{}, time.Time{}
	if !reflect.DeepEqual(out, in) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
	for n := range len(data) {
		if err := Decode(data[:n], &sample{}); err == nil {
			t.Fatalf("data cut at %d of %d decoded without an error", n, len(data))
		}
	}
}

func TestInterfaceValues(t *testing.T) {
	in := sample{Any: map[string]any{"mood": "calm", "n": 3, "list": []any{"a", 1.5, true}, "nested": map[any]any{"k": int64(2)}}}
	data, err := Append(nil, &in)
	if err != nil {
		t.Fatal(err)
	}
	var out sample
	if err := Decode(data, &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out.Any, in.Any) {
		t.Errorf("got %#v, want %#v", out.Any, in.Any)
	}
	if _, err := Append(nil, &sample{Any: struct{ X int }{}}); err == nil {
		t.Error("an interface holding a struct was encoded")
	}
}
