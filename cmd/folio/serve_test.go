package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// serveSite is a small site for the end-to-end tests: three articles (one
// with a task list, one a draft, one scheduled) and the project's own
// layouts, static files and netlify.toml, with one redirect added.
var serveSite = map[string]string{
	"content/site.yaml": `title: Serve Test
base_url: https://insights.example.com/
language: en
description: A small site for folio serve's tests.
author:
  name: Test Writer
`,
	"content/articles/listen-first.md": `---
title: "Listen Before You Lead"
date: 2024-05-01T09:00:00Z
summary: "Why the best leaders talk last."
topics:
  - Listening
---

Leaders who listen first learn what their team already knows.

## Before your next one-to-one

- [ ] Write down three questions.
- [ ] Let silence do some of the work.
- [x] Book the room.
`,
	"content/articles/delegate-outcomes.md": `---
title: "Delegate the Outcome, Not the Task"
date: 2024-06-01T09:00:00Z
summary: "Hand over results, not checklists."
topics:
  - Delegation
---

Say what done looks like, then step back.
`,
	"content/articles/unfinished-thoughts.md": `---
title: "Unfinished Thoughts on Feedback"
date: 2024-04-01T09:00:00Z
draft: true
---

Still writing this one.
`,
	"content/articles/coming-soon.md": `---
title: "A Letter From the Future"
date: 2099-01-05T09:00:00Z
---

Not yet.
`,
}

// serveRedirect is added to the project's netlify.toml.
const serveRedirect = `
[[redirects]]
  from = "/old-listening/"
  to = "/articles/listen-first/"
  status = 301
`

