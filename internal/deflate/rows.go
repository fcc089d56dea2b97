package deflate

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"
)

// Rows is a deflate encoder for images of a few flat colours, such as a
// share card's rows of text: background with anti-aliased glyphs. A general
// encoder hashes every position to find matches anywhere in its window;
// in such an image the only matches worth having are a run of one colour
// (distance 1) and a stretch equal to the row above (distance stride), so
// Rows tries just those two at each position, which is several times
// faster than the fastest general level and, with one dynamic Huffman code
// per segment, about as small.

// Rows appends data, rows of stride bytes each, as a deflate segment like
// Segment's: it ends on a byte boundary with a sync flush, is not final,
// and refers to nothing before it.
func Rows(out *bytes.Buffer, data []byte, stride int) {
	e := encoders.Get().(*rowEncoder)
	e.tokenize(data, stride)
	e.write(out)
	encoders.Put(e)
}

var encoders = sync.Pool{New: func() any { return new(rowEncoder) }}

// A token is a literal byte (below 256) or a match: length<<16 | distance
// with the match flag.
type token uint32

const matchFlag = 1 << 31

const (
	minMatch  = 4 // a shorter match costs about as many bits as its literals
	maxMatch  = 258
	maxDist   = 32768
	endBlock  = 256
	numLit    = 286
	numDist   = 30
	numCodeLn = 19
)

type rowEncoder struct {
	tokens  []token
	stride  int // 0 for no row matches
	litFreq [numLit]int32
	dstFreq [numDist]int32
	lit     huffman
	dst     huffman
	cl      huffman
	bw      bitWriter
	lens    []uint8 // lit/len then distance code lengths, for the header
	clToks  []uint16
}

// matchLen returns how many bytes of a and b agree, at most maxMatch.
func matchLen(a, b []byte) int {
	n := min(len(a), len(b), maxMatch)
	i := 0
	for ; i+8 <= n; i += 8 {
		if x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); x != 0 {
			return i + bits.TrailingZeros64(x)>>3
		}
	}
	for ; i < n && a[i] == b[i]; i++ {
	}
	return i
}

// tokenize splits data into literals and matches at distance 1 or stride,
// counting the symbols' frequencies.
func (e *rowEncoder) tokenize(data []byte, stride int) {
	e.tokens = e.tokens[:0]
	clear(e.litFreq[:])
	clear(e.dstFreq[:])
	if stride > maxDist || stride < 1 {
		stride = 0 // no row matches beyond the window
	}
	e.stride = stride
	n := len(data)
	for p := 0; p < n; {
		// Most positions are a literal: rule out both matches on their
		// first minMatch bytes before measuring either.
		if p+minMatch <= n {
			v := binary.LittleEndian.Uint32(data[p:])
			if (p < 1 || binary.LittleEndian.Uint32(data[p-1:]) != v) && (stride <= 1 || p < stride || binary.LittleEndian.Uint32(data[p-stride:]) != v) {
				b := data[p]
				e.tokens = append(e.tokens, token(b))
				e.litFreq[b]++
				p++
				continue
			}
		}
		// A run first: it is the cheaper code and, in background, the
		// longest match there is.
		best, dist := 0, 0
		if p >= 1 {
			best, dist = matchLen(data[p:], data[p-1:]), 1
		}
		if stride > 1 && p >= stride && best < maxMatch {
			if l := matchLen(data[p:], data[p-stride:]); l > best {
				best, dist = l, stride
			}
		}
		if best < minMatch {
			b := data[p]
			e.tokens = append(e.tokens, token(b))
			e.litFreq[b]++
			p++
			continue
		}
		e.tokens = append(e.tokens, matchFlag|token(best)<<16|token(dist))
		e.litFreq[lengthCode(best)+257]++
		e.dstFreq[distCode(dist)]++
		p += best
	}
	e.litFreq[endBlock]++
}

