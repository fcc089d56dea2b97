package pdf

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"rsc.io/qr"
)

// TestRenderQRCodeMatchesURL rasterises page 1 and reads the QR code back
// module by module: what is printed must be the code of the article URL.
func TestRenderQRCodeMatchesURL(t *testing.T) {
	for _, size := range sizes {
		t.Run(size.String(), func(t *testing.T) {
			c := fixture()
			gray, w := raster(t, render(t, c, size), 4) // 4 px per point
			sh, err := size.sheet()
			if err != nil {
				t.Fatal(err)
			}
			code, err := qr.Encode(c.ArticleURL, qr.M)
			if err != nil {
				t.Fatal(err)
			}
			m := qrSide / float64(code.Size)
			x0, y0 := sh.w-sh.side-qrSide, sh.top
			wrong := 0
			for row := range code.Size {
				for col := range code.Size {
					// Sample the centre of the module.
					px := int((x0 + (float64(col)+0.5)*m) * 4)
					py := int((y0 + (float64(row)+0.5)*m) * 4)
					if dark := gray[py*w+px] < 128; dark != code.Black(col, row) {
						wrong++
					}
				}
			}
			if wrong > 0 {
				t.Errorf("%d of %d QR modules differ from the code of %s", wrong, code.Size*code.Size, c.ArticleURL)
			}
		})
	}
}

// TestRenderCheckboxes rasterises page 1 and looks at every item's box: its
// four sides are printed and its inside is blank, ready for a tick.
func TestRenderCheckboxes(t *testing.T) {
	for _, size := range sizes {
		t.Run(size.String(), func(t *testing.T) {
			c := fixture()
			const scale = 4
			gray, w := raster(t, render(t, c, size), scale)
			d := layoutOf(t, c, size)
			dark := func(x, y float64) bool { return gray[int(y*scale)*w+int(x*scale)] < 128 }
			boxes := 0
			for _, b := range d.blocks {
				if b.kind != item {
					continue
				}
				boxes++
				top := b.y + itemPad
				x, y := b.x, boxTop(top)
				mid := boxSide / 2
				sides := []struct {
					name string
					x, y float64
				}{{"left", x + 0.4, y + mid}, {"right", x + boxSide - 0.4, y + mid}, {"top", x + mid, y + 0.4}, {"bottom", x + mid, y + boxSide - 0.4}}
				for _, s := range sides {
					if !dark(s.x, s.y) {
						t.Errorf("item at %.0f,%.0f: %s side of its box is not printed", b.x, b.y, s.name)
					}
				}
				if dark(x+mid, y+mid) {
					t.Errorf("item at %.0f,%.0f: its box is not blank inside", b.x, b.y)
				}
			}
			want := 0
			for _, g := range fixture().Groups {
				want += len(g.Items)
			}
			if boxes != want {
				t.Errorf("checked %d boxes, want one per item: %d", boxes, want)
			}
		})
	}
}

// raster renders page 1 of pdf in 8-bit grey at scale pixels per point with
// pdftoppm and returns the pixels and the row width.
func raster(t *testing.T, pdf []byte, scale int) (pix []byte, width int) {
	t.Helper()
	poppler(t, pdf, "pdfinfo", "PDF") // skips or fails when poppler is missing
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "page")
	cmd := exec.Command("pdftoppm", "-r", fmt.Sprint(72*scale), "-gray", "-singlefile", "-f", "1", "-l", "1", in, out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out + ".pgm")
	if err != nil {
		t.Fatal(err)
	}
	// Binary PGM: "P5\n<width> <height>\n255\n" then one byte per pixel.
	r := bufio.NewReader(bytes.NewReader(data))
	var height, maxVal int
	if _, err := fmt.Fscanf(r, "P5\n%d %d\n%d\n", &width, &height, &maxVal); err != nil || maxVal != 255 {
		t.Fatalf("read pgm header: %v (max %d)", err, maxVal)
	}
	pix = data[len(data)-width*height:]
	return pix, width
}
