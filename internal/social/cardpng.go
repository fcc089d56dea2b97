package social

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"sync"

	"github.com/peeplcoach/folio/internal/deflate"
)

// A card is one background with a little text, so it is written by a PNG
// encoder of its own that does only the work the text needs. A row equal to
// the one above (most of a card) is filtered "Up", which makes it zeros, and
// a run of k such rows compresses to the same bytes on every card: the
// painter keeps them by k. Rows of text, and short runs of repeated rows
// among them, are left unfiltered (runs of background between glyphs) and
// compressed per card by deflate.Rows, which looks only for runs of one
// colour and stretches equal to the row above. Each part is a
// deflate segment ending on a byte boundary (a sync flush), so the parts
// join into one stream, and their Adler-32 checksums combine without
// reading the bytes again.

// zeroRun is k repeated rows, filtered: their deflate segment and checksum.
type zeroRun struct {
	data  []byte
	adler uint32
}

// zeroRows is CardWidth+1 bytes of a repeated row: filter Up, then zeros.
var zeroRows = func() []byte {
	b := make([]byte, CardWidth+1)
	b[0] = 2
	return b
}()

// zeros returns the segment of k repeated rows, made once per painter.
func (pt *Painter) zeros(k int) *zeroRun {
	if r, ok := pt.runs.Load(k); ok {
		return r.(*zeroRun)
	}
	raw := bytes.Repeat(zeroRows, k)
	var b bytes.Buffer
	deflate.Segment(&b, raw)
	r, _ := pt.runs.LoadOrStore(k, &zeroRun{data: b.Bytes(), adler: adler32.Checksum(raw)})
	return r.(*zeroRun)
}

// adlerCombine returns the Adler-32 of two byte strings joined, from their
// checksums and the second's length (zlib's adler32_combine).
func adlerCombine(a1, a2 uint32, len2 int) uint32 {
	const base = 65521
	rem := uint32(len2 % base)
	sum1 := a1 & 0xffff
	sum2 := rem * sum1 % base
	sum1 += a2&0xffff + base - 1
	sum2 += a1>>16 + a2>>16 + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= base<<1 {
		sum2 -= base << 1
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum2<<16 | sum1
}

// encodePNG writes img, CardWidth wide, as an 8-bit paletted PNG.
func (pt *Painter) encodePNG(out *bytes.Buffer, img *image.Paletted) {
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

	var idat bytes.Buffer
	idat.Grow(24 << 10)
	idat.Write([]byte{0x78, 0x01}) // zlib: deflate, 32 KB window, fastest
	adler := uint32(1)
	bufp := rowPool.Get().(*[]byte)
	raw := (*bufp)[:0]
	flush := func() {
		if len(raw) > 0 {
			deflate.Rows(&idat, raw, w+1)
			adler = adlerCombine(adler, adler32.Checksum(raw), len(raw))
			raw = raw[:0]
		}
	}
	for y := 0; y < h; {
		k := 0
		for y > 0 && y+k < h && bytes.Equal(img.Pix[(y+k)*img.Stride:(y+k)*img.Stride+w], img.Pix[(y+k-1)*img.Stride:(y+k-1)*img.Stride+w]) {
			k++
		}
		if k >= minRun {
			flush()
			r := pt.zeros(k)
			idat.Write(r.data)
			adler = adlerCombine(adler, r.adler, k*(w+1))
			y += k
			continue
		}
		for end := y + max(k, 1); y < end; y++ {
			raw = append(raw, 0)
			raw = append(raw, img.Pix[y*img.Stride:y*img.Stride+w]...)
		}
	}
	flush()
	*bufp = raw
	rowPool.Put(bufp)
	idat.Write(deflate.Final)
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], adler)
	idat.Write(sum[:])
	chunk(out, "IDAT", idat.Bytes())
	chunk(out, "IEND", nil)
}

// minRun is the fewest repeated rows written as a run of their own; fewer
// are left among the text rows, where they cost a few bytes each.
const minRun = 8

// rowPool pools the buffer of text rows.
var rowPool = sync.Pool{New: func() any { return new([]byte) }}

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
