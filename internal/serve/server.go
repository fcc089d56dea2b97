package serve

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path"
	"strings"
	"sync/atomic"
	"time"
)

// handler serves the output folder with live reload. Its fields are set once
// before serving and only read afterwards.
type handler struct {
	outputDir string
	files     func(urlPath string) ([]byte, bool) // Config.Files; may be nil
	rules     netlifyRules
	// fileRules are the rules of the output folder's _redirects, read
	// after each build (see loadRedirects); nil before.
	fileRules atomic.Pointer[[]redirectRule]
	hosts     hostPolicy
	hub       *hub
	log       io.Writer // a writer safe for concurrent use
}

func (s *handler) logf(format string, args ...any) {
	fmt.Fprintf(s.log, format+"\n", args...)
}

func (s *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hosts.allowed(r.Host) {
		// DNS rebinding: a page on some other domain that resolves to this
		// machine must not read the drafts.
		http.Error(w, "forbidden: open the preview at its own address, such as http://localhost", http.StatusForbidden)
		return
	}
	switch r.URL.Path {
	case "/__folio/events":
		if r.Method != http.MethodGet {
			methodNotAllowed(w, "GET")
			return
		}
		if o := r.Header.Get("Origin"); o != "" && !strings.EqualFold(o, "http://"+r.Host) {
			http.Error(w, "forbidden: cross-origin event stream", http.StatusForbidden)
			return
		}
		s.hub.serveEvents(w, r)
		return
	case reloadScript, "/__folio/worker.js":
		s.serveScript(w, r, path.Base(r.URL.Path))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		methodNotAllowed(w, "GET, HEAD")
		return
	}
	urlPath, ok := cleanPath(r.URL)
	if !ok {
		http.Error(w, "bad request path", http.StatusBadRequest)
		return
	}

	h := w.Header()
	s.rules.apply(h, urlPath)
	// After the netlify.toml headers: a production max-age would make the
	// browser show stale pages and styles after a rebuild.
	h.Set("Cache-Control", "no-store")

	version := s.hub.version() // before reading any file: see reloadTag
	// Opened per request, not once: the build may replace the folder.
	root, err := os.OpenRoot(s.outputDir)
	if err != nil {
		s.notFound(w, r, nil)
		return
	}
	defer root.Close()

	name, kind := resolve(root, urlPath)
	if kind == notFound && s.files != nil {
		if data, ok := s.files(urlPath); ok {
			s.serveCached(w, r, urlPath, data)
			return
		}
	}
	// Netlify applies a rule only when no file answers the path, unless the
	// rule is forced.
	if rule, target, ok := s.redirect(urlPath); ok && (rule.force || kind == notFound) {
		s.applyRule(w, r, root, rule, target, version)
		return
	}
	switch kind {
	case found:
		s.serveFile(w, r, root, name, http.StatusOK, version)
	case needsSlash:
		redirect(w, (&url.URL{Path: urlPath + "/", RawQuery: r.URL.RawQuery}).String(), http.StatusMovedPermanently)
	default:
		s.notFound(w, r, root)
	}
}

// serveCached serves a file the build keeps outside the output folder (see
// Config.Files).
func (s *handler) serveCached(w http.ResponseWriter, r *http.Request, urlPath string, data []byte) {
	w.Header().Set("Content-Type", contentType(urlPath))
	http.ServeContent(w, r, path.Base(urlPath), time.Time{}, bytes.NewReader(data))
}

// applyRule answers with a netlify.toml redirect or rewrite.
func (s *handler) applyRule(w http.ResponseWriter, r *http.Request, root *os.Root, rule redirectRule, target, version string) {
	if isRedirect(rule.status) {
		if r.URL.RawQuery != "" && !strings.Contains(target, "?") {
			target += "?" + r.URL.RawQuery // Netlify passes the query on
		}
		redirect(w, target, rule.status)
		return
	}
	// A rewrite serves the target's content under the requested URL.
	u, err := url.Parse(target)
	if err != nil {
		s.notFound(w, r, root)
		return
	}
	p, ok := cleanPath(u)
	if !ok {
		s.notFound(w, r, root)
		return
	}
	name, kind := resolve(root, p) // a folder without its slash is fine here: no URL to fix
	if kind == notFound {
		s.notFound(w, r, root)
		return
	}
	s.serveFile(w, r, root, name, rule.status, version)
}

// serveScript serves one of the embedded live-reload scripts.
func (s *handler) serveScript(w http.ResponseWriter, r *http.Request, name string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		methodNotAllowed(w, "GET, HEAD")
		return
	}
	body, err := clientFiles.ReadFile(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", contentTypes[".js"])
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method == http.MethodGet {
		_, _ = w.Write(body)
	}
}

func redirect(w http.ResponseWriter, location string, status int) {
	w.Header().Set("Location", location)
	w.WriteHeader(status)
}

func methodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
}

// cleanPath returns the request path cleaned, keeping a trailing slash, or
// false for a path that tries to step out or hide separators: "." and ".."
// segments (also percent-encoded: u.Path is decoded), encoded slashes,
// backslashes and NUL bytes.
func cleanPath(u *url.URL) (string, bool) {
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	if raw := strings.ToLower(u.RawPath); strings.Contains(raw, "%2f") {
		return "", false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean, true
}

// hostPolicy decides which Host headers the preview answers, against DNS
// rebinding: localhost names, loopback addresses and the bound address; with
// a bind to all interfaces, any IP address too (a phone on the LAN), but
// never a domain name.
type hostPolicy struct {
	bind  string // the bound host, lower case, without brackets
	anyIP bool
}

func newHostPolicy(bind string) hostPolicy {
	p := hostPolicy{bind: strings.ToLower(strings.Trim(bind, "[]"))}
	if addr, err := netip.ParseAddr(p.bind); err == nil && addr.IsUnspecified() {
		p.anyIP = true
	}
	return p
}

func (p hostPolicy) allowed(hostport string) bool {
	host := hostport
	if h, _, err := splitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" {
		return false
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || host == p.bind {
		return true
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	return addr.IsLoopback() || p.anyIP
}

// splitHostPort splits "host:port" and "[v6]:port"; a bare host (no port)
// is returned whole, without brackets.
func splitHostPort(hostport string) (string, string, error) {
	if strings.HasPrefix(hostport, "[") {
		end := strings.IndexByte(hostport, ']')
		if end < 0 {
			return "", "", fmt.Errorf("missing ] in host %q", hostport)
		}
		return hostport[1:end], strings.TrimPrefix(hostport[end+1:], ":"), nil
	}
	host, port, found := strings.Cut(hostport, ":")
	if found && strings.Contains(port, ":") {
		return hostport, "", nil // a bare IPv6 address
	}
	return host, port, nil
}
