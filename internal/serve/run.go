package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// shutdownGrace is how long in-flight requests get on stop; with the event
// streams closed first, shutdown normally takes a few milliseconds, and the
// whole stop stays well under a second.
const shutdownGrace = 500 * time.Millisecond

// Server is a running preview server, returned by Start.
type Server struct {
	url  string
	done chan struct{}
	err  error
}

// URL is the address the preview is served at, such as
// "http://127.0.0.1:1313/".
func (s *Server) URL() string { return s.url }

// Wait blocks until the server has stopped (its context was cancelled) with
// everything it started finished, and returns the error that stopped it.
func (s *Server) Wait() error {
	<-s.done
	return s.err
}

// Run serves the preview until ctx is cancelled; see Start.
func Run(ctx context.Context, cfg Config, rebuild RebuildFunc) error {
	s, err := Start(ctx, cfg, rebuild)
	if err != nil {
		return err
	}
	return s.Wait()
}

// Start listens, starts watching the source folders, runs the first full
// build (rebuild with nil), prints the URL, and then serves in the
// background: each batch of source changes is rebuilt, reported on
// cfg.Log, and sent to the open pages. A failed build is shown in the pages
// and the last good site stays served. Cancelling ctx stops everything
// within a second; Wait waits for that.
func Start(ctx context.Context, cfg Config, rebuild RebuildFunc) (*Server, error) {
	if rebuild == nil {
		return nil, errors.New("serve: no rebuild function")
	}
	cfg, err := cfg.resolved()
	if err != nil {
		return nil, err
	}
	logw := &lockedWriter{w: cfg.Log}
	rules, warnings, err := loadNetlify(cfg.Site, cfg.Netlify)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	ln, err := listen(cfg.Bind, cfg.Port, logw)
	if err != nil {
		return nil, err
	}
	w, err := newWatcher(watchConfig{sourceDir: cfg.SourceDir, outputDir: cfg.OutputDir, log: logw})
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("serve: %w", err)
	}
	hub := newHub(strconv.FormatInt(time.Now().UnixNano(), 36))
	h := &handler{outputDir: cfg.OutputDir, files: cfg.Files, rules: rules, hosts: newHostPolicy(cfg.Bind), hub: hub, log: logw}
	s := &session{
		rebuild: rebuild,
		log:     logw,
		watcher: w,
		hub:     hub,
		served:  make(chan struct{}),
		handler: h,
		srv: &http.Server{
			Handler:           h,
			ReadHeaderTimeout: 10 * time.Second,
			ErrorLog:          log.New(logw, "serve: ", 0),
		},
	}
	go func() {
		defer close(s.served)
		_ = s.srv.Serve(ln) // ErrServerClosed once stopped
	}()

	s.build(ctx, nil)
	if ctx.Err() != nil {
		return nil, errors.Join(ctx.Err(), s.stop())
	}

	url := previewURL(cfg.Bind, ln.Addr().(*net.TCPAddr).Port)
	for _, warning := range warnings {
		fmt.Fprintf(logw, "warning: %s\n", warning)
	}
	if !isLoopback(cfg.Bind) {
		fmt.Fprintf(logw, "warning: listening on %s: anyone who can reach this machine can read the drafts\n", cfg.Bind)
	}
	fmt.Fprintf(logw, "Serving %s at %s (Ctrl-C to stop)\n", cfg.SourceDir, url)
	if cfg.Open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(logw, "warning: %v\n", err)
		}
	}

	server := &Server{url: url, done: make(chan struct{})}
	go func() {
		defer close(server.done)
		server.err = s.loop(ctx)
	}()
	return server, nil
}

// session is the state of one running preview; loop owns it.
type session struct {
	rebuild RebuildFunc
	log     io.Writer
	watcher *watcher
	hub     *hub
	srv     *http.Server
	served  chan struct{} // closed when srv.Serve has returned
	handler *handler
}

func (s *session) loop(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return s.stop()
		case batch, ok := <-s.watcher.Batches():
			if !ok {
				return s.stop()
			}
			s.build(ctx, batch)
		}
	}
}

