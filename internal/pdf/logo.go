package pdf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
	"io"
	"math"
	"strconv"
	"strings"
)

// logo is the site's logo as a PDF XObject that fills the unit square, made
// once per Renderer: dict holds its dictionary entries, data its encoded
// stream.
type logo struct {
	dict string
	data []byte
}

// parseLogo reads an SVG logo as vector paths (the shapes logos are made of:
// path, rect, circle, ellipse, polygon, polyline with solid fills), or a PNG
// or JPEG as an image.
func parseLogo(name string, data []byte) (*logo, error) {
	if strings.HasSuffix(strings.ToLower(name), ".svg") || bytes.Contains(data[:min(len(data), 512)], []byte("<svg")) {
		return parseSVG(data)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not an SVG, PNG or JPEG image: %w", err)
	}
	b := img.Bounds()
	pix := make([]byte, 0, 3*b.Dx()*b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			// Transparency is composited over the white of the paper.
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			over := func(v uint8) byte { return byte((int(v)*int(c.A) + 255*(255-int(c.A)) + 127) / 255) }
			pix = append(pix, over(c.R), over(c.G), over(c.B))
		}
	}
	dict := fmt.Sprintf("/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceRGB/BitsPerComponent 8/Interpolate true/Filter/FlateDecode", b.Dx(), b.Dy())
	return &logo{dict: dict, data: compress(pix)}, nil
}

// svgState is the inherited state of an SVG element.
type svgState struct {
	fill    string
	evenOdd bool
	m       [6]float64 // current transform
}

// parseSVG converts an SVG to a Form XObject of filled paths. Strokes,
// gradients, text and images are not drawn; a logo that draws nothing is an
// error.
func parseSVG(data []byte) (*logo, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []byte
	var box [4]float64
	stack := []svgState{{fill: "#000", m: [6]float64{1, 0, 0, 1, 0, 0}}}
	shapes := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				break
			}
			return nil, fmt.Errorf("read svg: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			st := stack[len(stack)-1]
			attrs := map[string]string{}
			for _, a := range t.Attr {
				attrs[a.Name.Local] = a.Value
			}
			for _, decl := range strings.Split(attrs["style"], ";") {
				if k, v, ok := strings.Cut(decl, ":"); ok {
					attrs[strings.TrimSpace(k)] = strings.TrimSpace(v)
				}
			}
			if v, ok := attrs["fill"]; ok {
				st.fill = v
			}
			if v, ok := attrs["fill-rule"]; ok {
				st.evenOdd = v == "evenodd"
			}
			if v, ok := attrs["transform"]; ok {
				st.m = mul(st.m, parseTransform(v))
			}
			stack = append(stack, st)
			if t.Name.Local == "svg" && len(stack) == 2 {
				box, err = viewBox(attrs)
				if err != nil {
					return nil, err
				}
				continue
			}
			p := shapePath(t.Name.Local, attrs)
			if p == nil {
				continue
			}
			col, ok := parseColor(st.fill)
			if !ok {
				continue // none, a gradient or a pattern
			}
			out = append(out, "q "...)
			for _, v := range st.m {
				out = num(out, v)
				out = append(out, ' ')
			}
			out = append(out, "cm "...)
			for _, v := range col {
				out = num(out, float64(v)/255)
				out = append(out, ' ')
			}
			out = append(out, "rg\n"...)
			out = append(out, p...)
			if st.evenOdd {
				out = append(out, "f* Q\n"...)
			} else {
				out = append(out, "f Q\n"...)
			}
			shapes++
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if shapes == 0 || box[2] <= 0 || box[3] <= 0 {
		return nil, errors.New("svg draws no filled shape that folio can print (paths, rects, circles, ellipses and polygons with solid fills)")
	}
	// Fit the view box in the unit square, centred, y up as PDF wants.
	s := 1 / math.Max(box[2], box[3])
	dx := (1 - box[2]*s) / 2
	dy := (1 - box[3]*s) / 2
	mat := []float64{s, 0, 0, -s, dx - box[0]*s, 1 - dy + box[1]*s}
	dict := []byte("/Type/XObject/Subtype/Form/BBox[")
	for i, v := range []float64{box[0], box[1], box[0] + box[2], box[1] + box[3]} {
		if i > 0 {
			dict = append(dict, ' ')
		}
		dict = num(dict, v)
	}
	dict = append(dict, "]/Matrix["...)
	for i, v := range mat {
		if i > 0 {
			dict = append(dict, ' ')
		}
		dict = strconv.AppendFloat(dict, v, 'f', 6, 64)
	}
	dict = append(dict, "]/Filter/FlateDecode"...)
	return &logo{dict: string(dict), data: compress(out)}, nil
}

