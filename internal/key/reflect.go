package key

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"time"
	"unsafe"
)

// maxDepth bounds how many pointers Of follows in a row: a reference cycle
// (an article pointing at its neighbour and back) is a bug in the caller,
// reported by a panic rather than a stack overflow.
const maxDepth = 64

// encoder appends the encoding of v to h. Encoders are made once per type
// and kept: walking a type's fields by reflection is slow, calling a closure
// per field is not.
type encoder func(h *Hasher, v reflect.Value)

var (
	encoders  sync.Map // reflect.Type → encoder (Keyed types use their key)
	plain     sync.Map // reflect.Type → encoder of the fields alone (for Fields)
	keyedType = reflect.TypeFor[Keyed]()
	timeType  = reflect.TypeFor[time.Time]()
)

func (h *Hasher) value(v any, useKeyed bool) {
	if v == nil {
		h.buf = append(h.buf, 0)
		return
	}
	rv := reflect.ValueOf(v)
	h.String(rv.Type().String())
	if !useKeyed && rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			h.buf = append(h.buf, 0)
			return
		}
		rv = rv.Elem()
		fieldsEncoder(rv.Type())(h, rv)
		return
	}
	if !rv.CanAddr() {
		// Unexported fields are read through their address; a value
		// handed in directly is copied somewhere addressable first.
		c := reflect.New(rv.Type()).Elem()
		c.Set(rv)
		rv = c
	}
	if useKeyed {
		encoderOf(rv.Type())(h, rv)
	} else {
		fieldsEncoder(rv.Type())(h, rv)
	}
}

func encoderOf(t reflect.Type) encoder {
	if e, ok := encoders.Load(t); ok {
		return e.(encoder)
	}
	// A recursive type (a struct holding a pointer to its own type) asks
	// for its encoder while it is being made: hand out an indirection.
	var (
		wg sync.WaitGroup
		e  encoder
	)
	wg.Add(1)
	fi, loaded := encoders.LoadOrStore(t, encoder(func(h *Hasher, v reflect.Value) { wg.Wait(); e(h, v) }))
	if loaded {
		return fi.(encoder)
	}
	e = newEncoder(t)
	wg.Done()
	encoders.Store(t, e)
	return e
}

func fieldsEncoder(t reflect.Type) encoder {
	if e, ok := plain.Load(t); ok {
		return e.(encoder)
	}
	e := newKindEncoder(t)
	plain.Store(t, e)
	return e
}

// newEncoder makes the encoder of t, using t's own key when it has one.
func newEncoder(t reflect.Type) encoder {
	if t.Kind() != reflect.Interface && !promotesKey(t) {
		if t.Implements(keyedType) {
			if t.Kind() == reflect.Pointer {
				return func(h *Hasher, v reflect.Value) {
					if v.IsNil() {
						h.buf = append(h.buf, 0)
						return
					}
					h.buf = append(h.buf, 1)
					h.Key(exported(v).Interface().(Keyed).Key())
				}
			}
			return func(h *Hasher, v reflect.Value) { h.Key(exported(v).Interface().(Keyed).Key()) }
		}
		if reflect.PointerTo(t).Implements(keyedType) {
			return func(h *Hasher, v reflect.Value) {
				if !v.CanAddr() {
					c := reflect.New(t).Elem()
					c.Set(v)
					v = c
				}
				h.Key(exported(v.Addr()).Interface().(Keyed).Key())
			}
		}
	}
	return newKindEncoder(t)
}

// promotesKey reports whether t (or what it points to) embeds a Keyed type:
// then its Key method may be the embedded value's, which knows nothing of
// t's own fields, and t is walked instead.
func promotesKey(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return false
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && (f.Type.Implements(keyedType) || reflect.PointerTo(f.Type).Implements(keyedType)) {
			return true
		}
	}
	return false
}

// exported returns v in a form whose Interface method works, even when v was
// reached through an unexported field.
func exported(v reflect.Value) reflect.Value {
	if v.CanInterface() {
		return v
	}
	if v.CanAddr() {
		return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
	}
	panic(fmt.Sprintf("key: cannot read unexported %s", v.Type()))
}

