package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
)

func terms(s string) []string {
	var out []string
	forEachTerm(s, func(t []byte) { out = append(out, string(t)) })
	return out
}

func TestTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Get Your Manager’s Trust", []string{"get", "your", "manager", "trust"}},
		{"Über-Führung, café crème!", []string{"uber", "fuhrung", "cafe", "creme"}},
		{"a I x 42 7", []string{"42"}},
		{"ÉCOLE Ñandú", []string{"ecole", "nandu"}},
		{"東京 会議", []string{"東京", "会議"}},
		{strings.Repeat("x", 40), []string{strings.Repeat("x", 32)}},
	}
	for _, tt := range tests {
		if got := terms(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("terms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := textOfHTML(`<p>Trust &amp; <em>respect</em></p><pre class=chroma><code>x</code></pre>`); strings.Join(strings.Fields(got), " ") != "Trust & respect x" {
		t.Errorf("textOfHTML = %q", got)
	}
}

// decode reads the index back the way search.js does.
func decode(t *testing.T, files []File) (Manifest, map[string]map[string][]uint32, [][][5]string) {
	t.Helper()
	if files[0].Path != "search/index.json" {
		t.Fatalf("first file is %s", files[0].Path)
	}
	var m Manifest
	if err := json.Unmarshal(files[0].Data, &m); err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	shards := map[string]map[string][]uint32{}
	for i, s := range m.Shards {
		var enc map[string]string
		if err := json.Unmarshal(byPath["search/t/"+s[1]], &enc); err != nil {
			t.Fatalf("shard %d: %v", i, err)
		}
		raw := map[string][]uint32{}
		for k, v := range enc {
			raw[k] = decodePostings(t, v)
		}
		keys := make([]string, 0, len(raw))
		for k := range raw {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if keys[0] != s[0] {
			t.Errorf("shard %d starts with %q, manifest says %q", i, keys[0], s[0])
		}
		if i+1 < len(m.Shards) && keys[len(keys)-1] >= m.Shards[i+1][0] {
			t.Errorf("shard %d reaches into the next", i)
		}
		for k, ps := range raw {
			id := uint32(0)
			abs := make([]uint32, len(ps))
			for j, p := range ps {
				id += p >> 4
				abs[j] = id<<4 | p&15
			}
			raw[k] = abs
		}
		shards[s[0]] = raw
	}
	var chunks [][][5]string
	for _, c := range m.Chunks {
		var rows [][5]string
		if err := json.Unmarshal(byPath["search/d/"+c], &rows); err != nil {
			t.Fatal(err)
		}
		chunks = append(chunks, rows)
	}
	return m, shards, chunks
}

// decodePostings reads a postings string as search.js does.
func decodePostings(t *testing.T, s string) []uint32 {
	t.Helper()
	var out []uint32
	v, shift := uint32(0), 0
	for _, c := range []byte(s) {
		d := strings.IndexByte(digits, c)
		if d < 0 {
			t.Fatalf("postings %q: bad character %q", s, c)
		}
		v |= uint32(d&31) << shift
		if d < 32 {
			out = append(out, v)
			v, shift = 0, 0
		} else {
			shift += 5
		}
	}
	return out
}

func TestBuild(t *testing.T) {
	docs := []Doc{
		{URL: "/articles/a/", Title: "Trust your manager", Summary: "How trust grows.", Date: "2025-03-02", Topics: []string{"Managing Up"}, HTML: "<p>Feedback &amp; <b>trust</b>.</p>"},
		{URL: "/articles/b/", Title: "Feedback", Summary: "Giving it.", Date: "2025-03-01", DateText: "1 March 2025", HTML: "<p>Your manager wants feedback.</p>"},
	}
	for i := 0; i < 60; i++ {
		docs = append(docs, Doc{URL: "/articles/x/", Title: "Filler", HTML: "<p>filler text " + strings.Repeat("word ", 10) + "</p>"})
	}
	files := Build(docs, 4)
	again := Build(docs, 1)
	if !reflect.DeepEqual(files, again) {
		t.Fatal("two builds of one index differ")
	}
	m, shards, chunks := decode(t, files)
	if m.Docs != len(docs) || m.Chunk != chunkSize || len(chunks) != 7 || chunks[0][1] != [5]string{"/articles/b/", "Feedback", "Giving it.", "2025-03-01", "1 March 2025"} {
		t.Fatalf("manifest %+v, chunks %d", m, len(chunks))
	}
	postings := merged(shards)
	want := map[string][]uint32{
		"trust":    {0<<4 | inTitle | inSummary | inText},
		"manager":  {0<<4 | inTitle, 1<<4 | inText},
		"feedback": {0<<4 | inText, 1<<4 | inTitle | inText},
		"managing": {0<<4 | inTopic},
	}
	for term, ps := range want {
		if !reflect.DeepEqual(postings[term], ps) {
			t.Errorf("%s: postings %v, want %v", term, postings[term], ps)
		}
	}
	if got := postings["filler"]; len(got) != 60 || got[59]>>4 != 61 {
		t.Errorf("filler postings: %v", got)
	}
}

// BuildFrom reads bodies a batch at a time: the postings of a term in
// documents of several batches are in document order, the files equal
// Build's of the same documents, and a body that cannot be read stops it.
func TestBuildFromBatches(t *testing.T) {
	n := 2*batch + 7
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = Doc{URL: fmt.Sprintf("/articles/%d/", i), Title: "Doc", HTML: fmt.Sprintf("<p>common word%d</p>", i%3)}
		if i == 0 || i == batch-1 || i == batch || i == n-1 {
			docs[i].HTML += "<p>rare</p>"
		}
	}
	var asked []int
	var mu sync.Mutex
	files, err := BuildFrom(docs, func(i int) (string, error) {
		mu.Lock()
		asked = append(asked, i)
		mu.Unlock()
		return docs[i].HTML, nil
	}, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(asked) != n {
		t.Errorf("asked for %d bodies, want %d", len(asked), n)
	}
	bodiless := append([]Doc(nil), docs...)
	for i := range bodiless {
		bodiless[i].HTML = ""
	}
	if !reflect.DeepEqual(files, Build(docs, 1)) {
		t.Error("BuildFrom and Build of the same documents differ")
	}
	_, shards, _ := decode(t, files)
	postings := merged(shards)
	var rare []uint32
	for _, p := range postings["rare"] {
		rare = append(rare, p>>4)
	}
	if want := []uint32{0, uint32(batch - 1), uint32(batch), uint32(n - 1)}; !reflect.DeepEqual(rare, want) {
		t.Errorf("rare in %v, want %v", rare, want)
	}
	if got := postings["common"]; len(got) != n {
		t.Errorf("common in %d documents, want %d", len(got), n)
	}
	boom := errors.New("no body")
	if _, err := BuildFrom(bodiless, func(i int) (string, error) {
		if i == batch+1 {
			return "", boom
		}
		return "", nil
	}, 2); !errors.Is(err, boom) {
		t.Errorf("BuildFrom with a body missing: %v", err)
	}
}

// TextTerms lists a body's terms once each, sorted, a newline after each;
// BuildTerms of them makes Build's files byte for byte, the short fields'
// flags merged with the text's, and refuses a list that is not ended.
func TestTextTerms(t *testing.T) {
	got := string(TextTerms(`<p>Über <b>trust</b> &amp; trust, a Zebra</p><h2 id="x">Alpha</h2>`))
	if want := "alpha\ntrust\nuber\nzebra\n"; got != want {
		t.Errorf("TextTerms = %q, want %q", got, want)
	}
	if got := TextTerms("<p>a</p>"); len(got) != 0 {
		t.Errorf("TextTerms of no term = %q", got)
	}
	docs := []Doc{
		{URL: "/a/", Title: "Trust and teams", Summary: "Feedback", Topics: []string{"trust", "hiring"}, HTML: "<p>trust teams feedback zebra</p>"},
		{URL: "/b/", Title: "Zebra", Summary: "Nothing here", HTML: "<p>teams only</p>"},
		{URL: "/c/", Title: "Empty body", HTML: ""},
	}
	files, err := BuildTerms(docs, func(i int) ([]byte, error) { return TextTerms(docs[i].HTML), nil }, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(files, Build(docs, 1)) {
		t.Error("BuildTerms and Build of the same documents differ")
	}
	_, shards, _ := decode(t, files)
	postings := merged(shards)
	want := map[string][]uint32{
		"trust":  {0<<4 | inTitle | inTopic | inText},
		"hiring": {0<<4 | inTopic},
		"zebra":  {0<<4 | inText, 1<<4 | inTitle},
		"teams":  {0<<4 | inTitle | inText, 1<<4 | inText},
		"empty":  {2<<4 | inTitle},
	}
	for term, ps := range want {
		if !reflect.DeepEqual(postings[term], ps) {
			t.Errorf("postings of %q = %v, want %v", term, postings[term], ps)
		}
	}
	if _, err := BuildTerms(docs, func(i int) ([]byte, error) { return []byte("trust"), nil }, 1); err == nil {
		t.Error("BuildTerms took a list of terms with no newline at its end")
	}
}

// merged gathers the postings of every shard into one map.
func merged(shards map[string]map[string][]uint32) map[string][]uint32 {
	postings := map[string][]uint32{}
	for _, sh := range shards {
		maps.Copy(postings, sh)
	}
	return postings
}