// build runs one rebuild, tells the pages, and prints one line. Only after
// the rebuild has returned are pages told, so a reload never sees a half
// written site.
func (s *session) build(ctx context.Context, changed []string) {
	start := time.Now()
	res, err := s.safeRebuild(ctx, changed)
	took := time.Since(start)
	if ctx.Err() != nil {
		return // stopping: the outcome no longer matters
	}
	if err != nil {
		s.hub.failed(err.Error())
	} else {
		s.handler.loadRedirects() // before the pages are told
		s.hub.changed(res.Changed)
	}
	io.WriteString(s.log, rebuildLine(start, changed, res, err, took))
}

// safeRebuild turns a panicking rebuild into an error: the preview must not
// fall over under the writer.
func (s *session) safeRebuild(ctx context.Context, changed []string) (res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(s.log, "rebuild panicked: %v\n%s", p, debug.Stack())
			err = fmt.Errorf("internal error in folio: %v (details in the terminal)", p)
		}
	}()
	return s.rebuild(ctx, changed)
}

// stop ends the event streams (they never go idle, so Shutdown would wait
// for them), shuts the HTTP server down, and closes the watcher.
func (s *session) stop() error {
	s.hub.close()
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		s.srv.Close() // a request that would not finish in time
	}
	<-s.served
	if err := s.watcher.Close(); err != nil {
		return fmt.Errorf("serve: close watcher: %w", err)
	}
	return nil
}

// rebuildLine is the terminal line for one rebuild: the time, what changed,
// the rebuild's summary, how many URLs changed and how long it took; or the
// error, indented, one problem per line.
func rebuildLine(at time.Time, changed []string, res Result, err error, took time.Duration) string {
	var b strings.Builder
	b.WriteString(at.Format("15:04:05 "))
	switch len(changed) {
	case 0:
		b.WriteString("full build")
	case 1:
		b.WriteString(changed[0])
	default:
		fmt.Fprintf(&b, "%s (+%d more)", changed[0], len(changed)-1)
	}
	if err != nil {
		fmt.Fprintf(&b, ": build failed (%s); still serving the last good site\n", formatDuration(took))
		for line := range strings.SplitSeq(strings.TrimRight(err.Error(), "\n"), "\n") {
			fmt.Fprintf(&b, "    %s\n", line)
		}
		return b.String()
	}
	b.WriteString(": ")
	if res.Summary != "" {
		b.WriteString(res.Summary)
		b.WriteString("; ")
	}
	urls := "URLs"
	if len(res.Changed) == 1 {
		urls = "URL"
	}
	fmt.Fprintf(&b, "%d %s changed in %s\n", len(res.Changed), urls, formatDuration(took))
	return b.String()
}

// formatDuration prints 0.4ms, 12ms or 1.25s.
func formatDuration(d time.Duration) string {
	switch {
	case d < 10*time.Millisecond:
		return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + "ms"
	case d < time.Second:
		return strconv.FormatInt(d.Milliseconds(), 10) + "ms"
	default:
		return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + "s"
	}
}

// nextPorts is how many ports after a busy one listen tries.
const nextPorts = 20

// listen listens on the port, or, when another program has it (a second
// preview, a Hugo server), on the next free one, and says so, as Hugo does.
func listen(bind string, port int, log io.Writer) (net.Listener, error) {
	addr := net.JoinHostPort(bind, strconv.Itoa(port))
	ln, err := net.Listen("tcp", addr)
	if err == nil || port == 0 || !errors.Is(err, syscall.EADDRINUSE) {
		if err != nil {
			return nil, fmt.Errorf("serve: listen on %s: %w", addr, err)
		}
		return ln, nil
	}
	for p := port + 1; p <= min(port+nextPorts, 65535); p++ {
		if next, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p))); err == nil {
			fmt.Fprintf(log, "port %d is in use: serving on %d instead\n", port, p)
			return next, nil
		}
	}
	return nil, fmt.Errorf("serve: listen on %s: port %d and the %d after it are in use: give a free one with --port, or --port 0 for any", addr, port, nextPorts)
}

// previewURL is the URL to print: the bound address, or localhost when
// bound to all interfaces.
func previewURL(bind string, port int) string {
	host := bind
	if addr, err := netip.ParseAddr(bind); err == nil && addr.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/"
}

func isLoopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	addr, err := netip.ParseAddr(bind)
	return err == nil && addr.IsLoopback()
}

// lockedWriter serialises writes from the rebuild loop, the watcher and the
// HTTP server to one io.Writer; each line is one Write.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