// write writes the tokens as one dynamic Huffman block and a sync flush.
func (e *rowEncoder) write(out *bytes.Buffer) {
	e.lit.build(e.litFreq[:], 15)
	e.dst.build(e.dstFreq[:], 15)
	nlit := numLit
	for nlit > 257 && e.lit.length[nlit-1] == 0 {
		nlit--
	}
	ndist := numDist
	for ndist > 1 && e.dst.length[ndist-1] == 0 {
		ndist--
	}
	// The code lengths of both alphabets as one sequence, run-length coded
	// with the code-length alphabet: 16 repeats the previous length 3–6
	// times, 17 and 18 repeat zero 3–10 and 11–138 times.
	e.lens = append(append(e.lens[:0], e.lit.length[:nlit]...), e.dst.length[:ndist]...)
	e.clToks = e.clToks[:0]
	var clFreq [numCodeLn]int32
	for i := 0; i < len(e.lens); {
		l := e.lens[i]
		run := 1
		for i+run < len(e.lens) && e.lens[i+run] == l {
			run++
		}
		i += run
		if l == 0 {
			for run >= 11 {
				k := min(run, 138)
				e.clToks = append(e.clToks, 18|uint16(k-11)<<8)
				clFreq[18]++
				run -= k
			}
			if run >= 3 {
				e.clToks = append(e.clToks, 17|uint16(run-3)<<8)
				clFreq[17]++
				run = 0
			}
		} else {
			e.clToks = append(e.clToks, uint16(l))
			clFreq[l]++
			run--
			for run >= 3 {
				k := min(run, 6)
				e.clToks = append(e.clToks, 16|uint16(k-3)<<8)
				clFreq[16]++
				run -= k
			}
		}
		for ; run > 0; run-- {
			e.clToks = append(e.clToks, uint16(l))
			clFreq[l]++
		}
	}
	e.cl.build(clFreq[:], 7)
	order := [numCodeLn]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
	ncl := numCodeLn
	for ncl > 4 && e.cl.length[order[ncl-1]] == 0 {
		ncl--
	}

	w := &e.bw
	w.reset()
	w.bits(0, 1) // not final
	w.bits(2, 2) // dynamic Huffman codes
	w.bits(uint64(nlit-257), 5)
	w.bits(uint64(ndist-1), 5)
	w.bits(uint64(ncl-4), 4)
	for _, s := range order[:ncl] {
		w.bits(uint64(e.cl.length[s]), 3)
	}
	for _, t := range e.clToks {
		s := t & 0xff
		w.bits(uint64(e.cl.code[s]), uint(e.cl.length[s]))
		switch s {
		case 16:
			w.bits(uint64(t>>8), 2)
		case 17:
			w.bits(uint64(t>>8), 3)
		case 18:
			w.bits(uint64(t>>8), 7)
		}
	}
	// Each literal's code, and each match length's code followed by its
	// extra bits, as one string of bits: value | count<<32.
	var litBits [256]uint64
	for b := range litBits {
		litBits[b] = uint64(e.lit.code[b]) | uint64(e.lit.length[b])<<32
	}
	var lenBits [maxMatch + 1]uint64
	for l := minMatch; l <= maxMatch; l++ {
		lc := lengthCode(l)
		n := uint64(e.lit.length[lc+257])
		lenBits[l] = uint64(e.lit.code[lc+257]) | uint64(l-lengthBase[lc])<<n | (n+uint64(lengthExtra[lc]))<<32
	}
	distBits := func(d int) uint64 {
		dc := distCode(d)
		n := uint64(e.dst.length[dc])
		return uint64(e.dst.code[dc]) | uint64(d-distBase[dc])<<n | (n+uint64(distExtra[dc]))<<32
	}
	run, up := distBits(1), uint64(0)
	if e.stride > 1 {
		up = distBits(e.stride)
	}
	// The bit buffer in locals: the loop is most of the writing, and
	// keeping acc and n out of memory roughly halves it.
	dst, acc, n := w.dst, w.acc, w.n
	put := func(c uint64) {
		acc |= (c & 0xffffffff) << n
		n += uint(c >> 32)
		if n >= 32 {
			dst = binary.LittleEndian.AppendUint32(dst, uint32(acc))
			acc >>= 32
			n -= 32
		}
	}
	for _, t := range e.tokens {
		if t&matchFlag == 0 {
			put(litBits[t])
			continue
		}
		put(lenBits[t>>16&0x7fff])
		if t&0xffff == 1 {
			put(run)
		} else {
			put(up)
		}
	}
	w.dst, w.acc, w.n = dst, acc, n
	w.bits(uint64(e.lit.code[endBlock]), uint(e.lit.length[endBlock]))
	// The sync flush: an empty stored block, aligned to a byte.
	w.bits(0, 3)
	w.align()
	w.dst = append(w.dst, 0, 0, 0xff, 0xff)
	out.Write(w.dst)
}

