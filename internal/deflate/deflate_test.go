package deflate

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"io"
	"strings"
	"testing"
)

func TestZlibRoundTrip(t *testing.T) {
	in := []byte(strings.Repeat("BT /F0 10.5 Tf 1 0 0 1 39.69 720.15 Tm[<0011><0029>]TJ ET\n", 200))
	r, err := zlib.NewReader(bytes.NewReader(Zlib(in)))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, in) {
		t.Error("the standard library's zlib does not read back what Zlib wrote")
	}
}

// TestSegmentsJoin checks that segments made apart, then Final, are one
// deflate stream of their data joined.
func TestSegmentsJoin(t *testing.T) {
	parts := [][]byte{bytes.Repeat([]byte{2, 0, 0, 0}, 5000), []byte("text rows"), bytes.Repeat([]byte("ab"), 40000)}
	var stream, want bytes.Buffer
	for _, p := range parts {
		Segment(&stream, p)
		want.Write(p)
	}
	stream.Write(Final)
	out, err := io.ReadAll(flate.NewReader(&stream))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want.Bytes()) {
		t.Errorf("joined segments decode to %d bytes, want the %d bytes of the parts", len(out), want.Len())
	}
}

// cardRows returns rows like a share card's text: background (0) with
// glyph-like blobs of anti-aliased levels, stride bytes each.
func cardRows(rows, stride int, seed uint32) []byte {
	next := func() int {
		seed = seed*1664525 + 1013904223
		return int(seed >> 8)
	}
	data := make([]byte, rows*stride)
	for range rows * stride / 400 {
		x0, y0 := next()%stride, next()%rows
		w, h := 2+next()%30, 2+next()%40
		v := byte(next())
		for y := y0; y < min(rows, y0+h); y++ {
			for x := x0; x < min(stride, x0+w); x++ {
				if next()%5 == 0 {
					data[y*stride+x] = byte(next())
				} else {
					data[y*stride+x] = v
				}
			}
		}
	}
	for y := range rows {
		data[y*stride] = 0 // filter byte
	}
	return data
}

func TestRowsRoundTrip(t *testing.T) {
	cases := map[string][]byte{
		"empty":      nil,
		"one byte":   {7},
		"zeros":      make([]byte, 100000),
		"card rows":  cardRows(120, 1201, 1),
		"small rows": cardRows(50, 17, 2),
		"every byte": func() []byte {
			b := make([]byte, 70000)
			for i := range b {
				b[i] = byte(i * 7 / 3)
			}
			return b
		}(),
		"noise": func() []byte {
			b := make([]byte, 5000)
			s := uint32(9)
			for i := range b {
				s = s*1664525 + 1013904223
				b[i] = byte(s >> 24)
			}
			return b
		}(),
		"wide stride": cardRows(3, 40000, 3),
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			stride := 1201
			switch name {
			case "small rows":
				stride = 17
			case "wide stride":
				stride = 40000
			}
			// Between other segments, as a card joins them.
			var stream bytes.Buffer
			Segment(&stream, []byte("before"))
			Rows(&stream, in, stride)
			Segment(&stream, []byte("after"))
			stream.Write(Final)
			out, err := io.ReadAll(flate.NewReader(&stream))
			if err != nil {
				t.Fatal(err)
			}
			want := append(append([]byte("before"), in...), "after"...)
			if !bytes.Equal(out, want) {
				t.Fatalf("decoded %d bytes, want the %d written", len(out), len(want))
			}
		})
	}
}

// TestRowsSize checks that the row encoder is not much larger than the
// general one on card-like rows.
func TestRowsSize(t *testing.T) {
	in := cardRows(200, 1201, 4)
	var rows, general bytes.Buffer
	Rows(&rows, in, 1201)
	Segment(&general, in)
	t.Logf("rows %d bytes, general %d bytes", rows.Len(), general.Len())
	if rows.Len() > general.Len()*11/10 {
		t.Errorf("Rows wrote %d bytes, more than 110%% of Segment's %d", rows.Len(), general.Len())
	}
}

func BenchmarkRows(b *testing.B) {
	in := cardRows(200, 1201, 4)
	var out bytes.Buffer
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		out.Reset()
		Rows(&out, in, 1201)
	}
}

func BenchmarkSegment(b *testing.B) {
	in := cardRows(200, 1201, 4)
	var out bytes.Buffer
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		out.Reset()
		Segment(&out, in)
	}
}

// TestHuffmanLimit gives the code builder frequencies whose Huffman tree is
// deeper than deflate allows (Fibonacci numbers): the code must still be
// within the limit and complete (Kraft sum exactly 1), as decoders check.
func TestHuffmanLimit(t *testing.T) {
	freq := make([]int32, numLit)
	a, b := int32(1), int32(1)
	for i := range 30 {
		freq[i] = a
		a, b = b, a+b
	}
	for _, limit := range []int{15, 7} {
		var h huffman
		h.build(freq, limit)
		kraft := 0
		for s, l := range h.length[:len(freq)] {
			if int(l) > limit {
				t.Errorf("limit %d: symbol %d has a %d-bit code", limit, s, l)
			}
			if l > 0 {
				kraft += 1 << (15 - l)
			}
		}
		if kraft != 1<<15 {
			t.Errorf("limit %d: Kraft sum %d/32768, want a complete code", limit, kraft)
		}
	}
}
