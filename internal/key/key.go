// Package key makes the keys that folio's caches are looked up by. A key is a
// hash of the values a step reads, made mechanically: Of walks any Go value
// by reflection (every field, exported or not, every element, map entries in
// order) and hashes its encoding. Nobody keeps a list of "the fields that
// matter": a field added to a step's input is in the key by construction.
//
// Keys are stable across processes, machines and folio versions of the same
// encoding, so the build can keep them on disk (.cache/, the output manifest).
package key

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"sync"
)

// Sum is a key: 128 bits of SHA-256, so that two different inputs never meet
// in practice, even across millions of cached entries.
type Sum [16]byte

// String returns the key in hexadecimal.
func (s Sum) String() string { return hex.EncodeToString(s[:]) }

// IsZero reports whether s is the zero Sum, which no hash yields in practice;
// caches use it for "not known yet".
func (s Sum) IsZero() bool { return s == Sum{} }

// Keyed is a value that carries its own key, computed once (by Of on its
// fields) when it was made: Of uses that key instead of walking the value
// again. Shared sub-values (a site, an article card, the asset table) are
// hashed once per build instead of once per page that shows them. The key
// must be computed from every field that makes the value, with Fields.
type Keyed interface {
	Key() Sum
}

// Of returns the key of the values: their types and contents, in order.
// Struct fields tagged `key:"-"` are left out; they must hold nothing that
// changes the result of the step being keyed (a cache of derived data, say).
// Funcs and channels cannot be hashed and panic, as do reference cycles.
func Of(values ...any) Sum {
	h := New()
	for _, v := range values {
		h.Value(v)
	}
	return h.Sum()
}

// Fields returns the key of v without consulting v's own Keyed method: a
// Keyed type computes its key with it.
func Fields(v any) Sum {
	h := New()
	h.value(v, false)
	return h.Sum()
}

// Bytes returns the key of b, such as a file's content.
func Bytes(b []byte) Sum {
	full := sha256.Sum256(b)
	var s Sum
	copy(s[:], full[:])
	return s
}

// Hasher builds a key from values added one by one: the encoding of each is
// appended to a buffer, hashed once by Sum.
type Hasher struct {
	buf   []byte
	depth int
}

var pool = sync.Pool{New: func() any { return &Hasher{buf: make([]byte, 0, 1024)} }}

// New returns an empty Hasher.
func New() *Hasher {
	h := pool.Get().(*Hasher)
	h.buf, h.depth = h.buf[:0], 0
	return h
}

// Sum returns the key of everything added. The Hasher must not be used
// afterwards.
func (h *Hasher) Sum() Sum {
	s := Bytes(h.buf)
	if cap(h.buf) <= 1<<20 {
		pool.Put(h)
	}
	return s
}

// Value adds any value (see Of).
func (h *Hasher) Value(v any) { h.value(v, true) }

// String adds a string.
func (h *Hasher) String(s string) {
	h.uint(uint64(len(s)))
	h.buf = append(h.buf, s...)
}

// Bytes adds bytes.
func (h *Hasher) Bytes(b []byte) {
	h.uint(uint64(len(b)))
	h.buf = append(h.buf, b...)
}

// Key adds another key.
func (h *Hasher) Key(s Sum) { h.buf = append(h.buf, s[:]...) }

// Int adds a number.
func (h *Hasher) Int(n int64) { h.uint(uint64(n)) }

// Bool adds a flag.
func (h *Hasher) Bool(b bool) {
	if b {
		h.buf = append(h.buf, 1)
	} else {
		h.buf = append(h.buf, 0)
	}
}

func (h *Hasher) uint(n uint64) { h.buf = binary.LittleEndian.AppendUint64(h.buf, n) }

func (h *Hasher) float(f float64) { h.uint(math.Float64bits(f)) }
