// Package content is folio's model of a site: its settings, its pages, and the
// index that relates them (topics, series, related articles, redirects). It
// validates front matter and reports every problem with the file and line, so a
// writer can fix them all in one pass. It knows nothing of templates, disk or HTTP.
package content

import (
	"errors"
	"fmt"
	"sort"
)

// Error is a problem in a content file, at a line (0 when the whole file is meant).
type Error struct {
	Path string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Problems collects errors and warnings in the order they were found.
type Problems struct {
	Errors   []*Error
	Warnings []*Error
}

// errorf records an error.
func (p *Problems) errorf(path string, line int, format string, args ...any) {
	p.Errors = append(p.Errors, &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...)})
}

// warnf records a warning: something the writer should fix that does not stop the build.
func (p *Problems) warnf(path string, line int, format string, args ...any) {
	p.Warnings = append(p.Warnings, &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...)})
}

// Add appends everything of q to p.
func (p *Problems) Add(q Problems) {
	p.Errors = append(p.Errors, q.Errors...)
	p.Warnings = append(p.Warnings, q.Warnings...)
}

// Err returns the errors joined, sorted by file and line, or nil when there are none.
func (p *Problems) Err() error {
	if len(p.Errors) == 0 {
		return nil
	}
	SortErrors(p.Errors)
	errs := make([]error, len(p.Errors))
	for i, e := range p.Errors {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// SortErrors sorts problems by file, then line, then message, so output is stable.
func SortErrors(errs []*Error) {
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i], errs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Err.Error() < b.Err.Error()
	})
}
