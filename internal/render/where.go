package render

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"time"
)

// dict makes a map from key and value pairs, to hand a partial more than one
// value: {{ partial "figure.html" (dict "src" .Params.cover "alt" .Title) }}.
func dict(pairs ...any) (map[string]any, error) {
	if len(pairs)%2 != 0 {
		return nil, errors.New("dict: needs key and value pairs")
	}
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		k, ok := pairs[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not text", pairs[i])
		}
		m[k] = pairs[i+1]
	}
	return m, nil
}

// safeHTML marks text as HTML the template must not escape. It trusts its
// input completely: give it only HTML the site's own authors wrote (a
// front-matter field with markup, say), never text from elsewhere, or the
// page can run someone else's script.
func safeHTML(s string) template.HTML { return template.HTML(s) }

// where filters a list, as Hugo's where does: the items whose field (a
// dotted path: "Title", "Series.Name", "Params.mood") compares with value.
//
//	{{ range where .List.Articles "Params.mood" "calm" }}
//	{{ range where .List.Articles "ReadingMinutes" "<=" 5 }}
//	{{ range where .List.Articles "Topics" "intersect" .Params.related_topics }}
//
// Operators: = == != < <= > >= in "not in" intersect. A missing field or
// param is nil: equal to nil only.
func where(list any, path string, args ...any) ([]any, error) {
	op, value := "==", any(nil)
	switch len(args) {
	case 1:
		value = args[0]
	case 2:
		o, ok := args[0].(string)
		if !ok {
			return nil, fmt.Errorf("where: operator %v is not text", args[0])
		}
		op, value = o, args[1]
	default:
		return nil, errors.New(`where: give a list, a field, and a value (or an operator and a value)`)
	}
	lv := reflect.ValueOf(list)
	if !lv.IsValid() {
		return nil, nil
	}
	if lv.Kind() != reflect.Slice && lv.Kind() != reflect.Array {
		return nil, fmt.Errorf("where: %T is not a list", list)
	}
	var out []any
	for i := 0; i < lv.Len(); i++ {
		item := lv.Index(i)
		ok, err := compare(field(item, path), op, value)
		if err != nil {
			return nil, fmt.Errorf("where %q %s: %w", path, op, err)
		}
		if ok {
			out = append(out, item.Interface())
		}
	}
	return out, nil
}

// field follows a dotted path of struct fields, methods without arguments
// and map keys from v; nil when the path leads nowhere.
func field(v reflect.Value, path string) any {
	for _, name := range strings.Split(path, ".") {
		if name == "" {
			continue
		}
		for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) {
			if m := v.MethodByName(name); m.IsValid() && m.Type().NumIn() == 0 && m.Type().NumOut() >= 1 {
				break
			}
			if v.IsNil() {
				return nil
			}
			v = v.Elem()
		}
		if !v.IsValid() {
			return nil
		}
		if m := v.MethodByName(name); m.IsValid() && m.Type().NumIn() == 0 && m.Type().NumOut() >= 1 {
			v = m.Call(nil)[0]
			continue
		}
		switch v.Kind() {
		case reflect.Struct:
			v = v.FieldByName(name)
		case reflect.Map:
			if v.Type().Key().Kind() != reflect.String {
				return nil
			}
			v = v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key()))
		default:
			return nil
		}
	}
	for v.IsValid() && v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() || (v.Kind() == reflect.Pointer || v.Kind() == reflect.Map || v.Kind() == reflect.Slice) && v.IsNil() {
		return nil
	}
	return v.Interface()
}

// compare applies op to a field's value and the value asked for.
func compare(got any, op string, want any) (bool, error) {
	switch op {
	case "=", "==", "eq":
		return equal(got, want), nil
	case "!=", "<>", "ne":
		return !equal(got, want), nil
	case "<", "<=", ">", ">=", "lt", "le", "gt", "ge":
		c, ok := order(got, want)
		if !ok {
			return false, nil
		}
		switch op {
		case "<", "lt":
			return c < 0, nil
		case "<=", "le":
			return c <= 0, nil
		case ">", "gt":
			return c > 0, nil
		}
		return c >= 0, nil
	case "in", "not in":
		found := false
		each(want, func(x any) bool { found = equal(got, x); return !found })
		return found == (op == "in"), nil
	case "intersect":
		found := false
		each(got, func(g any) bool {
			each(want, func(x any) bool { found = equal(g, x); return !found })
			return !found
		})
		return found, nil
	}
	return false, fmt.Errorf("unknown operator %q (use = != < <= > >= in \"not in\" intersect)", op)
}

// each calls fn with the items of a list (or with v itself when it is not
// one) until fn returns false.
func each(v any, fn func(any) bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		if v != nil {
			fn(v)
		}
		return
	}
	for i := 0; i < rv.Len(); i++ {
		if !fn(rv.Index(i).Interface()) {
			return
		}
	}
}

// equal compares as a template author means it: numbers by value whatever
// their type (YAML's 3 and the template's 3), text with a Link's name too.
func equal(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if x, ok := number(a); ok {
		y, ok := number(b)
		return ok && x == y
	}
	if s, ok := text(a); ok {
		t, ok := text(b)
		return ok && s == t
	}
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		return ok && ta.Equal(tb)
	}
	ra := reflect.ValueOf(a)
	if !ra.Comparable() || !reflect.ValueOf(b).Comparable() {
		return reflect.DeepEqual(a, b)
	}
	return a == b
}

// order compares numbers, text or times: -1, 0 or 1, and whether they could be.
func order(a, b any) (int, bool) {
	if x, ok := number(a); ok {
		y, ok := number(b)
		if !ok {
			return 0, false
		}
		switch {
		case x < y:
			return -1, true
		case x > y:
			return 1, true
		}
		return 0, true
	}
	if s, ok := text(a); ok {
		t, ok := text(b)
		if !ok {
			return 0, false
		}
		return strings.Compare(s, t), true
	}
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		if !ok {
			return 0, false
		}
		return ta.Compare(tb), true
	}
	return 0, false
}

func number(v any) (float64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), true
	case reflect.Float32, reflect.Float64:
		return rv.Float(), true
	}
	return 0, false
}

// text is the text of a string, or of a Link (a topic or series) by its name.
func text(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case template.HTML:
		return string(v), true
	case Link:
		return v.Name, true
	case *Link:
		return v.Name, true
	}
	return "", false
}
