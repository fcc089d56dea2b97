//go:build unix

package cache

import (
	"os"
	"syscall"
)

// lock takes an exclusive advisory lock on f without waiting, and reports
// whether it got it. The lock goes with the process.
func lock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