// TestServe runs folio serve over a temporary copy of a small site and
// checks the writer's loop over HTTP and the event stream: edit, break, fix,
// delete. The steps run in order on one server, as a writer's day does.
func TestServe(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // the output folder's parent, for the traversal cases
	src := newSite(t, serveSite, serveRedirect)
	p := startServe(t, src)
	events := p.openEvents(t)

	const article = "/articles/listen-first/"
	articleFile := filepath.Join(src, "content", "articles", "listen-first.md")
	original := readFile(t, articleFile)

	t.Run("article is served with live reload and the production headers", func(t *testing.T) {
		resp, body := p.get(t, article)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s", article, resp.Status)
		}
		for _, want := range []string{
			"<title>Listen Before You Lead",
			"Leaders who listen first",
			`<script src="/__folio/reload.js"`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		if got := resp.Header.Get("Content-Security-Policy"); !strings.Contains(got, "default-src 'self'") || !strings.Contains(got, "frame-ancestors 'none'") {
			t.Errorf("Content-Security-Policy = %q, want netlify.toml's", got)
		}
		if got := resp.Header.Get("X-Frame-Options"); got != "DENY" {
			t.Errorf("X-Frame-Options = %q, want DENY", got)
		}
		if got := resp.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/html") {
			t.Errorf("Content-Type = %q", got)
		}
	})

	t.Run("editing the body sends a reload event naming the page, then serves the new text", func(t *testing.T) {
		events.drain()
		saveAtomic(t, articleFile, strings.Replace(original, "already knows.", "already knows. Quiet rooms teach loudly.", 1))
		e, ok := events.next(waitGuard, func(e event) bool { return e.names(article) })
		if !ok {
			t.Fatalf("no event named %s\nlog:\n%s", article, p.stdout)
		}
		if e.Error != "" {
			t.Errorf("event carries an error: %s", e.Error)
		}
		// The event comes after the rebuild is written: the very next GET
		// must show the new text.
		if _, body := p.get(t, article); !strings.Contains(body, "Quiet rooms teach loudly.") {
			t.Errorf("after the event, the page lacks the new text")
		}
	})

	t.Run("editing the title updates the article and the lists", func(t *testing.T) {
		events.drain()
		before := readFile(t, articleFile)
		saveAtomic(t, articleFile, strings.Replace(before, `title: "Listen Before You Lead"`, `title: "Listen Before You Speak"`, 1))
		e, ok := events.next(waitGuard, func(e event) bool { return e.names(article) })
		if !ok {
			t.Fatalf("no event named %s\nlog:\n%s", article, p.stdout)
		}
		for _, url := range []string{"/", "/topics/listening/"} {
			if !e.names(url) {
				t.Errorf("event %v does not name %s, which lists the article", e.Changed, url)
			}
			if _, body := p.get(t, url); !strings.Contains(body, "Listen Before You Speak") || strings.Contains(body, "Listen Before You Lead") {
				t.Errorf("%s does not list the article under its new title", url)
			}
		}
		if _, body := p.get(t, article); !strings.Contains(body, "<title>Listen Before You Speak") {
			t.Error("the article does not show its new title")
		}
		// Back to the first title, for the steps below.
		events.drain()
		saveAtomic(t, articleFile, before)
		if _, ok := events.next(waitGuard, func(e event) bool { return e.names(article) }); !ok {
			t.Fatalf("no event after restoring the title\nlog:\n%s", p.stdout)
		}
	})

	t.Run("broken front matter sends an error with file:line and keeps the last good page", func(t *testing.T) {
		events.drain()
		good := readFile(t, articleFile)
		saveAtomic(t, articleFile, strings.Replace(good, "date: 2024-05-01T09:00:00Z", "date: notadate", 1))
		e, ok := events.next(waitGuard, func(e event) bool { return e.Error != "" })
		if !ok {
			t.Fatalf("no error event\nlog:\n%s", p.stdout)
		}
		if want := "content/articles/listen-first.md:3:"; !strings.Contains(e.Error, want) {
			t.Errorf("error = %q, want it to name %s", e.Error, want)
		}
		// The terminal line and the browser's event are written by
		// different goroutines: wait for the line rather than assume order.
		if _, ok := p.stdout.waitMatch(regexp.MustCompile(`content/articles/listen-first\.md:3:`), waitGuard); !ok {
			t.Errorf("the terminal does not show the error:\n%s", p.stdout)
		}
		resp, body := p.get(t, article)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Quiet rooms teach loudly.") {
			t.Errorf("while broken, GET %s = %s without the last good text", article, resp.Status)
		}

		saveAtomic(t, articleFile, good)
		e, ok = events.next(waitGuard, func(e event) bool { return e.Changed != nil || e.Error != "" })
		if !ok {
			t.Fatalf("no event after the fix\nlog:\n%s", p.stdout)
		}
		if e.Error != "" {
			t.Errorf("after the fix, the event still carries an error: %s", e.Error)
		}
	})

	t.Run("a deleted article leaves the lists and answers 404", func(t *testing.T) {
		const gone = "/articles/delegate-outcomes/"
		if _, home := p.get(t, "/"); !strings.Contains(home, "Delegate the Outcome") {
			t.Fatal("before deleting, the home page does not list the article")
		}
		events.drain()
		if err := os.Remove(filepath.Join(src, "content", "articles", "delegate-outcomes.md")); err != nil {
			t.Fatal(err)
		}
		if _, ok := events.next(waitGuard, func(e event) bool { return e.names(gone) }); !ok {
			t.Fatalf("no event named %s\nlog:\n%s", gone, p.stdout)
		}
		if _, home := p.get(t, "/"); strings.Contains(home, "Delegate the Outcome") {
			t.Error("the home page still lists the deleted article")
		}
		resp, body := p.get(t, gone)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %s, want 404", gone, resp.Status)
		}
		if !strings.Contains(body, "The page you asked for is not here") {
			t.Errorf("the 404 is not the site's 404 page")
		}
	})

	// Read-only rules, checked on the same running site.
	tests := []struct {
		name     string
		path     string // sent as is: not cleaned by the client
		host     string // Host header; "" for the preview's own
		status   int
		location string   // Location header wanted, for redirects
		has      []string // in the body
		hasNot   []string
	}{
		{name: "draft has its banner", path: "/articles/unfinished-thoughts/", status: 200, has: []string{"status-banner", "<strong>Draft</strong>"}},
		{name: "draft is listed", path: "/", status: 200, has: []string{"Unfinished Thoughts on Feedback"}},
		{name: "future article has its banner", path: "/articles/coming-soon/", status: 200, has: []string{"<strong>Scheduled for 5 January 2099</strong>"}},
		{name: "published article has no banner", path: "/articles/listen-first/", status: 200, hasNot: []string{"status-banner"}},
		{name: "folder without slash redirects", path: "/articles/listen-first", status: 301, location: "/articles/listen-first/"},
		{name: "netlify.toml redirect", path: "/old-listening/", status: 301, location: "/articles/listen-first/"},
		{name: "unknown path gets the 404 page", path: "/no-such-page/", status: 404, has: []string{"The page you asked for is not here"}},
		{name: "dot-dot", path: "/../go.mod", hasNot: []string{"module "}},
		{name: "encoded dot-dot", path: "/%2e%2e/go.mod", hasNot: []string{"module "}},
		{name: "encoded slash", path: "/articles%2f..%2f..%2fgo.mod", hasNot: []string{"module "}},
		{name: "source files are not served", path: "/content/site.yaml", status: 404},
		{name: "the site folder is not served", path: "/go.mod", status: 404, hasNot: []string{"module "}},
		{name: "foreign Host", path: "/articles/listen-first/", host: "evil.example", status: 403, hasNot: []string{"Listen Before You Lead"}},
		{name: "foreign Host with the port", path: "/", host: "evil.example:80", status: 403},
		{name: "localhost Host", path: "/articles/listen-first/", host: "localhost", status: 200, has: []string{"Listen Before You Lead"}},
	}
	// A go.mod in the site folder and one in the output folder's parent: a
	// path that climbs out of the output folder would find one of them.
	writeFile(t, filepath.Join(src, "go.mod"), "module leaked/source\n")
	writeFile(t, filepath.Join(tmp, "go.mod"), "module leaked/tmp\n")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, p.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.URL.Opaque = tt.path // the request line carries it verbatim (origin-form)
			if tt.host != "" {
				req.Host = tt.host
			}
			resp, body := do(t, req)
			if tt.status != 0 && resp.StatusCode != tt.status {
				t.Errorf("GET %s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
			}
			if tt.status == 0 && resp.StatusCode < 400 {
				t.Errorf("GET %s: status %d, want 400 or 404", tt.path, resp.StatusCode)
			}
			if got := resp.Header.Get("Location"); got != tt.location {
				t.Errorf("GET %s: Location %q, want %q", tt.path, got, tt.location)
			}
			for _, s := range tt.has {
				if !strings.Contains(body, s) {
					t.Errorf("GET %s: body lacks %q", tt.path, s)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(body, s) {
					t.Errorf("GET %s: body has %q", tt.path, s)
				}
			}
		})
	}

	t.Run("event stream refuses a foreign Origin", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodGet, p.url+"__folio/events", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Origin", "http://evil.example")
		resp, _ := do(t, req)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("GET /__folio/events from another origin: %s, want 403", resp.Status)
		}
	})
}

