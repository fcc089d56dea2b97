package migrate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v2"
)

// matter is a file split into its front matter and its body.
type matter struct {
	fm       map[string]any
	body     string
	bodyLine int  // the line the body starts on
	present  bool // the file had front matter at all
}

// parsed is a file read and split, or why it could not be.
type parsed struct {
	m       matter
	err     error
	readErr bool // reading failed, rather than parsing
}

// readMatters reads and splits files in parallel, since reading them and
// parsing their YAML and TOML is most of an import's work. Worker i writes
// out[i] only; fs.FS implementations are safe for concurrent reads.
func readMatters(fsys fs.FS, paths []string) []parsed {
	out := make([]parsed, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(paths), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := fs.ReadFile(fsys, paths[i])
				if err != nil {
					out[i] = parsed{err: err, readErr: true}
					continue
				}
				m, err := splitMatter(data)
				out[i] = parsed{m: m, err: err}
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// lineError is a problem at a line of a file.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return e.msg }

// splitMatter reads YAML (---), TOML (+++) or JSON ({…}) front matter, the
// three forms Hugo accepts (Jekyll reads YAML only, and so does this for it).
func splitMatter(src []byte) (matter, error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	first, rest, _ := strings.Cut(text, "\n")
	switch strings.TrimRight(first, " \t") {
	case "---":
		return fenced(rest, "---", parseYAML)
	case "+++":
		return fenced(rest, "+++", parseTOML)
	}
	if strings.HasPrefix(text, "{") {
		return jsonMatter(text)
	}
	return matter{body: text, bodyLine: 1}, nil
}

// fenced reads front matter that ends at a line holding only the fence.
// (Jekyll also ends YAML with "...".)
func fenced(rest, fence string, parse func(string) (map[string]any, error)) (matter, error) {
	line := 2
	var fm strings.Builder
	for rest != "" {
		l, after, _ := strings.Cut(rest, "\n")
		trimmed := strings.TrimRight(l, " \t")
		if trimmed == fence || (fence == "---" && trimmed == "...") {
			m, err := parse(fm.String())
			if err != nil {
				return matter{}, shiftLine(err, 1)
			}
			return matter{fm: m, body: after, bodyLine: line + 1, present: true}, nil
		}
		fm.WriteString(l)
		fm.WriteByte('\n')
		rest = after
		line++
	}
	return matter{}, &lineError{line: 1, msg: fmt.Sprintf("front matter is not closed: no %s line after it", fence)}
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// shiftLine moves a parser's line number (counted from the first line of
// the front matter) to the file's.
func shiftLine(err error, by int) error {
	msg := err.Error()
	line := 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		line = n + by
	}
	var pe toml.ParseError
	if e, ok := err.(toml.ParseError); ok {
		pe = e
		line = pe.Position.Line + by
		msg = pe.Message
	}
	return &lineError{line: line, msg: "front matter cannot be read: " + msg}
}

func parseYAML(s string) (map[string]any, error) {
	var m map[any]any
	if err := yaml.Unmarshal([]byte(s), &m); err != nil {
		return nil, err
	}
	out, _ := normalise(m).(map[string]any)
	if out == nil {
		out = map[string]any{}
	}
	return out, nil
}

func parseTOML(s string) (map[string]any, error) {
	m := map[string]any{}
	if _, err := toml.Decode(s, &m); err != nil {
		return nil, err
	}
	out, _ := normalise(m).(map[string]any)
	return out, nil
}

// jsonMatter reads a JSON object at the start of a file, as Hugo does.
func jsonMatter(text string) (matter, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return matter{}, &lineError{line: 1, msg: "front matter is not valid JSON: " + err.Error()}
	}
	end := int(dec.InputOffset())
	body := strings.TrimPrefix(strings.TrimLeft(text[end:], " \t"), "\n")
	line := 1 + strings.Count(text[:len(text)-len(body)], "\n")
	out, _ := normalise(m).(map[string]any)
	return matter{fm: out, body: body, bodyLine: line, present: true}, nil
}

// normalise turns the maps decoders produce into map[string]any, all the way
// down, so the rest of the package deals with one kind of map.
func normalise(v any) any {
	switch v := v.(type) {
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, val := range v {
			out[fmt.Sprint(k)] = normalise(val)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, val := range v {
			out[k] = normalise(val)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, val := range v {
			out[i] = normalise(val)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, val := range v {
			out[i] = normalise(val)
		}
		return out
	}
	return v
}

// lowerKeys lower-cases the keys of a map, all the way down: Hugo reads
// front matter and settings without regard to case ("Title", "baseURL").
func lowerKeys(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, val := range v {
			out[strings.ToLower(k)] = lowerKeys(val)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, val := range v {
			out[i] = lowerKeys(val)
		}
		return out
	}
	return v
}

// str returns a scalar as text, or "".
func str(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(v)
	}
	return ""
}

// strs returns a list of texts; a single text is a list of one.
func strs(v any) []string {
	switch v := v.(type) {
	case []any:
		var out []string
		for _, item := range v {
			if s := str(item); s != "" {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return v
	}
	if s := str(v); s != "" {
		return []string{s}
	}
	return nil
}

// sub returns a nested map, or nil.
func sub(m map[string]any, key string) map[string]any {
	v, _ := m[key].(map[string]any)
	return v
}

// truthy reads a yes/no value.
func truthy(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "yes", "on":
			return true
		}
	}
	return false
}
