package pdf

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func hd(h float64) block { return block{kind: heading, h: h, gap: 10} }
func it(h float64) block { return block{kind: item, h: h} }

func TestPaginate(t *testing.T) {
	tests := []struct {
		name        string
		blocks      []block
		first, rest float64
		want        []place
		wantErr     error
	}{
		{"fits on one page", []block{hd(20), it(30), it(30)}, 100, 100,
			[]place{{0, 0}, {0, 20}, {0, 50}}, nil},
		{"gap above a heading counts mid-page", []block{it(20), hd(20), it(30)}, 100, 100,
			[]place{{0, 0}, {0, 30}, {0, 50}}, nil},
		{"gap above a heading is dropped at a page top", []block{it(60), hd(20), it(30)}, 100, 100,
			[]place{{0, 0}, {1, 0}, {1, 20}}, nil},
		{"heading that fits alone moves with its first item", []block{it(50), hd(20), it(25)}, 100, 100,
			[]place{{0, 0}, {1, 0}, {1, 20}}, nil},
		{"second item moves, heading stays", []block{hd(20), it(40), it(50)}, 100, 100,
			[]place{{0, 0}, {0, 20}, {1, 0}}, nil},
		{"exact fit stays", []block{it(50), it(50), it(10)}, 100, 100,
			[]place{{0, 0}, {0, 50}, {1, 0}}, nil},
		{"smaller first page", []block{it(40), it(40), it(40)}, 50, 100,
			[]place{{0, 0}, {1, 0}, {1, 40}}, nil},
		{"heading and item taller than a page", []block{hd(20), it(90)}, 100, 100, nil, errTooTall},
		{"item taller than a page after others", []block{it(30), it(120)}, 100, 100, nil, errTooTall},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := paginate(tt.blocks, tt.first, tt.rest)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("places = %v, want %v", got, tt.want)
			}
		})
	}
}

// manyGroups has one-item groups, so many page breaks fall next to a heading.
func manyGroups() Checklist {
	c := fixture()
	c.Groups = nil
	for g := range 45 {
		c.Groups = append(c.Groups, Group{
			Heading: fmt.Sprintf("Heading %d with a title long enough to matter", g),
			Items:   []string{strings.Repeat("An item that may wrap. ", 1+g%5)},
		})
	}
	return c
}

// TestLayoutPageBreaks lays out checklists longer than a page with the real
// fonts and checks every break: blocks in order, inside the content area,
// and no heading alone at a page foot.
func TestLayoutPageBreaks(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Checklist
	}{{"long", long()}, {"many groups", manyGroups()}} {
		for _, size := range sizes {
			t.Run(tc.name+"/"+size.String(), func(t *testing.T) {
				c := tc.c
				if _, err := validate(&c); err != nil {
					t.Fatal(err)
				}
				sh, err := size.sheet()
				if err != nil {
					t.Fatal(err)
				}
				d, err := layout(newDocument(&c, sh), &c, sh)
				if err != nil {
					t.Fatal(err)
				}
				if d.pages < 2 {
					t.Fatalf("pages = %d, want 2 or more", d.pages)
				}
				checkBreaks(t, d)
			})
		}
	}
}

func checkBreaks(t *testing.T, d *doc) {
	t.Helper()
	const eps = 1e-9
	for i, b := range d.blocks {
		p := d.places[i]
		avail := d.contentBottom() - d.contentTop(p.page)
		if p.y < 0 || p.y+b.h > avail+eps {
			t.Errorf("block %d (%q) at page %d y %.1f, height %.1f: outside 0..%.1f", i, b.lines, p.page, p.y, b.h, avail)
		}
		if i == 0 {
			continue
		}
		prev := d.places[i-1]
		switch {
		case p.page == prev.page && p.y < prev.y+d.blocks[i-1].h:
			t.Errorf("block %d overlaps or precedes block %d", i, i-1)
		case p.page == prev.page+1 && p.y != 0:
			t.Errorf("block %d starts page %d at y %.1f, want 0", i, p.page, p.y)
		case p.page != prev.page && p.page != prev.page+1:
			t.Errorf("block %d on page %d after block %d on page %d", i, p.page, i-1, prev.page)
		}
		if d.blocks[i-1].kind == heading && p.page != prev.page {
			t.Errorf("heading %q left alone at the foot of page %d", d.blocks[i-1].lines, prev.page+1)
		}
	}
	if got := d.places[len(d.places)-1].page + 1; got != d.pages {
		t.Errorf("pages = %d, last block on page %d", d.pages, got)
	}
}

func TestNoteLines(t *testing.T) {
	two := notesGap + notesLabelLead + 2*noteSpacing
	tests := []struct {
		space float64
		want  int
	}{
		{-50, 0},
		{0, 0},
		{two - 0.1, 0},
		{two, 2},
		{two + noteSpacing, 3},
		{1000, maxNoteLines},
	}
	for _, tt := range tests {
		if got := noteLines(tt.space); got != tt.want {
			t.Errorf("noteLines(%.1f) = %d, want %d", tt.space, got, tt.want)
		}
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{" leading", "leading"},
		{"trailing ", "trailing"},
		{"two  spaces", "two spaces"},
		{"line\nbreak\tand\r\ntab", "line break and tab"},
		{"no\u00a0break", "no\u00a0break"},
		{"curly “quotes” — dash", "curly “quotes” — dash"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFit(t *testing.T) {
	c := fixture()
	sh, _ := A4.sheet()
	f := newDocument(&c, sh)
	f.SetFont(family, string(regular), footerSize)
	long := "An article title long enough that it cannot fit in the footer’s space"
	tests := []struct {
		s     string
		w     float64
		whole bool
	}{
		{"Short title", 200, true},
		{long, 1000, true},
		{long, 120, false},
	}
	for _, tt := range tests {
		got := fit(f, tt.s, tt.w)
		if w := f.GetStringWidth(got); w > tt.w {
			t.Errorf("fit(%q, %.0f) = %q, %.1f wide", tt.s, tt.w, got, w)
		}
		if tt.whole && got != tt.s {
			t.Errorf("fit(%q, %.0f) = %q, want it whole", tt.s, tt.w, got)
		}
		if !tt.whole && (!strings.HasSuffix(got, "…") || !strings.HasPrefix(tt.s, strings.TrimSuffix(got, "…"))) {
			t.Errorf("fit(%q, %.0f) = %q, want a prefix and an ellipsis", tt.s, tt.w, got)
		}
	}
}
