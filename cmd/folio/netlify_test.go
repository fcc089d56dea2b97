package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// netlifyConfig is netlify.toml as Netlify documents it
// (docs.netlify.com, "File-based configuration"): decoding into it with
// every key accounted for is the schema check.
type netlifyConfig struct {
	Build     netlifyContext            `toml:"build"`
	Context   map[string]netlifyContext `toml:"context"`
	Plugins   []netlifyPlugin           `toml:"plugins"`
	Functions struct {
		Directory           string   `toml:"directory"`
		NodeBundler         string   `toml:"node_bundler"`
		ExternalNodeModules []string `toml:"external_node_modules"`
		IncludedFiles       []string `toml:"included_files"`
	} `toml:"functions"`
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
	Redirects []struct {
		From   string `toml:"from"`
		To     string `toml:"to"`
		Status int    `toml:"status"`
		Force  bool   `toml:"force"`
	} `toml:"redirects"`
}

type netlifyContext struct {
	Base          string            `toml:"base"`
	Command       string            `toml:"command"`
	Publish       string            `toml:"publish"`
	Functions     string            `toml:"functions"`
	EdgeFunctions string            `toml:"edge_functions"`
	Ignore        string            `toml:"ignore"`
	Environment   map[string]string `toml:"environment"`
}

type netlifyPlugin struct {
	Package string         `toml:"package"`
	Inputs  map[string]any `toml:"inputs"`
}

func readNetlify(t *testing.T) netlifyConfig {
	t.Helper()
	var c netlifyConfig
	md, err := toml.DecodeFile(filepath.Join(repoRoot, "netlify.toml"), &c)
	if err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	if extra := md.Undecoded(); len(extra) > 0 {
		t.Errorf("netlify.toml has keys Netlify does not document: %v", extra)
	}
	return c
}

