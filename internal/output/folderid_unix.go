//go:build unix

package output

import (
	"fmt"
	"os"
	"syscall"
)

// folderID names the folder at dir itself, not its path: a folder removed
// and made again, or swapped for another, gets another name. The inode alone
// would not do (a new folder may get the number of one just removed); its
// modification time changes too, also when anything is added to or removed
// from the folder itself, which is a reason to trust nothing anyway.
func folderID(dir string) (string, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return "", err
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return "", fmt.Errorf("%s: no inode", dir)
	}
	return fmt.Sprintf("%d:%d:%d", st.Dev, st.Ino, info.ModTime().UnixNano()), nil
}
