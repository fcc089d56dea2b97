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
