package content

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
)

// Params and layouts: what lets a designer add a front-matter field or a page
// kind without Go. A front-matter key folio does not read itself is kept in
// Page.Params for templates ({{ .Params.mood }}); it is reported as unknown
// (a typo, most likely) unless site.yaml declares it: params: [mood, cover].
// layout: names the file of layouts/ that renders the page.

// UnknownKey is the warning about a front-matter key folio does not read.
type UnknownKey struct {
	Key string // "mood", or "linkedin.hok" inside a map
	Msg string
}

func (e *UnknownKey) Error() string { return e.Msg }

// DropDeclared returns the warnings without those about keys site.yaml
// declares as params. The warnings are made when a page is parsed, which
// does not depend on site.yaml; the build filters them with the site's list.
func DropDeclared(site *Site, warnings []*Error) []*Error {
	if site == nil || len(site.Params) == 0 {
		return warnings
	}
	kept := warnings[:0:0]
	for _, w := range warnings {
		if u, ok := w.Err.(*UnknownKey); ok && slices.Contains(site.Params, u.Key) {
			continue
		}
		kept = append(kept, w)
	}
	return kept
}

// extraParams returns the top-level front-matter keys that folio's schema did
// not read, with their values made plain for templates (maps keyed by text),
// or nil when there are none.
func extraParams(values map[string]any, known []string) map[string]any {
	var out map[string]any
	for k, v := range values {
		if slices.Contains(known, k) {
			continue
		}
		if out == nil {
			out = map[string]any{}
		}
		out[k] = plainValue(v)
	}
	return out
}

// plainValue turns the map[any]any of nested YAML maps into map[string]any,
// so templates can reach into them with .Params.cover.src and where can
// compare their values.
func plainValue(v any) any {
	switch v := v.(type) {
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[fmt.Sprint(k)] = plainValue(x)
		}
		return m
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = plainValue(x)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plainValue(x)
		}
		return out
	}
	return v
}

// SameParams reports whether two pages' params hold the same values.
func SameParams(a, b map[string]any) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// ParamKeys returns the keys of params, sorted.
func ParamKeys(params map[string]any) []string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// layoutName is what layout: may hold: a file name of layouts/ without
// folders, with or without ".html".
var layoutName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*(\.html)?$`)