// TestServeStops checks that Ctrl-C (the context cancelled) stops folio
// serve within a second and removes its temporary output folder.
func TestServeStops(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where folio serve makes its output folder
	src := newSite(t, map[string]string{
		"content/site.yaml":         serveSite["content/site.yaml"],
		"content/articles/one.md":   "---\ntitle: One\ndate: 2024-01-01\n---\n\nOne.\n",
		"content/articles/two.md":   "---\ntitle: Two\ndate: 2024-01-02\n---\n\nTwo.\n",
		"content/articles/three.md": "---\ntitle: Three\ndate: 2024-01-03\n---\n\nThree.\n",
	}, "")
	p := startServe(t, src)
	outputs, err := filepath.Glob(filepath.Join(tmp, "folio-serve-*"))
	if err != nil || len(outputs) != 1 {
		t.Fatalf("output folders in TMPDIR = %v (%v), want one", outputs, err)
	}
	if _, err := os.Stat(filepath.Join(outputs[0], "articles", "one", "index.html")); err != nil {
		t.Fatalf("the preview is not in %s: %v", outputs[0], err)
	}
	// An open event stream must not hold the shutdown up.
	events := p.openEvents(t)

	start := time.Now()
	p.stop()
	select {
	case code := <-p.code:
		if took := time.Since(start); took > time.Second {
			t.Errorf("folio serve took %s to stop, want under a second", took)
		}
		if code != exitOK {
			t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitOK, p.stderr)
		}
		p.code <- code // for the cleanup registered by startServe
	case <-time.After(waitGuard):
		t.Fatal("folio serve did not stop")
	}
	if _, err := os.Stat(outputs[0]); !os.IsNotExist(err) {
		t.Errorf("output folder %s left behind (%v)", outputs[0], err)
	}
	if _, ok := events.next(waitGuard, func(event) bool { return false }); ok {
		t.Error("the event stream is still open")
	}
	if _, err := http.Get(p.url); err == nil {
		t.Error("the server still answers")
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) != 0 {
		t.Errorf("left in TMPDIR: %v", left)
	}
}

// TestServeUsage checks command lines folio serve refuses.
func TestServeUsage(t *testing.T) {
	noSite := t.TempDir()
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"serve", "--port", "70000"}, exitUsage, "--port 70000 is not a port"},
		{[]string{"serve", "--src", noSite, "--port", "1"}, exitFailed, "has no content/ folder"},
		{[]string{"serve", "extra"}, exitUsage, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			stdout, stderr := newLogBuffer(), newLogBuffer()
			ctx, cancel := context.WithTimeout(context.Background(), waitGuard)
			defer cancel()
			if got := run(ctx, tt.args, stdout, stderr); got != tt.code {
				t.Errorf("exit code %d, want %d", got, tt.code)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.stderr)
			}
		})
	}
}
