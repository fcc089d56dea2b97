package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/peeplcoach/folio/internal/suggest"
)

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1 // content, template or I/O errors
	exitUsage  = 2 // bad command line
)

// version is set at link time (-ldflags "-X main.version=v1.2.3"); otherwise
// the module version or VCS revision recorded by the go command is used.
var version = ""

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "build the site into public/", runBuild},
		{"serve", "preview the site while you write, with live reload (or: folio server)", runServe},
		{"new", "start a new article: folio new \"Title\", or folio new articles/slug.md", runNew},
		{"import", "move a Hugo or Jekyll site's posts in: folio import hugo ../old-site", runImport},
		{"snippets", "export LinkedIn posts of the articles", runSnippets},
		{"check", "find broken links, missing headings and images, placeholder text", runCheck},
		{"version", "print folio's version", runVersion},
		{"help", "explain a command: folio help build", nil},
	}
}

// run is folio with its arguments; it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 && rest[0] != "help" {
			return run(ctx, []string{rest[0], "--help"}, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	case "-version", "--version":
		name = "version"
	case "server":
		name = "serve" // Hugo's name for it
	}
	var names []string
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(ctx, rest, stdout, stderr)
		}
		names = append(names, c.name)
	}
	msg := fmt.Sprintf("folio: unknown command %q", name)
	if strings.HasPrefix(name, "-") {
		msg = fmt.Sprintf("folio: %s is a flag: give a command first, such as folio build %s", name, name)
	} else if s := suggest.Nearest(name, append(names, "server")); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	fmt.Fprintf(stderr, "%s\n\n", msg)
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, "folio builds Peeplcoach's article site from Markdown.\n\nUsage:\n  folio <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun folio <command> --help for its flags.\n")
}

// newFlags returns a flag set whose usage shows the command's synopsis.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: folio %s\n\nFlags:\n", synopsis)
		printFlags(fs.Output(), fs)
	}
	return fs
}

// parseFlags parses args; it returns an exit code and false when the command
// should stop (help asked, or bad flags).
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	args, err := scanFlags(fs, args)
	if err != nil {
		fmt.Fprintln(fs.Output(), err)
		return exitUsage, false
	}
	err = fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK, false
	}
	if err != nil {
		return exitUsage, false
	}
	return exitOK, true
}

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "version", stderr)
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	fmt.Fprintf(stdout, "folio %s\n", folioVersion())
	return exitOK
}

func folioVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "devel " + strings.TrimSpace(rev)
}
