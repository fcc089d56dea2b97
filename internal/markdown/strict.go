package markdown

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v2"
)

// Limits of a Markdown document. Each is far beyond what a writer does and
// short of what makes goldmark slow: it matches the containers of every line
// against those of the line before, so a line nested n deep costs n, and a
// document that nests deeper line by line costs the square (3,000 nested
// blockquotes took 7 s, 2,000 indented list levels over a minute). Within
// both limits the slowest document (a megabyte of lines each opening 50
// nested lists) converts in about four seconds; an article of 5,000 words
// is 30 KB.
const (
	// MaxSize is the largest Markdown file folio converts: about 150,000
	// words.
	MaxSize = 1 << 20
	// MaxNesting is how deep blockquotes and lists may nest.
	MaxNesting = 50
)

// checkSource reports what must stop a document before goldmark reads it:
// too large, bytes that are not UTF-8 (goldmark would copy them into the
// page as they are, and YAML names no line for them), nesting deeper than
// MaxNesting, and a YAML front-matter key given twice (YAML keeps the last
// silently). Each is an *Error at the line of the problem.
func checkSource(src []byte) error {
	if len(src) > MaxSize {
		return &Error{Line: 1, Msg: fmt.Sprintf("the file is %d KB, more than the %d KB folio converts: split it into several articles", len(src)>>10, MaxSize>>10)}
	}
	if err := checkUTF8(src); err != nil {
		return err
	}
	if err := checkNesting(src); err != nil {
		return err
	}
	if err := checkShortSeparators(src); err != nil {
		return err
	}
	if err := checkJSONDuplicates(src); err != nil {
		return err
	}
	return checkDuplicateKeys(src)
}

// checkJSONDuplicates reports a key that JSON front matter gives twice in
// one object, at the second: encoding/json keeps the last silently. (TOML's
// parser refuses them itself.) A document that is not valid JSON is left to
// the parser that reads the values.
func checkJSONDuplicates(src []byte) error {
	if !looksLikeJSON(firstLine(src)) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	type object struct {
		keys      map[string]bool
		expectKey bool
	}
	var stack []*object
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		var top *object
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if key, ok := tok.(string); ok && top != nil && top.expectKey {
			if top.keys[key] {
				return &Error{Line: lineAt(src, int(dec.InputOffset())), Msg: fmt.Sprintf("the key %q is given twice in the same object: JSON would keep the last one silently; keep one", key)}
			}
			top.keys[key] = true
			top.expectKey = false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &object{keys: map[string]bool{}, expectKey: true})
			continue
		case json.Delim('['):
			stack = append(stack, nil)
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return nil // the end of the front matter
			}
		}
		// A value ended: the object it belongs to wants a key next.
		if len(stack) > 0 && stack[len(stack)-1] != nil {
			stack[len(stack)-1].expectKey = true
		}
	}
}

// checkShortSeparators refuses a line of one or two dashes where the YAML
// front-matter reader (goldmark-meta) takes it for a separator and folio
// does not (folio wants three): at the top of the file, it would swallow
// the text below as YAML and put the YAML error into the page; inside front
// matter, it would end the YAML early.
func checkShortSeparators(src []byte) error {
	if t := bytes.TrimSpace(firstLine(src)); shortDashes(t) {
		return &Error{Line: 1, Msg: fmt.Sprintf("a first line of %q reads as the start of front matter: write --- to start front matter, or begin with something else", t)}
	}
	if !isSeparator(firstLine(src)) {
		return nil
	}
	rest := src[bytes.IndexByte(src, '\n')+1:]
	for line := 2; len(rest) > 0; line++ {
		var l []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			l, rest = rest, nil
		}
		t := bytes.TrimSpace(l)
		if isSeparator(t) {
			return nil // the end of the front matter
		}
		if shortDashes(t) {
			return &Error{Line: line, Msg: fmt.Sprintf("a line of %q inside front matter ends it early: write a list item as - value", t)}
		}
	}
	return nil
}

// shortDashes reports whether t is "-" or "--".
func shortDashes(t []byte) bool {
	return (len(t) == 1 || len(t) == 2) && t[0] == '-' && t[len(t)-1] == '-'
}

// checkUTF8 reports the first byte that is not part of valid UTF-8.
func checkUTF8(src []byte) error {
	if utf8.Valid(src) {
		return nil
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			line := 1 + bytes.Count(src[:i], []byte("\n"))
			return &Error{Line: line, Msg: fmt.Sprintf("the file is not valid UTF-8 (byte 0x%02X at column %d): save it as UTF-8", src[i], i-bytes.LastIndexByte(src[:i], '\n'))}
		}
		i += size
	}
	return nil
}

