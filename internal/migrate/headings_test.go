package migrate

import "testing"

func TestRaiseHeadings(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		by       int
	}{
		{"### A\n\ntext\n\n#### B\n\n```\n### code\n```\n", "## A\n\ntext\n\n### B\n\n```\n### code\n```\n", 2},
		{"#### A\n##### B #####\n", "## A\n### B #####\n", 2},
		{"### A\n#### B\n### C\n", "## A\n### B\n## C\n", 3},
		{"## A\n\n#### B\n### C\n", "## A\n\n### B\n### C\n", 1},
		{"# A\n\n### B\n", "# A\n\n## B\n", 1},
		{"###### Small print\n", "## Small print\n", 1},
		{"## A\n\n> ##### Quoted\n> text\n", "## A\n\n> ### Quoted\n> text\n", 1},
		{"## A\n### B\n", "## A\n### B\n", 0},
		{"A\n---\n\n### B\n", "A\n---\n\n### B\n", 0},
		{"#hashtag and ###\n", "#hashtag and ###\n", 0},
		{"no headings\n", "no headings\n", 0},
	} {
		got, by := raiseHeadings(tc.in)
		if got != tc.want || by != tc.by {
			t.Errorf("raiseHeadings(%q) = %q, %d; want %q, %d", tc.in, got, by, tc.want, tc.by)
		}
	}
}
