package build

import (
	"os"
	"runtime/debug"

	"github.com/peeplcoach/folio/internal/key"
)

// codeVersion identifies the code of this folio. The persistent cache keeps
// entries under it, so that a new folio never takes what an older one made:
// the revision of a release built from clean sources, else the hash of the
// executable itself (go run, tests, a build from modified sources).
func codeVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" && modified == "false" {
			return bi.Main.Path + "@" + rev
		}
	}
	if exe, err := os.Executable(); err == nil {
		if data, err := os.ReadFile(exe); err == nil {
			return "exe " + key.Bytes(data).String()
		}
	}
	return "unknown" // no cache entry outlives the process that made it
}
