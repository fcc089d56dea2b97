package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/peeplcoach/folio/internal/build"
	"github.com/peeplcoach/folio/internal/check"
	"github.com/peeplcoach/folio/internal/output"
	"github.com/peeplcoach/folio/internal/sitefs"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "build [--src DIR] [--out DIR] [--drafts] [--future] [--base-url URL] [--minify=false]", stderr)
	src := fs.String("src", ".", "the site folder, holding content/, layouts/ and static/")
	out := fs.String("out", "public", "the output folder, replaced as a whole when the build succeeds")
	drafts := fs.Bool("drafts", false, "publish pages marked draft: true")
	future := fs.Bool("future", false, "publish articles dated in the future")
	strict := fs.Bool("strict", false, "fail, leaving the output folder unchanged, on any finding of folio check that needs no network (links, anchors, images, placeholder text, articles with no topics or summary)")
	preview := fs.Bool("preview", false, "a deploy preview: a banner on every page, and search engines asked not to index it (with --drafts --future, for reviewers)")
	baseURL := fs.String("base-url", "", "the site's absolute URL, overriding base_url of content/site.yaml (for deploy previews)")
	minify := fs.Bool("minify", true, "minify HTML, CSS, JS, SVG, XML and JSON (false to read the output)")
	timings := fs.Bool("timings", false, "print the time of each build phase")
	cacheDir := fs.String("cache", "", "the folder that keeps checklist PDFs and share cards between builds (default <src>/.cache)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file (for folio's developers)")
	memProfile := fs.String("memprofile", "", "write a heap profile at the end of the build to this file (for folio's developers)")
	// Hugo's names, so that a Hugo user's habits work.
	alias(fs, "drafts", "D", "buildDrafts")
	alias(fs, "future", "F", "buildFuture")
	alias(fs, "base-url", "b", "baseURL")
	alias(fs, "src", "s", "source")
	alias(fs, "out", "d", "destination")
	alias(fs, "cache", "cacheDir")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "folio build: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	if *baseURL != "" && !strings.HasPrefix(*baseURL, "https://") && !strings.HasPrefix(*baseURL, "http://") {
		fmt.Fprintf(stderr, "folio build: --base-url %q must start with https:// or http://\n", *baseURL)
		return exitUsage
	}
	outDir := *out
	if !filepath.IsAbs(outDir) && *src != "." && !isFlagSet(fs, "out") {
		outDir = filepath.Join(*src, outDir) // public/ belongs to the site, like content/
	}

	cacheAt := cacheFolder(*src, *cacheDir)
	opts := build.Options{
		Drafts: *drafts, Future: *future, Preview: *preview, BaseURL: *baseURL, Minify: *minify, Fingerprint: true,
		CacheDir: cacheAt,
	}
	// The output folder of the last build is updated in place when the
	// cache knows what folio wrote there (output.State): only the files
	// whose inputs changed are written. Otherwise the build goes into a
	// fresh folder swapped in at the end.
	state, err := output.OpenState(cacheAt, outDir)
	if err != nil {
		fmt.Fprintf(stderr, "folio build: %v\n", err)
		return exitFailed
	}
	if err := os.MkdirAll(cacheAt, 0o755); err != nil {
		fmt.Fprintf(stderr, "folio build: %v\n", err)
		return exitFailed
	}
	files, inPlace := state.Load()
	inPlace = inPlace && !*strict // --strict checks the whole output: it builds it whole
	if inPlace {
		if err := output.CheckInPlace(outDir, *src); err != nil {
			fmt.Fprintf(stderr, "folio build: %v\n", err)
			return exitFailed
		}
	}
	if inPlace {
		opts.BeforeWrite = state.Begin
	}
	site, err := sitefs.Open(*src)
	if err != nil {
		fmt.Fprintf(stderr, "folio build: %v\n", err)
		return exitFailed
	}
	defer site.Close()
	b, err := build.New(site, opts)
	if err != nil {
		fmt.Fprintf(stderr, "folio build: %v\n", err)
		return exitFailed
	}
	defer b.Close()
	stopProfiles, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "folio build: %v\n", err)
		return exitFailed
	}
	_ = output.CleanStages(outDir) // left by a build killed while staging
	var report *build.Report
	if inPlace {
		b.Resume(files)
		folder := output.OpenFolder(outDir)
		report, err = b.Rebuild(ctx, folder, nil)
		folder.RemoveStage()
		if err == nil {
			written := b.Outputs()
			paths := make([]string, 0, len(written))
			for p := range written {
				paths = append(paths, p)
			}
			err = output.UpdateManifest(outDir, paths)
		}
	} else {
		var stage *output.Staging
		if stage, err = output.NewStaging(outDir, *src); err == nil {
			var sink build.Sink = stage
			var rec *check.Recorder
			if *strict {
				rec = check.NewRecorder(stage)
				sink = rec
			}
			report, err = b.Build(ctx, sink)
			if err == nil && *strict {
				err = strictCheck(ctx, b, rec, *src, site, stderr)
			}
			if err == nil {
				if err = stage.Commit(); err != nil {
					var leftover *output.LeftoverError
					if errors.As(err, &leftover) {
						fmt.Fprintf(stderr, "warning: %v\n", err)
						err = nil
					} else {
						err = fmt.Errorf("folio build: %w", err)
					}
				}
			}
			if err != nil {
				stage.Discard()
			}
		}
	}
	if perr := stopProfiles(); perr != nil {
		fmt.Fprintf(stderr, "folio build: %v\n", perr)
	}
	if err != nil {
		printErrors(stderr, *src, err)
		fmt.Fprintf(stderr, "folio build: failed; %s is unchanged\n", outDir)
		return exitFailed
	}
	if err := state.Save(b.Outputs()); err != nil {
		fmt.Fprintf(stderr, "warning: %v (the next build writes the whole output again)\n", err)
	}
	for _, w := range report.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", prefixed(*src, w.Error()))
	}
	if *timings {
		for _, t := range report.Timings {
			fmt.Fprintf(stdout, "  %-13s %s\n", t.Phase, t.Duration)
		}
	}
	fmt.Fprintf(stdout, "folio: %s → %s\n", report.Summary(), outDir)
	if n := report.NextScheduled; n != nil {
		fmt.Fprintf(stdout, "folio: next scheduled article: %q on %s (%s): the first build from then on publishes it\n",
			n.Title, n.Date.UTC().Format("2006-01-02 15:04 MST"), prefixed(*src, n.Path))
	}
	return exitOK
}

