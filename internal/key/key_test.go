package key

import (
	"html/template"
	"strings"
	"testing"
	"time"
)

type inner struct {
	Name string
	tags []string
}

type sample struct {
	Title   string
	Count   int
	When    time.Time
	Body    template.HTML
	In      *inner
	List    []inner
	Map     map[string]int
	Any     any
	hidden  float64
	Scratch []byte `key:"-"` // a cache: not part of the key
}

type card struct {
	Title string
	key   Sum `key:"-"`
}

func (c *card) Key() Sum { return c.key }

func newCard(title string) *card {
	c := &card{Title: title}
	c.key = Fields(c)
	return c
}

type page struct {
	Cards []*card
}

func TestOfSeesEveryField(t *testing.T) {
	base := func() sample {
		return sample{
			Title: "a", Count: 1, When: time.Date(2025, 1, 2, 3, 4, 5, 6, time.UTC), Body: "<p>x</p>",
			In:   &inner{Name: "n", tags: []string{"t"}},
			List: []inner{{Name: "l"}}, Map: map[string]int{"a": 1, "b": 2}, Any: 3, hidden: 1.5,
		}
	}
	want := Of(base())
	if Of(base()) != want {
		t.Fatal("Of is not a function of the value")
	}
	changes := map[string]func(s *sample){
		"exported string":     func(s *sample) { s.Title = "b" },
		"int":                 func(s *sample) { s.Count = 2 },
		"time":                func(s *sample) { s.When = s.When.Add(time.Nanosecond) },
		"time zone":           func(s *sample) { s.When = s.When.In(time.FixedZone("X", 3600)) },
		"html":                func(s *sample) { s.Body = "<p>y</p>" },
		"through a pointer":   func(s *sample) { s.In.Name = "m" },
		"unexported slice":    func(s *sample) { s.In.tags = append(s.In.tags, "u") },
		"nil pointer":         func(s *sample) { s.In = nil },
		"slice element":       func(s *sample) { s.List[0].Name = "k" },
		"slice length":        func(s *sample) { s.List = append(s.List, inner{}) },
		"map value":           func(s *sample) { s.Map["a"] = 3 },
		"map key":             func(s *sample) { delete(s.Map, "a"); s.Map["c"] = 1 },
		"interface type":      func(s *sample) { s.Any = int64(3) },
		"unexported float":    func(s *sample) { s.hidden = 2 },
		"string boundaries":   func(s *sample) { s.Title, s.Body = "a<p>", "x</p>" },
		"empty vs nil slices": func(s *sample) { s.List = nil },
	}
	for name, change := range changes {
		s := base()
		change(&s)
		if Of(s) == want {
			t.Errorf("changing the %s leaves the key as it was", name)
		}
	}
	s := base()
	s.Scratch = []byte("cache")
	if Of(s) != want {
		t.Error("a field tagged key:\"-\" changes the key")
	}
}

func TestOfMapOrder(t *testing.T) {
	a, b := map[string]int{}, map[string]int{}
	for i := range 100 {
		a[strings.Repeat("x", i)] = i
	}
	for i := 99; i >= 0; i-- {
		b[strings.Repeat("x", i)] = i
	}
	if Of(a) != Of(b) {
		t.Error("the key of a map depends on insertion order")
	}
}

func TestKeyedValuesUseTheirKey(t *testing.T) {
	c := newCard("one")
	p := page{Cards: []*card{c}}
	before := Of(p)
	c.Title = "two" // not recomputed: Of trusts the card's own key
	if Of(p) != before {
		t.Error("Of walked a Keyed value instead of using its key")
	}
	if Of(page{Cards: []*card{newCard("two")}}) == before {
		t.Error("cards of different titles give one key")
	}
	if Of(page{Cards: []*card{nil}}) == before {
		t.Error("a nil card has the key of a card")
	}
}

func TestOfTypes(t *testing.T) {
	if Of(int32(1)) == Of(int64(1)) {
		t.Error("values of two types with one encoding give one key")
	}
	if Of("ab", "c") == Of("a", "bc") {
		t.Error("(ab, c) and (a, bc) give one key")
	}
	if Bytes([]byte("x")) != Bytes([]byte("x")) || Bytes([]byte("x")) == Bytes([]byte("y")) {
		t.Error("Bytes is not a function of the bytes")
	}
}

// article embeds a card, and with it the card's Key method.
type article struct {
	*card
	Body string
}

func TestPromotedKeyIsNotTrusted(t *testing.T) {
	c := newCard("one")
	if Of(&article{card: c, Body: "a"}) == Of(&article{card: c, Body: "b"}) {
		t.Error("a struct embedding a Keyed value was hashed by the embedded key alone")
	}
}

type loop struct{ Next *loop }

func TestCyclePanics(t *testing.T) {
	l := &loop{}
	l.Next = l
	defer func() {
		if recover() == nil {
			t.Error("a reference cycle did not panic")
		}
	}()
	Of(l)
}

func TestFuncPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "func") {
			t.Errorf("hashing a func: recover() = %v", r)
		}
	}()
	Of(struct{ F func() }{})
}

func BenchmarkOfCard(b *testing.B) {
	s := sample{Title: "A title of some length", Count: 3, When: time.Now(), Body: "<p>short</p>", In: &inner{Name: "x"},
		List: []inner{{Name: "a"}, {Name: "b"}}, Map: map[string]int{"a": 1}}
	for b.Loop() {
		Of(&s)
	}
}
