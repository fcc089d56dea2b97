package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/peeplcoach/folio/internal/suggest"
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
	if s := suggest.Nearest(name, names); s != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", dashed(s))
	}
	return fmt.Errorf("%s\nRun folio %s --help for its flags", msg, fs.Name())
}