func newKindEncoder(t reflect.Type) encoder {
	if t == timeType {
		return func(h *Hasher, v reflect.Value) {
			tm := exported(v).Interface().(time.Time)
			name, offset := tm.Zone()
			h.Int(tm.Unix())
			h.Int(int64(tm.Nanosecond()))
			h.Int(int64(offset))
			h.String(name)
		}
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(h *Hasher, v reflect.Value) { h.Bool(v.Bool()) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(h *Hasher, v reflect.Value) { h.Int(v.Int()) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(h *Hasher, v reflect.Value) { h.uint(v.Uint()) }
	case reflect.Float32, reflect.Float64:
		return func(h *Hasher, v reflect.Value) { h.float(v.Float()) }
	case reflect.Complex64, reflect.Complex128:
		return func(h *Hasher, v reflect.Value) { c := v.Complex(); h.float(real(c)); h.float(imag(c)) }
	case reflect.String:
		return func(h *Hasher, v reflect.Value) { h.String(v.String()) }
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return func(h *Hasher, v reflect.Value) { h.Bytes(v.Bytes()) }
		}
		return sliceEncoder(t)
	case reflect.Array:
		elem := encoderOf(t.Elem())
		return func(h *Hasher, v reflect.Value) {
			for i := range v.Len() {
				elem(h, v.Index(i))
			}
		}
	case reflect.Pointer:
		elem := encoderOf(t.Elem())
		return func(h *Hasher, v reflect.Value) {
			if v.IsNil() {
				h.buf = append(h.buf, 0)
				return
			}
			h.buf = append(h.buf, 1)
			h.depth++
			if h.depth > maxDepth {
				panic(fmt.Sprintf("key: %s nests deeper than %d pointers (a reference cycle?)", t, maxDepth))
			}
			elem(h, v.Elem())
			h.depth--
		}
	case reflect.Struct:
		return structEncoder(t)
	case reflect.Map:
		return mapEncoder(t)
	case reflect.Interface:
		return func(h *Hasher, v reflect.Value) {
			if v.IsNil() {
				h.buf = append(h.buf, 0)
				return
			}
			e := exported(v).Elem()
			h.String(e.Type().String())
			if !e.CanAddr() {
				c := reflect.New(e.Type()).Elem()
				c.Set(e)
				e = c
			}
			encoderOf(e.Type())(h, e)
		}
	}
	return func(h *Hasher, v reflect.Value) {
		panic(fmt.Sprintf("key: cannot hash a %s: tag the field `key:\"-\"` if it does not change the result", t))
	}
}

func sliceEncoder(t reflect.Type) encoder {
	elem := encoderOf(t.Elem())
	return func(h *Hasher, v reflect.Value) {
		n := v.Len()
		h.uint(uint64(n))
		for i := range n {
			elem(h, v.Index(i))
		}
	}
}

func structEncoder(t reflect.Type) encoder {
	type field struct {
		index int
		enc   encoder
	}
	var fields []field
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Tag.Get("key") == "-" || f.Name == "_" {
			continue
		}
		fields = append(fields, field{i, encoderOf(f.Type)})
	}
	return func(h *Hasher, v reflect.Value) {
		for _, f := range fields {
			f.enc(h, v.Field(f.index))
		}
	}
}

func mapEncoder(t reflect.Type) encoder {
	kenc, venc := encoderOf(t.Key()), encoderOf(t.Elem())
	return func(h *Hasher, v reflect.Value) {
		n := v.Len()
		h.uint(uint64(n))
		if n == 0 {
			return
		}
		v = exported(v)
		// Entries in the order of their encoded keys, so that the key of a
		// map does not depend on Go's random iteration order.
		type entry struct{ k, v []byte }
		entries := make([]entry, 0, n)
		sub := New()
		sub.depth = h.depth
		it := v.MapRange()
		for it.Next() {
			k, val := addressable(it.Key()), addressable(it.Value())
			sub.buf = sub.buf[:0]
			kenc(sub, k)
			kb := append([]byte(nil), sub.buf...)
			sub.buf = sub.buf[:0]
			venc(sub, val)
			entries = append(entries, entry{kb, append([]byte(nil), sub.buf...)})
		}
		pool.Put(sub)
		sort.Slice(entries, func(i, j int) bool { return bytes.Compare(entries[i].k, entries[j].k) < 0 })
		for _, e := range entries {
			h.buf = append(h.buf, e.k...)
			h.buf = append(h.buf, e.v...)
		}
	}
}

// addressable copies a map key or value (never addressable) so that its
// unexported fields can be read.
func addressable(v reflect.Value) reflect.Value {
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}
