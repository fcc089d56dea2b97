//go:build !unix

package output

import (
	"errors"
	"syscall"
)

// diskError reports whether err says the disk cannot take more, whatever
// the file.
func diskError(err error) bool {
	return errors.Is(err, syscall.ENOSPC)
}
