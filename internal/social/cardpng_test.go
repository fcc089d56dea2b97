package social

import (
	"bytes"
	"image"
	"image/png"
	"testing"
)

// TestEncodePNGLossless checks that the card encoder writes exactly the
// canvas: every pixel's palette index and the palette read back from the
// PNG, for canvases with repeated rows at the top, runs of repeated rows of
// every length between text rows, noise, and a drawn card.
func TestEncodePNGLossless(t *testing.T) {
	seed := uint32(7)
	next := func() int {
		seed = seed*1664525 + 1013904223
		return int(seed >> 8)
	}
	pal := palette(Colors{}.withDefaults())
	canvases := map[string]func(img *image.Paletted){
		"background": func(*image.Paletted) {},
		"noise": func(img *image.Paletted) {
			for i := range img.Pix {
				img.Pix[i] = uint8(next() % len(pal))
			}
		},
		"blocks": func(img *image.Paletted) {
			// Text-like bands separated by runs of 1 to 40 repeated rows.
			for y := 0; y < CardHeight; {
				band := 1 + next()%30
				for ; band > 0 && y < CardHeight; band, y = band-1, y+1 {
					for range 1 + next()%20 {
						x := next() % CardWidth
						img.Pix[y*img.Stride+x] = uint8(next() % len(pal))
					}
				}
				y += 1 + next()%40
			}
		},
		"last row": func(img *image.Paletted) {
			img.Pix[(CardHeight-1)*img.Stride+5] = 9
		},
	}
	var pt Painter
	for name, fill := range canvases {
		t.Run(name, func(t *testing.T) {
			img := image.NewPaletted(image.Rect(0, 0, CardWidth, CardHeight), pal)
			fill(img)
			var out bytes.Buffer
			pt.encodePNG(&out, img)
			assertPNG(t, out.Bytes(), img)
		})
	}
	t.Run("card", func(t *testing.T) {
		in := CardInput{Title: "7 Tips to Get Your Manager to Trust You", Series: "Part 2 of 5 in the series “Managing Up”", SiteName: "Peeplcoach"}
		data, err := pt.Card(in)
		if err != nil {
			t.Fatal(err)
		}
		cv, err := pt.paint(in)
		if err != nil {
			t.Fatal(err)
		}
		assertPNG(t, data, cv.Paletted)
	})
}

// assertPNG checks that data decodes to img's palette and indices.
func assertPNG(t *testing.T, data []byte, img *image.Paletted) {
	t.Helper()
	got, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	p, ok := got.(*image.Paletted)
	if !ok {
		t.Fatalf("decoded a %T, want *image.Paletted", got)
	}
	if len(p.Palette) != len(img.Palette) {
		t.Fatalf("palette has %d colours, want %d", len(p.Palette), len(img.Palette))
	}
	for i := range p.Palette {
		r0, g0, b0, a0 := p.Palette[i].RGBA()
		r1, g1, b1, a1 := img.Palette[i].RGBA()
		if r0 != r1 || g0 != g1 || b0 != b1 || a0 != a1 {
			t.Fatalf("palette[%d] = %v, want %v", i, p.Palette[i], img.Palette[i])
		}
	}
	for y := range CardHeight {
		a := p.Pix[y*p.Stride : y*p.Stride+CardWidth]
		b := img.Pix[y*img.Stride : y*img.Stride+CardWidth]
		if !bytes.Equal(a, b) {
			x := 0
			for a[x] == b[x] {
				x++
			}
			t.Fatalf("pixel (%d, %d) = %d, want %d", x, y, a[x], b[x])
		}
	}
}
