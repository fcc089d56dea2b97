package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// netlifyRules are the [[headers]] and [[redirects]] of a netlify.toml, so
// that the preview answers as production does (the Content-Security-Policy
// above all).
type netlifyRules struct {
	headers   []headerRule
	redirects []redirectRule
}

// headerRule sets values on every response whose path matches.
type headerRule struct {
	pattern *regexp.Regexp // see headerFor
	values  http.Header
}

// redirectRule sends a matching path elsewhere: a redirect for a 3xx status,
// otherwise a rewrite that serves the target with that status (200, 404…).
type redirectRule struct {
	pattern pathPattern
	to      string
	status  int
	force   bool // apply even when a file exists at the path (no shadowing)
}

// netlifyFile is the part of netlify.toml the preview reads.
type netlifyFile struct {
	Headers []struct {
		For    string         `toml:"for"`
		Values map[string]any `toml:"values"`
	} `toml:"headers"`
	Redirects []struct {
		From       string         `toml:"from"`
		To         string         `toml:"to"`
		Status     int            `toml:"status"`
		Force      bool           `toml:"force"`
		Query      map[string]any `toml:"query"`
		Conditions map[string]any `toml:"conditions"`
		Signed     string         `toml:"signed"`
	} `toml:"redirects"`
}

// loadNetlify reads the rules of the netlify.toml at path, from site when it
// is set; an empty path means no rules. Rules the preview cannot honour
// (conditions on country, role or query, proxies to other hosts) are skipped
// with a warning each.
func loadNetlify(site fs.FS, path string) (netlifyRules, []string, error) {
	if path == "" {
		return netlifyRules{}, nil, nil
	}
	var data []byte
	var err error
	if site != nil {
		data, err = fs.ReadFile(site, path)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return netlifyRules{}, nil, fmt.Errorf("read netlify config: %w", err)
	}
	rules, warnings, err := parseNetlify(data)
	if err != nil {
		return netlifyRules{}, nil, fmt.Errorf("parse %s: %w", path, err)
	}
	return rules, warnings, nil
}

// parseNetlify parses netlify.toml text.
func parseNetlify(data []byte) (netlifyRules, []string, error) {
	var f netlifyFile
	if err := toml.Unmarshal(data, &f); err != nil {
		return netlifyRules{}, nil, err
	}
	var rules netlifyRules
	var warnings, errs []string
	for i, h := range f.Headers {
		p, err := headerFor(h.For)
		if err != nil {
			errs = append(errs, fmt.Sprintf("[[headers]] #%d: %v", i+1, err))
			continue
		}
		values := http.Header{}
		for _, name := range slices.Sorted(maps.Keys(h.Values)) {
			v := h.Values[name]
			value, err := headerValue(v)
			if err != nil {
				errs = append(errs, fmt.Sprintf("[[headers]] #%d %s: %v", i+1, name, err))
				continue
			}
			if ignoredHeaders[http.CanonicalHeaderKey(strings.TrimSpace(name))] {
				warnings = append(warnings, fmt.Sprintf("netlify.toml [[headers]] for %q: Netlify ignores %s in custom headers, and so does the preview", h.For, strings.TrimSpace(name)))
				continue
			}
			values.Set(strings.TrimSpace(name), value)
			if http.CanonicalHeaderKey(strings.TrimSpace(name)) == "Content-Security-Policy" {
				if problem := cspBlocksReload(value); problem != "" {
					warnings = append(warnings, fmt.Sprintf("netlify.toml [[headers]] for %q: %s", h.For, problem))
				}
			}
		}
		rules.headers = append(rules.headers, headerRule{pattern: p, values: values})
	}
	for i, r := range f.Redirects {
		switch {
		case len(r.Conditions) > 0, len(r.Query) > 0, r.Signed != "":
			warnings = append(warnings, fmt.Sprintf("netlify.toml [[redirects]] #%d from %q: conditions, query and signed rules are not applied in the preview", i+1, r.From))
			continue
		case r.Status == 0:
			r.Status = http.StatusMovedPermanently
		}
		external := strings.Contains(r.To, "://")
		if external && !isRedirect(r.Status) {
			warnings = append(warnings, fmt.Sprintf("netlify.toml [[redirects]] #%d from %q: proxying to another site is not done in the preview", i+1, r.From))
			continue
		}
		if r.To == "" || !external && !strings.HasPrefix(r.To, "/") {
			errs = append(errs, fmt.Sprintf("[[redirects]] #%d: \"to\" must be a path starting with / or a URL, not %q", i+1, r.To))
			continue
		}
		if r.Status < 200 || r.Status > 599 {
			errs = append(errs, fmt.Sprintf("[[redirects]] #%d: status %d is not an HTTP status", i+1, r.Status))
			continue
		}
		p, err := compilePattern(r.From, false)
		if err != nil {
			errs = append(errs, fmt.Sprintf("[[redirects]] #%d: %v", i+1, err))
			continue
		}
		rules.redirects = append(rules.redirects, redirectRule{pattern: p, to: r.To, status: r.Status, force: r.Force})
	}
	if len(errs) > 0 {
		return netlifyRules{}, nil, errors.New(strings.Join(errs, "\n"))
	}
	return rules, warnings, nil
}

