package serve

import (
	"strconv"
	"strings"
)

// ignoredName reports whether a file or folder name is noise that must not
// trigger a rebuild: dot-files (.DS_Store, .git, vim's .a.md.swp, Emacs's
// .#a.md lock, gedit's .goutputstream-*), Emacs autosaves (#a.md#), backups
// (a.md~), swap and temporary files, JetBrains safe-write files, and vim's
// write-permission probe (4913, then 4913+123n when that name is taken).
func ignoredName(name string) bool {
	if name == "" || name[0] == '.' || name[len(name)-1] == '~' {
		return true
	}
	if len(name) > 1 && name[0] == '#' && name[len(name)-1] == '#' {
		return true
	}
	for _, suffix := range ignoredSuffixes {
		if len(name) >= len(suffix) && strings.EqualFold(name[len(name)-len(suffix):], suffix) {
			return true
		}
	}
	return vimProbe(name)
}

// ignoredSuffixes are the endings of editors' swap and temporary files.
var ignoredSuffixes = [...]string{".swp", ".swo", ".swn", ".swx", ".tmp", ".kate-swp", "___jb_tmp___", "___jb_old___"}

// vimProbe reports whether name is one of the files vim creates to test that a
// folder is writable before a backup-and-rename save: "4913", or 4913+123n
// when that name is taken (see vim's bufwrite.c).
func vimProbe(name string) bool {
	if len(name) != 4 && len(name) != 5 {
		return false
	}
	n, err := strconv.Atoi(name)
	return err == nil && n >= 4913 && (n-4913)%123 == 0
}
