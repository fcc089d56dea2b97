package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	// Jekyll's and Hugo's time zone settings name zones (Europe/Paris); an
	// import must read them the same on a machine without a zone database.
	_ "time/tzdata"

	"github.com/peeplcoach/folio/internal/migrate"
	"github.com/peeplcoach/folio/internal/sitefs"
	"github.com/peeplcoach/folio/internal/suggest"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("import", "import hugo|jekyll [--src DIR] [--dry-run] [--language LANG] OLD-SITE", stderr)
	src := fl.String("src", ".", "the folio site to import into")
	dryRun := fl.Bool("dry-run", false, "print the report and the files that would be written, and write nothing")
	language := fl.String("language", "", "import only this language of a multilingual Hugo site (default: every language, the default one the site's, the others translations of it)")
	fl.StringVar(src, "s", ".", "the folio site to import into (as Hugo's -s)")
	if code, ok := parseFlags(fl, args, stdout); !ok {
		return code
	}
	if fl.NArg() != 2 {
		fmt.Fprintln(stderr, "folio import: give the generator and the old site's folder: folio import hugo ../my-hugo-site")
		fl.Usage()
		return exitUsage
	}
	gen, oldDir := strings.ToLower(fl.Arg(0)), fl.Arg(1)
	var convert func(fs.FS, migrate.Options) (*migrate.Result, error)
	switch gen {
	case "hugo":
		convert = migrate.Hugo
	case "jekyll":
		convert = migrate.Jekyll
	default:
		msg := fmt.Sprintf("folio import: folio imports hugo and jekyll sites, not %q", gen)
		if s := suggest.Nearest(gen, []string{"hugo", "jekyll"}); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		fmt.Fprintln(stderr, msg)
		return exitUsage
	}
	if info, err := os.Stat(oldDir); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "folio import: %s is not a folder\n", oldDir)
		return exitFailed
	}
	if same, _ := sameFolder(oldDir, *src); same {
		fmt.Fprintf(stderr, "folio import: %s is the site to import into: import from the old site's folder into a folio site (--src)\n", oldDir)
		return exitUsage
	}
	_, siteErr := os.Stat(filepath.Join(*src, "content", "site.yaml"))
	start := time.Now()
	// The old site is read through os.Root too: a symbolic link in it that
	// leads outside (to /etc/passwd) must not be copied into this site.
	old, err := sitefs.Open(oldDir)
	if err != nil {
		fmt.Fprintf(stderr, "folio import: %v\n", err)
		return exitFailed
	}
	defer old.Close()
	res, err := convert(old, migrate.Options{Language: *language, Now: time.Now(), SiteYAML: siteErr == nil})
	if err != nil {
		fmt.Fprintf(stderr, "folio import: %s: %v\n", oldDir, err)
		return exitFailed
	}
	printReport(stdout, *src, oldDir, res)

	plan, err := planWrites(*src, oldDir, res.Files)
	if err != nil {
		fmt.Fprintf(stderr, "folio import: %v\n", err)
		return exitFailed
	}
	if len(plan.conflicts) > 0 {
		for _, c := range plan.conflicts {
			fmt.Fprintf(stderr, "error: %s exists and differs from what the import would write: not overwritten\n", c)
		}
		fmt.Fprintf(stderr, "folio import: %d %s in the way; nothing was written (move them away, or import into another site with --src)\n", len(plan.conflicts), plural(len(plan.conflicts), "file is", "files are"))
		return exitFailed
	}
	for _, k := range plan.kept {
		fmt.Fprintf(stdout, "warning: %s exists and differs from the old site's file of that name: yours is kept\n", k)
	}
	verb := "imported"
	if *dryRun {
		verb = "would import"
		for _, f := range plan.write {
			fmt.Fprintf(stdout, "would write %s\n", filepath.Join(*src, filepath.FromSlash(f.Path)))
		}
	} else if err := writeFiles(ctx, *src, oldDir, plan.write); err != nil {
		fmt.Fprintf(stderr, "folio import: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "folio: %s %d %s and %d %s from the %s site %s into %s: %d %s written, %d unchanged, %d left for you, %d %s, %d %s in %s\n",
		verb, res.Articles, plural(res.Articles, "article", "articles"), res.Pages, plural(res.Pages, "page", "pages"), gen, oldDir, *src,
		len(plan.write), plural(len(plan.write), "file", "files"), plan.same,
		res.Count(migrate.Left), res.Count(migrate.Warning), plural(res.Count(migrate.Warning), "warning", "warnings"),
		res.Count(migrate.Error), plural(res.Count(migrate.Error), "error", "errors"), time.Since(start).Round(time.Millisecond))
	if _, err := os.Stat(filepath.Join(*src, "layouts")); err != nil && !*dryRun {
		fmt.Fprintf(stdout, "note: %s has no layouts/ folder, which folio build needs: copy layouts/ and static/ from a folio site\n", *src)
	}
	if res.Count(migrate.Error) > 0 {
		return exitFailed
	}
	return exitOK
}

