//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockFolder opens the folder dir and takes an exclusive lock on it, which
// the system drops when the process ends, however it ends: a staging folder
// locked this way belongs to a running build.
func lockFolder(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// tryLockFolder is lockFolder; it fails at once when another process holds
// the lock.
func tryLockFolder(dir string) (*os.File, error) { return lockFolder(dir) }

func unlockFolder(f *os.File) {
	if f != nil {
		f.Close() // closing drops the lock
	}
}
