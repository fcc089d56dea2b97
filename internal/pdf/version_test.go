package pdf

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestVersion guards the cache: builds keep PDFs keyed by Version, so output
// that changes without a new Version would leave stale PDFs in every cache.
// When this fails after an intended change, bump Version and record the new
// digest here.
func TestVersion(t *testing.T) {
	const want = "pdf-2 "
	data, err := Render(fixture(), A4)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	got := Version + " " + hex.EncodeToString(sum[:8])
	if got != want+recordedDigest {
		t.Errorf("Render's bytes changed: got %q, recorded %q. Bump Version and record the digest.", got, want+recordedDigest)
	}
}

const recordedDigest = "f27ad1f07417ab5c"
