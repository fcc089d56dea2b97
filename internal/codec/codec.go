// Package codec turns Go values into bytes and back, for the cache: a parsed
// page is kept in .cache/ and read again by the next build instead of being
// converted anew. Like package key it walks values by reflection (every
// field, exported or not), so nobody keeps a list of the fields to save: a
// field added to a page is saved by construction. The encoding is compact
// and fast to read (varints, lengths, no field names); it is not meant to be
// read by another version of folio, and the cache keys entries by folio's
// version.
package codec

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"
	"time"
	"unsafe"
)

// Append appends the encoding of *v (v is a pointer) to dst.
func Append(dst []byte, v any) (out []byte, err error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, errors.New("codec: Append needs a non-nil pointer")
	}
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("codec: %v", p)
		}
	}()
	e := &encState{buf: dst}
	codecOf(rv.Type().Elem()).enc(e, rv.Elem())
	return e.buf, nil
}

// Decode decodes data, made by Append from a value of the same type, into
// *v (v is a pointer).
func Decode(data []byte, v any) (err error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errors.New("codec: Decode needs a non-nil pointer")
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("codec: %v", p)
		}
	}()
	d := &decState{buf: data}
	codecOf(rv.Type().Elem()).dec(d, rv.Elem())
	if len(d.buf) != 0 {
		return fmt.Errorf("codec: %d bytes left over", len(d.buf))
	}
	return nil
}

type encState struct{ buf []byte }

func (e *encState) uvarint(n uint64) { e.buf = binary.AppendUvarint(e.buf, n) }
func (e *encState) varint(n int64)   { e.buf = binary.AppendVarint(e.buf, n) }
func (e *encState) bytes(b []byte)   { e.uvarint(uint64(len(b))); e.buf = append(e.buf, b...) }
func (e *encState) str(s string)     { e.uvarint(uint64(len(s))); e.buf = append(e.buf, s...) }

type decState struct{ buf []byte }

var errShort = errors.New("data cut short")

func (d *decState) uvarint() uint64 {
	n, k := binary.Uvarint(d.buf)
	if k <= 0 {
		panic(errShort)
	}
	d.buf = d.buf[k:]
	return n
}

func (d *decState) varint() int64 {
	n, k := binary.Varint(d.buf)
	if k <= 0 {
		panic(errShort)
	}
	d.buf = d.buf[k:]
	return n
}

func (d *decState) take(n uint64) []byte {
	if n > uint64(len(d.buf)) {
		panic(errShort)
	}
	b := d.buf[:n:n]
	d.buf = d.buf[n:]
	return b
}

func (d *decState) length() int {
	n := d.uvarint()
	if n > uint64(len(d.buf))+1 {
		panic(errShort) // no element takes less than a byte
	}
	return int(n)
}

// codec encodes and decodes one type.
type codec struct {
	enc func(e *encState, v reflect.Value)
	dec func(d *decState, v reflect.Value)
}

var codecs sync.Map // reflect.Type → *codec

var timeType = reflect.TypeFor[time.Time]()

func codecOf(t reflect.Type) *codec {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec)
	}
	// Codecs are made in a map of this call's own, where a recursive type
	// finds its placeholder, and published once all are whole: no other
	// goroutine ever sees a codec being made.
	local := map[reflect.Type]*codec{}
	var of func(reflect.Type) *codec
	of = func(t reflect.Type) *codec {
		if c, ok := codecs.Load(t); ok {
			return c.(*codec)
		}
		if c, ok := local[t]; ok {
			return c
		}
		c := &codec{}
		local[t] = c
		made := newCodec(t, of)
		c.enc, c.dec = made.enc, made.dec
		return c
	}
	c := of(t)
	for lt, lc := range local {
		codecs.LoadOrStore(lt, lc)
	}
	return c
}

