// Command handover serves the handover wiki and runs its maintenance
// commands. See the README for usage; `handover help` lists the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/handover/handover/wiki"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit code: 0 on success, 1
// on error (one line on stderr), 2 on bad usage.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	err := dispatch(ctx, args, stdin, stdout, stderr)
	var usage *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &usage):
		fmt.Fprintln(stderr, "handover:", usage.msg)
		fmt.Fprintln(stderr, "Run 'handover help' for usage.")
		return 2
	case wiki.ErrorKind(err) == wiki.DiskFull:
		// Nothing was left half done; say what to do before the details.
		fmt.Fprintln(stderr, "handover: the disk is full; free space and run it again:", err)
		return 1
	default:
		fmt.Fprintln(stderr, "handover:", err)
		return 1
	}
}

// usageError is a command line the program does not understand.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// command is one subcommand: its name path and what it does.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *cmdEnv, args []string) error
}

// cmdEnv is what a subcommand gets besides its arguments.
type cmdEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"serve", "run the web server (the default)", runServe},
		{"user add", "add a user; the password is read from stdin", runUserAdd},
		{"token add", "create an API token for a user and print it", runTokenAdd},
		{"import", "import a directory of Markdown files as pages", runImport},
		{"export", "write every page as Markdown with front matter into a directory, or with --crisis-kit ID FILE a handover's crisis kit (one HTML file)", runExport},
		{"quiz import", "import GIFT questions into a page's quiz (--page PATH FILE)", runQuizImport},
		{"quiz export", "write a page's quiz as GIFT to stdout (--page PATH)", runQuizExport},
		{"bench", "measure import, start-up, page views, search and saves on generated pages", runBench},
		{"load", "simulate many people using the wiki at once for a while (--users N --duration D)", runLoadCmd},
		{"backup", "write a verified copy of the database (--url for a running server)", runBackup},
		{"restore", "replace the data of a stopped server with a backup and rebuild the index", runRestore},
		{"reindex", "rebuild the search index from the database", runReindex},
		{"check", "check the database and that the search index matches it", runCheck},
		{"version", "print the version", runVersion},
	}
}

func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	env := &cmdEnv{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
		printUsage(stdout)
		return nil
	}
	for _, c := range commands() {
		if rest, ok := matchCommand(args, c.name); ok {
			return c.run(ctx, env, rest)
		}
	}
	if len(args) == 0 || (len(args[0]) > 0 && args[0][0] == '-') {
		return runServe(ctx, env, args)
	}
	if group := commandGroup(args[0]); len(group) > 0 {
		return groupUsage(env, args, group)
	}
	return usagef("unknown command %q", args[0])
}

// commandGroup returns the commands whose name is word followed by more
// words ("quiz" → "quiz import", "quiz export").
func commandGroup(word string) []command {
	var out []command
	for _, c := range commands() {
		if words := splitWords(c.name); len(words) > 1 && words[0] == word {
			out = append(out, c)
		}
	}
	return out
}

// groupUsage answers a command group named without one of its commands
// (`handover quiz`, `handover quiz -h`) by listing them: on stdout for a
// help flag, else on stderr before a usage error.
func groupUsage(env *cmdEnv, args []string, group []command) error {
	help := len(args) > 1 && (args[1] == "-h" || args[1] == "--help" || args[1] == "help")
	w := env.stderr
	if help {
		w = env.stdout
	}
	fmt.Fprintf(w, "Usage: handover %s COMMAND [flags]\n\nCommands:\n", args[0])
	for _, c := range group {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'handover %s COMMAND -h' for a command's flags.\n", args[0])
	switch {
	case help:
		return nil
	case len(args) > 1:
		return usagef("unknown command %q", args[0]+" "+args[1])
	}
	return usagef("%q needs a command", args[0])
}

// matchCommand reports whether args start with the words of name.
func matchCommand(args []string, name string) ([]string, bool) {
	words := splitWords(name)
	if len(args) < len(words) {
		return nil, false
	}
	for i, w := range words {
		if args[i] != w {
			return nil, false
		}
	}
	return args[len(words):], true
}

func splitWords(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: handover [command] [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Every flag has an environment fallback HANDOVER_<FLAG> (for example HANDOVER_DATA).")
	fmt.Fprintln(w, "Run 'handover COMMAND -h' for a command's flags.")
}
