package pdf

import (
	"bytes"
	"strconv"
	"unicode/utf16"

	"github.com/peeplcoach/folio/internal/deflate"
)

// writer assembles a PDF file: numbered objects written in order, then the
// cross-reference table and trailer. Objects are written as they come; a
// number can be reserved first (alloc) so that objects can refer to each
// other in any order.
type writer struct {
	buf     bytes.Buffer
	offsets []int // by object number - 1; 0 until written
}

func newWriter(size int) *writer {
	w := &writer{}
	w.buf.Grow(size)
	// The binary comment tells transfer tools the file is not text.
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return w
}

// alloc reserves an object number.
func (w *writer) alloc() int {
	w.offsets = append(w.offsets, 0)
	return len(w.offsets)
}

// object writes object n with the dictionary or value body.
func (w *writer) object(n int, body []byte) {
	w.begin(n)
	w.buf.Write(body)
	w.buf.WriteString("\nendobj\n")
}

func (w *writer) begin(n int) {
	w.offsets[n-1] = w.buf.Len()
	w.buf.WriteString(strconv.Itoa(n))
	w.buf.WriteString(" 0 obj\n")
}

// stream writes object n as a stream whose data is already encoded; dict is
// the dictionary's entries besides /Length.
func (w *writer) stream(n int, dict string, data []byte) {
	w.begin(n)
	w.buf.WriteString("<<")
	w.buf.WriteString(dict)
	w.buf.WriteString("/Length ")
	w.buf.WriteString(strconv.Itoa(len(data)))
	w.buf.WriteString(">>\nstream\n")
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and the trailer and returns the
// file.
func (w *writer) finish(root, info int) []byte {
	xref := w.buf.Len()
	w.buf.WriteString("xref\n0 ")
	w.buf.WriteString(strconv.Itoa(len(w.offsets) + 1))
	w.buf.WriteString("\n0000000000 65535 f \n")
	var line [20]byte
	for _, off := range w.offsets {
		s := strconv.AppendInt(line[:0], int64(off), 10)
		pad := 10 - len(s)
		w.buf.WriteString("0000000000"[:pad])
		w.buf.Write(s)
		w.buf.WriteString(" 00000 n \n")
	}
	w.buf.WriteString("trailer\n<</Size ")
	w.buf.WriteString(strconv.Itoa(len(w.offsets) + 1))
	w.buf.WriteString("/Root ")
	w.buf.WriteString(ref(root))
	w.buf.WriteString("/Info ")
	w.buf.WriteString(ref(info))
	w.buf.WriteString(">>\nstartxref\n")
	w.buf.WriteString(strconv.Itoa(xref))
	w.buf.WriteString("\n%%EOF\n")
	return w.buf.Bytes()
}

func ref(n int) string { return strconv.Itoa(n) + " 0 R" }

// compress returns data compressed for a FlateDecode stream.
func compress(data []byte) []byte { return deflate.Zlib(data) }

// textString returns s as a PDF text string: a literal string for printable
// ASCII, else UTF-16BE with a byte-order mark in hex, as metadata needs for
// "café" or "信任".
func textString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			ascii = false
			break
		}
	}
	if ascii {
		return literal(s)
	}
	const hex = "0123456789ABCDEF"
	b := []byte("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15])
	}
	return string(append(b, '>'))
}

// literal returns s, printable ASCII, as a literal string with its
// delimiters and backslashes escaped.
func literal(s string) string {
	b := make([]byte, 0, len(s)+2)
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '(' || c == ')' || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(append(b, ')'))
}

// num appends x with at most 2 decimals and no trailing zeros: a hundredth
// of a point is far below what a printer can place.
func num(b []byte, x float64) []byte {
	v := int64(x*100 + 0.5)
	if x < 0 {
		v = int64(x*100 - 0.5)
	}
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	b = strconv.AppendInt(b, v/100, 10)
	if f := v % 100; f != 0 {
		b = append(b, '.', byte('0'+f/10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	return b
}
