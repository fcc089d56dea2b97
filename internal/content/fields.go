package content

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/suggest"
)

// fields reads typed values out of a YAML map and reports wrong types with the
// key's line. Every key read is remembered, so the keys nobody read can be
// reported as unknown, with the nearest known key as a suggestion.
type fields struct {
	path   string         // the file, for messages
	prefix string         // "linkedin." for a nested map
	values map[string]any // this level
	lines  map[string]int // key path → line, for the whole file
	known  []string
	probs  *Problems
}

func newFields(path string, values map[string]any, lines map[string]int, probs *Problems) *fields {
	return &fields{path: path, values: values, lines: lines, probs: probs}
}

// line returns the line of key, or of the enclosing map, or 1.
func (f *fields) line(key string) int {
	for p := f.prefix + key; p != ""; {
		if l, ok := f.lines[p]; ok {
			return l
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return 1
}

func (f *fields) get(key string) (any, bool) {
	f.known = append(f.known, key)
	v, ok := f.values[key]
	return v, ok && v != nil
}

func (f *fields) wrongType(key, want string, v any) {
	f.probs.errorf(f.path, f.line(key), "%s%s must be %s, not %s", f.prefix, key, want, describe(v))
}

// describe names a YAML value's type the way a writer thinks of it.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("the text %q", v)
	case bool:
		return fmt.Sprintf("%v (yes/no)", v)
	case int, int64, uint64, float64:
		return fmt.Sprintf("the number %v", v)
	case []any:
		return "a list"
	case map[any]any, map[string]any:
		return "a map of keys"
	default:
		return fmt.Sprintf("%T", v)
	}
}

func (f *fields) has(key string) bool {
	_, ok := f.values[key]
	return ok
}

func (f *fields) str(key string, required bool) string {
	v, ok := f.get(key)
	if !ok {
		if required {
			f.probs.errorf(f.path, f.line(key), "%s%s is required", f.prefix, key)
		}
		return ""
	}
	switch v := v.(type) {
	case string:
		if required && strings.TrimSpace(v) == "" {
			f.probs.errorf(f.path, f.line(key), "%s%s must not be empty", f.prefix, key)
		}
		return v
	case int, int64, uint64, float64:
		// YAML reads `title: 2024` as a number; a writer means the text.
		return fmt.Sprint(v)
	}
	f.wrongType(key, "text", v)
	return ""
}

func (f *fields) boolean(key string) bool {
	v, ok := f.get(key)
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		f.wrongType(key, "true or false", v)
	}
	return b
}

func (f *fields) integer(key string, min int) (int, bool) {
	v, ok := f.get(key)
	if !ok {
		return 0, false
	}
	var n int
	switch v := v.(type) {
	case int:
		n = v
	case int64:
		n = int(v)
	case uint64:
		n = int(v)
	default:
		f.wrongType(key, "a whole number", v)
		return 0, false
	}
	if n < min {
		f.probs.errorf(f.path, f.line(key), "%s%s must be at least %d, not %d", f.prefix, key, min, n)
		return 0, false
	}
	return n, true
}

func (f *fields) list(key string) []string {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case string:
		// "topics: trust" is one topic, not an error.
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, item := range v {
			s, isStr := item.(string)
			if !isStr {
				f.probs.errorf(f.path, f.line(key), "%s%s must be a list of text items, but holds %s", f.prefix, key, describe(item))
				continue
			}
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	f.wrongType(key, "a list", v)
	return nil
}

func (f *fields) date(key string, required bool) time.Time {
	v, ok := f.get(key)
	if !ok {
		if required {
			f.probs.errorf(f.path, f.line(key), "%s%s is required (write it as 2025-03-01)", f.prefix, key)
		}
		return time.Time{}
	}
	switch v := v.(type) {
	case time.Time:
		return v.UTC()
	case string:
		t, err := parseDate(v)
		if err != nil {
			why := ""
			if err.Error() != "not a date" {
				why = " (" + err.Error() + ")"
			}
			f.probs.errorf(f.path, f.line(key), "%s%s %q is not a date%s: write it as 2025-03-01, 2025-03-01 09:30:00 +0200 or 2025-03-01T09:30:00Z", f.prefix, key, v, why)
		}
		return t
	}
	f.wrongType(key, "a date", v)
	return time.Time{}
}

// absURL reads an absolute http(s) URL.
func (f *fields) absURL(key string, required bool) string {
	s := strings.TrimSpace(f.str(key, required))
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		f.probs.errorf(f.path, f.line(key), "%s%s %q must be an absolute URL starting with https://", f.prefix, key, s)
		return ""
	}
	return s
}

// sub returns the fields of a nested map, or nil when the key is absent. A value
// that is not a map is an error.
func (f *fields) sub(key string) *fields {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	m := toStringMap(v)
	if m == nil {
		f.wrongType(key, "a map of keys", v)
		return nil
	}
	return &fields{path: f.path, prefix: f.prefix + key + ".", values: m, lines: f.lines, probs: f.probs}
}

// toStringMap converts the maps YAML decoders produce into map[string]any.
func toStringMap(v any) map[string]any {
	switch m := v.(type) {
	case map[string]any:
		return m
	case map[any]any:
		out := make(map[string]any, len(m))
		for k, val := range m {
			out[fmt.Sprint(k)] = val
		}
		return out
	}
	return nil
}

// unknown reports the keys nobody read, each with a suggestion when a known key
// is close. report is errorf or warnf.
func (f *fields) unknown(asError bool) {
	keys := make([]string, 0, len(f.values))
	for k := range f.values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if contains(f.known, k) {
			continue
		}
		msg := fmt.Sprintf("unknown key %q", f.prefix+k)
		if s := otherGeneratorKey(k); s != "" && contains(f.known, s) {
			msg += fmt.Sprintf(" (did you mean %q?)", f.prefix+s)
		} else if s := suggest.Nearest(k, f.known); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", f.prefix+s)
		}
		if asError {
			f.probs.errorf(f.path, f.line(k), "%s", msg)
		} else {
			// Typed, so that the build can drop it when site.yaml declares
			// the key as a param (see DropDeclared).
			f.probs.Warnings = append(f.probs.Warnings, &Error{Path: f.path, Line: f.line(k), Err: &UnknownKey{Key: f.prefix + k, Msg: msg}})
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
