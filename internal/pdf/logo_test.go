package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// TestLogoSVG converts the bundled site's logo and a few shapes and checks
// the paths that come out.
func TestLogoSVG(t *testing.T) {
	logo, err := os.ReadFile("../../static/images/logo.svg")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, svg string
		want      []string // in the decoded content stream
	}{
		{"site logo", string(logo), []string{"rg", " c\n", "f Q"}},
		{"rect", `<svg viewBox="0 0 10 10"><rect x="1" y="2" width="3" height="4" fill="#ff0000"/></svg>`, []string{"1 0 0 rg", "1 2 m", "4 2 l", "4 6 l", "1 6 l", "h\n"}},
		{"evenodd polygon", `<svg width="20" height="10"><polygon points="0,0 20,0 10,10" fill-rule="evenodd"/></svg>`, []string{"0 0 m", "20 0 l", "10 10 l", "f* Q"}},
		{"style fill and transform", `<svg viewBox="0 0 4 4"><g transform="translate(1 1)"><circle cx="1" cy="1" r="1" style="fill: rgb(0, 0, 255)"/></g></svg>`, []string{"1 0 0 1 1 1 cm", "0 0 1 rg"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lg, err := parseSVG([]byte(tt.svg))
			if err != nil {
				t.Fatal(err)
			}
			got := string(inflate(t, lg.data))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("content lacks %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestLogoErrors(t *testing.T) {
	for _, svg := range []string{
		`<svg viewBox="0 0 10 10"><text>no shapes</text></svg>`,
		`<svg viewBox="0 0 10 10"><rect width="5" height="5" fill="url(#g)"/></svg>`,
		`<svg><rect width="5" height="5"/></svg>`, // no size
		`not xml <`,
	} {
		if _, err := parseSVG([]byte(svg)); err == nil {
			t.Errorf("parseSVG(%q) = nil error", svg)
		}
	}
	if _, err := parseLogo("logo.gif", []byte("GIF89a")); err == nil {
		t.Error("a GIF logo: no error")
	}
}

// FuzzSVGPath feeds path data to the converter: it must end, without panic.
func FuzzSVGPath(f *testing.F) {
	for _, s := range []string{"M18 16h19a12 12 0 0 1 0 24H26v10h-8z", "z 1 2", "M0 0 z 3 4 5", "a1 1 0 01.5.5", "M1e9 1e-9 c1 2 3", "q t s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, d string) {
		done := make(chan struct{})
		go func() {
			var p pathBuilder
			p.svgPath(d)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("svgPath(%q) does not end", d)
		}
	})
}

func inflate(t *testing.T, data []byte) []byte {
	t.Helper()
	r, err := zlibReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func zlibReader(r *bytes.Reader) ([]byte, error) {
	z, err := zlib.NewReader(r)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}
