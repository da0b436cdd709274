package load

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/handover/handover/cmd/handover/internal/pagegen"
	"github.com/handover/handover/cmd/handover/internal/tty"
	"github.com/handover/handover/quiz"
	"github.com/handover/handover/wiki"
)

// loadSet is the data set the simulated people use: page paths by role,
// the search mix, and the accounts.
type loadSet struct {
	pages    []string // every page
	prefix   string   // the handovers' scope
	scope    []string // the pages in it: read and acknowledged
	quizzes  []string // pages with a knowledge check (in scope)
	hot      []string // the pages people edit, few enough to collide now and then
	queries  []string // searches
	prefixes []string // what people type into the typeahead
	users    []string // users[0] manages the handovers; the rest take over
	handover []uint64
}

// Data set shape.
const (
	loadQuizPages     = 10
	loadHotPages      = 40
	loadPassword      = "load test password, not a secret"
	loadManager       = "lead"
	loadAuthor        = "author"
	maxIncomingPerHVO = 20 // a handover's limit of incoming owners
)

// buildLoadData generates the pages and imports them into data, then adds
// the accounts, quizzes and handovers.
func buildLoadData(ctx context.Context, cfg Config, prog Program, tmp, data string, progress io.Writer) (*loadSet, error) {
	g, err := pagegen.New(cfg.Seed, cfg.Corpus)
	if err != nil {
		return nil, err
	}
	src := filepath.Join(tmp, "src")
	bar := tty.NewBar(progress, "generate")
	pages, err := g.WriteTree(src, cfg.Pages, bar.Update)
	if err != nil {
		return nil, err
	}
	bar.Done(fmt.Sprintf("%d pages from %s", cfg.Pages, g.Source()))
	if _, err := prog.Import(ctx, data, src, "", progress); err != nil {
		return nil, err
	}
	set := &loadSet{queries: g.Queries(pages, 500)}
	for _, p := range pages {
		set.pages = append(set.pages, p.Path)
		set.prefixes = append(set.prefixes, typeaheadPrefix(p.Title))
	}
	set.pickScope()
	store, qs, err := prog.OpenStore(data)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	return set, set.populate(store, qs, cfg.Users)
}

// typeaheadPrefix is what someone has typed of a title when the typeahead
// asks: its first word, cut to 2 to 5 letters.
func typeaheadPrefix(title string) string {
	w, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(title)), " ")
	r := []rune(w)
	return string(r[:min(len(r), 2+len(r)%4)])
}

// pickScope chooses the handovers' scope (the team and area of the first
// page), the quiz pages in it, and the pages people edit.
func (s *loadSet) pickScope() {
	segs := strings.SplitN(s.pages[0], "/", 3)
	s.prefix = strings.Join(segs[:len(segs)-1], "/") + "/"
	for _, p := range s.pages {
		if strings.HasPrefix(p, s.prefix) {
			s.scope = append(s.scope, p)
		}
	}
	s.quizzes = s.scope[:min(loadQuizPages, len(s.scope))]
	// Edits go to the last pages (not the quiz pages, whose questions an
	// edit would not touch anyway) and to a few pages in scope, so that
	// acknowledgements meet new revisions.
	s.hot = append(s.hot, s.pages[len(s.pages)-min(loadHotPages, len(s.pages)/2):]...)
	s.hot = append(s.hot, s.scope[len(s.quizzes):min(len(s.quizzes)+5, len(s.scope))]...)
}

// populate adds the accounts, a knowledge check on each quiz page and
// handovers of the scope to every simulated person but the manager.
func (s *loadSet) populate(store *wiki.Store, qs *quiz.Store, users int) error {
	if _, err := store.CreateUser(loadManager, wiki.RoleManager, loadPassword); err != nil {
		return err
	}
	author, err := store.CreateUser(loadAuthor, wiki.RoleMember, loadPassword)
	if err != nil {
		return err
	}
	s.users = []string{loadManager}
	for i := 1; i < users; i++ {
		name := fmt.Sprintf("user%03d", i)
		if _, err := store.CreateUser(name, wiki.RoleMember, loadPassword); err != nil {
			return err
		}
		s.users = append(s.users, name)
	}
	for _, path := range s.quizzes {
		if err := addLoadQuiz(qs, store, author, path); err != nil {
			return err
		}
	}
	return s.addHandovers(qs, store)
}

// loadQuizGIFT is the knowledge check on each quiz page: a true/false, a
// single choice and a short answer, in that order (no shuffling, so a
// person knows which field is which), with unlimited attempts and no
// cooldown so that people can take it again and again.
const loadQuizGIFT = `// handover quiz: author=author pass_mark=60 max_attempts=0 cooldown=0 time_limit=0 shuffle=false ask_confidence=false

// [id:load-read] [tag:section:%[1]s] [tag:critical]
::Read it::This section was written for the handover.{TRUE}

// [id:load-choice] [tag:section:%[1]s]
::Which::Which answer is the right one?{
	=The first one
	~The second one
	~The third one
}

// [id:load-word] [tag:section:%[1]s]
::Word::Type the word ready.{=ready}
`

func addLoadQuiz(qs *quiz.Store, store *wiki.Store, author *wiki.User, path string) error {
	p, err := store.Page(path)
	if err != nil {
		return err
	}
	section := ""
	if len(p.Sections) > 0 {
		section = p.Sections[len(p.Sections)/2].ID
	}
	rep, err := qs.ImportGIFT(p, author, strings.NewReader(fmt.Sprintf(loadQuizGIFT, section)))
	if err != nil {
		return fmt.Errorf("quiz on %s: %w", path, err)
	}
	if len(rep.Skipped) > 0 || rep.Added != 3 {
		return fmt.Errorf("quiz on %s: added %d of 3 questions: %v", path, rep.Added, rep.Skipped)
	}
	return nil
}

// addHandovers hands the scope over from author to the simulated people,
// at most maxIncomingPerHVO of them per handover, all managed by lead.
func (s *loadSet) addHandovers(qs *quiz.Store, store *wiki.Store) error {
	lead, err := store.UserByName(loadManager)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(24 * time.Hour)
	incoming := s.users[1:]
	for i := 0; i < len(incoming); i += maxIncomingPerHVO {
		h := &quiz.Handover{Title: fmt.Sprintf("Load test handover %d", i/maxIncomingPerHVO+1),
			Outgoing: []string{loadAuthor}, Incoming: incoming[i:min(i+maxIncomingPerHVO, len(incoming))],
			Manager: loadManager, Start: now.AddDate(0, 0, -7), Due: now.AddDate(0, 0, 21), Scope: []string{s.prefix}}
		if err := qs.CreateHandover(h, lead); err != nil {
			return err
		}
		s.handover = append(s.handover, h.ID)
	}
	return nil
}
