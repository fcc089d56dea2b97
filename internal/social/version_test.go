package social

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestCardVersion guards the card cache: builds keep cards keyed by
// CardInput.Key, which includes cardVersion, so a drawing change that keeps
// the version would leave stale cards in every cache. When this fails after an
// intended change, bump cardVersion and record the new digest here.
func TestCardVersion(t *testing.T) {
	data, err := Card(CardInput{Title: "7 Tips to Get Your Manager to Trust You", Series: "Part 1 of 3 in the series “Universal Leadership Challenges”", SiteName: "Peeplcoach Insights"})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	got := cardVersion + " " + hex.EncodeToString(sum[:8])
	if got != recordedCard {
		t.Errorf("Card's bytes changed: got %q, recorded %q. Bump cardVersion and record the digest.", got, recordedCard)
	}
}

const recordedCard = "card-3 d8c0c14a64a85117"