// headerValue normalises a header value as Netlify's headers parser does: a
// list is joined with ", ", each item trimmed; a string is trimmed and the
// spaces around its commas become ", ". Line breaks, which a value written
// over several lines holds and HTTP cannot carry, become single spaces.
func headerValue(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return foldValue(v), nil
	case []any:
		items := make([]string, 0, len(v))
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return "", fmt.Errorf("list items must be strings, not %T", item)
			}
			items = append(items, foldValue(s))
		}
		return strings.Join(items, ", "), nil
	default:
		return "", fmt.Errorf("value must be a string or a list of strings, not %T", v)
	}
}

func foldValue(s string) string {
	return commaSpaces.ReplaceAllString(strings.Join(strings.Fields(s), " "), ", ")
}

// commaSpaces is Netlify's MULTIPLE_VALUES_REGEXP.
var commaSpaces = regexp.MustCompile(`\s*,\s*`)

// isRedirect reports whether a rule status sends the browser elsewhere
// rather than rewriting.
func isRedirect(status int) bool { return status >= 300 && status < 400 }

// apply sets the headers of every matching rule; a later rule overrides an
// earlier one for the same header, as on Netlify.
func (n netlifyRules) apply(h http.Header, urlPath string) {
	for _, r := range n.headers {
		if r.pattern.MatchString(urlPath) {
			for name, values := range r.values {
				h[name] = values
			}
		}
	}
}

// redirect returns the first rule matching urlPath and its target with
// placeholders and the splat filled in.
func (n netlifyRules) redirect(urlPath string) (redirectRule, string, bool) {
	for _, r := range n.redirects {
		if params, ok := r.pattern.match(urlPath); ok {
			return r, r.pattern.fill(r.to, params), true
		}
	}
	return redirectRule{}, "", false
}

// pathPattern is a Netlify path pattern: ":name" matches one path segment,
// a "*" segment matches the rest of the path (bound to :splat), "*" inside a
// segment matches anything, and a trailing slash is optional.
type pathPattern struct {
	re    *regexp.Regexp
	names []string // names of re's groups, in order; "splat" for *
}

func compilePattern(p string, foldCase bool) (pathPattern, error) {
	p = strings.TrimSpace(p)
	if !strings.HasPrefix(p, "/") {
		return pathPattern{}, fmt.Errorf("pattern %q must start with /", p)
	}
	var b strings.Builder
	var names []string
	if foldCase {
		b.WriteString("(?i)")
	}
	b.WriteString("^")
	parts := slices.DeleteFunc(strings.Split(p, "/"), func(s string) bool { return strings.TrimSpace(s) == "" })
	for _, part := range parts {
		part = strings.TrimRight(part, " ")
		switch {
		case strings.HasPrefix(part, ":"):
			b.WriteString("/([^/]+)")
			names = append(names, part[1:])
		case part == "*":
			b.WriteString("(?:/(.*))?") // also the folder itself, but not "/older" for "/old/*"
			names = append(names, "splat")
		default:
			b.WriteString("/")
			for i, lit := range strings.Split(part, "*") {
				if i > 0 {
					b.WriteString(".*")
				}
				b.WriteString(regexp.QuoteMeta(lit))
			}
		}
	}
	if len(parts) == 0 {
		b.WriteString("/$")
	} else {
		b.WriteString("/?$")
	}
	re, err := regexp.Compile(b.String())
	if err != nil {
		return pathPattern{}, fmt.Errorf("pattern %q: %w", p, err)
	}
	return pathPattern{re: re, names: names}, nil
}

// match reports whether urlPath matches, and the values of its placeholders.
func (p pathPattern) match(urlPath string) (map[string]string, bool) {
	m := p.re.FindStringSubmatch(urlPath)
	if m == nil {
		return nil, false
	}
	if len(p.names) == 0 {
		return nil, true
	}
	params := make(map[string]string, len(p.names))
	for i, name := range p.names {
		params[name] = m[i+1]
	}
	return params, true
}

// fill replaces ":name" and ":splat" in a target with the matched values,
// longest names first so that ":id" does not eat the start of ":idx".
func (p pathPattern) fill(to string, params map[string]string) string {
	if len(params) == 0 {
		return to
	}
	names := slices.Clone(p.names)
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	for _, name := range names {
		to = strings.ReplaceAll(to, ":"+name, params[name])
	}
	return to
}
