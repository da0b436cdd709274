// Package demo fills an empty data directory with the example handover of
// `handover --demo`: pages, quizzes, handovers and people part-way through
// them, placed in the past so that every status and reason shows.
package demo

import (
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"path"
	"strings"
	"time"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// demoAccounts are the accounts --demo creates (DESIGN.md): alex hands the
// IT operations role over to sam; morgan manages the handover.
var demoAccounts = []struct {
	name, display string
	role          wiki.Role
}{
	{"admin", "Administrator", wiki.RoleAdmin},
	{"alex", "Alex Rivera", wiki.RoleMember},
	{"sam", "Sam Okafor", wiki.RoleMember},
	{"morgan", "Morgan Lee", wiki.RoleManager},
}

// Seed fills the empty store with the demo handover, reading the demo
// pages and quizzes from fsys (the static tree), and prints the demo
// passwords once on out. On a store that has data it only says so on log.
func Seed(store *wiki.Store, qs *quiz.Store, fsys fs.FS, out io.Writer, log *slog.Logger) error {
	users, err := store.UserCount()
	if err != nil {
		return err
	}
	pages, err := store.PageCount()
	if err != nil || users > 0 || pages > 0 {
		if err == nil {
			log.Info("demo: the data directory is not empty; keeping its data (demo passwords were printed when it was created)")
		}
		return err
	}
	passwords := map[string]string{}
	for _, a := range demoAccounts {
		pw := demoPassword(a.name)
		u, err := store.CreateUser(a.name, a.role, pw)
		if err != nil {
			return err
		}
		if _, err := store.UpdateUser(u.ID, func(u *wiki.User) error { u.DisplayName = a.display; return nil }); err != nil {
			return err
		}
		passwords[a.name] = pw
	}
	// The pages and quizzes were written five weeks ago, before the
	// handover started, so history and attempts line up in time.
	store.SetClock(func() time.Time { return time.Now().AddDate(0, 0, -35) })
	n, err := importDemoPages(store, fsys)
	if err == nil {
		err = seedDemoQuizzes(qs, fsys)
	}
	store.SetClock(time.Now)
	if err != nil {
		return err
	}
	if err := seedDemoHandover(qs); err != nil {
		return err
	}
	if err := seedDemoReadiness(qs); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nDemo data created: %d pages. Sign in as:\n\n", n)
	for _, a := range demoAccounts {
		fmt.Fprintf(out, "    %-7s %-9s password: %s\n", a.name, "("+string(a.role)+")", passwords[a.name])
	}
	fmt.Fprintf(out, "\nThese passwords are shown only once.\n\n")
	return nil
}

func demoPassword(name string) string {
	// Readable and strong enough for a demo: three groups of four random
	// letters and digits, drawn again in the rare case that the password
	// rules refuse them (a group that spells the name, say).
	for {
		if pw := drawDemoPassword(); wiki.CheckPasswordStrength(name, pw) == nil {
			return pw
		}
	}
}

func drawDemoPassword() string {
	s := wikiRandom(12)
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12]
}

// importDemoPages saves every static/demo/**/*.md file as a page by alex.
func importDemoPages(store *wiki.Store, fsys fs.FS) (int, error) {
	n := 0
	err := fs.WalkDir(fsys, "demo", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".md" {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		pagePath := strings.TrimSuffix(strings.TrimPrefix(p, "demo/"), ".md")
		_, err = store.SavePage(wiki.SaveRequest{Path: pagePath, Markdown: string(data),
			Author: "alex", Owner: "alex", Comment: "Initial handover notes"})
		if err != nil {
			return fmt.Errorf("demo page %s: %w", p, err)
		}
		n++
		return nil
	})
	return n, err
}