// checkNesting estimates the nesting of every line outside fenced code: the
// blockquote and list markers it starts with, plus half its indentation
// (a nested list item is indented by at least two columns). The estimate
// errs high, which only matters far past any real document.
func checkNesting(src []byte) error {
	var fence []byte // the open fence ("```", "~~~~"), or nil
	for line, rest := 1, src; len(rest) > 0; line++ {
		var l []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			l, rest = rest, nil
		}
		depth, col, i := 0, 0, 0
		for i < len(l) {
			switch c := l[i]; {
			case c == ' ':
				col++
				i++
				continue
			case c == '\t':
				col += 4 - col%4
				i++
				continue
			case c == '>':
				depth++
				i++
				if i < len(l) && l[i] == ' ' {
					i++ // part of the marker, not indentation
				}
				continue
			}
			if n := listMarker(l[i:]); n > 0 {
				depth++
				i += n
				continue
			}
			break
		}
		if f := fenceOf(l[i:]); f != nil {
			switch {
			case fence == nil:
				fence = f
				continue
			case f[0] == fence[0] && len(f) >= len(fence) && len(bytes.TrimSpace(l[i+len(f):])) == 0:
				fence = nil
				continue
			}
		}
		if fence != nil {
			continue
		}
		if d := depth + col/2; d > MaxNesting {
			return &Error{Line: line, Msg: fmt.Sprintf("blockquotes and lists nest more than %d deep here: flatten them", MaxNesting)}
		}
	}
	return nil
}

// listMarker returns the length of the list marker at the start of l
// ("- ", "* ", "+ ", "1. ", "12) "), or 0.
func listMarker(l []byte) int {
	if len(l) >= 2 && (l[0] == '-' || l[0] == '*' || l[0] == '+') && (l[1] == ' ' || l[1] == '\t') {
		return 2
	}
	i := 0
	for i < len(l) && i < 9 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(l) && (l[i] == '.' || l[i] == ')') && (l[i+1] == ' ' || l[i+1] == '\t') {
		return i + 2
	}
	return 0
}

// fenceOf returns the code fence that l starts with (three or more ` or ~),
// or nil.
func fenceOf(l []byte) []byte {
	if len(l) < 3 || l[0] != '`' && l[0] != '~' {
		return nil
	}
	n := 0
	for n < len(l) && l[n] == l[0] {
		n++
	}
	if n < 3 {
		return nil
	}
	return l[:n]
}

var duplicateKey = regexp.MustCompile(`line (\d+): key "?(.*?)"? already set in map`)

// checkDuplicateKeys reports a key that YAML front matter gives twice in
// one map, at the second one. A line scan finds the candidates cheaply (a
// key path seen before, or a {flow map}); only then does a strict YAML parse
// decide, since a list of maps repeats its keys rightly.
func checkDuplicateKeys(src []byte) error {
	if !isSeparator(firstLine(src)) {
		return nil // no YAML front matter (TOML and JSON have their own rules)
	}
	block, end := yamlBlock(src)
	if end < 0 || !mayRepeatKeys(block) {
		return nil
	}
	return duplicateKeyError(block, 2)
}

// duplicateKeyError parses YAML strictly and turns a repeated key into an
// *Error, with lines counted from firstLine; other problems are left to the
// parser that reads the values.
func duplicateKeyError(block []byte, firstLine int) error {
	var v any
	err := yaml.UnmarshalStrict(block, &v)
	if err == nil {
		return nil
	}
	m := duplicateKey.FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	n, _ := strconv.Atoi(m[1])
	return &Error{Line: firstLine + n - 1, Msg: fmt.Sprintf("the key %q is given twice in the same map: YAML would keep the last one silently; keep one", m[2])}
}

// yamlBlock returns the YAML between the opening separator and the closing
// one, and the offset of the closing one (-1 when there is none).
func yamlBlock(src []byte) ([]byte, int) {
	start := bytes.IndexByte(src, '\n') + 1
	if start == 0 {
		return nil, -1
	}
	for off := start; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		l := src[off:]
		if end >= 0 {
			l = src[off : off+end]
		}
		if isSeparator(bytes.TrimRight(l, "\r")) {
			return src[start:off], off
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, -1
}

// mayRepeatKeys reports whether YAML might give a key twice in one map: a
// key path seen on an earlier line (keys under list items included, which
// is why this is only a hint), or a flow map, which a line scan cannot read.
func mayRepeatKeys(block []byte) bool {
	var keys keyPath
	seen := map[string]bool{}
	for rest := block; len(rest) > 0; {
		var l []byte
		l, rest = cutLine(rest)
		if bytes.IndexByte(l, '{') >= 0 {
			return true
		}
		indent, key, ok := keyOf(l)
		if !ok {
			continue
		}
		path := keys.enter(indent, key, "\x00")
		if seen[path] {
			return true
		}
		seen[path] = true
	}
	return false
}
