package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/handover/handover/wiki"
	"golang.org/x/term"
)

func runUserAdd(ctx context.Context, env *cmdEnv, args []string) error {
	fs, dir := dataFlags("user add", env)
	roleName := fs.String("role", "member", "role: admin, manager or member")
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	if fs.NArg() != 1 {
		return usagef("user add takes one user name (the password is read from stdin)")
	}
	role, err := wiki.ParseRole(*roleName)
	if err != nil {
		return usagef("%v", err)
	}
	password, err := readPassword(env, "Password for "+fs.Arg(0)+": ")
	if err != nil {
		return err
	}
	store, _, err := createStoreFor(*dir, "add a user")
	if err != nil {
		return err
	}
	defer store.Close()
	u, err := store.CreateUser(fs.Arg(0), role, password)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "added %s (%s)\n", u.Name, u.Role)
	return nil
}

// readPassword reads a password: without echo from a terminal, otherwise
// the first line of stdin.
func readPassword(env *cmdEnv, prompt string) (string, error) {
	if f, ok := env.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(env.stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(env.stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(io.LimitReader(env.stdin, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read password from stdin: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("no password on stdin (pipe it in, e.g. echo \"$PASSWORD\" | handover user add NAME)")
	}
	return line, nil
}

func runTokenAdd(ctx context.Context, env *cmdEnv, args []string) error {
	fs, dir := dataFlags("token add", env)
	name := fs.String("name", "cli", "a label for the token")
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	if fs.NArg() != 1 {
		return usagef("token add takes one user name")
	}
	store, _, err := openStoreFor(*dir, "add a token")
	if err != nil {
		return err
	}
	defer store.Close()
	u, err := store.UserByName(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("user %q: %w", fs.Arg(0), err)
	}
	_, secret, err := store.CreateToken(u.ID, *name)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, secret)
	return nil
}

func runVersion(ctx context.Context, env *cmdEnv, args []string) error {
	fs := newFlags("version", env.stderr)
	if err := parseFlags(fs, args); err != nil {
		return helpIsOK(err)
	}
	if fs.NArg() > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintln(env.stdout, "handover", version())
	return nil
}

// version describes the build from the module and VCS information the Go
// toolchain stamps into the binary.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	var rev, when, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	out := v
	if rev != "" {
		out += " " + rev + dirty
	}
	if when != "" {
		out += " " + when
	}
	return out + " " + info.GoVersion
}
