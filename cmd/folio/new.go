package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/peeplcoach/folio/internal/check"
	"github.com/peeplcoach/folio/internal/content"
	"github.com/peeplcoach/folio/internal/sitefs"
	"github.com/peeplcoach/folio/internal/slug"
)

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", `new [--src DIR] "Title of the article" | articles/slug.md | page.md`, stderr)
	src := fs.String("src", ".", "the site folder")
	alias(fs, "src", "s", "source")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	rest := fs.Args()
	if len(rest) == 2 && rest[0] == "content" && looksLikePath(rest[1]) {
		rest = rest[1:] // Hugo's "hugo new content posts/a.md"
	}
	if len(rest) == 1 && looksLikePath(rest[0]) {
		return newAtPath(*src, rest[0], stdout, stderr)
	}
	title := strings.TrimSpace(strings.Join(rest, " "))
	if title == "" {
		fmt.Fprintln(stderr, `folio new: give the article's title: folio new "7 Tips to Get Your Manager to Trust You"`)
		return exitUsage
	}
	s := slug.Make(title)
	if s == "" {
		fmt.Fprintf(stderr, "folio new: the title %q has no letters or digits to make a file name from\n", title)
		return exitUsage
	}
	path, err := newArticle(*src, title, s, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "folio new: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "folio: wrote %s (a draft: set draft: false to publish it)\n", path)
	return exitOK
}

// looksLikePath tells a file path ("articles/a.md", as Hugo's "hugo new"
// takes) from a title: a path ends in .md, or starts with articles/ or
// content/ and has no spaces.
func looksLikePath(s string) bool {
	s = strings.TrimPrefix(filepath.ToSlash(s), "./")
	ext := strings.ToLower(filepath.Ext(s))
	if ext == ".md" || ext == ".markdown" {
		return true
	}
	return !strings.ContainsAny(s, " \t") && (strings.HasPrefix(s, "articles/") || strings.HasPrefix(s, "content/"))
}

// newAtPath writes the file at a path under content/, as Hugo's "hugo new
// posts/a.md" does: an article under articles/, a standalone page at the top.
func newAtPath(src, arg string, stdout, stderr io.Writer) int {
	rel := strings.TrimPrefix(filepath.ToSlash(filepath.Clean(arg)), "./")
	if !strings.HasPrefix(rel, "content/") {
		rel = "content/" + rel
	}
	if filepath.Ext(rel) == "" {
		rel += ".md" // "folio new articles/a", as Hugo allows
	}
	place, ok := content.Locate(rel)
	if !ok {
		fmt.Fprintf(stderr, "folio new: %s is not a place for a page: articles go in content/articles/ (folio new articles/%s), standalone pages in content/ (folio new %s)\n",
			rel, filepath.Base(rel), filepath.Base(rel))
		return exitUsage
	}
	if !slug.Valid(place.Slug) {
		fmt.Fprintf(stderr, "folio new: %q is not a valid file name for a page: use lower-case letters, digits and hyphens, such as %q\n", place.Slug, slug.Make(place.Slug))
		return exitUsage
	}
	title := titleOfSlug(place.Slug)
	var body string
	if place.Kind == content.KindArticle {
		body = articleText(title, time.Now())
	} else {
		body = fmt.Sprintf("---\ntitle: %s\ndraft: true\n---\n\nWrite the page here.\n", strconv.Quote(title))
	}
	path := filepath.Join(src, filepath.FromSlash(rel))
	// The other form of the same page (a.md beside a/index.md) would collide.
	other := filepath.Join(filepath.Dir(path), place.Slug, "index.md")
	if place.Bundle != "" {
		other = filepath.Join(filepath.Dir(filepath.Dir(path)), place.Slug+".md")
	}
	if _, err := os.Stat(other); err == nil {
		fmt.Fprintf(stderr, "folio new: %s already exists as %s: choose another name\n", place.Slug, other)
		return exitFailed
	}
	if err := writeNew(src, rel, body); err != nil {
		fmt.Fprintf(stderr, "folio new: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "folio: wrote %s (a draft: set draft: false to publish it)\n", path)
	return exitOK
}

// titleOfSlug makes a title of a file name, as Hugo's default archetype
// does: "say-no-kindly" → "Say No Kindly".
func titleOfSlug(s string) string {
	words := strings.Split(s, "-")
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

// articleText is a new article with its title and date. folio check and
// folio build report the placeholders left in.
func articleText(title string, now time.Time) string {
	return fmt.Sprintf("---\ntitle: %s\ndate: %s\nsummary: \"\"\ntopics: []\ndraft: true\n---\n\n%s\n\n## %s\n\n- [ ] %s\n",
		strconv.Quote(title), now.Format("2006-01-02"), check.PlaceholderIntro, check.PlaceholderHeading, check.PlaceholderTask)
}

// writeNew writes a new file at rel (slash-separated, relative to the site
// folder src). O_EXCL makes the check that it does not exist and the
// creation one step. It writes through the site's os.Root, so that a folder
// on the way that is a symbolic link to somewhere else cannot send the file
// outside the site.
func writeNew(src, rel, body string) error {
	site, err := sitefs.Open(src)
	if err != nil {
		return err
	}
	defer site.Close()
	root := site.Root()
	show := filepath.Join(src, filepath.FromSlash(rel))
	if err := root.MkdirAll(path.Dir(rel), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(show), explainRoot(err))
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: choose another name, or edit it", show)
	}
	if err != nil {
		return fmt.Errorf("create %s: %w", show, explainRoot(err))
	}
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", show, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", show, err)
	}
	return nil
}

// explainRoot says in words that a path led outside the site folder.
func explainRoot(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Err.Error() == "path escapes from parent" {
		return errors.New("a symbolic link on the way leads outside the site folder: folio writes only inside it")
	}
	return err
}

// newArticle writes the file of a new draft article and returns its path. It
// never replaces a file.
func newArticle(src, title, s string, now time.Time) (string, error) {
	dir := path.Join("content", "articles")
	if _, err := os.Stat(filepath.Join(src, filepath.FromSlash(dir), s, "index.md")); err == nil {
		return "", fmt.Errorf("%s already exists as a bundle: choose another title", filepath.Join(src, filepath.FromSlash(dir), s))
	}
	rel := path.Join(dir, s+".md")
	if err := writeNew(src, rel, articleText(title, now)); err != nil {
		if strings.Contains(err.Error(), "already exists") {
			return "", fmt.Errorf("%s already exists: choose another title, or edit it", filepath.Join(src, filepath.FromSlash(rel)))
		}
		return "", err
	}
	return filepath.Join(src, filepath.FromSlash(rel)), nil
}
