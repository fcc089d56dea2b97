package serve

import (
	"bytes"
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
)

// A busy port (another preview, a Hugo server) makes the preview take the
// next free one and say so.
func TestListenTakesTheNextFreePort(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	var log bytes.Buffer
	ln, err := listen("127.0.0.1", port, &log)
	if err != nil {
		t.Fatalf("listen on a busy port: %v", err)
	}
	defer ln.Close()
	got := ln.Addr().(*net.TCPAddr).Port
	if got <= port || got > port+nextPorts {
		t.Errorf("listening on %d, want one of the %d ports after %d", got, nextPorts, port)
	}
	if want := "port " + strconv.Itoa(port) + " is in use: serving on " + strconv.Itoa(got) + " instead\n"; log.String() != want {
		t.Errorf("log %q, want %q", log.String(), want)
	}

	// A free port is taken as asked, silently.
	log.Reset()
	free, err := listen("127.0.0.1", 0, &log)
	if err != nil {
		t.Fatal(err)
	}
	free.Close()
	if log.Len() != 0 {
		t.Errorf("log %q for a free port", log.String())
	}

	// An address that cannot be had is an error, not a search.
	if _, err := listen("203.0.113.1", 1313, &log); err == nil || !strings.Contains(err.Error(), "listen on 203.0.113.1:1313") {
		t.Errorf("error %v", err)
	}
}

// The preview on a busy port serves on the next one, and its URL says which.
func TestStartOnBusyPort(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	b := newFakeBuild(t)
	log := newLogLines()
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, Config{SourceDir: b.src, OutputDir: b.out, Port: port, Log: log}, b.rebuild)
	if err != nil {
		cancel()
		t.Fatalf("start on a busy port: %v", err)
	}
	if s.URL() == previewURL("127.0.0.1", port) {
		t.Errorf("serving on the busy port %d", port)
	}
	get(t, s.URL()) // fails the test when nothing answers there
	cancel()
	if err := s.Wait(); err != nil {
		t.Errorf("stop: %v", err)
	}
	if want := "port " + strconv.Itoa(port) + " is in use: serving on "; !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
}
