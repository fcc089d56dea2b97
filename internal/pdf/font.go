package pdf

import (
	"hash/fnv"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/peeplcoach/folio/internal/fonts"
)

// subset is one font's glyphs in a sheet: ids[cid] is the font's glyph id.
type subset struct {
	ids    []uint16
	text   []string  // by cid: the characters the glyph stands for
	widths []float64 // by cid, in thousandths of an em
	tag    string    // six capitals naming the subset
}

// subset gathers the glyph programs of the glyphs a sheet uses of one font.
func (r *Renderer) subset(fontID int, used map[uint16]string) *subset {
	f := r.lib.Fonts()[fontID]
	s := &subset{ids: sortedIDs(used)}
	h := fnv.New64a()
	h.Write([]byte(f.Name))
	for _, id := range s.ids {
		g := r.glyph(fontID, id)
		s.text = append(s.text, used[id])
		s.widths = append(s.widths, float64(g.advance)*1000/f.Upem)
		h.Write([]byte{byte(id >> 8), byte(id)})
	}
	sum := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	s.tag = string(tag)
	return s
}

// glyph returns the glyph program of a glyph, made on first use and kept for
// the renderer's life: a build makes each glyph once.
func (r *Renderer) glyph(fontID int, id uint16) *glyph {
	k := glyphKey{fontID, id}
	if g, ok := r.glyphs.Load(k); ok {
		return g.(*glyph)
	}
	segs, adv := r.lib.Outline(fontID, id)
	g := encodeGlyph(segs, adv)
	actual, _ := r.glyphs.LoadOrStore(k, &g)
	return actual.(*glyph)
}

// fontFile is the encoded parts of a font subset that do not depend on
// where it goes in a file: made once for every sheet that uses the same
// glyphs with the same text (the A4 and Letter sheets of an article).
type fontFile struct {
	once      sync.Once
	widths    []byte // the W array
	program   []byte // compressed TrueType program
	length1   int    // its size uncompressed
	toUnicode []byte // compressed CMap
}

// fileCache keeps the latest font files, a few per article being drawn:
// enough for the two sheets of an article to share one, bounded so a build
// of any size keeps its memory flat.
type fileCache struct {
	mu    sync.Mutex
	files map[string]*fontFile
	order []string // oldest first
}

const fileCacheSize = 64

func (c *fileCache) get(key string) *fontFile {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.files[key]; ok {
		return f
	}
	if c.files == nil {
		c.files = map[string]*fontFile{}
	}
	if len(c.order) >= fileCacheSize {
		delete(c.files, c.order[0])
		c.order = c.order[1:]
	}
	f := &fontFile{}
	c.files[key] = f
	c.order = append(c.order, key)
	return f
}

// file returns the encoded font file of s.
func (r *Renderer) file(f *fonts.Font, s *subset) *fontFile {
	var key strings.Builder
	key.WriteString(strconv.Itoa(f.ID))
	for i, id := range s.ids {
		key.WriteString("\x00" + strconv.Itoa(int(id)) + "\x01" + s.text[i])
	}
	ff := r.files.get(key.String())
	ff.once.Do(func() {
		wa := []byte("[0[")
		for i, v := range s.widths {
			if i > 0 {
				wa = append(wa, ' ')
			}
			wa = num(wa, v)
		}
		ff.widths = append(wa, "]]"...)
		glyphs := make([]*glyph, len(s.ids))
		for i, id := range s.ids {
			glyphs[i] = r.glyph(f.ID, id)
		}
		prog := buildTrueType(f, glyphs)
		ff.length1 = len(prog)
		ff.program = compress(prog)
		ff.toUnicode = compress(toUnicode(s))
	})
	return ff
}

// writeFont writes a Type 0 font with its CID font, descriptor, program and
// ToUnicode map, starting at object n.
func (r *Renderer) writeFont(w *writer, n int, f *fonts.Font, s *subset) {
	ff := r.file(f, s)
	cidFont, desc, file, toUni := w.alloc(), w.alloc(), w.alloc(), w.alloc()
	name := "/" + s.tag + "+" + f.Name
	w.object(n, []byte("<</Type/Font/Subtype/Type0/BaseFont"+name+"/Encoding/Identity-H/DescendantFonts["+ref(cidFont)+"]/ToUnicode "+ref(toUni)+">>"))
	wa := ff.widths
	w.object(cidFont, []byte("<</Type/Font/Subtype/CIDFontType2/BaseFont"+name+
		"/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor "+ref(desc)+
		"/CIDToGIDMap/Identity/W"+string(wa)+">>"))
	k := 1000 / f.Upem
	db := []byte("<</Type/FontDescriptor/FontName" + name + "/Flags 4/FontBBox[")
	for i, v := range f.BBox {
		if i > 0 {
			db = append(db, ' ')
		}
		db = num(db, v*k)
	}
	db = append(db, "]/ItalicAngle 0/Ascent "...)
	db = num(db, f.Ascent*k)
	db = append(db, "/Descent "...)
	db = num(db, -f.Descent*k)
	db = append(db, "/CapHeight "...)
	db = num(db, f.CapHeight*k)
	db = append(db, "/StemV 80/FontFile2 "+ref(file)+">>"...)
	w.object(desc, db)
	w.stream(file, "/Filter/FlateDecode/Length1 "+strconv.Itoa(ff.length1), ff.program)
	w.stream(toUni, "/Filter/FlateDecode", ff.toUnicode)
}

// toUnicode is the CMap that maps each glyph of the subset back to its
// characters, so copying and pdftotext give the text as written.
func toUnicode(s *subset) []byte {
	b := []byte("/CIDInit/ProcSet findresource begin 12 dict begin begincmap/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def/CMapName/Adobe-Identity-UCS def/CMapType 2 def\n1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n")
	var entries [][]byte
	for cid, t := range s.text {
		if t == "" {
			continue
		}
		e := []byte{'<'}
		e = appendHex4(e, uint16(cid))
		e = append(e, "><"...)
		for _, u := range utf16.Encode([]rune(t)) {
			e = appendHex4(e, u)
		}
		entries = append(entries, append(e, '>', '\n'))
	}
	for len(entries) > 0 {
		n := min(len(entries), 100)
		b = append(b, strconv.Itoa(n)+" beginbfchar\n"...)
		for _, e := range entries[:n] {
			b = append(b, e...)
		}
		b = append(b, "endbfchar\n"...)
		entries = entries[n:]
	}
	return append(b, "endcmap CMapName currentdict/CMap defineresource pop end end\n"...)
}
