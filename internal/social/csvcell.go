package social

import "strings"

// formulaStarts are the characters that make a spreadsheet read a cell as a
// formula (OWASP, "CSV Injection"): "=", "+", "-" and "@", and tab and
// carriage return, which some spreadsheets skip before looking.
const formulaStarts = "=+-@\t\r"

// csvCell neutralises a cell that a spreadsheet would evaluate, as OWASP
// recommends: a single quote before it, which Excel and Google Sheets show
// as text and do not evaluate. Quoting the field does not stop them. Leading
// spaces are looked past too, since Google Sheets trims them before it
// decides. Every other cell is written as it is; the JSON, Markdown and text
// exports are never changed.
func csvCell(c string) string {
	if t := strings.TrimLeft(c, " "); t != "" && strings.IndexByte(formulaStarts, t[0]) >= 0 {
		return "'" + c
	}
	return c
}
