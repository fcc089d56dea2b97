package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/build"
	"github.com/peeplcoach/folio/internal/output"
	"github.com/peeplcoach/folio/internal/serve"
	"github.com/peeplcoach/folio/internal/sitefs"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [--src DIR] [--bind 127.0.0.1] [--port 1313] [--drafts=true] [--future=true] [--open]", stderr)
	src := fs.String("src", ".", "the site folder, holding content/, layouts/ and static/")
	bind := fs.String("bind", "127.0.0.1", "the address to listen on; 0.0.0.0 shows the preview to your whole network")
	port := fs.Int("port", serve.DefaultPort, "the port to listen on; 0 picks a free one")
	drafts := fs.Bool("drafts", true, "show pages marked draft: true, with a Draft banner")
	future := fs.Bool("future", true, "show articles dated in the future, with a Scheduled banner")
	open := fs.Bool("open", false, "open the preview in your browser")
	minify := fs.Bool("minify", false, "minify the preview like the published site")
	cacheDir := fs.String("cache", "", "the folder that keeps checklist PDFs and share cards (default <src>/.cache)")
	baseURL := fs.String("base-url", "", "the site's absolute URL in links that must be absolute (feeds, share cards), overriding base_url of content/site.yaml")
	// Hugo's names, so that a Hugo user's habits work.
	alias(fs, "drafts", "D", "buildDrafts")
	alias(fs, "future", "F", "buildFuture")
	alias(fs, "base-url", "b", "baseURL")
	alias(fs, "src", "s", "source")
	alias(fs, "port", "p")
	alias(fs, "open", "O", "openBrowser")
	alias(fs, "cache", "cacheDir")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "folio serve: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	if *baseURL != "" && !strings.HasPrefix(*baseURL, "https://") && !strings.HasPrefix(*baseURL, "http://") {
		fmt.Fprintf(stderr, "folio serve: --base-url %q must start with https:// or http://\n", *baseURL)
		return exitUsage
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "folio serve: --port %d is not a port\n", *port)
		return exitUsage
	}
	site, err := sitefs.Open(*src)
	if err != nil {
		fmt.Fprintf(stderr, "folio serve: %v\n", err)
		return exitFailed
	}
	defer site.Close()
	if _, err := site.Stat("content"); err != nil {
		fmt.Fprintf(stderr, "folio serve: %s has no content/ folder: run folio serve in the site's folder, or give --src\n", *src)
		return exitFailed
	}

	// The preview lives in a temporary folder, never in public/: a preview
	// with drafts must not be deployed by mistake. Memory-backed where the
	// system has it, so that writing it, and removing it on Ctrl-C, is quick.
	out, err := os.MkdirTemp(previewParent(), "folio-serve-")
	if err != nil {
		fmt.Fprintf(stderr, "folio serve: %v\n", err)
		return exitFailed
	}
	defer os.RemoveAll(out)

	b, err := build.New(site, build.Options{
		Drafts: *drafts, Future: *future, Minify: *minify, Serve: true, BaseURL: *baseURL,
		CacheDir: cacheFolder(*src, *cacheDir),
	})
	if err != nil {
		fmt.Fprintf(stderr, "folio serve: %v\n", err)
		return exitFailed
	}
	defer b.Close()
	if *port == 0 {
		*port = serve.AnyPort
	}
	cfg := serve.Config{
		SourceDir: *src,
		OutputDir: out,
		Bind:      *bind,
		Port:      *port,
		Log:       stdout,
		Site:      site,
		Netlify:   netlifyFile(site),
		Open:      *open,
		Files:     b.ArtifactFile,
	}
	folder := output.OpenFolder(out)
	defer folder.RemoveStage()
	if err := serve.Run(ctx, cfg, rebuilder(b, folder)); err != nil {
		fmt.Fprintf(stderr, "folio serve: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// rebuilder adapts the builder to the dev server: a full build first, then
// rebuilds of what changed, each summed up in one line.
func rebuilder(b *build.Builder, out *output.Folder) serve.RebuildFunc {
	return func(ctx context.Context, changed []string) (serve.Result, error) {
		start := time.Now()
		// The first build too goes through Rebuild, which stages its files
		// and renames each into place: the server already answers, and a
		// page is never served half written.
		rep, err := b.Rebuild(ctx, out, changed)
		if err != nil {
			return serve.Result{}, summarized(".", err) // paths as the build reports them
		}
		summary := fmt.Sprintf("%d of %d pages rendered, %d %s written in %s", rep.Rendered, rep.Pages, rep.Written, plural(rep.Written, "file", "files"), time.Since(start).Round(100*time.Microsecond))
		if rep.Removed > 0 {
			summary += fmt.Sprintf(", %d removed", rep.Removed)
		}
		if n := len(rep.Warnings); n > 0 {
			summary += fmt.Sprintf("; %d %s: %s", n, plural(n, "warning", "warnings"), firstLine(errors.Join(rep.Warnings...).Error()))
		}
		return serve.Result{Changed: rep.Changed, Summary: summary}, nil
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// previewParent is where the preview folder goes: /dev/shm (memory) on Linux
// when it is writable, else the system's temporary folder.
func previewParent() string {
	if d := os.Getenv("TMPDIR"); d != "" {
		return d
	}
	const shm = "/dev/shm"
	if f, err := os.CreateTemp(shm, ".folio-probe-"); err == nil {
		f.Close()
		os.Remove(f.Name())
		return shm
	}
	return ""
}

// netlifyFile returns the name of the site's netlify.toml, or "" when it
// has none.
func netlifyFile(site fs.FS) string {
	if _, err := fs.Stat(site, "netlify.toml"); errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	return "netlify.toml" // any other problem is reported when serve reads it
}
