package pdf

import (
	"fmt"
	"strings"
	"testing"
)

func u(h float64) unit { return unit{h: h} }

func TestBalance(t *testing.T) {
	tests := []struct {
		name   string
		units  []unit
		avail  float64
		wantH  float64
		wantOK bool
	}{
		{"two equal units side by side", []unit{u(100), u(100)}, 500, 100, true},
		{"three units: two and one", []unit{u(100), u(100), u(100)}, 500, 100 + groupAfter + 100, true},
		{"one tall and two short", []unit{u(200), u(90), u(90)}, 500, 200, true},
		{"too many for one page", []unit{u(300), u(300), u(300)}, 500, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, ok := balance(tt.units, tt.avail)
			if ok != tt.wantOK || (ok && (h < tt.wantH-1e-6 || h > tt.wantH+1e-6)) {
				t.Errorf("balance = %.2f, %v; want %.2f, %v", h, ok, tt.wantH, tt.wantOK)
			}
		})
	}
}

// manyGroups has one-item groups, so many column breaks fall next to a heading.
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

func layoutOf(t *testing.T, c Checklist, size PageSize) *doc {
	t.Helper()
	if _, err := validate(&c); err != nil {
		t.Fatal(err)
	}
	sh, err := size.sheet()
	if err != nil {
		t.Fatal(err)
	}
	r, err := defaultRenderer()
	if err != nil {
		t.Fatal(err)
	}
	d, err := r.layout(&c, sh)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestLayoutColumns lays out checklists with the real fonts and checks every
// block: inside a column of its page and the content area, in reading order
// (down the left column, then the right, then the next page), no overlap,
// and no heading alone at the foot of a column.
func TestLayoutColumns(t *testing.T) {
	for _, tc := range []struct {
		name      string
		c         Checklist
		wantPages int
	}{{"first article", fixture(), 1}, {"long", long(), 2}, {"many groups", manyGroups(), 2}} {
		for _, size := range sizes {
			t.Run(tc.name+"/"+size.String(), func(t *testing.T) {
				d := layoutOf(t, tc.c, size)
				if d.pages < tc.wantPages || (tc.wantPages == 1 && d.pages != 1) {
					t.Fatalf("pages = %d, want %d or more", d.pages, tc.wantPages)
				}
				checkColumns(t, d)
			})
		}
	}
}

func checkColumns(t *testing.T, d *doc) {
	t.Helper()
	const eps = 1e-6
	left := d.sh.side
	right := d.sh.side + d.colW + colGap
	usedRight := false
	for i, b := range d.blocks {
		if b.x != left && b.x != right {
			t.Errorf("block %d at x %.1f: not at a column's left edge", i, b.x)
		}
		usedRight = usedRight || b.x == right
		if b.y < d.top(b.page)-eps || b.y+b.h > d.contentB+eps {
			t.Errorf("block %d on page %d spans %.1f–%.1f, outside %.1f–%.1f", i, b.page, b.y, b.y+b.h, d.top(b.page), d.contentB)
		}
		for _, l := range b.text.lines {
			max := d.colW
			if b.kind == item {
				max -= boxIndent
			}
			if l.Width > max+eps {
				t.Errorf("block %d: a line %.1f pt wide in a %.1f pt column", i, l.Width, max)
			}
		}
		if i == 0 {
			continue
		}
		p := d.blocks[i-1]
		order := func(b block) [3]float64 { return [3]float64{float64(b.page), b.x, b.y} }
		a, c := order(p), order(b)
		if a[0] > c[0] || a[0] == c[0] && (a[1] > c[1] || a[1] == c[1] && a[2]+p.h > c[2]+eps) {
			t.Errorf("block %d (page %d, x %.0f, y %.1f) is not after block %d (page %d, x %.0f, y %.1f, h %.1f)", i, b.page, b.x, b.y, i-1, p.page, p.x, p.y, p.h)
		}
		if p.kind == heading && (p.page != b.page || p.x != b.x) {
			t.Errorf("heading %d left alone at the foot of a column", i-1)
		}
	}
	if !usedRight {
		t.Error("the right column is empty: the sheet is not in two columns")
	}
	if d.pages == 1 && d.notes < minNoteLines {
		t.Errorf("a one-page sheet has %d note lines, want at least %d", d.notes, minNoteLines)
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
