package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// aliasPrefix starts the usage text of a flag that is another name for one
// listed already: the usage shows them on one line.
const aliasPrefix = "another name for -"

// alias gives a flag more names, such as Hugo's: -D and --buildDrafts for
// --drafts. The names share the flag's value.
func alias(fs *flag.FlagSet, name string, names ...string) {
	f := fs.Lookup(name)
	if f == nil {
		panic("alias of unknown flag " + name) // a programming error, caught by the tests
	}
	for _, n := range names {
		fs.Var(f.Value, n, aliasPrefix+name)
	}
}

// printFlags prints a command's flags, each with its other names.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	names := map[string][]string{}
	fs.VisitAll(func(f *flag.Flag) {
		if orig, ok := strings.CutPrefix(f.Usage, aliasPrefix); ok {
			names[orig] = append(names[orig], f.Name)
		}
	})
	fs.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Usage, aliasPrefix) {
			return
		}
		all := append([]string{f.Name}, names[f.Name]...)
		for i, n := range all {
			all[i] = dashed(n)
		}
		line := "  " + strings.Join(all, ", ")
		kind, usage := flag.UnquoteUsage(f)
		if kind != "" {
			line += " " + kind
		}
		fmt.Fprintf(w, "%s\n    \t%s", line, strings.ReplaceAll(usage, "\n", "\n    \t"))
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// dashed writes a flag's name the way users type it: -D, --drafts.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// scanFlags checks args before the flag package parses them: an unknown
// flag gets a did-you-mean (the flag package would only print the usage),
// and flags written after the arguments are moved before them, as Hugo and
// most tools allow ("folio new articles/a.md --src site").
func scanFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "h" || name == "help" {
			flags = append(flags, a)
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			return nil, unknownFlag(fs, name)
		}
		flags = append(flags, a)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); (!ok || !b.IsBoolFlag()) && !hasValue && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if len(rest) == 0 {
		return flags, nil
	}
	return append(append(flags, "--"), rest...), nil
}

func unknownFlag(fs *flag.FlagSet, name string) error {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	msg := fmt.Sprintf("folio %s: unknown flag %s", fs.Name(), dashed(name))
	if s := didYouMean(name, names); s != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", dashed(s))
	}
	return fmt.Errorf("%s\nRun folio %s --help for its flags", msg, fs.Name())
}

// didYouMean returns the candidate a mistyped word most likely means: one
// that differs only in case, else the nearest by edit distance when it is
// close enough to be a typo (at most a third of the word, at most 3 edits).
func didYouMean(s string, candidates []string) string {
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		if strings.EqualFold(c, s) {
			return c
		}
	}
	best, bestDist := "", 1<<30
	for _, c := range sorted {
		if d := editDistance(strings.ToLower(s), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist <= 3 && bestDist*3 <= max(len(s), 3) {
		return best
	}
	return ""
}

// editDistance is the Damerau–Levenshtein distance: "biuld" is one swap
// from "build".
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
