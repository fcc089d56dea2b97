package build

import (
	"fmt"
	"os"
	"sort"
	"sync"

	"github.com/peeplcoach/folio/internal/output"
	"github.com/peeplcoach/folio/internal/urlpath"
)

// writeMode is where a run's files go before the run is known to succeed.
type writeMode uint8

const (
	writeDirect writeMode = iota // an empty sink the caller swaps in only on success
	writeStaged                  // a Stage of a Stager, committed on success
	writeMemory                  // memory, copied to the sink on success
)

// writer takes a run's files: collect, then write. Workers call put and link
// concurrently; commit runs on the Builder's goroutine once every job
// succeeded, and discard when one failed.
type writer struct {
	sink  Sink
	mode  writeMode
	stage output.Stage
	prev  map[string]outputState // what the sink holds; read-only during the run

	mu      sync.Mutex
	mem     map[string][]byte
	written int
	bytes   int64
	removed int
	changed []string
}

func (b *Builder) newWriter(sink Sink, fresh bool) (*writer, error) {
	w := &writer{sink: sink, prev: b.c.outputs, mem: map[string][]byte{}}
	switch s, ok := sink.(Stager); {
	case fresh:
		w.mode = writeDirect
	case ok:
		stage, err := s.Stage()
		if err != nil {
			return nil, err
		}
		w.mode, w.stage = writeStaged, stage
	default:
		w.mode = writeMemory
	}
	return w, nil
}

// same reports whether the sink holds these bytes at path already.
func (w *writer) same(path string, hash uint64) bool {
	old, ok := w.prev[path]
	return ok && old.hash == hash
}

func (w *writer) count(path string, size int64) {
	w.mu.Lock()
	w.written++
	w.bytes += size
	w.changed = append(w.changed, urlpath.URL(path))
	w.mu.Unlock()
}

// put takes a file's bytes. data may be reused once put returns.
func (w *writer) put(path string, data []byte, hash uint64) error {
	if w.same(path, hash) {
		return nil
	}
	w.count(path, int64(len(data)))
	switch w.mode {
	case writeDirect:
		return w.sink.WriteFile(path, data)
	case writeStaged:
		return w.stage.WriteFile(path, data)
	}
	w.mu.Lock()
	w.mem[path] = append([]byte(nil), data...)
	w.mu.Unlock()
	return nil
}

// link takes a file of the cache, by a hard link where the sink can. remade
// says the cache file is new though its key is not: the sink's link to the
// file it replaces (damaged through that very link) must be made again.
func (w *writer) link(path, file string, size int64, hash uint64, remade bool) error {
	if !remade && w.same(path, hash) {
		return nil
	}
	var l Linker
	switch w.mode {
	case writeDirect:
		l, _ = w.sink.(Linker)
	case writeStaged:
		l = w.stage
	}
	if l == nil {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		return w.put(path, data, hash)
	}
	w.count(path, size)
	return l.LinkFile(path, file)
}

func (w *writer) discard() {
	if w.stage != nil {
		_ = w.stage.Discard()
	}
}

// commit makes a successful run's files visible, removes the files no job
// makes any more, and records what the sink now holds (caches.outputs).
func (b *Builder) commit(w *writer, pl *plan, arts *artifactSet, ex executed, fresh bool) error {
	if b.opts.BeforeWrite != nil && w.mode != writeDirect {
		if err := b.opts.BeforeWrite(); err != nil {
			w.discard()
			return err
		}
	}
	switch w.mode {
	case writeStaged:
		if err := w.stage.Commit(); err != nil {
			return err
		}
	case writeMemory:
		paths := make([]string, 0, len(w.mem))
		for p := range w.mem {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			if err := w.sink.WriteFile(p, w.mem[p]); err != nil {
				return err
			}
		}
	}
	if b.lazy != nil && b.c.published != arts {
		b.lazy.publish(arts)
		b.c.published = arts
	}
	for _, r := range ex.results {
		j := &pl.jobs[r.job]
		b.c.outputs[j.path] = outputState{key: r.final, hash: r.hash}
		if j.kind == jobArtifact {
			j.art.made = false // published: the sink links the new file now
		}
	}
	if !fresh && len(b.c.outputs) > ex.files {
		var stale []string
		for p := range b.c.outputs {
			if !pl.paths[p] {
				stale = append(stale, p)
			}
		}
		sort.Strings(stale)
		for _, p := range stale {
			if err := w.sink.RemoveFile(p); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("remove %s: %w", p, err)
			}
			delete(b.c.outputs, p)
			w.removed++
			w.changed = append(w.changed, urlpath.URL(p))
		}
	}
	sort.Strings(w.changed)
	return nil
}
