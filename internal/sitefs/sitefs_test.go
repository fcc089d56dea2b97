package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// site makes a folder with files and symbolic links (name → target) and
// returns the folder and the FS on it.
func site(t *testing.T, files map[string]string, links map[string]string) (string, *FS) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range links {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return dir, f
}

func TestOutsideLinksAreErrorsAtTheirPath(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("the machine's secret"), 0o644)
	dir, f := site(t, map[string]string{"static/ok.txt": "ok"}, map[string]string{
		"static/x.txt":  outside,
		"static/passwd": "/etc/passwd",
		"static/up.txt": "../../" + filepath.Base(filepath.Dir(outside)) + "/secret.txt",
		"content/imgs":  filepath.Dir(outside), // a folder outside
	})
	if err := os.Symlink(filepath.Join(dir, "static", "ok.txt"), filepath.Join(dir, "static", "abs-inside.txt")); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct{ name, link, want string }{
		{"static/x.txt", "static/x.txt", "outside the site folder"},
		{"static/passwd", "static/passwd", "/etc/passwd, outside the site folder"},
		{"static/up.txt", "static/up.txt", "outside the site folder"},
		{"content/imgs/secret.txt", "content/imgs", "outside the site folder"},
		{"static/abs-inside.txt", "static/abs-inside.txt", "make the link relative"},
	} {
		data, err := fs.ReadFile(f, tc.name)
		if err == nil {
			t.Errorf("%s: read %q, want an error", tc.name, data)
			continue
		}
		var oe *OutsideError
		if !errors.As(err, &oe) || !errors.Is(err, ErrOutside) {
			t.Errorf("%s: error %v is not an OutsideError", tc.name, err)
			continue
		}
		if oe.Link != tc.link || oe.Path != tc.name || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q, want the link %s and %q", tc.name, err, tc.link, tc.want)
		}
		if _, err := f.Open(tc.name); err == nil {
			t.Errorf("%s: Open succeeded", tc.name)
		}
		if _, err := fs.Stat(f, tc.name); !errors.Is(err, ErrOutside) {
			t.Errorf("%s: Stat error %v, want ErrOutside", tc.name, err)
		}
	}
}

func TestInsideLinksAreFollowed(t *testing.T) {
	_, f := site(t, map[string]string{
		"static/css/site.css": "body{}",
		"shared/logo.svg":     "<svg/>",
	}, map[string]string{
		"static/site.css": "css/site.css",   // a file
		"static/shared":   "../shared",      // a folder
		"static/loop":     "..",             // a folder above: not followed
		"static/self":     ".",              // the folder itself: not followed
		"static/nothing":  "does-not-exist", // dangling
	})
	var files, links []string
	err := fs.WalkDir(f, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			links = append(links, p)
		case !d.IsDir():
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(files, " "), "static/css/site.css static/shared/logo.svg static/site.css"; got != want {
		t.Errorf("files = %s, want %s", got, want)
	}
	if got, want := strings.Join(links, " "), "static/loop static/nothing static/self"; got != want {
		t.Errorf("links left as links = %s, want %s", got, want)
	}
	if data, err := fs.ReadFile(f, "static/shared/logo.svg"); err != nil || string(data) != "<svg/>" {
		t.Errorf("read through a folder link: %q, %v", data, err)
	}
	if _, err := fs.ReadFile(f, "static/loop"); err == nil || !strings.Contains(err.Error(), "repeat forever") {
		t.Errorf("read a looping link: %v", err)
	}
	if _, err := fs.ReadFile(f, "static/nothing"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("read a dangling link: %v, want not exist", err)
	}
}

func TestNamedPipeDoesNotBlock(t *testing.T) {
	dir, f := site(t, map[string]string{"static/a.txt": "a"}, nil)
	if err := syscall.Mkfifo(filepath.Join(dir, "static", "pipe"), 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := fs.ReadFile(f, "static/pipe")
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "a named pipe") {
			t.Errorf("read a pipe: %v, want an error naming a named pipe", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading a named pipe blocked")
	}
}

func TestFSConformance(t *testing.T) {
	_, f := site(t, map[string]string{
		"content/site.yaml":     "title: T\n",
		"content/articles/a.md": "---\ntitle: A\n---\n",
		"layouts/baseof.html":   "<html>",
	}, map[string]string{"static/a.md": "../content/articles/a.md"})
	if err := fstest.TestFS(f, "content/site.yaml", "content/articles/a.md", "layouts/baseof.html", "static/a.md"); err != nil {
		t.Fatal(err)
	}
	sub, err := fs.Sub(f, "content")
	if err != nil {
		t.Fatal(err)
	}
	if data, err := fs.ReadFile(sub, "site.yaml"); err != nil || string(data) != "title: T\n" {
		t.Errorf("read through fs.Sub: %q, %v", data, err)
	}
}

func TestInvalidPaths(t *testing.T) {
	_, f := site(t, map[string]string{"a.txt": "a"}, nil)
	for _, name := range []string{"../a.txt", "/etc/passwd", "a/../a.txt", ""} {
		if _, err := f.ReadFile(name); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("ReadFile(%q) = %v, want ErrInvalid", name, err)
		}
	}
}
