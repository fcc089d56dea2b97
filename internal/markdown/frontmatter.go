package markdown

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// frontMatter is what a quick line scan learns before goldmark-meta parses the
// YAML: whether there is front matter, where it starts, and the line of each key
// (YAML parsers do not report key positions through goldmark-meta, and writers
// need them in error messages).
type frontMatter struct {
	present   bool
	firstLine int // line of the first YAML line, after the opening ---
	keyLines  map[string]int

	// TOML and JSON front matter (frontformats.go) is decoded before the
	// body is parsed: values holds it, and the body starts at byte body, on
	// line bodyLine. Both are 0 for YAML, which goldmark-meta reads.
	values   map[string]any
	body     int
	bodyLine int
}

// scanFrontMatter finds the front matter block and records the line of every key.
// It reports an unclosed block, which goldmark-meta would otherwise read as YAML
// running to the end of the file.
func scanFrontMatter(src []byte) (frontMatter, error) {
	fm := frontMatter{}
	if !isSeparator(firstLine(src)) {
		return fm, nil
	}
	fm.present = true
	fm.firstLine = 2
	fm.keyLines = map[string]int{}
	var keys keyPath
	rest := src[bytes.IndexByte(src, '\n')+1:]
	for line := 2; len(rest) > 0; line++ {
		var l []byte
		l, rest = cutLine(rest)
		if isSeparator(l) {
			return fm, nil
		}
		indent, key, ok := keyOf(l)
		if !ok {
			continue
		}
		path := keys.enter(indent, key, ".")
		if _, seen := fm.keyLines[path]; !seen {
			fm.keyLines[path] = line
		}
	}
	return fm, &Error{Line: 1, Msg: "front matter is not closed: add a line with --- after it"}
}

// keyOf reads the key of a YAML mapping line ("  name: value", "- name: v",
// "'quoted key': v") and its indentation. A key after "- " belongs to the list
// item's map, one level deeper than the dash.
func keyOf(l []byte) (indent int, key string, ok bool) {
	i := 0
	for i < len(l) && l[i] == ' ' {
		i++
	}
	if i+1 < len(l) && l[i] == '-' && l[i+1] == ' ' {
		for i++; i < len(l) && l[i] == ' '; i++ {
		}
	}
	indent = i
	if i >= len(l) || l[i] == '#' || l[i] == '-' || l[i] == ':' || l[i] == '\t' {
		return 0, "", false
	}
	var end int
	if q := l[i]; q == '"' || q == '\'' {
		close := bytes.IndexByte(l[i+1:], q)
		if close < 0 {
			return 0, "", false
		}
		key = string(l[i+1 : i+1+close])
		end = i + 2 + close
		for end < len(l) && l[end] == ' ' {
			end++
		}
		if end >= len(l) || l[end] != ':' {
			return 0, "", false
		}
	} else {
		for end = i; end < len(l); end++ {
			if l[end] == ':' && (end+1 == len(l) || l[end+1] == ' ' || l[end+1] == '\t') {
				break
			}
		}
		if end == len(l) {
			return 0, "", false
		}
		key = string(bytes.TrimRight(l[i:end], " \t"))
	}
	if end+1 < len(l) && l[end+1] != ' ' && l[end+1] != '\t' {
		return 0, "", false
	}
	return indent, key, true
}

func firstLine(src []byte) []byte {
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		return bytes.TrimRight(src[:i], "\r")
	}
	return src
}

// isSeparator matches goldmark-meta's rule: a line of three or more dashes.
func isSeparator(line []byte) bool {
	line = bytes.TrimSpace(line)
	if len(line) < 3 {
		return false
	}
	for _, c := range line {
		if c != '-' {
			return false
		}
	}
	return true
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlError turns a YAML parser error into an *Error at the line of the file,
// counting from the first YAML line.
func yamlError(err error, firstLine int) *Error {
	msg := strings.TrimSpace(err.Error())
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line := firstLine
		if m[1] != "" {
			n, _ := strconv.Atoi(m[1])
			line = firstLine + n - 1
		}
		return &Error{Line: line, Msg: "front matter is not valid YAML: " + m[2]}
	}
	return &Error{Line: firstLine, Msg: "front matter is not valid YAML: " + msg}
}

// keyPath follows the nesting of a YAML block line by line, by indentation:
// the keys of the mappings that hold the current line.
type keyPath struct {
	stack []struct {
		indent int
		path   string
	}
}

// enter records key at indent and returns its path from the top of the
// block, the keys joined by sep.
func (k *keyPath) enter(indent int, key, sep string) string {
	for n := len(k.stack); n > 0 && k.stack[n-1].indent >= indent; n-- {
		k.stack = k.stack[:n-1]
	}
	path := key
	if n := len(k.stack); n > 0 {
		path = k.stack[n-1].path + sep + key
	}
	k.stack = append(k.stack, struct {
		indent int
		path   string
	}{indent, path})
	return path
}

// cutLine splits the first line (without its line break, \r\n or \n) off
// text.
func cutLine(text []byte) (line, rest []byte) {
	line, rest, _ = bytes.Cut(text, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'}), rest
}