func viewBox(attrs map[string]string) ([4]float64, error) {
	if vb := nums(attrs["viewBox"]); len(vb) == 4 {
		return [4]float64{vb[0], vb[1], vb[2], vb[3]}, nil
	}
	w, _ := strconv.ParseFloat(strings.TrimSuffix(attrs["width"], "px"), 64)
	h, _ := strconv.ParseFloat(strings.TrimSuffix(attrs["height"], "px"), 64)
	if w <= 0 || h <= 0 {
		return [4]float64{}, errors.New("svg has neither a viewBox nor a width and height")
	}
	return [4]float64{0, 0, w, h}, nil
}

// shapePath returns the PDF path of a basic shape, or nil for an element
// that draws none.
func shapePath(name string, a map[string]string) []byte {
	f := func(k string) float64 { v, _ := strconv.ParseFloat(strings.TrimSuffix(a[k], "px"), 64); return v }
	var p pathBuilder
	switch name {
	case "path":
		p.svgPath(a["d"])
	case "rect":
		x, y, w, h := f("x"), f("y"), f("width"), f("height")
		rx, ry := f("rx"), f("ry")
		if rx == 0 {
			rx = ry
		}
		if ry == 0 {
			ry = rx
		}
		rx, ry = math.Min(rx, w/2), math.Min(ry, h/2)
		if w <= 0 || h <= 0 {
			return nil
		}
		if rx <= 0 {
			p.move(x, y)
			p.line(x+w, y)
			p.line(x+w, y+h)
			p.line(x, y+h)
			p.close()
			break
		}
		p.move(x+rx, y)
		p.line(x+w-rx, y)
		p.arc(rx, ry, 0, false, true, x+w, y+ry)
		p.line(x+w, y+h-ry)
		p.arc(rx, ry, 0, false, true, x+w-rx, y+h)
		p.line(x+rx, y+h)
		p.arc(rx, ry, 0, false, true, x, y+h-ry)
		p.line(x, y+ry)
		p.arc(rx, ry, 0, false, true, x+rx, y)
		p.close()
	case "circle", "ellipse":
		cx, cy := f("cx"), f("cy")
		rx, ry := f("r"), f("r")
		if name == "ellipse" {
			rx, ry = f("rx"), f("ry")
		}
		if rx <= 0 || ry <= 0 {
			return nil
		}
		p.move(cx+rx, cy)
		p.arc(rx, ry, 0, false, true, cx-rx, cy)
		p.arc(rx, ry, 0, false, true, cx+rx, cy)
		p.close()
	case "polygon", "polyline":
		v := nums(a["points"])
		for i := 0; i+1 < len(v); i += 2 {
			if i == 0 {
				p.move(v[0], v[1])
			} else {
				p.line(v[i], v[i+1])
			}
		}
		p.close()
	default:
		return nil
	}
	return p.b
}

// pathBuilder writes PDF path operators from SVG geometry.
type pathBuilder struct {
	b                   []byte
	x, y                float64 // current point
	sx, sy              float64 // start of the subpath
	cx, cy              float64 // last control point, for S and T
	lastCubic, lastQuad bool
}

func (p *pathBuilder) pts(op string, v ...float64) {
	for _, x := range v {
		p.b = num(p.b, x)
		p.b = append(p.b, ' ')
	}
	p.b = append(p.b, op...)
	p.b = append(p.b, '\n')
}

func (p *pathBuilder) move(x, y float64) {
	p.pts("m", x, y)
	p.x, p.y, p.sx, p.sy = x, y, x, y
	p.lastCubic, p.lastQuad = false, false
}

func (p *pathBuilder) line(x, y float64) {
	p.pts("l", x, y)
	p.x, p.y = x, y
	p.lastCubic, p.lastQuad = false, false
}

func (p *pathBuilder) cubic(x1, y1, x2, y2, x, y float64) {
	p.pts("c", x1, y1, x2, y2, x, y)
	p.cx, p.cy, p.x, p.y = x2, y2, x, y
	p.lastCubic, p.lastQuad = true, false
}

func (p *pathBuilder) quad(qx, qy, x, y float64) {
	// A quadratic is the cubic with controls two thirds of the way to it.
	p.pts("c", p.x+2*(qx-p.x)/3, p.y+2*(qy-p.y)/3, x+2*(qx-x)/3, y+2*(qy-y)/3, x, y)
	p.cx, p.cy, p.x, p.y = qx, qy, x, y
	p.lastCubic, p.lastQuad = false, true
}

func (p *pathBuilder) close() {
	p.b = append(p.b, "h\n"...)
	p.x, p.y = p.sx, p.sy
	p.lastCubic, p.lastQuad = false, false
}

