package key

import (
	"testing"
	"time"
)

func TestHasher(t *testing.T) {
	sum := func(f func(h *Hasher)) uint64 {
		h := New()
		f(h)
		return h.Sum()
	}
	a := sum(func(h *Hasher) { h.String("ab", "c") })
	if a == sum(func(h *Hasher) { h.String("a", "bc") }) {
		t.Error("(ab, c) and (a, bc) give one key")
	}
	if a != sum(func(h *Hasher) { h.String("ab"); h.String("c") }) {
		t.Error("strings added at once and one by one differ")
	}
	now := time.Unix(1, 0)
	if sum(func(h *Hasher) { h.Time(now); h.Bool(true) }) == sum(func(h *Hasher) { h.Time(now); h.Bool(false) }) {
		t.Error("a flag does not change the key")
	}
	if Bytes([]byte("x")) != Bytes([]byte("x")) || Bytes([]byte("x")) == Bytes([]byte("y")) {
		t.Error("Bytes is not a function of the bytes")
	}
}