// settable returns v in a form that can be set, even when v was reached
// through an unexported field (v is always addressable here).
func settable(v reflect.Value) reflect.Value {
	if v.CanSet() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

func newCodec(t reflect.Type, codecOf func(reflect.Type) *codec) codec {
	if t == timeType {
		return codec{
			enc: func(e *encState, v reflect.Value) {
				b, err := settable(v).Interface().(time.Time).MarshalBinary()
				if err != nil {
					panic(err)
				}
				e.bytes(b)
			},
			dec: func(d *decState, v reflect.Value) {
				var tm time.Time
				if err := tm.UnmarshalBinary(d.take(d.uvarint())); err != nil {
					panic(err)
				}
				settable(v).Set(reflect.ValueOf(tm))
			},
		}
	}
	switch t.Kind() {
	case reflect.Bool:
		return codec{
			enc: func(e *encState, v reflect.Value) {
				if v.Bool() {
					e.buf = append(e.buf, 1)
				} else {
					e.buf = append(e.buf, 0)
				}
			},
			dec: func(d *decState, v reflect.Value) { settable(v).SetBool(d.take(1)[0] == 1) },
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return codec{
			enc: func(e *encState, v reflect.Value) { e.varint(v.Int()) },
			dec: func(d *decState, v reflect.Value) { settable(v).SetInt(d.varint()) },
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return codec{
			enc: func(e *encState, v reflect.Value) { e.uvarint(v.Uint()) },
			dec: func(d *decState, v reflect.Value) { settable(v).SetUint(d.uvarint()) },
		}
	case reflect.Float32, reflect.Float64:
		return codec{
			enc: func(e *encState, v reflect.Value) { e.uvarint(math.Float64bits(v.Float())) },
			dec: func(d *decState, v reflect.Value) { settable(v).SetFloat(math.Float64frombits(d.uvarint())) },
		}
	case reflect.String:
		return codec{
			enc: func(e *encState, v reflect.Value) { e.str(v.String()) },
			dec: func(d *decState, v reflect.Value) { settable(v).SetString(string(d.take(d.uvarint()))) },
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return codec{
				enc: func(e *encState, v reflect.Value) {
					if v.IsNil() {
						e.uvarint(0)
						return
					}
					e.uvarint(uint64(v.Len()) + 1)
					e.buf = append(e.buf, v.Bytes()...)
				},
				dec: func(d *decState, v reflect.Value) {
					n := d.length()
					if n == 0 {
						return
					}
					settable(v).SetBytes(append([]byte(nil), d.take(uint64(n-1))...))
				},
			}
		}
		elem := codecOf(t.Elem())
		return codec{
			enc: func(e *encState, v reflect.Value) {
				if v.IsNil() {
					e.uvarint(0)
					return
				}
				n := v.Len()
				e.uvarint(uint64(n) + 1)
				for i := range n {
					elem.enc(e, v.Index(i))
				}
			},
			dec: func(d *decState, v reflect.Value) {
				n := d.length()
				if n == 0 {
					return
				}
				s := reflect.MakeSlice(t, n-1, n-1)
				for i := range n - 1 {
					elem.dec(d, s.Index(i))
				}
				settable(v).Set(s)
			},
		}
	case reflect.Array:
		elem := codecOf(t.Elem())
		return codec{
			enc: func(e *encState, v reflect.Value) {
				for i := range v.Len() {
					elem.enc(e, v.Index(i))
				}
			},
			dec: func(d *decState, v reflect.Value) {
				for i := range v.Len() {
					elem.dec(d, v.Index(i))
				}
			},
		}
	case reflect.Pointer:
		elem := codecOf(t.Elem())
		return codec{
			enc: func(e *encState, v reflect.Value) {
				if v.IsNil() {
					e.buf = append(e.buf, 0)
					return
				}
				e.buf = append(e.buf, 1)
				elem.enc(e, v.Elem())
			},
			dec: func(d *decState, v reflect.Value) {
				if d.take(1)[0] == 0 {
					return
				}
				p := reflect.New(t.Elem())
				elem.dec(d, p.Elem())
				settable(v).Set(p)
			},
		}
	case reflect.Map:
		kc, vc := codecOf(t.Key()), codecOf(t.Elem())
		return codec{
			enc: func(e *encState, v reflect.Value) {
				if v.IsNil() {
					e.uvarint(0)
					return
				}
				e.uvarint(uint64(v.Len()) + 1)
				k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
				it := settable(v).MapRange()
				for it.Next() {
					k.Set(it.Key())
					x.Set(it.Value())
					kc.enc(e, k)
					vc.enc(e, x)
				}
			},
			dec: func(d *decState, v reflect.Value) {
				n := d.length()
				if n == 0 {
					return
				}
				m := reflect.MakeMapWithSize(t, n-1)
				for range n - 1 {
					k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
					kc.dec(d, k)
					vc.dec(d, x)
					m.SetMapIndex(k, x)
				}
				settable(v).Set(m)
			},
		}
	case reflect.Struct:
		type field struct {
			index int
			c     *codec
		}
		var fields []field
		for i := range t.NumField() {
			fields = append(fields, field{i, codecOf(t.Field(i).Type)})
		}
		return codec{
			enc: func(e *encState, v reflect.Value) {
				for _, f := range fields {
					f.c.enc(e, v.Field(f.index))
				}
			},
			dec: func(d *decState, v reflect.Value) {
				for _, f := range fields {
					f.c.dec(d, v.Field(f.index))
				}
			},
		}
	case reflect.Interface:
		// An interface holds nil or one of the types front matter is made
		// of (YAML's scalars, lists and maps): the type's number, then the
		// value. Anything else cannot be told apart on decoding.
		return codec{
			enc: func(e *encState, v reflect.Value) {
				if v.IsNil() {
					e.buf = append(e.buf, 0)
					return
				}
				x := settable(v).Elem()
				tag := dynamicTag(x.Type())
				if tag == 0 {
					panic(fmt.Sprintf("cannot encode a %s holding a %s", t, x.Type()))
				}
				e.buf = append(e.buf, tag)
				c := reflect.New(x.Type()).Elem()
				c.Set(x)
				codecOf(x.Type()).enc(e, c)
			},
			dec: func(d *decState, v reflect.Value) {
				tag := d.take(1)[0]
				if tag == 0 {
					return
				}
				if int(tag) >= len(dynamicTypes) {
					panic(fmt.Sprintf("unknown type %d in an interface", tag))
				}
				x := reflect.New(dynamicTypes[tag]).Elem()
				codecOf(x.Type()).dec(d, x)
				settable(v).Set(x)
			},
		}
	}
	return codec{
		enc: func(*encState, reflect.Value) { panic(fmt.Sprintf("cannot encode a %s", t)) },
		dec: func(*decState, reflect.Value) { panic(fmt.Sprintf("cannot decode a %s", t)) },
	}
}

// dynamicTypes are the types an interface value may hold, by number (0 is
// nil): those a YAML or JSON decoder makes.
var dynamicTypes = []reflect.Type{
	nil,
	reflect.TypeFor[string](),
	reflect.TypeFor[bool](),
	reflect.TypeFor[int](),
	reflect.TypeFor[int64](),
	reflect.TypeFor[uint64](),
	reflect.TypeFor[float64](),
	reflect.TypeFor[[]any](),
	reflect.TypeFor[map[string]any](),
	reflect.TypeFor[map[any]any](),
	reflect.TypeFor[time.Time](),
}

func dynamicTag(t reflect.Type) byte {
	for i, d := range dynamicTypes {
		if d == t {
			return byte(i)
		}
	}
	return 0
}
