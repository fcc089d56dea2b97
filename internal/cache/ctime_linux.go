package cache

import (
	"io/fs"
	"syscall"
)

// inodeChange returns the file's inode change time.
func inodeChange(info fs.FileInfo) (int64, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return st.Ctim.Nano(), true
}
