package images

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// isSVG reports whether the bytes start an SVG document.
func isSVG(head []byte) bool {
	h := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	if !bytes.HasPrefix(h, []byte("<")) {
		return false
	}
	n := min(len(h), 4096)
	return bytes.Contains(h[:n], []byte("<svg"))
}

// svgSize reads an SVG's size from its root element: width and height in
// pixels (or unitless), else its viewBox.
func svgSize(head []byte) (int, int, bool) {
	d := xml.NewDecoder(bytes.NewReader(head))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0, false
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if el.Name.Local != "svg" {
			return 0, 0, false
		}
		var w, h float64
		var box string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				w = svgLength(a.Value)
			case "height":
				h = svgLength(a.Value)
			case "viewBox":
				box = a.Value
			}
		}
		if w > 0 && h > 0 {
			return int(math.Round(w)), int(math.Round(h)), true
		}
		f := strings.FieldsFunc(box, func(r rune) bool { return r == ' ' || r == ',' })
		if len(f) == 4 {
			bw, err1 := strconv.ParseFloat(f[2], 64)
			bh, err2 := strconv.ParseFloat(f[3], 64)
			if err1 == nil && err2 == nil && bw > 0 && bh > 0 {
				return int(math.Round(bw)), int(math.Round(bh)), true
			}
		}
		return 0, 0, false
	}
}

// svgLength reads a length in pixels: "120", "120px"; 0 for other units.
func svgLength(s string) float64 {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v > 1e6 {
		return 0
	}
	return v
}