// Lengths 3–258 and distances 1–32768: each code's base and extra bits
// (RFC 1951, 3.2.5).
var (
	lengthBase  [29]int
	lengthExtra = [29]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    [30]int
	distExtra   = [30]uint{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	lengthCodes [maxMatch + 1]uint8
)

func init() {
	b := 3
	for c, nb := range lengthExtra[:28] {
		lengthBase[c] = b
		for range 1 << nb {
			lengthCodes[b] = uint8(c)
			b++
		}
	}
	lengthBase[28] = 258
	lengthCodes[258] = 28
	b = 1
	for c, nb := range distExtra {
		distBase[c] = b
		b += 1 << nb
	}
}

func lengthCode(l int) int { return int(lengthCodes[l]) }

// distCode returns the code of distance d: two codes for each power of
// two above 4, split by the bit below the highest of d-1.
func distCode(d int) int {
	x := d - 1
	if x < 4 {
		return x
	}
	n := bits.Len(uint(x))
	return 2*(n-1) + x>>(n-2)&1
}

// huffman is a canonical, length-limited prefix code: each symbol's length
// and its code bit-reversed, as deflate writes codes from their first bit.
type huffman struct {
	length [numLit]uint8
	code   [numLit]uint16
	nodes  []hnode
	depth  []uint8
	freq   [numLit]int32
}

type hnode struct {
	freq  int32
	sym   int16 // -1 for an inner node
	left  int16
	right int16
}

// build makes the code for freq, no code longer than limit. A code needs
// two symbols to be complete, as some decoders require, so a lone symbol
// gets a partner.
func (h *huffman) build(freq []int32, limit int) {
	n := len(freq)
	clear(h.length[:])
	f := h.freq[:n]
	copy(f, freq)
	used := 0
	for _, x := range f {
		if x > 0 {
			used++
		}
	}
	for i := 0; used < 2; i++ {
		if f[i] == 0 {
			f[i] = 1
			used++
		}
	}
	for {
		if h.lengths(f, limit) {
			break
		}
		// Too deep: flatten the frequencies and try again; at worst all
		// are 1 and the tree is balanced.
		for i, x := range f {
			if x > 0 {
				f[i] = (x + 1) / 2
			}
		}
	}
	// Canonical codes (RFC 1951, 3.2.2).
	var count [16]int
	for _, l := range h.length[:n] {
		count[l]++
	}
	count[0] = 0
	var next [16]int
	c := 0
	for l := 1; l < 16; l++ {
		c = (c + count[l-1]) << 1
		next[l] = c
	}
	for s, l := range h.length[:n] {
		if l == 0 {
			continue
		}
		h.code[s] = bits.Reverse16(uint16(next[l])) >> (16 - l)
		next[l]++
	}
}

// lengths sets each symbol's code length from a Huffman tree of f and
// reports whether none exceeds limit.
func (h *huffman) lengths(f []int32, limit int) bool {
	h.nodes = h.nodes[:0]
	for s, x := range f {
		if x > 0 {
			h.nodes = append(h.nodes, hnode{freq: x, sym: int16(s), left: -1, right: -1})
		}
	}
	// Leaves by frequency, ties by symbol so the code is deterministic;
	// inner nodes are made in increasing order of frequency, so two queues
	// give the two smallest without a heap.
	slices.SortFunc(h.nodes, func(a, b hnode) int {
		if a.freq != b.freq {
			return int(a.freq - b.freq)
		}
		return int(a.sym - b.sym)
	})
	nl := len(h.nodes)
	li, ii := 0, nl
	pick := func() int {
		if li < nl && (ii >= len(h.nodes) || h.nodes[li].freq <= h.nodes[ii].freq) {
			li++
			return li - 1
		}
		ii++
		return ii - 1
	}
	for k := 0; k < nl-1; k++ {
		a := pick()
		b := pick()
		h.nodes = append(h.nodes, hnode{freq: h.nodes[a].freq + h.nodes[b].freq, sym: -1, left: int16(a), right: int16(b)})
	}
	// Depths from the root down: children come before their parent.
	depth := slices.Grow(h.depth[:0], len(h.nodes))[:len(h.nodes)]
	h.depth = depth
	depth[len(depth)-1] = 0
	ok := true
	for i := len(h.nodes) - 1; i >= 0; i-- {
		nd := h.nodes[i]
		if nd.sym >= 0 {
			d := depth[i]
			if int(d) > limit {
				ok = false
			}
			h.length[nd.sym] = d
			continue
		}
		depth[nd.left] = depth[i] + 1
		depth[nd.right] = depth[i] + 1
	}
	return ok
}

// bitWriter writes bits from the least significant, as deflate packs them,
// into a buffer of its own that flush hands to the output.
type bitWriter struct {
	dst []byte
	acc uint64
	n   uint
}

func (w *bitWriter) reset() { w.dst, w.acc, w.n = w.dst[:0], 0, 0 }

func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.n
	w.n += n
	if w.n >= 32 {
		w.dst = binary.LittleEndian.AppendUint32(w.dst, uint32(w.acc))
		w.acc >>= 32
		w.n -= 32
	}
}

// align writes the last partial byte, padded with zeros.
func (w *bitWriter) align() {
	for w.n > 0 {
		w.dst = append(w.dst, byte(w.acc))
		w.acc >>= 8
		w.n -= min(w.n, 8)
	}
	w.acc = 0
}
