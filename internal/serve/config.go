package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
)

// RebuildFunc rebuilds the site after source files changed and reports which
// output URL paths changed.
//
// changed lists paths relative to the source folder, slash-separated,
// deduplicated and sorted ("content/articles/a.md", "layouts/article.html",
// "static/css/site.css", "content/site.yaml"). A path may have been created,
// modified or removed: the rebuild looks at the disk. Paths are files, never
// folders: a folder moved away or deleted is reported as the files it held.
// changed is nil for the first, full build, made before serving starts.
//
// On success the rebuild has written the output folder and returns the
// changed URL paths ("/articles/a/", "/css/site.css", "/feed.xml"), sorted.
// On failure it must have written nothing, so the last good site stays
// served; its error text is shown to the writer as is, one problem per line,
// each ideally starting with "file:line: ". It must return promptly once ctx
// is cancelled. Calls never overlap.
type RebuildFunc func(ctx context.Context, changed []string) (Result, error)

// Result is what a successful rebuild reports.
type Result struct {
	// Changed are the output URL paths whose content changed, sorted; pages
	// open on one of them reload, and a changed stylesheet is swapped in.
	Changed []string
	// Summary is one line for the terminal, such as "rendered 3 pages, wrote
	// 4 files".
	Summary string
}

// DefaultPort is the port served on when Config.Port is zero.
const DefaultPort = 1313

// AnyPort as Config.Port serves on a free port chosen by the system (tests,
// or several previews at once); Server.URL tells which.
const AnyPort = -1

// Config configures the preview server. Only SourceDir and OutputDir are
// required.
type Config struct {
	// SourceDir is the site's source folder: content/ (with site.yaml),
	// layouts/ and static/ below it are watched.
	SourceDir string
	// OutputDir is the folder the rebuild writes and the server serves as the
	// site root. It is never watched, even when inside SourceDir.
	OutputDir string
	// Bind is the address to listen on; "" means 127.0.0.1. Binding to all
	// interfaces (0.0.0.0 or ::) prints a warning.
	Bind string
	// Port is the TCP port; 0 means DefaultPort, AnyPort a free one.
	Port int
	// Log receives one line per rebuild, the URL, and warnings; nil discards.
	Log io.Writer
	// Netlify is the path of a netlify.toml whose [[headers]] and
	// [[redirects]] are applied; "" applies none. With Site set, it is a
	// slash-separated name read from Site.
	Netlify string
	// Site, when set, is the site folder as folio reads it (see package
	// sitefs): netlify.toml is read through it, so that a symbolic link
	// cannot bring in a file from outside the site.
	Site fs.FS
	// Open opens the preview in the default browser once it is ready.
	Open bool
	// Files, when set, finds files that the output folder lacks, by URL path:
	// the build makes large generated files (checklist PDFs, share cards)
	// when first asked for, and keeps them in its cache rather than in the
	// output. It must be safe for concurrent use.
	Files func(urlPath string) (data []byte, ok bool)
}

// resolved returns cfg with defaults filled in and folders made absolute.
func (cfg Config) resolved() (Config, error) {
	if cfg.SourceDir == "" || cfg.OutputDir == "" {
		return cfg, errors.New("serve: the source and output folders are required")
	}
	var err error
	if cfg.SourceDir, err = filepath.Abs(cfg.SourceDir); err != nil {
		return cfg, fmt.Errorf("serve: resolve source folder: %w", err)
	}
	if cfg.OutputDir, err = filepath.Abs(cfg.OutputDir); err != nil {
		return cfg, fmt.Errorf("serve: resolve output folder: %w", err)
	}
	if within(cfg.SourceDir, cfg.OutputDir) {
		return cfg, fmt.Errorf("serve: the output folder %s must not contain the source folder", cfg.OutputDir)
	}
	if cfg.Bind == "" {
		cfg.Bind = "127.0.0.1"
	}
	cfg.Bind = strings.Trim(cfg.Bind, "[]")
	switch {
	case cfg.Port == 0:
		cfg.Port = DefaultPort
	case cfg.Port == AnyPort:
		cfg.Port = 0
	case cfg.Port < 0 || cfg.Port > 65535:
		return cfg, fmt.Errorf("serve: port %d is out of range", cfg.Port)
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	return cfg, nil
}
