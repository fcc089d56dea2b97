package serve

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// watchedRoots are the source folders a change in which needs a rebuild
// (site.yaml lives in content/): the site's own interface strings live in
// i18n/, and the fonts site.yaml names for PDFs and cards in fonts/ by the
// README's convention.
var watchedRoots = [...]string{"content", "layouts", "static", "i18n", "fonts"}

// handle records one raw event and reports whether it was relevant: not an
// ignored name, not outside the roots or inside the output, and not a mode
// change that leaves the file as readable as it was.
func (w *watcher) handle(ev fsnotify.Event) bool {
	rel, ok := w.rel(ev.Name)
	if !ok {
		return false
	}
	if ev.Op&^fsnotify.Chmod == 0 {
		return w.modeChanged(rel, ev.Name)
	}
	// A rename is the old name leaving (the new name arrives as a Create);
	// a remove is the name going. Either way what was there is gone.
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.gone(rel, ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		w.created(rel, ev.Name)
	}
	if ev.Has(fsnotify.Write) && !w.known[rel] {
		w.known[rel] = false
		w.pending[rel] = struct{}{}
	}
	return true
}

// rel maps an absolute event path to a slash-separated path relative to the
// source folder, and reports false for paths to ignore.
func (w *watcher) rel(name string) (string, bool) {
	if w.cfg.outputDir != "" && within(name, w.cfg.outputDir) {
		return "", false
	}
	r, err := filepath.Rel(w.cfg.sourceDir, name)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	r = filepath.ToSlash(r)
	root, _, _ := strings.Cut(r, "/")
	if !isRoot(root) {
		return "", false // e.g. public/, netlify.toml, .git in the source folder
	}
	for seg := range strings.SplitSeq(r, "/") {
		if ignoredName(seg) {
			return "", false
		}
	}
	return r, true
}

// gone drops a removed or renamed-away path. A folder takes everything known
// below it along: a folder moved to the trash sends one event, not one per
// file, so its files are reported from what the watcher knew. An unknown
// path is not reported: every file is known from the scan or its Create
// event, and a folder moved away sends a second Rename for itself (its own
// watch's IN_MOVE_SELF) that must not reach the rebuild as a file.
func (w *watcher) gone(rel, abs string) {
	delete(w.unreadable, rel) // a new file by the name starts readable
	isDir, known := w.known[rel]
	if !known {
		return
	}
	delete(w.known, rel)
	if !isDir {
		w.pending[rel] = struct{}{}
		return
	}
	// inotify drops the watch of a deleted folder itself, but the watches of
	// folders below one moved away stay, under stale names: remove them all.
	_ = w.src.Remove(abs)
	prefix := rel + "/"
	for p, dir := range w.known {
		if !strings.HasPrefix(p, prefix) {
			continue
		}
		delete(w.known, p)
		if dir {
			_ = w.src.Remove(filepath.Join(w.cfg.sourceDir, filepath.FromSlash(p)))
		} else {
			w.pending[p] = struct{}{}
		}
	}
}

// created records a new path. A new folder, made empty or moved in full, is
// watched with everything below it, and its files are reported.
func (w *watcher) created(rel, abs string) {
	info, err := os.Lstat(abs)
	if err != nil || !info.IsDir() {
		// Gone again already, or a file or symlink: report it; the rebuild
		// looks at the disk and sees which.
		w.known[rel] = false
		w.pending[rel] = struct{}{}
		return
	}
	w.addTree(rel, abs)
}

// scan watches the source folder (to see roots appear) and every root.
func (w *watcher) scan() error {
	if err := w.src.Add(w.cfg.sourceDir); err != nil {
		return fmt.Errorf("watch %s: %w", w.cfg.sourceDir, err)
	}
	for _, root := range watchedRoots {
		abs := filepath.Join(w.cfg.sourceDir, root)
		if info, err := os.Lstat(abs); err != nil || !info.IsDir() {
			continue // may be created later: the source-folder watch sees it
		}
		if err := w.addTree(root, abs); err != nil {
			return err
		}
	}
	return nil
}

// rescan reports every file known before and every file found now, after
// the kernel dropped events.
func (w *watcher) rescan() {
	for p, dir := range w.known {
		if !dir {
			w.pending[p] = struct{}{}
		}
	}
	clear(w.known)
	if err := w.scan(); err != nil {
		fmt.Fprintf(w.cfg.log, "watch: %v\n", err)
	}
}

// addTree watches the folder abs and every folder below it, recording and
// reporting every file. The watch is added before the folder is read, so a
// file created meanwhile is seen by one or the other (or both: batches are
// deduplicated). It returns the first folder it could not watch (typically
// the inotify watch limit), after logging it.
func (w *watcher) addTree(rel, abs string) error {
	var first error
	_ = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished while walking: its removal has its own event
		}
		if path != abs && ignoredName(d.Name()) || w.cfg.outputDir != "" && within(path, w.cfg.outputDir) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		r := rel
		if path != abs {
			r = rel + "/" + filepath.ToSlash(path[len(abs)+1:])
		}
		if !d.IsDir() {
			w.known[r] = false
			w.pending[r] = struct{}{}
			return nil
		}
		if err := w.src.Add(path); err != nil {
			err = fmt.Errorf("watch %s: %w (on Linux, raise fs.inotify.max_user_watches)", path, err)
			fmt.Fprintf(w.cfg.log, "%v\n", err)
			if first == nil {
				first = err
			}
			return filepath.SkipDir
		}
		w.known[r] = true
		return nil
	})
	return first
}

// within reports whether path is dir or below it.
func within(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir) && path[len(dir)] == filepath.Separator
}

func isRoot(name string) bool {
	for _, r := range watchedRoots {
		if name == r {
			return true
		}
	}
	return false
}

// modeChanged handles a change of mode (chmod): a file or folder that could
// be read before and cannot now, or the other way round, is reported, so
// the build shows the error and recovers once the mode is fixed. A mode
// change that leaves it as readable as it was (touch, editors resetting
// modes, indexers) is not a change.
func (w *watcher) modeChanged(rel, abs string) bool {
	readable := w.cfg.canRead(abs)
	if wasReadable := !w.unreadable[rel]; readable == wasReadable {
		return false
	}
	if readable {
		delete(w.unreadable, rel)
	} else {
		w.unreadable[rel] = true
	}
	isDir, known := w.known[rel]
	switch {
	case isDir && readable:
		_ = w.addTree(rel, abs) // reports every file, new ones too
	case isDir:
		for p, dir := range w.known {
			if !dir && strings.HasPrefix(p, rel+"/") {
				w.pending[p] = struct{}{}
			}
		}
	case known || !readable:
		w.known[rel] = false
		w.pending[rel] = struct{}{}
	}
	return true
}

// canRead reports whether the file or folder at abs can be read now. What is
// neither (a pipe, a socket) counts as readable: the build reports it.
func canRead(abs string) bool {
	info, err := os.Lstat(abs)
	if err != nil {
		return true // gone: its removal has its own event
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		return true
	}
	f, err := os.Open(abs)
	if err != nil {
		return false
	}
	defer f.Close()
	if info.IsDir() {
		if _, err := f.Readdirnames(1); err != nil && err != io.EOF {
			return false
		}
	}
	return true
}