// shellWords splits a build command as the shell would, with the
// environment variables Netlify sets: words, double quotes, $VARS.
func shellWords(t *testing.T, cmd string, env map[string]string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(cmd); i++ {
		c := cmd[i]
		switch {
		case c == '"':
			quoted = !quoted
			inWord = true
		case c == '$':
			j := i + 1
			for j < len(cmd) && (cmd[j] == '_' || cmd[j] >= 'A' && cmd[j] <= 'Z' || cmd[j] >= '0' && cmd[j] <= '9') {
				j++
			}
			v, ok := env[cmd[i+1:j]]
			if !ok {
				t.Fatalf("command %q uses $%s, which the test does not know", cmd, cmd[i+1:j])
			}
			cur.WriteString(v)
			inWord = true
			i = j - 1
		case c == ' ' && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'' || c == '\\' || c == ';' || c == '&' || c == '|' || c == '`':
			t.Fatalf("command %q: the test reads simple commands only", cmd)
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("command %q: unbalanced quote", cmd)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// TestNetlifyConfig is issue 10, cases 1 and 5: netlify.toml is what a site
// owner can deploy as it stands. It follows Netlify's documented format; its
// plugin is in the repository (an npm plugin would need a package.json,
// or Netlify fails the build); its functions exist; and every context's
// command, run as Netlify runs it, builds the bundled site: production with
// --strict, previews with drafts, future articles, a banner and noindex.
func TestNetlifyConfig(t *testing.T) {
	c := readNetlify(t)
	if c.Build.Publish != "public" || !strings.HasPrefix(c.Build.Command, "go run ./cmd/folio build") {
		t.Errorf("[build] publishes %q with %q", c.Build.Publish, c.Build.Command)
	}
	// Netlify installs the Go of GO_VERSION (or its image's default) and
	// does not read go.mod; a Go older than go.mod's go line fails the
	// build before folio runs (Go 1.19: "invalid go version '1.26.8'").
	// So the two are kept equal, and a bump of go.mod fails here first.
	goMod := readFile(t, filepath.Join(repoRoot, "go.mod"))
	want := ""
	for _, line := range strings.Split(goMod, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "toolchain go"); ok {
			want = v // a toolchain line names the Go that builds
			break
		}
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "go "); ok {
			want = v
		}
	}
	if v := c.Build.Environment["GO_VERSION"]; v != want {
		t.Errorf("netlify.toml: GO_VERSION is %q, go.mod asks for Go %q: set GO_VERSION to it, as Netlify installs that Go and not go.mod's", v, want)
	}

	_, hasPackageJSON := os.Stat(filepath.Join(repoRoot, "package.json"))
	for _, p := range c.Plugins {
		if !strings.HasPrefix(p.Package, "./") && !strings.HasPrefix(p.Package, "/") {
			if hasPackageJSON != nil {
				t.Errorf("plugin %q is an npm package and there is no package.json: Netlify fails the build (\"Plugins must be installed either in the Netlify App or in package.json\")", p.Package)
			}
			continue
		}
		dir := filepath.Join(repoRoot, filepath.FromSlash(strings.TrimPrefix(p.Package, "/")))
		manifest, err := os.ReadFile(filepath.Join(dir, "manifest.yml"))
		if err != nil || !strings.Contains(string(manifest), "name: ") {
			t.Errorf("local plugin %s: no manifest.yml with a name: %v", p.Package, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "index.js")); err != nil {
			t.Errorf("local plugin %s: %v", p.Package, err)
		}
	}
	if !slices.ContainsFunc(c.Plugins, func(p netlifyPlugin) bool { return strings.HasSuffix(p.Package, "folio-cache") }) {
		t.Error("no plugin keeps .cache between builds")
	}

	fn := filepath.Join(repoRoot, filepath.FromSlash(c.Functions.Directory), "publish-scheduled.mjs")
	if src, err := os.ReadFile(fn); err != nil || !strings.Contains(string(src), "export const config = { schedule:") {
		t.Errorf("no scheduled function publishing articles on their date (%s): %v", fn, err)
	}

	for _, h := range c.Headers {
		if !strings.HasPrefix(h.For, "/") || len(h.Values) == 0 {
			t.Errorf("header rule for %q: %v", h.For, h.Values)
		}
		if csp := h.Values["Content-Security-Policy"]; strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("the CSP allows inline code: %s", csp)
		}
	}

	for name := range c.Context {
		if !slices.Contains([]string{"production", "deploy-preview", "branch-deploy", "dev"}, name) {
			t.Errorf("context %q is not one of Netlify's (or a branch name was meant: say so here)", name)
		}
	}
	contexts := map[string]netlifyContext{"production": c.Build}
	for name, ctx := range c.Context {
		if ctx.Command == "" {
			ctx.Command = c.Build.Command
		}
		contexts[name] = ctx
	}
	for _, name := range []string{"production", "deploy-preview", "branch-deploy"} {
		t.Run(name, func(t *testing.T) {
			ctx, ok := contexts[name]
			if !ok {
				ctx = c.Build
			}
			env := map[string]string{"DEPLOY_PRIME_URL": "https://deploy-preview-12--peeplcoach.netlify.app"}
			words := shellWords(t, ctx.Command, env)
			if len(words) < 4 || strings.Join(words[:4], " ") != "go run ./cmd/folio build" {
				t.Fatalf("command %q does not run folio build", ctx.Command)
			}
			args := words[3:]
			preview := name != "production"
			for _, flag := range []string{"--preview", "--drafts", "--future"} {
				if slices.Contains(args, flag) != preview {
					t.Errorf("%s: %s is %v, want %v", name, flag, slices.Contains(args, flag), preview)
				}
			}
			if slices.Contains(args, "--strict") == preview {
				t.Errorf("%s: --strict is %v", name, !preview)
			}
			dir := siteCopy(t)
			code, out, errs := folio(t, append(args, "--src", dir)...)
			if code != 0 {
				t.Fatalf("%s: %v exits %d:\n%s%s", name, args, code, out, errs)
			}
			headers, err := os.ReadFile(filepath.Join(dir, "public", "_headers"))
			if preview != (err == nil && strings.Contains(string(headers), "X-Robots-Tag: noindex")) {
				t.Errorf("%s: _headers %q (%v)", name, headers, err)
			}
			if preview {
				home := readFile(t, filepath.Join(dir, "public", "index.html"))
				if !strings.Contains(home, env["DEPLOY_PRIME_URL"]) || !strings.Contains(home, "Preview of") {
					t.Errorf("%s: the home page does not link to the preview or lacks the banner", name)
				}
			}
		})
	}
}

// TestNetlifyNode runs netlify/netlify.test.mjs under node: the build plugin
// restores .cache before the build and saves it after, with a stub of
// Netlify's utils; the scheduled function calls the build hook.
func TestNetlifyNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is not installed; .ci/run installs it")
		}
		t.Skip("node is not installed: the Netlify plugin and function are not tested")
	}
	// The test file by name: node 21 and later take a folder argument for
	// a module to run ("Cannot find module .../netlify"), node 20 for a
	// folder to search; a file works on both.
	cmd := exec.Command(node, "--test", filepath.Join(repoRoot, "netlify", "netlify.test.mjs"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test netlify/netlify.test.mjs: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "# fail 0") || strings.Contains(string(out), "# pass 0") {
		t.Errorf("node ran no test or a test failed:\n%s", out)
	}
}
