package serve

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// The _redirects file of the output folder (folio writes the aliases of
// moved pages there) is read after every build: Netlify applies its rules
// before those of netlify.toml, and so does the preview.

// parseRedirectsFile reads Netlify's _redirects format: one rule a line,
// "from [query…] to [status[!]] [conditions…]", # starting a comment. Rules
// the preview cannot honour (query or conditions, a proxy to another site)
// are skipped with a warning, as in netlify.toml.
func parseRedirectsFile(data []byte) ([]redirectRule, []string) {
	var rules []redirectRule
	var warnings []string
	for i, line := range bytes.Split(data, []byte("\n")) {
		fields := strings.Fields(string(line))
		for j, f := range fields {
			if strings.HasPrefix(f, "#") {
				fields = fields[:j]
				break
			}
		}
		if len(fields) == 0 {
			continue
		}
		rule, warning := redirectLine(fields)
		if warning != "" {
			warnings = append(warnings, fmt.Sprintf("_redirects line %d: %s", i+1, warning))
			continue
		}
		rules = append(rules, rule)
	}
	return rules, warnings
}

// redirectLine parses the fields of one _redirects line, as Netlify's
// parser does: the destination is the first field after from that starts
// with / or http(s)://; fields between are query pairs; after it come the
// status, "!" marking it forced, and conditions.
func redirectLine(fields []string) (redirectRule, string) {
	from, parts := fields[0], fields[1:]
	if len(parts) == 0 {
		return redirectRule{}, "no destination"
	}
	to := -1
	for i, p := range parts {
		if strings.HasPrefix(p, "/") || strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
			to = i
			break
		}
	}
	if to < 0 {
		return redirectRule{}, "the destination must start with /, http: or https:"
	}
	if to > 0 {
		return redirectRule{}, "query conditions are not applied in the preview"
	}
	rule := redirectRule{to: parts[to], status: http.StatusMovedPermanently}
	rest := parts[to+1:]
	if len(rest) > 0 {
		status, force := strings.CutSuffix(rest[0], "!")
		n, err := strconv.Atoi(status)
		if err != nil || n < 200 || n > 599 {
			return redirectRule{}, fmt.Sprintf("status %q is not an HTTP status", rest[0])
		}
		rule.status, rule.force = n, force
		rest = rest[1:]
	}
	if len(rest) > 0 {
		return redirectRule{}, "conditions are not applied in the preview"
	}
	if strings.Contains(rule.to, "://") && !isRedirect(rule.status) {
		return redirectRule{}, "proxying to another site is not done in the preview"
	}
	p, err := compilePattern(from, false)
	if err != nil {
		return redirectRule{}, err.Error()
	}
	rule.pattern = p
	return rule, ""
}

// loadRedirects reads the output folder's _redirects, after a build.
func (s *handler) loadRedirects() {
	root, err := os.OpenRoot(s.outputDir)
	if err != nil {
		return
	}
	defer root.Close()
	data, err := root.ReadFile("_redirects")
	if errors.Is(err, fs.ErrNotExist) {
		s.fileRules.Store(nil)
		return
	}
	if err != nil {
		s.logf("serve: read _redirects: %v", err)
		return
	}
	rules, warnings := parseRedirectsFile(data)
	for _, w := range warnings {
		s.logf("warning: %s", w)
	}
	s.fileRules.Store(&rules)
}

// redirect returns the first redirect rule matching urlPath, from
// _redirects first, then from netlify.toml, as Netlify orders them.
func (s *handler) redirect(urlPath string) (redirectRule, string, bool) {
	if p := s.fileRules.Load(); p != nil {
		if r, to, ok := (netlifyRules{redirects: *p}).redirect(urlPath); ok {
			return r, to, true
		}
	}
	return s.rules.redirect(urlPath)
}

// headerFor is Netlify's matching of a [[headers]] for: the regular
// expression its headers parser makes (getForRegExp in netlify/build's
// headers-parser): segments trimmed at the end and joined by /; ":name"
// matches one segment; a "*" segment matches anything, the slash before it
// included; "*" inside a segment matches anything, and the rest of such a
// segment is a regular expression as written; any other segment is
// literal; a trailing slash is optional; case is ignored.
func headerFor(p string) (*regexp.Regexp, error) {
	var parts []string
	for _, part := range strings.Split(strings.TrimSpace(p), "/") {
		part = strings.TrimRight(part, " \t\n\r\f\v")
		if part == "" {
			continue
		}
		switch {
		case strings.HasPrefix(part, ":"):
			parts = append(parts, "([^/]+)")
		case part == "*":
			parts = append(parts, "?(.*)")
		case strings.Contains(part, "*"):
			parts = append(parts, strings.ReplaceAll(part, "*", "(.*)"))
		default:
			parts = append(parts, regexp.QuoteMeta(part))
		}
	}
	re, err := regexp.Compile("(?i)^/" + strings.Join(parts, "/") + "/?$")
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", p, err)
	}
	return re, nil
}

// ignoredHeaders are the headers Netlify sets itself and ignores in custom
// header rules (its documentation, "Custom headers", Limitations).
var ignoredHeaders = map[string]bool{
	"Accept-Ranges": true, "Age": true, "Allow": true, "Alt-Svc": true, "Connection": true,
	"Content-Encoding": true, "Content-Length": true, "Content-Range": true, "Date": true,
	"Location": true, "Server": true, "Set-Cookie": true, "Trailer": true,
	"Transfer-Encoding": true, "Upgrade": true,
}