// arc draws an SVG elliptical arc to (x, y) as cubic pieces of at most a
// quarter turn (SVG 1.1, appendix F.6).
func (p *pathBuilder) arc(rx, ry, rot float64, large, sweep bool, x, y float64) {
	x1, y1 := p.x, p.y
	if rx == 0 || ry == 0 || (x1 == x && y1 == y) {
		p.line(x, y)
		return
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	phi := rot * math.Pi / 180
	cos, sin := math.Cos(phi), math.Sin(phi)
	dx, dy := (x1-x)/2, (y1-y)/2
	x1p, y1p := cos*dx+sin*dy, -sin*dx+cos*dy
	if l := x1p*x1p/(rx*rx) + y1p*y1p/(ry*ry); l > 1 {
		rx, ry = rx*math.Sqrt(l), ry*math.Sqrt(l)
	}
	num := rx*rx*ry*ry - rx*rx*y1p*y1p - ry*ry*x1p*x1p
	den := rx*rx*y1p*y1p + ry*ry*x1p*x1p
	co := math.Sqrt(math.Max(0, num/den))
	if large == sweep {
		co = -co
	}
	cxp, cyp := co*rx*y1p/ry, -co*ry*x1p/rx
	cx, cy := cos*cxp-sin*cyp+(x1+x)/2, sin*cxp+cos*cyp+(y1+y)/2
	ang := func(ux, uy, vx, vy float64) float64 {
		a := math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy)
		return a
	}
	t1 := ang(1, 0, (x1p-cxp)/rx, (y1p-cyp)/ry)
	dt := ang((x1p-cxp)/rx, (y1p-cyp)/ry, (-x1p-cxp)/rx, (-y1p-cyp)/ry)
	if !sweep && dt > 0 {
		dt -= 2 * math.Pi
	} else if sweep && dt < 0 {
		dt += 2 * math.Pi
	}
	n := int(math.Ceil(math.Abs(dt) / (math.Pi / 2)))
	step := dt / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	pt := func(t float64) (float64, float64) {
		ex, ey := rx*math.Cos(t), ry*math.Sin(t)
		return cos*ex - sin*ey + cx, sin*ex + cos*ey + cy
	}
	der := func(t float64) (float64, float64) {
		ex, ey := -rx*math.Sin(t), ry*math.Cos(t)
		return cos*ex - sin*ey, sin*ex + cos*ey
	}
	t := t1
	for i := range n {
		ax, ay := pt(t)
		adx, ady := der(t)
		bx, by := pt(t + step)
		bdx, bdy := der(t + step)
		if i == n-1 {
			bx, by = x, y
		}
		p.cubic(ax+k*adx, ay+k*ady, bx-k*bdx, by-k*bdy, bx, by)
		t += step
	}
}

// svgPath draws SVG path data.
func (p *pathBuilder) svgPath(d string) {
	toks := tokenizePath(d)
	var cmd byte
	i := 0
	next := func() float64 {
		if i >= len(toks) || toks[i].cmd != 0 {
			i = len(toks) + 1 // malformed: stop
			return 0
		}
		i++
		return toks[i-1].v
	}
	for i < len(toks) {
		start := i
		if toks[i].cmd != 0 {
			cmd = toks[i].cmd
			i++
		} else if cmd == 0 || cmd|0x20 == 'z' {
			return // numbers with no command to take them: malformed
		}
		rel := cmd >= 'a'
		ox, oy := 0.0, 0.0
		if rel {
			ox, oy = p.x, p.y
		}
		switch cmd | 0x20 {
		case 'm':
			x, y := next(), next()
			p.move(ox+x, oy+y)
			// Further pairs after a moveto are linetos.
			if rel {
				cmd = 'l'
			} else {
				cmd = 'L'
			}
		case 'l':
			x, y := next(), next()
			p.line(ox+x, oy+y)
		case 'h':
			p.line(ox+next(), p.y)
		case 'v':
			p.line(p.x, oy+next())
		case 'c':
			x1, y1, x2, y2, x, y := next(), next(), next(), next(), next(), next()
			p.cubic(ox+x1, oy+y1, ox+x2, oy+y2, ox+x, oy+y)
		case 's':
			x2, y2, x, y := next(), next(), next(), next()
			x1, y1 := p.x, p.y
			if p.lastCubic {
				x1, y1 = 2*p.x-p.cx, 2*p.y-p.cy
			}
			p.cubic(x1, y1, ox+x2, oy+y2, ox+x, oy+y)
		case 'q':
			qx, qy, x, y := next(), next(), next(), next()
			p.quad(ox+qx, oy+qy, ox+x, oy+y)
		case 't':
			x, y := next(), next()
			qx, qy := p.x, p.y
			if p.lastQuad {
				qx, qy = 2*p.x-p.cx, 2*p.y-p.cy
			}
			p.quad(qx, qy, ox+x, oy+y)
		case 'a':
			rx, ry, rot, large, sweep, x, y := next(), next(), next(), next(), next(), next(), next()
			p.arc(rx, ry, rot, large != 0, sweep != 0, ox+x, oy+y)
		case 'z':
			p.close()
		default:
			return
		}
		if i > len(toks) || i == start {
			return
		}
	}
}

