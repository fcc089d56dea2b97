package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/peeplcoach/folio/internal/content"
)

// parallel runs fn(0) … fn(n-1) on the builder's workers and waits. Workers
// take the next index from a shared counter, so a slow item holds up no
// queue. A panic in fn(i) stops nothing else: it becomes an error naming
// name(i), the file being processed, so that no input can kill folio (or the
// dev server). It returns those errors, or ctx's error when it was cancelled.
func (b *Builder) parallel(ctx context.Context, n int, name func(i int) string, fn func(i int)) error {
	var (
		next   atomic.Int64
		wg     sync.WaitGroup
		mu     sync.Mutex
		panics []error
	)
	call := func(i int) {
		defer func() {
			if p := recover(); p != nil {
				err := &content.Error{Path: name(i), Err: fmt.Errorf("internal error in folio: %v (please report it, with this file)", p)}
				if os.Getenv("FOLIO_DEBUG") != "" {
					err.Err = fmt.Errorf("%w\n%s", err.Err, debug.Stack())
				}
				mu.Lock()
				panics = append(panics, err)
				mu.Unlock()
			}
		}()
		fn(i)
	}
	for range min(b.opts.Workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				call(i)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(panics) > 0 {
		sortErrors(panics)
		return errors.Join(panics...)
	}
	return nil
}

func sortErrors(errs []error) {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
}

// onePerCause keeps one error per cause, sorted: a layout error that every
// page meets is one line, not one per page; a full disk is one line with the
// number of files it stopped. Errors of different files and lines stay apart.
// Nil entries (the slots of jobs that succeeded) are skipped.
func onePerCause(errs []error) []error {
	type group struct {
		first error
		more  int
	}
	var order []string
	groups := map[string]*group{}
	for _, err := range errs {
		if err == nil {
			continue
		}
		c := cause(err)
		g, ok := groups[c]
		if !ok {
			groups[c] = &group{first: err}
			order = append(order, c)
			continue
		}
		g.more++
	}
	out := make([]error, 0, len(order))
	for _, c := range order {
		g := groups[c]
		if g.more > 0 {
			out = append(out, fmt.Errorf("%w (and %d more %s, for the same reason)", g.first, g.more, plural(g.more, "file", "files")))
		} else {
			out = append(out, g.first)
		}
	}
	sortErrors(out)
	return out
}

// cause is what tells two errors apart: an I/O error by what went wrong
// (ENOSPC, EACCES, …) whatever the file, anything else by its message.
func cause(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return "errno " + errno.Error()
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return "path " + pe.Op + " " + pe.Err.Error()
	}
	return strings.TrimSpace(err.Error())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
