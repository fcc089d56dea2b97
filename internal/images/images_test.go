package images

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"reflect"
	"testing"
	"testing/fstest"
)

// photo draws a w×h test image: red on the left half, blue on the right, so
// a turned copy shows where its left went.
func photo(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{200, 30, 30, 255}
			if x >= w/2 {
				c = color.RGBA{30, 30, 200, 255}
			}
			m.Set(x, y, c)
		}
	}
	return m
}

func encodeJPEG(t *testing.T, m image.Image, orientation int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if orientation == 0 {
		return data
	}
	// An APP1 Exif segment with IFD0 holding one entry: Orientation.
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, byte(orientation), 0, 0, 0, 0, 0, 0}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := append([]byte{0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}, seg...)
	return append(append([]byte{0xFF, 0xD8}, app1...), data[2:]...)
}

func encodePNG(t *testing.T, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestProbe(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want Info
	}{
		{"png", encodePNG(t, photo(1000, 500)), Info{Format: "png", Width: 1000, Height: 500, Orientation: 1}},
		{"jpeg", encodeJPEG(t, photo(640, 480), 0), Info{Format: "jpeg", Width: 640, Height: 480, Orientation: 1}},
		// Stored lying down, shown upright: the browser's size is 480×640.
		{"jpeg turned", encodeJPEG(t, photo(640, 480), 6), Info{Format: "jpeg", Width: 480, Height: 640, Orientation: 6}},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="120px" height="40"></svg>`), Info{Format: "svg", Width: 120, Height: 40, Orientation: 1}},
		{"svg viewBox", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 32"/>`), Info{Format: "svg", Width: 64, Height: 32, Orientation: 1}},
		{"svg in em", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="2em" height="1em"/>`), Info{Format: "svg"}},
	}
	for _, tt := range tests {
		got, err := Probe(tt.data)
		if err != nil || got != tt.want {
			t.Errorf("%s: Probe = %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
	if _, err := Probe([]byte("not an image")); err == nil {
		t.Error("text probed as an image")
	}
}

func TestResize(t *testing.T) {
	src := encodeJPEG(t, photo(2000, 1000), 0)
	a, err := Resize(src, 480)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Resize(src, 480)
	if !bytes.Equal(a, b) {
		t.Error("two resizes of one image differ")
	}
	info, _ := Probe(a)
	if info != (Info{Format: "jpeg", Width: 480, Height: 240, Orientation: 1}) {
		t.Errorf("copy = %+v", info)
	}
	// A turned photo's copies are upright: 6 means the stored left edge is
	// the shown top, so the red (stored left) half is on top.
	turned, err := Resize(encodeJPEG(t, photo(800, 600), 6), 300)
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := image.Decode(bytes.NewReader(turned))
	if err != nil {
		t.Fatal(err)
	}
	if b := m.Bounds(); b.Dx() != 300 || b.Dy() != 400 {
		t.Fatalf("turned copy is %v, want 300×400", b)
	}
	if r, _, bl, _ := m.At(150, 50).RGBA(); r < bl {
		t.Error("the top of the turned copy is not red: not turned as EXIF says")
	}
	if r, _, bl, _ := m.At(150, 350).RGBA(); r > bl {
		t.Error("the bottom of the turned copy is not blue")
	}
	p, err := Resize(encodePNG(t, photo(1000, 500)), 800)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := Probe(p); info.Format != "png" || info.Width != 800 || info.Height != 400 {
		t.Errorf("png copy = %+v", info)
	}
	if _, err := Resize(src, 2000); err == nil {
		t.Error("resized up to the full width")
	}
}

func TestCopiesAndNames(t *testing.T) {
	info := Info{Format: "jpeg", Width: 1300, Height: 800}
	if got, want := info.CopyWidths(), []int{480, 800, 1200}; !reflect.DeepEqual(got, want) {
		t.Errorf("CopyWidths = %v", got)
	}
	if got := (Info{Format: "gif", Width: 2000}).CopyWidths(); got != nil {
		t.Errorf("gif copies: %v", got)
	}
	if got, want := SrcSet("../img/a.b.jpg", info, []int{480, 800}), "../img/a.b-480w.jpg 480w, ../img/a.b-800w.jpg 800w, ../img/a.b.jpg 1300w"; got != want {
		t.Errorf("SrcSet = %q", got)
	}
}

func TestCandidatesStayInTheSite(t *testing.T) {
	tests := []struct {
		dest, bundle string
		want         []string
	}{
		{"photo.jpg", "content/articles/a", []string{"content/articles/a/photo.jpg"}},
		{"img/My%20photo.jpg?x=1#y", "content/articles/a", []string{"content/articles/a/img/My photo.jpg"}},
		{"/images/logo.png", "", []string{"static/images/logo.png", "content/images/logo.png"}},
		{"photo.jpg", "", nil},
		{"../../../etc/passwd", "content/articles/a", nil},
		{"../../../../etc/passwd", "content/articles/a", nil},
		{"/../../etc/passwd", "", nil},
		{"https://example.com/x.png", "content/articles/a", nil},
		{"//cdn.example.com/x.png", "content/articles/a", nil},
		{"data:image/png;base64,AAAA", "content/articles/a", nil},
		{"C:\\x.png", "content/articles/a", nil},
	}
	for _, tt := range tests {
		if got := Candidates(tt.dest, tt.bundle); !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("Candidates(%q, %q) = %q, want %q", tt.dest, tt.bundle, got, tt.want)
		}
	}
	fsys := fstest.MapFS{
		"content/articles/a/index.md":  {Data: []byte("x")},
		"content/articles/a/photo.png": {Data: encodePNG(t, photo(900, 600))},
		"static/images/logo.svg":       {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"/>`)},
	}
	img, ok := Find(fsys, "photo.png", "content/articles/a")
	if !ok || img.Source != "content/articles/a/photo.png" || img.Width != 900 || !reflect.DeepEqual(img.Copies, []int{480, 800}) {
		t.Errorf("Find photo = %+v, %v", img, ok)
	}
	if img, ok := Find(fsys, "/images/logo.svg", ""); !ok || img.Width != 32 || img.Copies != nil {
		t.Errorf("Find logo = %+v, %v", img, ok)
	}
	if _, ok := Find(fsys, "index.md", "content/articles/a"); ok {
		t.Error("found a Markdown file as an image")
	}
}
