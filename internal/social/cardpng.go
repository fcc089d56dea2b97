package social

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"sync"
)

// A card is one background with a little text, so it is written by a PNG
// encoder of its own: a row that repeats the one above (most of a card) is
// filtered "Up", which makes it zeros the compressor passes over in long
// matches; a row of text is left as it is, runs of background between
// glyphs. image/png would compress 750 KB of indices unfiltered.

// zlibPool pools compressors: each holds about 600 KB of state.
var zlibPool = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, flate.BestSpeed)
	return w
}}

var zeros [CardWidth]byte

// rowPool pools the filtered-row buffer.
var rowPool = sync.Pool{New: func() any { return new([]byte) }}

// encodePNG writes img as an 8-bit paletted PNG.
func encodePNG(out *bytes.Buffer, img *image.Paletted) error {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 3 // 8 bits, palette
	chunk(out, "IHDR", ihdr[:])
	plte := make([]byte, 0, 3*len(img.Palette))
	for _, c := range img.Palette {
		r, g, b, _ := c.RGBA()
		plte = append(plte, byte(r>>8), byte(g>>8), byte(b>>8))
	}
	chunk(out, "PLTE", plte)

	bufp := rowPool.Get().(*[]byte)
	defer rowPool.Put(bufp)
	raw := (*bufp)[:0]
	for y := range h {
		row := img.Pix[y*img.Stride : y*img.Stride+w]
		if y == 0 {
			raw = append(raw, 0)
			raw = append(raw, row...)
			continue
		}
		prev := img.Pix[(y-1)*img.Stride : (y-1)*img.Stride+w]
		if bytes.Equal(row, prev) {
			// "Up": a row of zeros.
			raw = append(raw, 2)
			raw = append(raw, zeros[:w]...)
			continue
		}
		raw = append(raw, 0)
		raw = append(raw, row...)
	}
	*bufp = raw
	var idat bytes.Buffer
	idat.Grow(32 << 10)
	z := zlibPool.Get().(*zlib.Writer)
	z.Reset(&idat)
	if _, err := z.Write(raw); err != nil {
		return err
	}
	if err := z.Close(); err != nil {
		return err
	}
	zlibPool.Put(z)
	chunk(out, "IDAT", idat.Bytes())
	chunk(out, "IEND", nil)
	return nil
}

// chunk writes one PNG chunk: length, type, data and CRC.
func chunk(out *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	out.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	out.WriteString(typ)
	out.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	out.Write(n[:])
}
