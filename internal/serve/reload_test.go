package serve

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// sseClient reads an event stream in the background and hands over each
// message's data.
type sseClient struct {
	resp *http.Response
	data chan string
}

func dialEvents(t testing.TB, baseURL string, header ...string) *sseClient {
	t.Helper()
	req, err := http.NewRequest("GET", strings.TrimSuffix(baseURL, "/")+"/__folio/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("events: status %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: Content-Type %q", ct)
	}
	c := &sseClient{resp: resp, data: make(chan string, 64)}
	go func() {
		defer close(c.data)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				c.data <- data
			}
		}
	}()
	return c
}

// next returns the next message; the timeout only guards against a hang.
func (c *sseClient) next(t *testing.T) string {
	t.Helper()
	select {
	case d, ok := <-c.data:
		if !ok {
			t.Fatal("event stream ended")
		}
		return d
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5s")
		return ""
	}
}

func (c *sseClient) want(t *testing.T, want string) {
	t.Helper()
	if got := c.next(t); got != want {
		t.Fatalf("event = %s, want %s", got, want)
	}
}

// ended waits for the stream to close.
func (c *sseClient) ended(t *testing.T) {
	t.Helper()
	for {
		select {
		case _, ok := <-c.data:
			if !ok {
				return
			}
		case <-time.After(5 * time.Second):
			t.Fatal("event stream still open after 5s")
		}
	}
}

func newEventServer(t *testing.T) (*hub, *httptest.Server) {
	t.Helper()
	h, _ := newTestHandler(t, testSite, "", "127.0.0.1")
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		h.hub.close() // streams end, so Close does not wait for them
		srv.Close()
	})
	return h.hub, srv
}

func TestEventsChangedAndErrors(t *testing.T) {
	hub, srv := newEventServer(t)

	a := dialEvents(t, srv.URL)
	a.want(t, `{"version":"test.0"}`)

	hub.changed([]string{"/articles/a/", "/css/site.css"})
	a.want(t, `{"version":"test.1","changed":["/articles/a/","/css/site.css"]}`)

	hub.failed("content/articles/a.md:3: unknown key \"tpoics\"")
	a.want(t, `{"version":"test.1","error":"content/articles/a.md:3: unknown key \"tpoics\""}`)

	// A page opened while the build is broken gets the error at once.
	b := dialEvents(t, srv.URL)
	b.want(t, `{"version":"test.1","error":"content/articles/a.md:3: unknown key \"tpoics\""}`)

	// The fix: a successful rebuild, even one that changed nothing, clears it.
	hub.changed(nil)
	a.want(t, `{"version":"test.2","changed":[]}`)
	b.want(t, `{"version":"test.2","changed":[]}`)

	c := dialEvents(t, srv.URL)
	c.want(t, `{"version":"test.2"}`)

	// Closing the hub (server shutdown) ends every stream.
	hub.close()
	a.ended(t)
	b.ended(t)
	c.ended(t)
}

func TestEventsManyClients(t *testing.T) {
	hub, srv := newEventServer(t)
	clients := make([]*sseClient, 20)
	for i := range clients {
		clients[i] = dialEvents(t, srv.URL)
		clients[i].want(t, `{"version":"test.0"}`)
	}
	hub.changed([]string{"/"})
	for _, c := range clients {
		c.want(t, `{"version":"test.1","changed":["/"]}`)
	}
}

func TestEventsOrigin(t *testing.T) {
	_, srv := newEventServer(t)
	host := strings.TrimPrefix(srv.URL, "http://")
	for _, tt := range []struct {
		origin string
		status int
	}{
		{"http://evil.example", http.StatusForbidden},
		{"null", http.StatusForbidden},
		{"https://" + host, http.StatusForbidden},
		{"http://localhost:1", http.StatusForbidden},
	} {
		req, _ := http.NewRequest("GET", srv.URL+"/__folio/events", nil)
		req.Header.Set("Origin", tt.origin)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("Origin %q: status %d, want %d", tt.origin, resp.StatusCode, tt.status)
		}
	}
	// Same origin, and a Host check like every other request.
	dialEvents(t, srv.URL, "Origin", "http://"+host).want(t, `{"version":"test.0"}`)
	req, _ := http.NewRequest("GET", srv.URL+"/__folio/events", nil)
	req.Host = "evil.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("events with Host evil.example: %d, want 403", resp.StatusCode)
	}
}

func TestHubDropsSlowClient(t *testing.T) {
	h := newHub("test")
	slow, _, _ := h.subscribe()
	fast, _, _ := h.subscribe()
	// The slow client never reads; broadcasting must not block on it, and
	// the client that keeps up gets every message.
	for i := range clientBuffer + 1 {
		h.changed([]string{"/"})
		if got, want := string(<-fast), fmt.Sprintf("data: {\"version\":\"test.%d\",\"changed\":[\"/\"]}\n\n", i+1); got != want {
			t.Fatalf("fast client got %q, want %q", got, want)
		}
	}
	n := 0
	for range slow { // drains the buffer, then sees the channel closed
		n++
	}
	if n != clientBuffer {
		t.Errorf("slow client got %d messages before being dropped, want %d", n, clientBuffer)
	}
	h.unsubscribe(slow) // harmless after the drop
	h.close()
	if _, open := <-fast; open {
		t.Error("close left a client open")
	}
}

// streamRecorder is a ResponseWriter for a stream handler running inside a
// synctest bubble.
type streamRecorder struct {
	header http.Header
	mu     sync.Mutex
	body   strings.Builder
}

func (r *streamRecorder) Header() http.Header { return r.header }
func (r *streamRecorder) WriteHeader(int)     {}
func (r *streamRecorder) Flush()              {}
func (r *streamRecorder) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.body.Write(p)
}

func (r *streamRecorder) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.body.String()
}

func TestEventsHeartbeat(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHub("test")
		ctx, cancel := context.WithCancel(context.Background())
		req := httptest.NewRequestWithContext(ctx, "GET", "/__folio/events", nil)
		w := &streamRecorder{header: http.Header{}}
		done := make(chan struct{})
		go func() {
			defer close(done)
			h.serveEvents(w, req)
		}()

		time.Sleep(heartbeat - time.Second)
		synctest.Wait()
		if strings.Contains(w.String(), ": ping") {
			t.Fatal("heartbeat before its interval")
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if got, want := w.String(), "retry: 1000\ndata: {\"version\":\"test.0\"}\n\n: ping\n\n"; got != want {
			t.Fatalf("stream = %q, want %q", got, want)
		}

		// The client going away ends the handler and its subscription.
		cancel()
		<-done
		h.mu.Lock()
		n := len(h.clients)
		h.mu.Unlock()
		if n != 0 {
			t.Errorf("%d clients left subscribed", n)
		}
	})
}
