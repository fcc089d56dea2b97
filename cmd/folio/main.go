// Command folio builds Peeplcoach's article site from Markdown: folio build
// writes the site, folio serve previews it while you write. Run folio help.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	// A build holds its plan (the view of every page, ~250 MB live at
	// 10,000 articles) while it writes 50,000 files, allocating all along;
	// Go's default lets the heap grow to twice what is live before each
	// collection. Half that headroom keeps a 10,000-article build under
	// 400 MB for a few percent more CPU, and scales with the site, where a
	// fixed limit would make a larger site's collector run without end.
	// GOGC set in the environment wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first Ctrl-C, a second one ends folio at once.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
