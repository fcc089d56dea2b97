package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Folder writes files under a directory. It is safe for concurrent use: workers
// write different files at once.
type Folder struct {
	dir  string
	dirs sync.Map // directories known to exist, to save a MkdirAll per file
	// files holds the paths written and not removed since, for the
	// manifest (see ManifestName).
	files sync.Map
	// broken is the first error that says the disk itself cannot take more
	// (full, over quota, read-only, failing): every later write returns it
	// at once instead of trying, so a full disk makes one cause, not one
	// failed write per file.
	broken atomic.Pointer[error]
}

// OpenFolder returns a Folder writing under dir, which must exist.
func OpenFolder(dir string) *Folder { return &Folder{dir: dir} }

// Dir returns the directory the folder writes under.
func (f *Folder) Dir() string { return f.dir }

// WriteFile writes data to the slash-separated path rel, creating directories.
func (f *Folder) WriteFile(rel string, data []byte) error {
	full, err := f.path(rel)
	if err != nil {
		return err
	}
	if err := f.mkdirs(filepath.Dir(full)); err != nil {
		return err
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return f.failed("write", rel, err)
	}
	f.files.Store(rel, true)
	return nil
}

// failed records a write error and returns it wrapped: a disk that cannot
// take more stops all further writes.
func (f *Folder) failed(op, rel string, err error) error {
	if diskError(err) {
		f.broken.CompareAndSwap(nil, &err)
	}
	return fmt.Errorf("%s %s: %w", op, rel, err)
}

// check returns the error that stopped all writes, if there was one.
func (f *Folder) check(op, rel string) error {
	if p := f.broken.Load(); p != nil {
		return fmt.Errorf("%s %s: %w", op, rel, *p)
	}
	return nil
}

// Files returns the paths written and not removed since, sorted.
func (f *Folder) Files() []string {
	var list []string
	f.files.Range(func(k, _ any) bool {
		list = append(list, k.(string))
		return true
	})
	sort.Strings(list)
	return list
}

// LinkFile puts the file at src (outside the folder, such as a cache entry) at
// rel: a hard link when the file system allows, so large cached files cost no
// copy, else a copy.
func (f *Folder) LinkFile(rel, src string) error {
	full, err := f.path(rel)
	if err != nil {
		return err
	}
	// A hard link to a symbolic link would publish the link, and whatever
	// it points to: a cache entry planted as a link to /etc/passwd.
	if info, err := os.Lstat(src); err != nil {
		return fmt.Errorf("link %s: %w", rel, err)
	} else if !info.Mode().IsRegular() {
		return fmt.Errorf("link %s: %s is not a regular file", rel, src)
	}
	if err := f.mkdirs(filepath.Dir(full)); err != nil {
		return err
	}
	err = os.Link(src, full)
	if errors.Is(err, fs.ErrExist) {
		// Only a rebuild in place meets an older file: replace it.
		_ = os.Remove(full)
		err = os.Link(src, full)
	}
	if err == nil {
		f.files.Store(rel, true)
		return nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return f.WriteFile(rel, data)
}

// RemoveFile removes the file at rel and the directories it leaves empty.
func (f *Folder) RemoveFile(rel string) error {
	full, err := f.path(rel)
	if err != nil {
		return err
	}
	if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", rel, err)
	}
	f.files.Delete(rel)
	for dir := filepath.Dir(full); dir != f.dir && strings.HasPrefix(dir, f.dir); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break // not empty
		}
		f.dirs.Delete(dir)
	}
	return nil
}

func (f *Folder) path(rel string) (string, error) {
	if !fs.ValidPath(rel) || rel == "." || rel == ManifestName {
		return "", fmt.Errorf("write %q: not a valid output path", rel)
	}
	if err := f.check("write", rel); err != nil {
		return "", err
	}
	return filepath.Join(f.dir, filepath.FromSlash(rel)), nil
}

// mkdirs creates dir and its parents. It tries the folder itself first: in a
// build, the parent almost always exists already, and one mkdir costs a third
// of os.MkdirAll's stat, stat, mkdir.
func (f *Folder) mkdirs(dir string) error {
	if _, ok := f.dirs.Load(dir); ok {
		return nil
	}
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		err = os.MkdirAll(dir, 0o755)
	} else if errors.Is(err, fs.ErrExist) {
		err = nil
	}
	if err != nil {
		rel, _ := filepath.Rel(f.dir, dir)
		return f.failed("create folder", filepath.ToSlash(rel), err)
	}
	f.dirs.Store(dir, true)
	return nil
}
