package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Staging is a fresh folder beside the output folder that a build writes into.
// Commit swaps it in; Discard removes it. Until Commit, the previous output is
// untouched, so a failed build loses nothing.
//
// The staging folder is named .<out>-new-<random> and carries a manifest
// saying so from the start (see ManifestName); it is locked while the build
// runs. A build killed half way leaves it behind, and the next build removes
// it: folio removes only folders it recognises by their name and manifest,
// and none that another build still holds locked.
type Staging struct {
	*Folder
	target    string
	lock      *os.File // the staging folder, held locked until Commit or Discard
	committed bool     // swapped in: Discard must not touch s.dir any more
}

// LeftoverError is a Commit that put the new output in place but could not
// remove all of the previous one: a warning, not a failed build.
type LeftoverError struct{ Err error }

func (e *LeftoverError) Error() string { return e.Err.Error() }
func (e *LeftoverError) Unwrap() error { return e.Err }

// NewStaging creates the staging folder for target (such as "public"). It
// refuses a target that holds the site's sources, or that is neither empty
// nor a folio output holding only what folio wrote, so a mistyped --out
// cannot replace a writer's work. It first removes the staging and old
// output folders that killed builds left beside target.
func NewStaging(target, src string) (*Staging, error) {
	target, err := filepath.Abs(target)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	if err := checkTarget(target, src); err != nil {
		return nil, err
	}
	if err := checkReplaceable(target); err != nil {
		return nil, err
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	removeStale(target)
	dir, err := os.MkdirTemp(parent, stagingPrefix(target))
	if err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	s := &Staging{Folder: OpenFolder(dir), target: target}
	if err := s.start(); err != nil {
		s.Discard()
		return nil, err
	}
	return s, nil
}

// start marks and locks a new staging folder.
func (s *Staging) start() error {
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return fmt.Errorf("create staging folder: %w", err)
	}
	if err := writeManifest(s.dir, true, nil); err != nil {
		return err
	}
	lock, err := lockFolder(s.dir)
	if err != nil {
		return fmt.Errorf("lock staging folder: %w", err)
	}
	s.lock = lock
	return nil
}

func stagingPrefix(target string) string { return "." + filepath.Base(target) + "-new-" }
func oldPrefix(target string) string     { return "." + filepath.Base(target) + "-old-" }

// removeStale removes the staging and old output folders of target that
// builds killed before they finished left behind: a folder named like one,
// holding a folio manifest, and not locked by a build that is still running.
// Problems are not errors here: what cannot be removed now is tried again
// next time.
func removeStale(target string) {
	parent := filepath.Dir(target)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, stagingPrefix(target)) && !strings.HasPrefix(name, oldPrefix(target)) {
			continue
		}
		dir := filepath.Join(parent, name)
		if _, err := readManifest(dir); err != nil {
			continue // not recognisably folio's: leave it alone
		}
		lock, err := tryLockFolder(dir)
		if err != nil {
			continue // a running build holds it
		}
		_ = removeOutput(dir)
		unlockFolder(lock)
	}
}

// checkTarget refuses to replace a folder that is, or holds, the site's sources.
func checkTarget(target, src string) error {
	srcAbs, err := filepath.Abs(src)
	if err != nil {
		return fmt.Errorf("source folder: %w", err)
	}
	if target == srcAbs || strings.HasPrefix(srcAbs+string(filepath.Separator), target+string(filepath.Separator)) {
		return fmt.Errorf("output folder %s holds the site's sources: choose another --out", target)
	}
	for _, marker := range []string{"content", "layouts", "go.mod", ".git"} {
		if _, err := os.Stat(filepath.Join(target, marker)); err == nil {
			return fmt.Errorf("output folder %s holds %s, so it is not a build output: choose another --out", target, marker)
		}
	}
	return nil
}

// Commit writes the manifest and puts the staging folder in place of the
// target. Where the system can exchange two folders in one step (Linux,
// macOS), the target is never missing, not even for an instant; elsewhere
// the old output is moved aside first, and put back if the second rename
// fails. The old output is then removed, file by file as its manifest lists
// them; a problem there is a *LeftoverError, after the new output is in place.
func (s *Staging) Commit() error {
	if err := s.check("write", ManifestName); err != nil {
		return err
	}
	if err := writeManifest(s.dir, false, s.Files()); err != nil {
		return err
	}
	if err := checkReplaceable(s.target); err != nil {
		return err // something else appeared there while the site was built
	}
	defer func() {
		unlockFolder(s.lock)
		s.lock = nil
	}()
	_, err := os.Lstat(s.target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Rename(s.dir, s.target); err != nil {
			return fmt.Errorf("swap output: %w", err)
		}
		s.committed = true
		return nil
	case err != nil:
		return fmt.Errorf("swap output: %w", err)
	}
	if err := exchange(s.dir, s.target); err == nil {
		// The staging name now holds the old output, whose manifest marks it
		// as folio's should removing it be cut short.
		s.committed = true
		if err := removeOutput(s.dir); err != nil {
			return &LeftoverError{fmt.Errorf("remove the previous output: %w", err)}
		}
		return nil
	} else if !errors.Is(err, errNoExchange) {
		return fmt.Errorf("swap output: %w", err)
	}
	old, err := freeName(filepath.Dir(s.target), oldPrefix(s.target))
	if err != nil {
		return fmt.Errorf("swap output: %w", err)
	}
	if err := os.Rename(s.target, old); err != nil {
		return fmt.Errorf("swap output: move %s aside: %w", s.target, err)
	}
	if err := os.Rename(s.dir, s.target); err != nil {
		_ = os.Rename(old, s.target) // put the previous output back
		return fmt.Errorf("swap output: %w", err)
	}
	s.committed = true
	if err := removeOutput(old); err != nil {
		return &LeftoverError{fmt.Errorf("remove the previous output: %w", err)}
	}
	return nil
}

// freeName returns a path in dir starting with prefix that does not exist.
func freeName(dir, prefix string) (string, error) {
	// MkdirTemp picks the name; the folder it makes is removed at once so
	// that a rename can take the name (renaming a folder over an empty one
	// works on Unix, not on Windows).
	tmp, err := os.MkdirTemp(dir, prefix)
	if err != nil {
		return "", err
	}
	if err := os.Remove(tmp); err != nil {
		return "", err
	}
	return tmp, nil
}

// Discard removes the staging folder. After a Commit that swapped, it does
// nothing: the folder is the output now.
func (s *Staging) Discard() error {
	unlockFolder(s.lock)
	s.lock = nil
	if s.committed {
		return nil
	}
	return os.RemoveAll(s.dir)
}