// printReport prints every note, then how many calls of each shortcode or
// tag were left, so a writer sees at once what to replace everywhere.
func printReport(w io.Writer, src, oldDir string, res *migrate.Result) {
	counts := map[string]int{}
	for _, n := range res.Notes {
		switch {
		case n.Path == "":
		case n.InOld:
			n.Path = filepath.Join(oldDir, filepath.FromSlash(n.Path))
		default:
			n.Path = prefixed(src, n.Path)
		}
		if n.From != "" {
			n.From = filepath.Join(oldDir, filepath.FromSlash(n.From))
		}
		fmt.Fprintf(w, "%s: %s\n", n.Level, n)
		if n.Level == migrate.Left {
			counts[callName(n.Msg)]++
		}
	}
	if len(counts) > 0 {
		names := make([]string, 0, len(counts))
		for k := range counts {
			names = append(names, k)
		}
		sort.Slice(names, func(i, j int) bool {
			if counts[names[i]] != counts[names[j]] {
				return counts[names[i]] > counts[names[j]]
			}
			return names[i] < names[j]
		})
		parts := make([]string, len(names))
		for i, k := range names {
			parts[i] = fmt.Sprintf("%s ×%d", k, counts[k])
		}
		fmt.Fprintf(w, "left for you, by name: %s\n", strings.Join(parts, ", "))
	}
}

// callName returns the name of the shortcode or tag a note is about:
// "shortcode {{< tweet 1 >}} left…" → "{{< tweet >}}".
func callName(msg string) string {
	for _, open := range []string{"{{<", "{{%", "{%", "{{"} {
		i := strings.Index(msg, open)
		if i < 0 {
			continue
		}
		f := strings.Fields(strings.TrimLeft(msg[i+len(open):], "-/ "))
		if len(f) == 0 {
			return msg
		}
		name := strings.TrimRight(f[0], "%}>-")
		switch open {
		case "{{<":
			return "{{< " + name + " >}}"
		case "{{%":
			return "{{% " + name + " %}}"
		case "{%":
			return "{% " + name + " %}"
		}
		return "{{ " + name + " }}"
	}
	return msg
}

// writePlan is what an import writes, and what stands in its way.
type writePlan struct {
	write     []migrate.File
	same      int      // files already there with the same bytes
	kept      []string // files of static/ already there with other bytes: the site's stay
	conflicts []string // pages already there with other bytes
}

// planWrites compares the import's files with what the site has: a file
// with the same bytes is skipped, so running an import twice changes
// nothing; a file with other bytes is a conflict, and nothing is written.
func planWrites(src, oldDir string, files []migrate.File) (writePlan, error) {
	var plan writePlan
	for _, f := range files {
		dst := filepath.Join(src, filepath.FromSlash(f.Path))
		have, err := os.ReadFile(dst)
		if errors.Is(err, fs.ErrNotExist) {
			plan.write = append(plan.write, f)
			continue
		}
		if err != nil {
			return plan, fmt.Errorf("look at %s: %w", dst, err)
		}
		want := f.Data
		if want == nil {
			if want, err = os.ReadFile(filepath.Join(oldDir, filepath.FromSlash(f.Src))); err != nil {
				return plan, fmt.Errorf("read %s: %w", f.Src, err)
			}
		}
		if bytes.Equal(have, want) {
			plan.same++
			continue
		}
		if strings.HasPrefix(f.Path, "static/") {
			// The site's own file of that name wins; a post's link to the
			// old one then shows the site's. Not worth stopping for.
			plan.kept = append(plan.kept, dst)
			continue
		}
		plan.conflicts = append(plan.conflicts, dst)
	}
	return plan, nil
}

// writeFiles writes the import's files; O_EXCL makes sure none replaces a
// file that appeared since planWrites looked.
func writeFiles(ctx context.Context, src, oldDir string, files []migrate.File) error {
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		dst := filepath.Join(src, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("create %s: %w", filepath.Dir(dst), err)
		}
		data := f.Data
		if data == nil {
			var err error
			if data, err = os.ReadFile(filepath.Join(oldDir, filepath.FromSlash(f.Src))); err != nil {
				return fmt.Errorf("read %s: %w", f.Src, err)
			}
		}
		out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return fmt.Errorf("create %s: %w", dst, err)
		}
		if _, err := out.Write(data); err != nil {
			out.Close()
			return fmt.Errorf("write %s: %w", dst, err)
		}
		if err := out.Close(); err != nil {
			return fmt.Errorf("write %s: %w", dst, err)
		}
	}
	return nil
}

// sameFolder reports whether two paths name one folder.
func sameFolder(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
}
