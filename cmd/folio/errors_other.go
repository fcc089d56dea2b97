//go:build !unix

package main

import "syscall"

func isQuota(syscall.Errno) bool { return false }
