//go:build linux

package build

import (
	"io/fs"
	"syscall"
)

// stampOf returns what says a file changed without reading it: its size,
// modification and change times and inode. ok is false where the system
// does not tell them (an fs.FS in memory): then the file is always read.
func stampOf(info fs.FileInfo) (stamp, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok || !info.Mode().IsRegular() {
		return stamp{}, false
	}
	return stamp{
		Size:  info.Size(),
		MTime: info.ModTime().UnixNano(),
		CTime: int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec),
		Inode: uint64(st.Ino),
		Dev:   uint64(st.Dev),
	}, true
}
