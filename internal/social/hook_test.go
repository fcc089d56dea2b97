package social

import (
	"slices"
	"strings"
	"testing"
)

func TestSentenceEnds(t *testing.T) {
	tests := []struct {
		in   string
		want []string // the text up to each end
	}{
		{"One. Two! Three?", []string{"One.", "One. Two!", "One. Two! Three?"}},
		{"He said “Stop.” Then left.", []string{"He said “Stop.”", "He said “Stop.” Then left."}},
		{"Use e.g. this. Dr. Smith agrees. J. R. wrote it.", []string{"Use e.g. this.", "Use e.g. this. Dr. Smith agrees.", "Use e.g. this. Dr. Smith agrees. J. R. wrote it."}},
		{"Wait… what? Yes.", []string{"Wait… what?", "Wait… what? Yes."}},
		{"Version 2.0 is out. 3 tips follow.", []string{"Version 2.0 is out.", "Version 2.0 is out. 3 tips follow."}},
		{"no end", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range sentenceEnds(tt.in) {
			got = append(got, tt.in[:e])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("sentenceEnds(%q) gives %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShorten(t *testing.T) {
	clauses := "When a manager hovers over every decision, checks every email, and asks for updates twice a day; the team slowly stops thinking for itself and waits"
	tests := []struct {
		name, in, want string
	}{
		{"fits", "Short and sweet", "Short and sweet"},
		{"whole sentences", "First sentence here. Second one is here too. " + strings.Repeat("Third goes on and on ", 6) + "end.",
			"First sentence here. Second one is here too."},
		{"last clause under the limit, semicolon", clauses + " for the next instruction to arrive.",
			"When a manager hovers over every decision, checks every email, and asks for updates twice a day…"},
		{"colon kept", "The solution always comes down to one thing: clear communication and trust that every leader must build patiently over many months and years of hard work.",
			"The solution always comes down to one thing:"},
		{"the last boundary wins", "Some struggles are universal—regardless of age, gender, seniority, experience, industry, country, company size, or how long the leader has been in the role.",
			"Some struggles are universal—regardless of age, gender, seniority, experience, industry, country, company size…"},
		{"em dash", "Some struggles are universal among the leaders we coach every week—regardless of age or gender or seniority or experience or industry or country or size.",
			"Some struggles are universal among the leaders we coach every week…"},
		{"en dash in a range is no clause", "Between 2020–2024 the number of remote teams grew in every single industry we looked at across the whole world and " + strings.Repeat("more ", 10) + "growth.",
			""},
		{"clause too early to say anything", "At Peeplcoach, " + strings.Repeat("we coach ", 20) + "leaders.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shorten(tt.in, MaxHook)
			if got != tt.want {
				t.Errorf("shorten = %q, want %q", got, tt.want)
			}
			if Count(got) > MaxHook {
				t.Errorf("shorten gives %d characters, want at most %d", Count(got), MaxHook)
			}
		})
	}
}

func TestWordCut(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"fits as is", 20, "fits as is"},
		{"Leading remote teams, without losing trust", 25, "Leading remote teams…"},
		{"Supercalifragilistic", 10, "Supercali…"},
	}
	for _, tt := range tests {
		if got := wordCut(tt.in, tt.max); got != tt.want || Count(got) > tt.max {
			t.Errorf("wordCut(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}
