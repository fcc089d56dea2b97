package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/peeplcoach/folio/internal/check"
	"github.com/peeplcoach/folio/internal/slug"
)

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", `new [--src DIR] "Title of the article"`, stderr)
	src := fs.String("src", ".", "the site folder")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	title := strings.TrimSpace(strings.Join(fs.Args(), " "))
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

// newArticle writes the file of a new draft article and returns its path. It
// never replaces a file: O_EXCL makes the check and the creation one step.
func newArticle(src, title, s string, now time.Time) (string, error) {
	dir := filepath.Join(src, "content", "articles")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", dir, err)
	}
	path := filepath.Join(dir, s+".md")
	if _, err := os.Stat(filepath.Join(dir, s, "index.md")); err == nil {
		return "", fmt.Errorf("%s already exists as a bundle: choose another title", filepath.Join(dir, s))
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists: choose another title, or edit it", path)
	}
	if err != nil {
		return "", fmt.Errorf("create %s: %w", path, err)
	}
	// folio check and folio build report the placeholders left in.
	body := fmt.Sprintf("---\ntitle: %s\ndate: %s\nsummary: \"\"\ntopics: []\ndraft: true\n---\n\n%s\n\n## %s\n\n- [ ] %s\n",
		strconv.Quote(title), now.Format("2006-01-02"), check.PlaceholderIntro, check.PlaceholderHeading, check.PlaceholderTask)
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, nil
}
