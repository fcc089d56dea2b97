package markdown

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Front matter in TOML (between +++ lines, Hugo's default) and JSON (an
// object that opens the file, as Hugo reads it) is read directly, so a site
// moving in keeps its files as they are. YAML goes through goldmark-meta (see
// frontmatter.go); these two are cut off before goldmark sees the body, and
// line numbers are counted from the top of the file all the same.

// scanOtherFrontMatter reads TOML or JSON front matter at the start of src.
// ok is false when src has neither; err is an *Error at the line at fault.
func scanOtherFrontMatter(src []byte) (fm frontMatter, ok bool, err error) {
	first := firstLine(src)
	switch {
	case string(bytes.TrimSpace(first)) == "+++":
		fm, err = scanTOML(src)
		return fm, true, err
	case looksLikeJSON(first):
		fm, err = scanJSON(src)
		return fm, true, err
	}
	return frontMatter{}, false, nil
}

// looksLikeJSON tells JSON front matter from a body that opens with a
// template call ("{{< figure >}}", "{% include %}"), which is not JSON.
func looksLikeJSON(first []byte) bool {
	t := bytes.TrimSpace(first)
	return len(t) > 0 && t[0] == '{' && !bytes.HasPrefix(t, []byte("{{")) && !bytes.HasPrefix(t, []byte("{%")) && !bytes.HasPrefix(t, []byte("{#"))
}

func scanTOML(src []byte) (frontMatter, error) {
	fm := frontMatter{present: true, firstLine: 2, keyLines: map[string]int{}}
	start := bytes.IndexByte(src, '\n') + 1
	if start == 0 {
		return fm, &Error{Line: 1, Msg: "front matter is not closed: add a line with +++ after it"}
	}
	line, off := 2, start
	end := -1
	for off < len(src) {
		l := src[off:]
		next := len(src)
		if i := bytes.IndexByte(l, '\n'); i >= 0 {
			l, next = l[:i], off+i+1
		}
		if string(bytes.TrimSpace(l)) == "+++" {
			end = off
			fm.body, fm.bodyLine = next, line+1
			break
		}
		off = next
		line++
	}
	if end < 0 {
		return fm, &Error{Line: 1, Msg: "front matter is not closed: add a line with +++ after it"}
	}
	raw := src[start:end]
	values := map[string]any{}
	if _, err := toml.Decode(string(raw), &values); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return fm, &Error{Line: fm.firstLine + pe.Position.Line - 1, Msg: "front matter is not valid TOML: " + pe.Message}
		}
		return fm, &Error{Line: fm.firstLine, Msg: "front matter is not valid TOML: " + err.Error()}
	}
	fm.values = normalizeValues(values).(map[string]any)
	tomlKeyLines(raw, fm.firstLine, fm.keyLines)
	return fm, nil
}

// tomlKeyLines records the line of each key: "key = …" lines under the
// current [table] header, dotted keys joined with dots as in YAML's
// "linkedin.hook". Lines inside multi-line strings are skipped.
func tomlKeyLines(raw []byte, firstLine int, lines map[string]int) {
	table := ""
	inString := ""
	for i, l := range strings.Split(string(raw), "\n") {
		n := firstLine + i
		l = strings.TrimSpace(l)
		if inString != "" {
			if strings.Contains(l, inString) {
				inString = ""
			}
			continue
		}
		if l == "" || l[0] == '#' {
			continue
		}
		if l[0] == '[' {
			name := strings.Trim(l, "[] \t")
			if j := strings.IndexByte(name, '#'); j >= 0 {
				name = strings.TrimSpace(strings.Trim(name[:j], "[] \t"))
			}
			table = tomlKeyPath(name)
			if _, seen := lines[table]; !seen {
				lines[table] = n
			}
			continue
		}
		eq := strings.IndexByte(l, '=')
		if eq <= 0 {
			continue
		}
		key := tomlKeyPath(strings.TrimSpace(l[:eq]))
		if table != "" {
			key = table + "." + key
		}
		if _, seen := lines[key]; !seen {
			lines[key] = n
		}
		value := strings.TrimSpace(l[eq+1:])
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, q) && !strings.Contains(value[3:], q) {
				inString = q
			}
		}
	}
}

