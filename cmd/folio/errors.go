package main

import (
	"errors"
	"fmt"
	"strings"
	"syscall"

	"github.com/peeplcoach/folio/internal/build"
)

// problemLines turns a failed build's error into the lines to print, one
// per cause: errors with the same text are printed once (a layout error
// found on every page that uses the layout), and errors caused by the same
// system error (a full disk makes every write fail) are printed once with
// the number of files they hit. Paths are made relative to the working
// directory (see prefixed).
func problemLines(src string, err error) []string {
	var list []error
	var be *build.Errors
	if errors.As(err, &be) {
		list = be.List
	} else {
		list = []error{err}
	}
	type cause struct {
		first string
		more  int
	}
	var order []string
	causes := map[string]*cause{}
	for _, e := range list {
		msg := prefixed(src, e.Error())
		key := "text:" + msg
		var errno syscall.Errno
		if errors.As(e, &errno) && systemWide(errno) {
			key = "errno:" + errno.Error()
		}
		if c, ok := causes[key]; ok {
			if msg != c.first {
				c.more++
			}
			continue
		}
		causes[key] = &cause{first: msg}
		order = append(order, key)
	}
	lines := make([]string, 0, len(order))
	for _, k := range order {
		c := causes[k]
		line := c.first
		if c.more > 0 {
			line += fmt.Sprintf(" (and %d more %s, for the same reason)", c.more, plural(c.more, "file", "files"))
		}
		lines = append(lines, line)
	}
	return lines
}

// systemWide reports whether a system error is about the machine rather
// than one file: the disk is full, over quota, read-only or failing, the
// process may not write larger files, or has too many open.
func systemWide(errno syscall.Errno) bool {
	switch errno {
	case syscall.ENOSPC, syscall.EROFS, syscall.EIO, syscall.EFBIG, syscall.EMFILE, syscall.ENFILE:
		return true
	}
	return isQuota(errno)
}

// summarized is a failed build's error as problemLines prints it, for the
// dev server, which shows it in the browser and the terminal.
func summarized(src string, err error) error {
	return errors.New(strings.Join(problemLines(src, err), "\n"))
}
