package main

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"github.com/peeplcoach/folio/internal/build"
)

func TestProblemLinesOnePerCause(t *testing.T) {
	var list []error
	for i := range 700 {
		list = append(list, fmt.Errorf("write articles/a%d/index.html: %w", i, &fs.PathError{Op: "open", Path: "/x", Err: syscall.ENOSPC}))
	}
	for range 3 {
		list = append(list, errors.New("layouts/article.html:3: executing \"main\": boom"))
	}
	list = append(list, fmt.Errorf("read static/a.png: %w", &fs.PathError{Op: "open", Path: "/y", Err: syscall.EACCES}))
	list = append(list, fmt.Errorf("read static/b.png: %w", &fs.PathError{Op: "open", Path: "/z", Err: syscall.EACCES}))
	lines := problemLines(".", &build.Errors{List: list})
	want := []string{
		"write articles/a0/index.html: open /x: no space left on device (and 699 more files, for the same reason)",
		`layouts/article.html:3: executing "main": boom`,
		"read static/a.png: open /y: permission denied", // one file's problem: each is told
		"read static/b.png: open /z: permission denied",
	}
	if got := strings.Join(lines, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
