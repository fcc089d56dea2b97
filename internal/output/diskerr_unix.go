//go:build unix

package output

import (
	"errors"
	"syscall"
)

// diskError reports whether err says the disk cannot take more, whatever
// the file: full, over quota, read-only, failing, or over the size limit
// the process runs under.
func diskError(err error) bool {
	for _, e := range []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS, syscall.EIO, syscall.EFBIG} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
