package serve

import (
	"fmt"
	"os/exec"
	"runtime"
)

// openBrowser opens url in the desktop's default browser. The opener is
// started and reaped in the background but never waited for nor killed: the
// browser it launches belongs to the writer and outlives the preview.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open the browser: %w", err)
	}
	go cmd.Wait()
	return nil
}
