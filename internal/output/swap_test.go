package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// build writes files through a staging folder for out and commits it.
func build(t *testing.T, out string, files map[string]string) error {
	t.Helper()
	s, err := NewStaging(out, filepath.Join(filepath.Dir(out), "site"))
	if err != nil {
		return err
	}
	for p, body := range files {
		if err := s.WriteFile(p, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Commit(); err != nil {
		s.Discard()
		return err
	}
	return nil
}

func TestOutRefusesAFolderItDidNotWrite(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "d")
	write(t, out, map[string]string{"thesis.txt": "four years of work"})
	err := build(t, out, map[string]string{"index.html": "site"})
	var fe *ForeignError
	if !errors.As(err, &fe) {
		t.Fatalf("build over a folder of someone else's files: err = %v, want a ForeignError", err)
	}
	for _, want := range []string{out, "thesis.txt", "not a folio output", "choose another --out"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if got := read(t, filepath.Join(out, "thesis.txt")); got != "four years of work" {
		t.Errorf("thesis.txt = %q", got)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(root, ".d-*")); len(leftovers) > 0 {
		t.Errorf("left behind: %v", leftovers)
	}
}

func TestOutAcceptsEmptyMissingAndItsOwn(t *testing.T) {
	root := t.TempDir()
	empty := filepath.Join(root, "empty")
	os.Mkdir(empty, 0o755)
	for _, out := range []string{empty, filepath.Join(root, "missing", "public")} {
		if err := build(t, out, map[string]string{"a/index.html": "one"}); err != nil {
			t.Fatalf("first build into %s: %v", out, err)
		}
		if err := build(t, out, map[string]string{"b/index.html": "two"}); err != nil {
			t.Fatalf("second build into %s: %v", out, err)
		}
		if _, err := os.Stat(filepath.Join(out, "a")); !os.IsNotExist(err) {
			t.Errorf("%s: the first build's a/ survived the second", out)
		}
		m, err := readManifest(out)
		if err != nil || m.staging || strings.Join(m.files, ",") != "b/index.html" {
			t.Errorf("%s: manifest %+v, %v; want b/index.html", out, m, err)
		}
	}
}

func TestOutRefusesAFolioOutputWithFilesAdded(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if err := build(t, out, map[string]string{"index.html": "site"}); err != nil {
		t.Fatal(err)
	}
	write(t, out, map[string]string{"notes/todo.txt": "mine", "extra.txt": "mine too"})
	err := build(t, out, map[string]string{"index.html": "site 2"})
	if err == nil || !strings.Contains(err.Error(), "extra.txt, notes/") || !strings.Contains(err.Error(), "which folio did not write") {
		t.Fatalf("err = %v", err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "site" {
		t.Errorf("the output changed: %q", got)
	}
	if got := read(t, filepath.Join(out, "notes/todo.txt")); got != "mine" {
		t.Errorf("notes/todo.txt = %q", got)
	}
}

func TestOutRefusesAFileOrLink(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "file")
	write(t, root, map[string]string{"file": "x"})
	link := filepath.Join(root, "link")
	os.Symlink(t.TempDir(), link)
	for _, out := range []string{file, link} {
		if err := build(t, out, map[string]string{"index.html": "x"}); err == nil || !strings.Contains(err.Error(), "not a folder") {
			t.Errorf("%s: err = %v", out, err)
		}
	}
}

func TestCommitNeverDeletesWhatItDidNotWrite(t *testing.T) {
	// A file added to the output while a build runs survives the swap.
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if err := build(t, out, map[string]string{"index.html": "one"}); err != nil {
		t.Fatal(err)
	}
	s, err := NewStaging(out, filepath.Join(root, "site"))
	if err != nil {
		t.Fatal(err)
	}
	s.WriteFile("index.html", []byte("two"))
	write(t, out, map[string]string{"added-meanwhile.txt": "mine"})
	if err := s.Commit(); err == nil {
		t.Fatal("Commit replaced a folder that holds a file folio did not write")
	}
	s.Discard()
	if got := read(t, filepath.Join(out, "added-meanwhile.txt")); got != "mine" {
		t.Errorf("added-meanwhile.txt = %q", got)
	}
}

func TestRemoveOutputLeavesForeignFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "old")
	folioOutput(t, dir, map[string]string{"a/index.html": "x", "b.txt": "y"})
	write(t, dir, map[string]string{"a/mine.txt": "mine"})
	err := removeOutput(dir)
	if err == nil || !strings.Contains(err.Error(), "a/") {
		t.Errorf("removeOutput: %v, want it to report a/mine.txt left", err)
	}
	if got := read(t, filepath.Join(dir, "a/mine.txt")); got != "mine" {
		t.Errorf("mine.txt = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "b.txt")); !os.IsNotExist(err) {
		t.Error("b.txt, folio's, was kept")
	}
}

func TestStaleStagingFoldersAreRemoved(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if err := build(t, out, map[string]string{"index.html": "one"}); err != nil {
		t.Fatal(err)
	}
	// A build killed while writing: its staging folder, marked as such.
	killed := filepath.Join(root, ".public-new-111")
	write(t, killed, map[string]string{"half/index.html": "x"})
	writeManifest(killed, true, nil)
	// A build killed between the exchange and the removal: the old output
	// under the staging name.
	swapped := filepath.Join(root, ".public-new-222")
	folioOutput(t, swapped, map[string]string{"old/index.html": "x"})
	// A build killed after moving the old output aside (two renames).
	aside := filepath.Join(root, ".public-old-333")
	folioOutput(t, aside, map[string]string{"old/index.html": "x"})
	// Not folio's: the name fits but there is no manifest.
	foreign := filepath.Join(root, ".public-new-mine")
	write(t, foreign, map[string]string{"mine.txt": "mine"})
	// A build that is still running: locked.
	running, err := NewStaging(out, filepath.Join(root, "site"))
	if err != nil {
		t.Fatal(err)
	}
	defer running.Discard()

	if err := build(t, out, map[string]string{"index.html": "two"}); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{killed, swapped, aside} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("%s was left: %v", filepath.Base(gone), err)
		}
	}
	if got := read(t, filepath.Join(foreign, "mine.txt")); got != "mine" {
		t.Errorf("a folder without a manifest was touched: %q", got)
	}
	if _, err := os.Stat(running.Dir()); err != nil {
		t.Errorf("the staging folder of a running build was removed: %v", err)
	}
}

