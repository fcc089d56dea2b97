// Package key hashes values into keys that tell whether something changed
// since the last build: a page's view data, a source file's bytes, the inputs
// of a PDF. Keys are compared within one process only (a build, or a serve
// session), so they use a fast seeded hash and are never stored.
package key

import (
	"encoding/binary"
	"hash/maphash"
	"time"
)

// seed is chosen once per process; keys of one process compare with each other.
var seed = maphash.MakeSeed()

// Hasher combines values into a key. Each value is written with its length or
// fixed width, so that ("ab", "c") and ("a", "bc") differ.
type Hasher struct{ h maphash.Hash }

// New returns an empty Hasher.
func New() *Hasher {
	h := &Hasher{}
	h.h.SetSeed(seed)
	return h
}

// String adds strings.
func (h *Hasher) String(ss ...string) {
	for _, s := range ss {
		h.Uint(uint64(len(s)))
		h.h.WriteString(s)
	}
}

// Uint adds a number.
func (h *Hasher) Uint(n uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], n)
	h.h.Write(b[:])
}

// Int adds a signed number.
func (h *Hasher) Int(n int64) { h.Uint(uint64(n)) }

// Bool adds a flag.
func (h *Hasher) Bool(b bool) {
	if b {
		h.Uint(1)
	} else {
		h.Uint(0)
	}
}

// Time adds an instant.
func (h *Hasher) Time(t time.Time) { h.Int(t.UnixNano()) }

// Sum returns the key of everything added.
func (h *Hasher) Sum() uint64 { return h.h.Sum64() }

// Bytes returns the key of b, such as a source file's content.
func Bytes(b []byte) uint64 { return maphash.Bytes(seed, b) }
