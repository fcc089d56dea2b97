//go:build !unix

package sitefs

// openFlags adds nothing where the system has no non-blocking open.
const openFlags = 0
