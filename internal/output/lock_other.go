//go:build !unix

package output

import (
	"errors"
	"os"
	"time"
)

// lockFolder does nothing where the system has no advisory locks on
// folders: a staging folder is then told from a running build's by its age.
func lockFolder(dir string) (*os.File, error) { return nil, nil }

// staleAge is how old a staging folder must be, without locks, before it
// counts as left behind.
const staleAge = 24 * time.Hour

// tryLockFolder succeeds for a folder untouched for staleAge.
func tryLockFolder(dir string) (*os.File, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if time.Since(info.ModTime()) < staleAge {
		return nil, errors.New("recent: it may belong to a running build")
	}
	return nil, nil
}

func unlockFolder(*os.File) {}
