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
type Staging struct {
	*Folder
	target string
}

// NewStaging creates the staging folder for target (such as "public"). It
// refuses a target that holds the site's sources, so a mistyped --out cannot
// replace a writer's work.
func NewStaging(target, src string) (*Staging, error) {
	target, err := filepath.Abs(target)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	if err := checkTarget(target, src); err != nil {
		return nil, err
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(target)+"-new-")
	if err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	return &Staging{Folder: OpenFolder(dir), target: target}, nil
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

// Commit replaces the target folder by the staging folder. The old output is
// moved aside first and removed last, so the target is never half-written.
func (s *Staging) Commit() error {
	old := ""
	if _, err := os.Lstat(s.target); err == nil {
		tmp, err := os.MkdirTemp(filepath.Dir(s.target), "."+filepath.Base(s.target)+"-old-")
		if err != nil {
			return fmt.Errorf("swap output: %w", err)
		}
		old = filepath.Join(tmp, "old")
		if err := os.Rename(s.target, old); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("swap output: move %s aside: %w", s.target, err)
		}
		defer os.RemoveAll(tmp)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("swap output: %w", err)
	}
	if err := os.Rename(s.dir, s.target); err != nil {
		if old != "" {
			_ = os.Rename(old, s.target) // put the previous output back
		}
		return fmt.Errorf("swap output: %w", err)
	}
	return nil
}

// Discard removes the staging folder.
func (s *Staging) Discard() error {
	return os.RemoveAll(s.dir)
}
