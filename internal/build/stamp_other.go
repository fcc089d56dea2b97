//go:build !linux

package build

import "io/fs"

// stampOf says nothing here (folio reads the change time on Linux only): every file is
// read and hashed on every build.
func stampOf(info fs.FileInfo) (stamp, bool) { return stamp{}, false }
