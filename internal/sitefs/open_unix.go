//go:build unix

package sitefs

import "syscall"

// openFlags opens without blocking: a named pipe in the site would otherwise
// wait for a writer forever. Regular files and folders are unaffected.
const openFlags = syscall.O_NONBLOCK