type pathTok struct {
	cmd byte
	v   float64
}

// tokenizePath splits path data into commands and numbers, reading the
// compact forms SVG allows ("M18 16h19a12 12 0 0 1 0 24", "1.5.5", flags
// run together as "0 01").
func tokenizePath(d string) []pathTok {
	var out []pathTok
	var last byte
	argN := 0
	for i := 0; i < len(d); {
		c := d[i]
		switch {
		case c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.IndexByte("MmLlHhVvCcSsQqTtAaZz", c) >= 0:
			out = append(out, pathTok{cmd: c})
			last, argN = c|0x20, 0
			i++
		default:
			// Arc flags are single digits that may touch what follows.
			if last == 'a' && (argN%7 == 3 || argN%7 == 4) && (c == '0' || c == '1') {
				out = append(out, pathTok{v: float64(c - '0')})
				argN++
				i++
				continue
			}
			j := i
			if d[j] == '-' || d[j] == '+' {
				j++
			}
			dot := false
			for j < len(d) && (d[j] >= '0' && d[j] <= '9' || d[j] == '.' && !dot) {
				dot = dot || d[j] == '.'
				j++
			}
			if j < len(d) && (d[j] == 'e' || d[j] == 'E') {
				j++
				if j < len(d) && (d[j] == '-' || d[j] == '+') {
					j++
				}
				for j < len(d) && d[j] >= '0' && d[j] <= '9' {
					j++
				}
			}
			v, err := strconv.ParseFloat(d[i:j], 64)
			if err != nil || j == i {
				return out
			}
			out = append(out, pathTok{v: v})
			argN++
			i = j
		}
	}
	return out
}

func nums(s string) []float64 {
	var out []float64
	for _, t := range tokenizePath(s) {
		if t.cmd == 0 {
			out = append(out, t.v)
		}
	}
	return out
}

// parseTransform reads an SVG transform list.
func parseTransform(s string) [6]float64 {
	m := [6]float64{1, 0, 0, 1, 0, 0}
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		open := strings.IndexByte(s, '(')
		end := strings.IndexByte(s, ')')
		if open < 0 || end < open {
			break
		}
		name, v := strings.TrimSpace(s[:open]), nums(s[open+1:end])
		s = strings.TrimLeft(s[end+1:], ", ")
		var t [6]float64
		switch {
		case name == "matrix" && len(v) == 6:
			t = [6]float64{v[0], v[1], v[2], v[3], v[4], v[5]}
		case name == "translate" && len(v) >= 1:
			ty := 0.0
			if len(v) > 1 {
				ty = v[1]
			}
			t = [6]float64{1, 0, 0, 1, v[0], ty}
		case name == "scale" && len(v) >= 1:
			sy := v[0]
			if len(v) > 1 {
				sy = v[1]
			}
			t = [6]float64{v[0], 0, 0, sy, 0, 0}
		case name == "rotate" && len(v) >= 1:
			a := v[0] * math.Pi / 180
			t = [6]float64{math.Cos(a), math.Sin(a), -math.Sin(a), math.Cos(a), 0, 0}
			if len(v) == 3 {
				t = mul(mul([6]float64{1, 0, 0, 1, v[1], v[2]}, t), [6]float64{1, 0, 0, 1, -v[1], -v[2]})
			}
		default:
			continue
		}
		m = mul(m, t)
	}
	return m
}

// mul returns the transform a then b applied inside it (a × b).
func mul(a, b [6]float64) [6]float64 {
	return [6]float64{
		a[0]*b[0] + a[2]*b[1], a[1]*b[0] + a[3]*b[1],
		a[0]*b[2] + a[2]*b[3], a[1]*b[2] + a[3]*b[3],
		a[0]*b[4] + a[2]*b[5] + a[4], a[1]*b[4] + a[3]*b[5] + a[5],
	}
}

// parseColor reads #rgb, #rrggbb, rgb(r,g,b) and a few names; none,
// gradients and patterns are not colours.
func parseColor(s string) ([3]uint8, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "black":
		return [3]uint8{}, true
	case "white":
		return [3]uint8{255, 255, 255}, true
	case "currentcolor":
		return [3]uint8{}, true
	}
	if strings.HasPrefix(s, "rgb(") {
		v := nums(strings.TrimSuffix(s[4:], ")"))
		if len(v) == 3 {
			return [3]uint8{uint8(v[0]), uint8(v[1]), uint8(v[2])}, true
		}
		return [3]uint8{}, false
	}
	if !strings.HasPrefix(s, "#") {
		return [3]uint8{}, false
	}
	h := s[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil || len(h) != 6 {
		return [3]uint8{}, false
	}
	return [3]uint8{uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
}
