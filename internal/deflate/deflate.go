// Package deflate compresses the streams of folio's artifacts: the PDFs'
// FlateDecode streams and the share cards' PNG data. It is the one home of
// klauspost/compress, whose deflate is the standard library's format and API
// at two to three times its speed on these streams, which were the largest
// cost of a PDF or a card. A card's text rows have an encoder of their own,
// Rows, which looks only for the two kinds of match such images have.
package deflate

import (
	"bytes"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

// zlibs and flates pool compressors: each holds hundreds of kilobytes of
// state, far more than one stream, so making one per stream would dominate.
var (
	zlibs = sync.Pool{New: func() any {
		w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
		return w
	}}
	flates = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, flate.BestSpeed)
		return w
	}}
)

// Zlib returns data compressed in the zlib format (RFC 1950), as PDF's
// FlateDecode reads it. BestSpeed: the streams are small and the output
// within a few percent of the slower levels.
func Zlib(data []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(data)/2 + 64)
	z := zlibs.Get().(*zlib.Writer)
	z.Reset(&out)
	z.Write(data) // a bytes.Buffer does not fail
	z.Close()
	zlibs.Put(z)
	return out.Bytes()
}

// Segment appends data compressed as a raw deflate segment that ends on a
// byte boundary without ending the stream (a sync flush) and refers to
// nothing before it: segments made apart join into one deflate stream,
// which a final block (Final) ends.
func Segment(out *bytes.Buffer, data []byte) {
	z := flates.Get().(*flate.Writer)
	z.Reset(out)
	z.Write(data)
	z.Flush()
	flates.Put(z)
}

// Final is an empty, final deflate block with fixed codes: it ends a stream
// of segments.
var Final = []byte{0x03, 0x00}
