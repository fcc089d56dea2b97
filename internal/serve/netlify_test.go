package serve

import (
	"maps"
	"os"
	"strings"
	"testing"
)

func TestPathPattern(t *testing.T) {
	tests := []struct {
		pattern string
		fold    bool
		path    string
		ok      bool
		params  map[string]string
	}{
		{"/", false, "/", true, nil},
		{"/", false, "/a", false, nil},
		{"/*", false, "/", true, map[string]string{"splat": ""}},
		{"/*", false, "/a/b/c.css", true, map[string]string{"splat": "a/b/c.css"}},
		{"/old/*", false, "/old", true, map[string]string{"splat": ""}},
		{"/old/*", false, "/old/a/b", true, map[string]string{"splat": "a/b"}},
		{"/old/*", false, "/older", false, nil},
		{"/news/:year/:slug", false, "/news/2024/a", true, map[string]string{"year": "2024", "slug": "a"}},
		{"/news/:year/:slug", false, "/news/2024/a/", true, map[string]string{"year": "2024", "slug": "a"}},
		{"/news/:year/:slug", false, "/news/2024", false, nil},
		{"/news/:year/:slug", false, "/news/2024/a/b", false, nil},
		{"/a/", false, "/a", true, nil},
		{"/a", false, "/a/", true, nil},
		{"/A", false, "/a", false, nil},
		{"/A", true, "/a", true, nil},
		{"/*.css", false, "/site.css", true, nil},
		{"/*.css", false, "/site.js", false, nil},
		{"/a.b", false, "/aXb", false, nil}, // dots are literal
	}
	for _, tt := range tests {
		p, err := compilePattern(tt.pattern, tt.fold)
		if err != nil {
			t.Fatal(err)
		}
		params, ok := p.match(tt.path)
		if ok != tt.ok || !maps.Equal(params, tt.params) {
			t.Errorf("%q matching %q = %v %v, want %v %v", tt.pattern, tt.path, params, ok, tt.params, tt.ok)
		}
	}
}

func TestPatternFill(t *testing.T) {
	p, err := compilePattern("/:id/:idx/*", false)
	if err != nil {
		t.Fatal(err)
	}
	params, ok := p.match("/1/2/x/y")
	if !ok {
		t.Fatal("no match")
	}
	if got, want := p.fill("/to/:idx/:id/:splat", params), "/to/2/1/x/y"; got != want {
		t.Errorf("fill = %q, want %q", got, want)
	}
}

func TestParseNetlifySample(t *testing.T) {
	data, err := os.ReadFile("testdata/netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	rules, warnings, err := parseNetlify(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rules.headers) != 3 || len(rules.redirects) != 6 {
		t.Errorf("got %d header rules and %d redirects, want 3 and 6", len(rules.headers), len(rules.redirects))
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `from "/de"`) {
		t.Errorf("warnings = %q, want one about the country condition", warnings)
	}
}

func TestParseNetlifyProblems(t *testing.T) {
	tests := []struct {
		name, toml, want string
		warning          bool
	}{
		{"not toml", "[[headers]\nfor=", "expected", false},
		{"header pattern", "[[headers]]\nfor = \"/a(*\"\n[headers.values]\nX = \"1\"", `pattern "/a(*"`, false},
		{"ignored header", "[[headers]]\nfor = \"/*\"\n[headers.values]\nLocation = \"/x\"", "Netlify ignores Location", true},
		{"header value", "[[headers]]\nfor = \"/*\"\n[headers.values]\nX = 1", "value must be a string", false},
		{"redirect target", "[[redirects]]\nfrom = \"/a\"\nto = \"b\"", `"to" must be a path`, false},
		{"redirect status", "[[redirects]]\nfrom = \"/a\"\nto = \"/b\"\nstatus = 99", "status 99", false},
		{"proxy", "[[redirects]]\nfrom = \"/api/*\"\nto = \"https://api.example/:splat\"\nstatus = 200", "proxying", true},
		{"query", "[[redirects]]\nfrom = \"/s\"\nto = \"/b\"\nquery = {id = \":id\"}", "not applied", true},
		{"csp", "[[headers]]\nfor = \"/*\"\n[headers.values]\nContent-Security-Policy = \"default-src 'none'; script-src 'self'\"", "connect-src does not allow 'self'", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, warnings, err := parseNetlify([]byte(tt.toml))
			got := strings.Join(warnings, "\n")
			if !tt.warning {
				if err == nil {
					t.Fatalf("no error, want one containing %q", tt.want)
				}
				got = err.Error()
			} else if err != nil {
				t.Fatalf("error %v, want a warning", err)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func TestCSPBlocksReload(t *testing.T) {
	tests := []struct {
		csp, want string // want: a substring of the problem, "" for none
	}{
		{"default-src 'self'", ""},
		{"default-src 'self'; img-src data:", ""},
		{"script-src 'self'", ""},
		{"default-src 'none'; script-src 'self'; connect-src 'self'", ""},
		{"default-src *", ""},
		{"frame-ancestors 'none'", ""},
		{"default-src 'none'", "script-src does not allow 'self' and its connect-src"},
		{"default-src 'none'; script-src 'self'", "connect-src does not allow 'self'"},
		{"script-src 'nonce-abc' 'strict-dynamic' 'self'", "script-src does not allow 'self'"},
		{"script-src-elem https://cdn.example; script-src 'self'", "script-src does not allow 'self'"},
		{"DEFAULT-SRC 'SELF'", ""},
	}
	for _, tt := range tests {
		got := cspBlocksReload(tt.csp)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("cspBlocksReload(%q) = %q, want %q", tt.csp, got, tt.want)
		}
	}
}
