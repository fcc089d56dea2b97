//go:build unix

package main

import "syscall"

func isQuota(errno syscall.Errno) bool { return errno == syscall.EDQUOT }