// tomlKeyPath turns a TOML key (a."b c".d) into a dotted path without quotes.
func tomlKeyPath(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

func scanJSON(src []byte) (frontMatter, error) {
	fm := frontMatter{present: true, firstLine: 1, keyLines: map[string]int{}}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var values map[string]any
	if err := dec.Decode(&values); err != nil {
		return fm, jsonError(src, err)
	}
	end := int(dec.InputOffset())
	// The body starts on the line after the closing brace.
	rest := src[end:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		if len(bytes.TrimSpace(rest[:i])) > 0 {
			return fm, &Error{Line: lineAt(src, end), Msg: "front matter: put the closing } of the JSON object on a line of its own"}
		}
		fm.body = end + i + 1
	} else {
		fm.body = len(src)
	}
	fm.bodyLine = lineAt(src, fm.body)
	fm.values = normalizeValues(values).(map[string]any)
	jsonKeyLines(src[:end], fm.keyLines)
	return fm, nil
}

// jsonError turns a JSON decoding error into an *Error at its line.
func jsonError(src []byte, err error) *Error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return &Error{Line: lineAt(src, int(syntax.Offset)), Msg: "front matter is not valid JSON: " + syntax.Error()}
	case errors.As(err, &typ):
		return &Error{Line: lineAt(src, int(typ.Offset)), Msg: "front matter must be a JSON object of keys"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Line: 1, Msg: "front matter is not closed: the JSON object has no closing }"}
	}
	return &Error{Line: 1, Msg: "front matter is not valid JSON: " + err.Error()}
}

// jsonKeyLines records the line of each key of a JSON object, nested keys
// joined with dots.
func jsonKeyLines(raw []byte, lines map[string]int) {
	var stack []string // key path of each open object; "" for arrays
	line := 1
	var lastString string
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\n':
			line++
		case '"':
			j := i + 1
			for j < len(raw) && raw[j] != '"' {
				if raw[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(raw) {
				return
			}
			var s string
			if err := json.Unmarshal(raw[i:j+1], &s); err != nil {
				s = string(raw[i+1 : j])
			}
			lastString = s
			// A string followed by ":" is a key.
			k := j + 1
			for k < len(raw) && (raw[k] == ' ' || raw[k] == '\t' || raw[k] == '\r' || raw[k] == '\n') {
				k++
			}
			if k < len(raw) && raw[k] == ':' && len(stack) > 0 && stack[len(stack)-1] != "\x00" {
				path := s
				if parent := stack[len(stack)-1]; parent != "" {
					path = parent + "." + s
				}
				if _, seen := lines[path]; !seen {
					lines[path] = line
				}
				lastString = path
			}
			i = j
		case '{':
			parent := ""
			if len(stack) > 0 {
				parent = lastString
			}
			stack = append(stack, parent)
			lastString = parent
		case '[':
			stack = append(stack, "\x00")
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// lineAt returns the 1-based line of byte offset off.
func lineAt(src []byte, off int) int {
	off = min(max(off, 0), len(src))
	return bytes.Count(src[:off], []byte("\n")) + 1
}

// normalizeValues gives TOML and JSON values the types YAML gives: whole
// numbers as int, lists as []any, and maps as map[string]any.
func normalizeValues(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalizeValues(x)
		}
		return v
	case []map[string]any: // TOML arrays of tables
		out := make([]any, len(v))
		for i, m := range v {
			out[i] = normalizeValues(m)
		}
		return out
	case []any:
		for i, x := range v {
			v[i] = normalizeValues(x)
		}
		return v
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return int(n)
		}
		f, _ := v.Float64()
		return f
	case int64:
		return int(v)
	case time.Time:
		// TOML's local dates come with a zone of offset 0: as in YAML, a
		// date without an offset is UTC.
		return v
	case fmt.Stringer:
		return v.String()
	}
	return v
}
