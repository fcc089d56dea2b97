package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/build"
	"github.com/peeplcoach/folio/internal/check"
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/sitefs"
	"github.com/peeplcoach/folio/internal/slug"
	"github.com/peeplcoach/folio/internal/social"
)

func runSnippets(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("snippets", "snippets [--format text|csv|json|md] [--preset buffer|hootsuite] [--topic T] [--since DATE] [--article SLUG] [--out FILE]", stderr)
	src := fs.String("src", ".", "the site folder")
	format := fs.String("format", "text", "text (to read, with counts and the fold), csv (Excel, Google Sheets), json, or md")
	preset := fs.String("preset", "", "with --format csv: the bulk-upload CSV of buffer or hootsuite instead of folio's own columns")
	topic := fs.String("topic", "", "only articles under this topic (name or slug)")
	since := fs.String("since", "", "only articles published on or after this date (2025-03-01)")
	article := fs.String("article", "", "only the article with this slug")
	out := fs.String("out", "", "write to this file instead of the terminal")
	drafts := fs.Bool("drafts", false, "include drafts")
	future := fs.Bool("future", false, "include articles dated in the future")
	alias(fs, "drafts", "D", "buildDrafts")
	alias(fs, "future", "F", "buildFuture")
	alias(fs, "src", "s", "source")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "folio snippets: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	if !slices.Contains(social.Formats(), *format) {
		fmt.Fprintf(stderr, "folio snippets: --format %q: choose one of %s\n", *format, strings.Join(social.Formats(), ", "))
		return exitUsage
	}
	if *preset != "" {
		if !slices.Contains(social.Presets(), *preset) {
			fmt.Fprintf(stderr, "folio snippets: --preset %q: choose one of %s\n", *preset, strings.Join(social.Presets(), ", "))
			return exitUsage
		}
		if isFlagSet(fs, "format") && *format != "csv" {
			fmt.Fprintf(stderr, "folio snippets: --preset %s writes CSV: leave out --format %s\n", *preset, *format)
			return exitUsage
		}
		*format = "csv"
	}
	var sinceDate time.Time
	if *since != "" {
		t, err := time.Parse("2006-01-02", *since)
		if err != nil {
			fmt.Fprintf(stderr, "folio snippets: --since %q: write the date as 2025-03-01\n", *since)
			return exitUsage
		}
		sinceDate = t
	}

	site, err := sitefs.Open(*src)
	if err != nil {
		fmt.Fprintf(stderr, "folio snippets: %v\n", err)
		return exitFailed
	}
	defer site.Close()
	b, err := build.New(site, build.Options{Drafts: *drafts, Future: *future})
	if err != nil {
		fmt.Fprintf(stderr, "folio snippets: %v\n", err)
		return exitFailed
	}
	idx, warnings, err := b.Index(ctx)
	if err != nil {
		printErrors(stderr, *src, err)
		return exitFailed
	}
	for _, w := range warnings {
		fmt.Fprintf(stderr, "warning: %s\n", prefixed(*src, w.Error()))
	}
	// folio new's introduction would be the first line of a post.
	for _, w := range check.Placeholders(idx, site) {
		fmt.Fprintf(stderr, "warning: %s\n", prefixed(*src, w.Error()))
	}
	posts, err := build.LinkedInPosts(idx)
	if err != nil {
		printErrors(stderr, *src, err)
		return exitFailed
	}
	selected, err := selectPosts(idx, posts, *topic, sinceDate, *article)
	if err != nil {
		fmt.Fprintf(stderr, "folio snippets: %v\n", err)
		return exitUsage
	}
	for _, p := range selected {
		for _, problem := range social.Check(p) {
			fmt.Fprintf(stderr, "warning: %s: %s\n", p.Slug, problem)
		}
	}

	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(stderr, "folio snippets: %v\n", err)
			return exitFailed
		}
		defer f.Close()
		w = f
	}
	if *preset != "" {
		undated, err := social.ExportPreset(w, selected, *preset, time.Now())
		if err != nil {
			fmt.Fprintf(stderr, "folio snippets: %v\n", err)
			return exitFailed
		}
		if len(undated) > 0 {
			fmt.Fprintf(stderr, "warning: %s needs a future date on every row: fill in the date of %s (dated in the past) before the upload\n",
				*preset, strings.Join(undated, ", "))
		}
	} else if err := social.Export(w, selected, *format); err != nil {
		fmt.Fprintf(stderr, "folio snippets: %v\n", err)
		return exitFailed
	}
	if *out != "" {
		fmt.Fprintf(stderr, "folio: wrote %d %s to %s\n", len(selected), plural(len(selected), "post", "posts"), *out)
	}
	return exitOK
}

// selectPosts keeps the posts of the articles the filters select. A topic or
// article that does not exist is an error, so a typo does not export nothing.
func selectPosts(idx *content.Index, posts []social.Post, topic string, since time.Time, article string) ([]social.Post, error) {
	keep := map[string]bool{}
	var topicFound, articleFound bool
	for _, a := range idx.Articles {
		if article != "" && a.Slug != article {
			continue
		}
		articleFound = true
		if !since.IsZero() && a.Date.Before(since) {
			continue
		}
		if topic != "" {
			in := false
			for _, t := range a.Topics {
				if t.Slug == slug.Make(topic) {
					in = true
				}
			}
			if !in {
				continue
			}
		}
		keep[a.Slug] = true
	}
	if topic != "" {
		for _, t := range idx.Topics {
			if t.Slug == slug.Make(topic) {
				topicFound = true
			}
		}
		if !topicFound {
			return nil, fmt.Errorf("--topic %q: no such topic", topic)
		}
	}
	if article != "" && !articleFound {
		return nil, fmt.Errorf("--article %q: no published article has that slug", article)
	}
	var out []social.Post
	for _, p := range posts {
		if keep[p.Slug] {
			out = append(out, p)
		}
	}
	return out, nil
}