func TestCommitKeepsTheOutputInPlace(t *testing.T) {
	// With an exchange, the output folder is never missing: its inode changes
	// in one step. Where the system lacks it this checks the fallback.
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if err := build(t, out, map[string]string{"index.html": "one"}); err != nil {
		t.Fatal(err)
	}
	if err := exchange(t.TempDir(), t.TempDir()); err != nil {
		t.Logf("no exchange here (%v): the fallback renames twice", err)
	}
	if err := build(t, out, map[string]string{"index.html": "two"}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "two" {
		t.Errorf("index.html = %q", got)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(root, ".public-*")); len(leftovers) > 0 {
		t.Errorf("left behind: %v", leftovers)
	}
}

func TestFullDiskStopsAllWrites(t *testing.T) {
	dir := t.TempDir()
	f := OpenFolder(dir)
	if err := f.WriteFile("a.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	// The disk fills up on one write; every write after it fails with the
	// same cause without touching the disk.
	first := f.failed("write", "b.html", syscall.ENOSPC)
	err := f.WriteFile("c/d.html", []byte("d"))
	if !errors.Is(first, syscall.ENOSPC) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("errors %v, %v; want both to be ENOSPC", first, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "c")); !os.IsNotExist(err) {
		t.Error("a write after the disk filled up still created a folder")
	}
	// Another kind of error (one file's problem) stops nothing.
	g := OpenFolder(t.TempDir())
	g.failed("write", "x", syscall.EACCES)
	if err := g.WriteFile("y.html", []byte("y")); err != nil {
		t.Errorf("a permission error on one file stopped the others: %v", err)
	}
}

func TestLinkFileRefusesSymlinks(t *testing.T) {
	cache := t.TempDir()
	planted := filepath.Join(cache, "card.png")
	if err := os.Symlink("/etc/passwd", planted); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := OpenFolder(out).LinkFile("a/card.png", planted); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("LinkFile of a symbolic link: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(out, "a", "card.png")); !os.IsNotExist(err) {
		t.Error("something was published")
	}
}
