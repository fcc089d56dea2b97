// Package sitefs is the site folder as folio reads it: an fs.FS on an os.Root,
// so that nothing outside the folder can be read or published through it.
//
// A symbolic link that stays inside the folder is followed, a link to a folder
// included (unless it leads back to a folder above it, which would repeat
// forever). A link that leads outside — to /etc/passwd, to a home folder, by an
// absolute path — is an error at the link's path when the file is read, and so
// is anything that is neither a regular file nor a folder (a named pipe would
// otherwise block a build for good). Listing a folder never fails because of
// such an entry: the build reports each at its path, all at once.
package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// MaxFileSize is the largest file folio reads into memory. A larger file
// inside the site is an error at its path, not an exhausted machine.
const MaxFileSize = 1 << 30

// FS is a site folder. It implements fs.FS, fs.ReadFileFS, fs.ReadDirFS and
// fs.StatFS, and is safe for concurrent use.
type FS struct {
	root *os.Root
	dir  string // absolute
}

// Open opens the site folder dir.
func Open(dir string) (*FS, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open site folder %s: %w", dir, err)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, fmt.Errorf("open site folder: %w", err)
	}
	return &FS{root: root, dir: abs}, nil
}

// Dir returns the absolute path of the site folder.
func (f *FS) Dir() string { return f.dir }

// Root returns the os.Root the FS reads through, for the few commands that
// write into the site (folio new): they get the same protection.
func (f *FS) Root() *os.Root { return f.root }

// Close releases the folder.
func (f *FS) Close() error { return f.root.Close() }

// Open opens a file or folder for reading. A folder lists its entries as
// ReadDir does.
func (f *FS) Open(name string) (fs.File, error) {
	file, info, err := f.open("open", name)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return &dirFile{File: file, fs: f, name: name}, nil
	}
	return file, nil
}

// dirFile is an open folder whose entries resolve symbolic links as
// FS.ReadDir does.
type dirFile struct {
	*os.File
	fs   *FS
	name string
}

// ReadDir lists the next n entries (all with n <= 0).
func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	entries, err := d.File.ReadDir(n)
	d.fs.resolve(d.name, entries)
	return entries, err
}

// open opens name without blocking (a named pipe would wait for a writer
// forever) and refuses what is neither a regular file nor a folder.
func (f *FS) open(op, name string) (*os.File, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	file, err := f.root.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, f.explain(op, name, err)
	}
	info, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		file.Close()
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: fmt.Errorf("%w: folio reads files and folders only", errNotRegular{info.Mode()})}
	}
	return file, info, nil
}

// ReadFile reads a whole file.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, info, err := f.open("read", name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if info.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: f.folderError(name)}
	}
	if info.Size() > MaxFileSize {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("the file is %d MB, more than the %d MB folio reads", info.Size()>>20, MaxFileSize>>20)}
	}
	data := make([]byte, 0, info.Size()+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := file.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if len(data) > MaxFileSize {
			return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("the file grew past the %d MB folio reads", MaxFileSize>>20)}
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
	}
}

// folderError explains why a folder was read as a file: a symbolic link
// whose folder holds the link itself is listed as a link, not followed.
func (f *FS) folderError(name string) error {
	if info, err := f.root.Lstat(name); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return errors.New("a symbolic link to a folder above it, which would repeat forever: remove the link")
	}
	return errors.New("is a folder, not a file")
}

// Stat returns the file or folder at name, following symbolic links inside
// the site.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	info, err := f.root.Stat(name)
	if err != nil {
		return nil, f.explain("stat", name, err)
	}
	return info, nil
}

// ReadDir lists a folder, sorted by name. A symbolic link to a file or folder
// inside the site is listed as what it leads to; any other link (outside, to
// nothing, or to a folder above it) is listed as a link, and reading it
// fails with an error that says why.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	dir, info, err := f.open("readdir", name)
	if err != nil {
		return nil, err
	}
	defer dir.Close()
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a folder")}
	}
	entries, err := dir.ReadDir(-1)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	f.resolve(name, entries)
	return entries, nil
}

// resolve replaces the entries of the folder name that are symbolic links
// to a file or folder inside the site by what they lead to.
func (f *FS) resolve(name string, entries []fs.DirEntry) {
	for i, e := range entries {
		if e.Type()&fs.ModeSymlink == 0 {
			continue
		}
		p := path.Join(name, e.Name())
		target, err := f.root.Stat(p)
		if err != nil || target.IsDir() && f.loops(name, target) {
			continue
		}
		entries[i] = fs.FileInfoToDirEntry(target)
	}
}

// loops reports whether the folder target is dir or a folder above it.
func (f *FS) loops(dir string, target fs.FileInfo) bool {
	for p := dir; ; p = path.Dir(p) {
		if info, err := f.root.Stat(p); err == nil && os.SameFile(info, target) {
			return true
		}
		if p == "." {
			return false
		}
	}
}

// OutsideError reports a symbolic link in the site that leads outside it. It
// is returned as it is, not in an fs.PathError: callers name the path they
// asked for, and the message names the link only when it is another path
// (a folder on the way).
type OutsideError struct {
	Path   string // the path asked for, relative to the site folder
	Link   string // the link: Path itself, or a folder on the way to it
	Target string // what the link points to: "/etc/passwd"
	inside bool   // an absolute target that is inside the site after all
}

func (e *OutsideError) Error() string {
	what := "a symbolic link"
	if e.Link != e.Path {
		what = "in " + e.Link + ", a symbolic link"
	}
	if e.inside {
		return fmt.Sprintf("%s to the absolute path %s: folio follows only relative links inside the site folder; make the link relative", what, e.Target)
	}
	return fmt.Sprintf("%s to %s, outside the site folder: folio reads and publishes only files inside it; copy the file in instead", what, e.Target)
}

// Unwrap lets errors.Is(err, ErrOutside) match.
func (e *OutsideError) Unwrap() error { return ErrOutside }

// ErrOutside matches every OutsideError.
var ErrOutside = errors.New("symbolic link leads outside the site folder")

// explain turns an os.Root error into one a writer can act on: when the
// path leads outside through a symbolic link, it names the link and where it
// points.
func (f *FS) explain(op, name string, err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Err.Error() != "path escapes from parent" {
		return &fs.PathError{Op: op, Path: name, Err: unwrapPath(err)}
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		info, lerr := f.root.Lstat(p)
		if lerr != nil {
			break
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		if _, serr := f.root.Stat(p); serr == nil {
			continue // this link stays inside; a later one leaves
		}
		target, _ := f.root.Readlink(p)
		oe := &OutsideError{Path: name, Link: p, Target: target}
		if filepath.IsAbs(target) {
			if rel, rerr := filepath.Rel(f.dir, target); rerr == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				oe.inside = true
			}
		}
		return oe
	}
	return &OutsideError{Path: name, Link: name, Target: "a place outside the site folder"}
}

// unwrapPath drops the *PathError os.Root wraps around an error, whose
// operation names a system call ("openat"); the caller wraps its own.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// errNotRegular names the kind of a file that is neither a regular file nor
// a folder.
type errNotRegular struct{ mode fs.FileMode }

func (e errNotRegular) Error() string {
	switch {
	case e.mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case e.mode&fs.ModeSocket != 0:
		return "a socket"
	case e.mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}
