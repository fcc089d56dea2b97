package serve

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Coalescing windows. A save is a handful of syscalls from one process: an
// atomic save (write temp, fsync, rename) or vim's backup-and-rename save
// (rename, write, fsync, chmod, delete backup) ends within a few
// milliseconds even with an fsync on a slow disk. 20 ms of quiet covers that
// with margin and spends a fifth of the 100 ms edit-to-page budget; Hugo's
// 500 ms would spend it five times over. The maximum delay only matters for
// tools that write without pause (git checkout, rsync): it bounds how long a
// writer waits while such a stream goes on, and is long enough that most
// checkouts land in one rebuild.
const (
	quietWindow = 20 * time.Millisecond
	maxDelay    = 250 * time.Millisecond
)

// eventSource is the small seam over fsnotify, so that the watcher loop can
// be driven from channels in tests.
type eventSource interface {
	Add(dir string) error
	Remove(dir string) error
	Events() <-chan fsnotify.Event
	Errors() <-chan error
	Close() error
}

// fsnotifySource adapts *fsnotify.Watcher to eventSource.
type fsnotifySource struct{ w *fsnotify.Watcher }

func (s fsnotifySource) Add(dir string) error          { return s.w.Add(dir) }
func (s fsnotifySource) Remove(dir string) error       { return s.w.Remove(dir) }
func (s fsnotifySource) Events() <-chan fsnotify.Event { return s.w.Events }
func (s fsnotifySource) Errors() <-chan error          { return s.w.Errors }
func (s fsnotifySource) Close() error                  { return s.w.Close() }

// watchConfig configures a watcher.
type watchConfig struct {
	sourceDir string // absolute; content/, layouts/, static/ are watched below it
	outputDir string // absolute; never watched, events below it are dropped
	quiet     time.Duration
	maxDelay  time.Duration
	log       io.Writer // problems the loop cannot return: a folder it cannot watch
	// canRead reports whether a file or folder can be read; canRead (the
	// function) when nil. Tests replace it: as root, every file can be read.
	canRead func(abs string) bool
}

// watcher turns file-system events below the source folder into batches of
// changed source files (slash-separated, relative to the source folder,
// deduplicated and sorted). One goroutine, loop, owns all its state; Close
// stops it and waits.
type watcher struct {
	cfg     watchConfig
	src     eventSource
	batches chan []string
	done    chan struct{}
	stopped chan struct{}

	closeOnce sync.Once

	// Owned by loop (and by newWatcherWith before loop starts).
	known map[string]bool // every file (false) and folder (true) seen below the roots
	// unreadable holds the paths whose last change of mode left them
	// unreadable, so that the change back is seen too.
	unreadable map[string]bool
	pending    map[string]struct{} // changed since the current batch started
	first      time.Time           // when the current batch started
}

// newWatcher watches cfg.sourceDir with fsnotify.
func newWatcher(cfg watchConfig) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("start file watcher: %w", err)
	}
	w, err := newWatcherWith(cfg, fsnotifySource{fw})
	if err != nil {
		fw.Close()
		return nil, err
	}
	return w, nil
}

// newWatcherWith scans the source tree, adding a watch on every folder, then
// starts the loop.
func newWatcherWith(cfg watchConfig, src eventSource) (*watcher, error) {
	if cfg.quiet <= 0 {
		cfg.quiet = quietWindow
	}
	if cfg.maxDelay < cfg.quiet {
		cfg.maxDelay = max(maxDelay, cfg.quiet)
	}
	if cfg.log == nil {
		cfg.log = io.Discard
	}
	if cfg.canRead == nil {
		cfg.canRead = canRead
	}
	w := &watcher{
		cfg:        cfg,
		src:        src,
		batches:    make(chan []string),
		done:       make(chan struct{}),
		stopped:    make(chan struct{}),
		known:      make(map[string]bool),
		unreadable: make(map[string]bool),
		pending:    make(map[string]struct{}),
	}
	if err := w.scan(); err != nil {
		return nil, err
	}
	clear(w.pending) // the initial scan is not a change
	go w.loop()
	return w, nil
}

// Batches delivers each batch of changed files once the burst that produced it
// has gone quiet. It is closed when the watcher stops.
func (w *watcher) Batches() <-chan []string { return w.batches }

// Close stops the loop, waits for it, and releases the watches.
func (w *watcher) Close() error {
	w.closeOnce.Do(func() { close(w.done) })
	<-w.stopped
	return w.src.Close()
}

func (w *watcher) loop() {
	defer close(w.stopped)
	defer close(w.batches)

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var (
		ready []string        // flushed, waiting for the consumer
		out   chan<- []string // w.batches while ready is non-empty, else nil
	)
	for {
		select {
		case <-w.done:
			timer.Stop()
			return
		case ev, ok := <-w.src.Events():
			if !ok {
				return
			}
			if w.handle(ev) {
				w.schedule(timer)
			}
		case err, ok := <-w.src.Errors():
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: rescan and report every file, so the
				// rebuild re-checks everything rather than miss an edit.
				w.rescan()
				w.schedule(timer)
			} else {
				fmt.Fprintf(w.cfg.log, "watch: %v\n", err)
			}
		case <-timer.C:
			// The consumer may still be busy with the previous batch: merge,
			// so that it gets one batch with everything when it comes back.
			ready = merge(ready, w.pending)
			clear(w.pending)
			w.first = time.Time{}
			if len(ready) > 0 {
				out = w.batches
			}
		case out <- ready:
			ready, out = nil, nil
		}
	}
}

// schedule (re)arms the timer after a relevant event: the batch flushes after
// a quiet window with no new event, and at the latest maxDelay after it
// started.
func (w *watcher) schedule(timer *time.Timer) {
	if len(w.pending) == 0 {
		return // e.g. a new empty folder: nothing to rebuild
	}
	now := time.Now()
	if w.first.IsZero() {
		w.first = now
	}
	wait := min(w.cfg.quiet, w.first.Add(w.cfg.maxDelay).Sub(now))
	timer.Reset(wait)
}

// merge adds the pending paths to a sorted batch, deduplicated.
func merge(batch []string, pending map[string]struct{}) []string {
	for p := range pending {
		batch = append(batch, p)
	}
	slices.Sort(batch)
	return slices.Compact(batch)
}
