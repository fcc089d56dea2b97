package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/peeplcoach/folio/internal/build"
	"github.com/peeplcoach/folio/internal/check"
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/sitefs"
)

// linkCacheFile is where folio check keeps the results of external links,
// inside the cache folder that netlify.toml keeps between deploys.
const linkCacheFile = "links.json"

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "check [--src DIR] [--external=false] [--timeout 10s] [--drafts] [--future] [--cache DIR]", stderr)
	src := fs.String("src", ".", "the site folder")
	external := fs.Bool("external", true, "fetch the links to other sites (false: check the site alone, with no network)")
	timeout := fs.Duration("timeout", 10*time.Second, "how long to wait for another site to answer")
	perHost := fs.Duration("per-host", time.Second, "the least time between two requests to one site")
	drafts := fs.Bool("drafts", false, "check drafts too")
	future := fs.Bool("future", false, "check articles dated in the future too")
	cacheDir := fs.String("cache", "", "the folder of folio's cache (default <src>/.cache): results of external links are kept there for a day")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "folio check: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	cache := cacheFolder(*src, *cacheDir)
	site, err := sitefs.Open(*src)
	if err != nil {
		fmt.Fprintf(stderr, "folio check: %v\n", err)
		return exitFailed
	}
	defer site.Close()
	b, err := build.New(site, build.Options{Drafts: *drafts, Future: *future, Fingerprint: true, CacheDir: cache})
	if err != nil {
		fmt.Fprintf(stderr, "folio check: %v\n", err)
		return exitFailed
	}
	// Build in memory: what the site would publish, written nowhere.
	rec := check.NewRecorder(nil)
	report, err := b.Build(ctx, rec)
	if err != nil {
		printErrors(stderr, *src, err)
		return exitFailed
	}
	for _, w := range report.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", prefixed(*src, w.Error()))
	}
	findings, idx, refs, err := offlineCheck(ctx, b, rec, site)
	if err != nil {
		printErrors(stderr, *src, err)
		return exitFailed
	}
	if *external {
		links := check.LinkCache{}
		path := filepath.Join(cache, linkCacheFile)
		if f, err := os.Open(path); err == nil {
			links = check.ReadLinkCache(f)
			f.Close()
		}
		findings = append(findings, check.External(ctx, refs, check.ExternalOptions{
			Client: &http.Client{}, Timeout: *timeout, PerHost: *perHost, Cache: links,
		})...)
		if err := saveLinkCache(path, links); err != nil {
			fmt.Fprintf(stderr, "warning: folio check: %v\n", err)
		}
	}
	content.SortErrors(findings)
	for _, f := range findings {
		fmt.Fprintf(stdout, "%s\n", prefixed(*src, f.Error()))
	}
	checked := fmt.Sprintf("%d pages, %d articles", report.Pages, len(idx.Articles))
	if *external {
		checked += fmt.Sprintf(", %d links to other sites", len(refs))
	} else {
		checked += " (links to other sites not fetched: --external=false)"
	}
	if len(findings) > 0 {
		fmt.Fprintf(stderr, "folio check: %d %s in %s\n", len(findings), plural(len(findings), "problem", "problems"), checked)
		return exitFailed
	}
	fmt.Fprintf(stdout, "folio check: no problems in %s\n", checked)
	return exitOK
}

// offlineCheck is the part of folio check that needs no network, after a
// build into rec: the content's placeholders, topics and summaries, and
// every link and image of the site that stays on it. It returns the
// findings, the index they were found in and the links to other sites.
func offlineCheck(ctx context.Context, b *build.Builder, rec *check.Recorder, src fs.FS) ([]*content.Error, *content.Index, []check.ExternalRef, error) {
	idx, _, err := b.Index(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	findings := check.Content(idx, src)
	links, refs := check.Links(idx, rec.Output(), idx.Site.BaseURL)
	return append(findings, links...), idx, refs, nil
}

// saveLinkCache writes the cache of external links beside the build cache,
// through a temporary file, so that an interrupted run leaves the old one.
func saveLinkCache(path string, c check.LinkCache) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("keep link results: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".links-*.json")
	if err != nil {
		return fmt.Errorf("keep link results: %w", err)
	}
	err = c.Write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("keep link results in %s: %w", path, err)
	}
	return nil
}
