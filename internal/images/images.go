// Package images knows what folio needs of the images a page shows: their
// size (read from the file's header, with a JPEG's EXIF orientation), the
// smaller copies to offer browsers in srcset, and how to make those copies,
// in pure Go. It reads only the bytes or the fs.FS it is given: the site's
// folder, never anything outside it.
package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // register the GIF decoder: sizes of .gif images
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // register the WebP decoder: sizes of .webp images
)

// Version changes whenever Resize makes different bytes for the same input,
// so cached copies of an older folio are not used.
const Version = "images/2" // 2: PNG at DefaultCompression

// Widths are the widths of the smaller copies offered in srcset: a phone's
// column (480), a tablet's or a 2× phone's (800), a laptop's 2× column
// (1200, 1600). Only those narrower than the image itself are made.
var Widths = []int{480, 800, 1200, 1600}

// Sizes is the sizes attribute that goes with them: the image spans the text
// column, which is 41rem wide past 43.5rem of screen and the screen less its
// margins below (static/css/site.css, --measure and --gutter).
const Sizes = "(min-width: 43.5rem) 41rem, calc(100vw - 2.5rem)"

// Info is what a file's header says of an image.
type Info struct {
	Format string // "jpeg", "png", "gif", "webp", "svg"
	// Width and Height as a browser shows the image: a JPEG whose EXIF
	// orientation turns it by 90° has them swapped from the stored pixels.
	Width, Height int
	Orientation   int // EXIF orientation of a JPEG, 1 (as stored) to 8
}

// Resizable reports whether folio makes smaller copies of such an image: a
// JPEG or PNG. GIFs may be animated, WebP has no encoder in pure Go, and SVG
// scales by itself.
func (i Info) Resizable() bool { return i.Format == "jpeg" || i.Format == "png" }

// CopyWidths returns the widths of Widths narrower than the image, for a
// format folio resizes.
func (i Info) CopyWidths() []int {
	if !i.Resizable() {
		return nil
	}
	var out []int
	for _, w := range Widths {
		if w < i.Width {
			out = append(out, w)
		}
	}
	return out
}

// headerSize is how much of a file Probe needs at most: JPEG's EXIF block
// and frame header come within the first 64 KB of any camera's file.
const headerSize = 256 << 10

// ErrUnknownFormat is returned for files that are not an image folio reads.
var ErrUnknownFormat = errors.New("not a JPEG, PNG, GIF, WebP or SVG image")

// ProbeFile reads the header of the image at name in fsys.
func ProbeFile(fsys fs.FS, name string) (Info, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return Info{}, err
	}
	defer f.Close()
	head, err := io.ReadAll(io.LimitReader(f, headerSize))
	if err != nil {
		return Info{}, fmt.Errorf("read %s: %w", name, err)
	}
	info, err := Probe(head)
	if err != nil {
		return Info{}, fmt.Errorf("%s: %w", name, err)
	}
	return info, nil
}

// Probe reads the size of an image from its first bytes.
func Probe(head []byte) (Info, error) {
	if isSVG(head) {
		w, h, ok := svgSize(head)
		if !ok {
			return Info{Format: "svg"}, nil
		}
		return Info{Format: "svg", Width: w, Height: h, Orientation: 1}, nil
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(head))
	if err != nil {
		return Info{}, ErrUnknownFormat
	}
	info := Info{Format: format, Width: cfg.Width, Height: cfg.Height, Orientation: 1}
	if format == "jpeg" {
		info.Orientation = exifOrientation(head)
		if info.Orientation >= 5 {
			info.Width, info.Height = info.Height, info.Width
		}
	}
	return info, nil
}

// Resize returns a copy of a JPEG or PNG image scaled to width (its height in
// proportion), turned upright by its EXIF orientation, in its own format. The
// same input always gives the same bytes.
func Resize(data []byte, width int) ([]byte, error) {
	info, err := Probe(data)
	if err != nil {
		return nil, err
	}
	if !info.Resizable() {
		return nil, fmt.Errorf("cannot resize %s images", info.Format)
	}
	if width <= 0 || width >= info.Width {
		return nil, fmt.Errorf("width %d: the image is %d pixels wide", width, info.Width)
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	src = orient(src, info.Orientation)
	b := src.Bounds()
	height := max(1, (b.Dy()*width+b.Dx()/2)/b.Dx())
	dst := image.NewRGBA(image.Rect(0, 0, width, height))
	// Catmull-Rom: sharp, without Lanczos's ringing; x/image/draw's is
	// the one the Go team keeps.
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	var out bytes.Buffer
	switch info.Format {
	case "jpeg":
		err = jpeg.Encode(&out, dst, &jpeg.Options{Quality: 82})
	case "png":
		// DefaultCompression: on 11 screenshots of a real blog scaled to
		// 720 pixels, BestCompression took 1.9 times as long for 1.4%
		// fewer bytes, and PNG encoding was 70% of a clean build's time.
		enc := png.Encoder{CompressionLevel: png.DefaultCompression}
		err = enc.Encode(&out, opaqueIfPossible(dst))
	}
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return out.Bytes(), nil
}

// opaqueIfPossible drops the alpha channel of an image that uses none, so
// the PNG is RGB and a quarter smaller.
func opaqueIfPossible(m *image.RGBA) image.Image {
	if !m.Opaque() {
		return m
	}
	b := m.Bounds()
	rgb := image.NewNRGBA(b)
	copy(rgb.Pix, m.Pix)
	return rgb
}

// CopyName is the file name of the copy of name at width:
// "photo.jpg" → "photo-480w.jpg". It works on URL paths too.
func CopyName(name string, width int) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(width) + "w" + ext
}

// SrcSet is the srcset of an image shown as dest (as the page links it)
// with copies at widths, and the image itself at its full width.
func SrcSet(dest string, info Info, widths []int) string {
	var b strings.Builder
	for _, w := range widths {
		b.WriteString(CopyName(dest, w))
		b.WriteString(" " + strconv.Itoa(w) + "w, ")
	}
	b.WriteString(dest + " " + strconv.Itoa(info.Width) + "w")
	return b.String()
}