// strictCheck runs folio check's offline checks on a build's output and
// fails on any finding (folio build --strict).
func strictCheck(ctx context.Context, b *build.Builder, rec *check.Recorder, src string, site fs.FS, stderr io.Writer) error {
	findings, _, _, err := offlineCheck(ctx, b, rec, site)
	if err != nil {
		return err
	}
	if len(findings) > 0 {
		for _, f := range findings {
			fmt.Fprintf(stderr, "error: %s\n", prefixed(src, f.Error()))
		}
		return fmt.Errorf("%d %s found by --strict", len(findings), plural(len(findings), "problem", "problems"))
	}
	return nil
}

// cacheFolder is the cache folder: the flag's, or .cache in the site folder,
// which netlify.toml keeps between deploys.
func cacheFolder(src, flag string) string {
	if flag != "" {
		return flag
	}
	return filepath.Join(src, ".cache")
}

// isFlagSet reports whether a flag was given, by any of its names.
func isFlagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name || f.Usage == aliasPrefix+name {
			set = true
		}
	})
	return set
}

// printErrors prints every problem of a failed build on its own line, each
// cause once (see problemLines), then the warnings found on the way.
func printErrors(w io.Writer, src string, err error) {
	lines := problemLines(src, err)
	for _, l := range lines {
		fmt.Fprintf(w, "error: %s\n", l)
	}
	var be *build.Errors
	if errors.As(err, &be) {
		for _, e := range be.Warnings {
			fmt.Fprintf(w, "warning: %s\n", prefixed(src, e.Error()))
		}
		fmt.Fprintf(w, "%d %s\n", len(lines), plural(len(lines), "error", "errors"))
	}
}

// prefixed makes a message's file path relative to the working directory, so
// editors and terminals can open it: "content/a.md:3: …" → "site/content/a.md:3: …".
func prefixed(src, msg string) string {
	if src == "." || src == "" {
		return msg
	}
	for _, root := range []string{"content/", "layouts/", "static/"} {
		if strings.HasPrefix(msg, root) {
			return strings.TrimSuffix(filepath.ToSlash(src), "/") + "/" + msg
		}
	}
	return msg
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
