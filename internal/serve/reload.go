package serve

import (
	"embed"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// clientFiles are the live-reload scripts, served under /__folio/: reload.js
// runs in each page; worker.js is a SharedWorker that holds one event stream
// for every tab (browsers allow six HTTP/1.1 connections per host, so one
// stream per tab would leave the seventh tab waiting forever).
//
//go:embed reload.js worker.js
var clientFiles embed.FS

const (
	// clientBuffer is how many messages a slow client may fall behind before
	// it is dropped; its browser reconnects, sees a newer version and reloads.
	clientBuffer = 16
	// heartbeat keeps idle streams open through proxies and lets a handler
	// notice a vanished client.
	heartbeat = 15 * time.Second
	// sseWriteTimeout bounds one write to a stalled client.
	sseWriteTimeout = 10 * time.Second
)

// message is what the event stream sends, as JSON. Version is instance.gen,
// gen counting successful builds. A message with Changed follows a
// successful rebuild; any other is the state: Error set while the build is
// broken. A page compares versions to know whether it missed a rebuild.
type message struct {
	Version string   `json:"version"`
	Changed []string `json:"changed,omitzero"`
	Error   string   `json:"error,omitzero"`
}

// hub fans rebuild outcomes out to the event-stream clients. Its state is
// guarded by a mutex rather than owned by a goroutine: it is touched by the
// rebuild loop and by one net/http handler goroutine per client, and every
// operation is a few map updates.
type hub struct {
	instance string // differs on every start, so pages from a previous run reload

	mu      sync.Mutex
	clients map[chan []byte]struct{}
	closed  bool
	gen     uint64 // successful builds so far
	errMsg  string // the current build error, "" when the last build succeeded
}

func newHub(instance string) *hub {
	return &hub{instance: instance, clients: make(map[chan []byte]struct{})}
}

// version is the version of the site being served now; pages carry it.
func (h *hub) version() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.versionLocked()
}

func (h *hub) versionLocked() string { return h.instance + "." + strconv.FormatUint(h.gen, 10) }

// changed records a successful rebuild and tells every client which output
// paths changed (possibly none: the message still clears an error overlay).
func (h *hub) changed(paths []string) {
	if paths == nil {
		paths = []string{}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	h.errMsg = ""
	h.broadcastLocked(frame(message{Version: h.versionLocked(), Changed: paths}))
}

// failed records a failed rebuild: the last good site stays served, and
// every client, now and on connecting, shows the error.
func (h *hub) failed(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.errMsg = msg
	h.broadcastLocked(frame(message{Version: h.versionLocked(), Error: msg}))
}

// broadcastLocked queues a frame for every client without ever blocking: a
// client whose buffer is full is dropped (its channel closed).
func (h *hub) broadcastLocked(f []byte) {
	for ch := range h.clients {
		select {
		case ch <- f:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// subscribe registers a client and returns its channel and the state frame
// to send first. It fails once the hub is closed.
func (h *hub) subscribe() (chan []byte, []byte, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, nil, false
	}
	ch := make(chan []byte, clientBuffer)
	h.clients[ch] = struct{}{}
	return ch, frame(message{Version: h.versionLocked(), Error: h.errMsg}), true
}

func (h *hub) unsubscribe(ch chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[ch]; ok {
		delete(h.clients, ch)
		close(ch)
	}
}

// close ends every stream and refuses new ones, so that server shutdown is
// not held up by streams that never go idle.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.clients {
		delete(h.clients, ch)
		close(ch)
	}
}

// frame encodes one Server-Sent Events message.
func frame(m message) []byte {
	data, err := json.Marshal(m)
	if err != nil {
		panic(err) // strings only: cannot fail
	}
	b := make([]byte, 0, len(data)+8)
	b = append(b, "data: "...)
	b = append(b, data...)
	return append(b, "\n\n"...)
}

// serveEvents streams rebuild outcomes to one client until it goes away, it
// falls too far behind, or the hub closes.
func (h *hub) serveEvents(w http.ResponseWriter, r *http.Request) {
	ch, state, ok := h.subscribe()
	if !ok {
		http.Error(w, "the preview server is stopping", http.StatusServiceUnavailable)
		return
	}
	defer h.unsubscribe(ch)

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	send := func(b []byte) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(sseWriteTimeout)) // unsupported in tests' recorders
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// Reconnect after a second rather than the default three: a restarted
	// server is back quickly.
	if !send(append([]byte("retry: 1000\n"), state...)) {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case f, ok := <-ch:
			if !ok || !send(f) {
				return
			}
		case <-tick.C:
			if !send([]byte(": ping\n\n")) {
				return
			}
		}
	}
}
