package migrate

import "testing"

// TestFenceTracker: a fence line inside a block closes it only when it is a
// bare fence of the block's own character, at least as long.
func TestFenceTracker(t *testing.T) {
	lines := []string{"text", "````md", "```go", "inside", "```", "still inside", "````", "after", "~~~", "x", "~~~ not a close", "~~~~", "out"}
	want := []bool{false, true, true, true, true, true, true, false, true, true, true, true, false}
	var f fenceTracker
	for i, l := range lines {
		if got := f.code(l); got != want[i] {
			t.Errorf("line %d %q: code = %v, want %v", i+1, l, got, want[i])
		}
	}
}
