package build

import (
	"sort"
	"sync"

	"github.com/peeplcoach/folio/internal/key"
)

// lazy makes the checklist PDFs and share cards of folio serve: when a page
// asks for one, or in the background, one at a time, while no rebuild runs.
// The preview is served as soon as its pages are written; a site of 10,000
// articles would otherwise wait minutes for 30,000 artifacts. Its methods
// are safe for concurrent use: the dev server's handlers call get.
type lazy struct {
	b *Builder

	mu    sync.Mutex
	table map[string]*artifact // URL path → artifact, of the last good run
	calls map[key.Sum]*lazyCall
	gen   int // counts tables, so the background starts over on a new one

	// run is held by a build or rebuild for its whole length, and read-held
	// by the background while it makes one artifact: a rebuild waits for
	// at most one artifact, never for the background's list.
	run  sync.RWMutex
	wake chan struct{}
	stop chan struct{}
	done chan struct{}
}

type lazyCall struct {
	done chan struct{}
	data []byte
	err  error
}

func newLazy(b *Builder) *lazy {
	l := &lazy{b: b, calls: map[key.Sum]*lazyCall{}, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go l.background()
	return l
}

// publish makes a successful run's artifacts the ones served, and wakes the
// background to make what the cache lacks.
func (l *lazy) publish(set *artifactSet) {
	table := make(map[string]*artifact, len(set.arts))
	for _, a := range set.arts {
		table["/"+a.path] = a
	}
	l.mu.Lock()
	l.table = table
	l.gen++
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// get returns the bytes of the artifact served at a URL path, making it
// when the cache lacks it; ok is false when no artifact is served there.
func (l *lazy) get(urlPath string) (data []byte, ok bool, err error) {
	l.mu.Lock()
	a, ok := l.table[urlPath]
	l.mu.Unlock()
	if !ok {
		return nil, false, nil
	}
	data, err = l.make(a)
	return data, true, err
}

// make returns an artifact's bytes; one call makes them however many ask.
func (l *lazy) make(a *artifact) ([]byte, error) {
	if data, ok := l.b.blobs.get(a.key, a.ext); ok {
		return data, nil
	}
	l.mu.Lock()
	c, ok := l.calls[a.key]
	if !ok {
		c = &lazyCall{done: make(chan struct{})}
		l.calls[a.key] = c
	}
	l.mu.Unlock()
	if ok {
		<-c.done
		return c.data, c.err
	}
	c.data, c.err = l.b.artifactBytes(a)
	close(c.done)
	l.mu.Lock()
	delete(l.calls, a.key)
	l.mu.Unlock()
	return c.data, c.err
}

// background makes every served artifact the cache lacks, in path order,
// one at a time and never while a rebuild runs; a new table starts it over.
func (l *lazy) background() {
	defer close(l.done)
	for {
		select {
		case <-l.stop:
			return
		case <-l.wake:
		}
		l.mu.Lock()
		gen := l.gen
		arts := make([]*artifact, 0, len(l.table))
		for _, a := range l.table {
			arts = append(arts, a)
		}
		l.mu.Unlock()
		sort.Slice(arts, func(i, j int) bool { return arts[i].path < arts[j].path })
		for _, a := range arts {
			select {
			case <-l.stop:
				return
			default:
			}
			l.mu.Lock()
			stale := gen != l.gen
			l.mu.Unlock()
			if stale {
				break
			}
			if _, ok := l.b.blobs.size(a.key, a.ext); ok {
				continue
			}
			l.run.RLock()
			_, _ = l.make(a) // an error shows when the artifact is asked for
			l.run.RUnlock()
		}
	}
}

// close stops the background and waits for it.
func (l *lazy) close() {
	close(l.stop)
	<-l.done
}
