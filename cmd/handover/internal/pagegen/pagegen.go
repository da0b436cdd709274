// Package pagegen generates wiki pages and search queries for the bench and
// the load test: realistic text learnt from a Markdown corpus, laid out like
// runbooks, the same for the same seed.
package pagegen

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/handover/handover/wiki"
	"github.com/handover/handover/wiki/markup"
)

// Generator writes realistic wiki pages: the words follow each
// other as in the source text (a bigram chain), and headings, code blocks
// and titles are real ones from it, laid out like runbooks: a title, an
// introduction, sections with paragraphs, lists, code and [[wiki links]].
// The source is the runbook corpus when there is one (see FindCorpus),
// otherwise builtinText. The same seed gives the same pages.
type Generator struct {
	rng      *rand.Rand
	next     map[string][]string // word → the words that follow it, repeats kept
	starts   []string            // words that start sentences
	words    []string            // every word of the source in order: frequency-weighted
	headings []string
	titles   []string
	code     []string
	source   string // where the text came from, for the report
}

// Generated metadata: a handful of teams, areas, tags and owners, so that
// filters in the search mix have something to select.
var (
	genTeams  = []string{"it-ops", "platform", "support", "security", "community", "data"}
	genAreas  = []string{"runbooks", "alerts", "vendors", "contacts", "routines", "incidents", "access"}
	genTags   = []string{"runbook", "alert", "database", "network", "kubernetes", "vendor", "crisis", "on-call", "backup", "storage"}
	genOwners = []string{"alex", "sam", "morgan", "jordan", "riley", "casey"}
)

// New returns a generator seeded with seed that learns from the Markdown
// files under corpusDir, or from builtinText when corpusDir is "".
func New(seed uint64, corpusDir string) (*Generator, error) {
	g := &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), next: map[string][]string{}}
	if corpusDir == "" {
		g.learn(builtinText)
		g.source = "built-in text"
		return g, nil
	}
	n := 0
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if _, body, err := markup.SplitFrontMatter(src); err == nil {
			src = body
		}
		g.learn(string(src))
		n++
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read corpus: %w", err)
	}
	if len(g.starts) == 0 || len(g.headings) == 0 || len(g.code) == 0 {
		g.learn(builtinText)
	}
	g.source = fmt.Sprintf("%s (%d files)", corpusDir, n)
	return g, nil
}

var (
	mdLink   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdSyntax = strings.NewReplacer("`", "", "**", "", "*", "", "_", " ", "[", "", "]", "", "<", "", ">", "", "|", " ", "#", "")
)

// learn adds a Markdown text's headings, code blocks and prose.
func (g *Generator) learn(src string) {
	var para, code []string
	inCode := false
	flush := func() {
		g.learnProse(strings.Join(para, " "))
		para = para[:0]
	}
	for line := range strings.SplitSeq(src, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			if inCode && len(code) > 0 && len(code) <= 12 {
				g.code = append(g.code, strings.Join(code, "\n"))
			}
			inCode, code = !inCode, code[:0]
		case inCode:
			code = append(code, line)
		case strings.HasPrefix(trimmed, "#"):
			flush()
			g.learnHeading(trimmed)
		case trimmed == "" || strings.HasPrefix(trimmed, "|") || strings.HasPrefix(trimmed, "<"):
			flush()
		default:
			para = append(para, strings.TrimLeft(trimmed, "-*0123456789. "))
		}
	}
	flush()
}

func (g *Generator) learnHeading(line string) {
	level := len(line) - len(strings.TrimLeft(line, "#"))
	text := strings.TrimSpace(mdSyntax.Replace(mdLink.ReplaceAllString(line[level:], "$1")))
	if text == "" || len(text) > 60 {
		return
	}
	if level == 1 {
		g.titles = append(g.titles, text)
	} else {
		g.headings = append(g.headings, text)
	}
}

func (g *Generator) learnProse(text string) {
	text = mdSyntax.Replace(mdLink.ReplaceAllString(text, "$1"))
	prev := "."
	for w := range strings.FieldsSeq(text) {
		if !strings.ContainsFunc(w, unicode.IsLetter) || strings.Contains(w, "://") || len(w) > 30 {
			continue
		}
		if strings.HasSuffix(prev, ".") && unicode.IsUpper([]rune(w)[0]) {
			g.starts = append(g.starts, w)
		} else {
			g.next[prev] = append(g.next[prev], w)
		}
		g.words = append(g.words, w)
		prev = w
	}
}

// Source says where the text came from, for reports.
func (g *Generator) Source() string { return g.source }

func (g *Generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// sentence is 6 to 22 words of chained text ending with a full stop.
func (g *Generator) sentence() string {
	w := g.pick(g.starts)
	out := []string{w}
	for n := 6 + g.rng.IntN(17); len(out) < n; {
		follow := g.next[w]
		if len(follow) == 0 {
			break
		}
		w = g.pick(follow)
		out = append(out, w)
		if strings.HasSuffix(w, ".") && len(out) >= 6 {
			break
		}
	}
	s := strings.TrimRight(strings.Join(out, " "), ".,;:")
	return s + "."
}

func (g *Generator) paragraph(min, max int) string {
	n := min + g.rng.IntN(max-min+1)
	s := make([]string, n)
	for i := range s {
		s[i] = g.sentence()
	}
	return strings.Join(s, " ")
}

// Page is one generated page: its path and its front matter.
type Page struct {
	Path, Title string
	Tags        []string
	Owner       string
}

// plan chooses the path, title and metadata of n pages (all before any
// text, so that pages can link to pages after them).
func (g *Generator) plan(n int) []Page {
	pages := make([]Page, n)
	titles := g.titles
	if len(titles) == 0 {
		titles = g.headings
	}
	for i := range pages {
		title := g.pick(titles)
		if g.rng.IntN(3) == 0 {
			title += " " + strings.ToLower(g.pick(g.headings))
		}
		slug := markup.Slug(title)
		if len(slug) > 60 {
			slug = slug[:60]
		}
		path, err := wiki.CleanPath(fmt.Sprintf("%s/%s/%s-%d", g.pick(genTeams), g.pick(genAreas), strings.Trim(slug, "-"), i))
		if err != nil {
			path = fmt.Sprintf("%s/page-%d", g.pick(genTeams), i)
		}
		pages[i] = Page{Path: path, Title: title, Owner: g.pick(genOwners),
			Tags: []string{g.pick(genTags), g.pick(genTags)}}
	}
	return pages
}

// markdown writes page i of pages.
func (g *Generator) markdown(pages []Page, i int) string {
	p := pages[i]
	var b strings.Builder
	if g.rng.IntN(2) == 0 {
		fmt.Fprintf(&b, "---\ntitle: %q\ntags: [%s]\nowner: %s\n", p.Title, strings.Join(p.Tags, ", "), p.Owner)
		if g.rng.IntN(3) == 0 {
			fmt.Fprintf(&b, "review_days: %d\n", 30*(1+g.rng.IntN(6)))
		}
		b.WriteString("---\n\n")
	}
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", p.Title, g.paragraph(2, 4))
	for range 3 + g.rng.IntN(5) {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", g.pick(g.headings), g.paragraph(2, 6))
		g.extras(&b, pages)
		if g.rng.IntN(3) == 0 {
			fmt.Fprintf(&b, "### %s\n\n%s\n\n", g.pick(g.headings), g.paragraph(1, 4))
		}
	}
	return b.String()
}

// extras adds a list (with a wiki link now and then) or a code block to a
// section, or nothing.
func (g *Generator) extras(b *strings.Builder, pages []Page) {
	switch g.rng.IntN(4) {
	case 0:
		for range 3 + g.rng.IntN(4) {
			fmt.Fprintf(b, "- %s\n", g.sentence())
		}
		other := pages[g.rng.IntN(len(pages))]
		fmt.Fprintf(b, "- See [[%s|%s]].\n\n", other.Path, other.Title)
	case 1:
		fmt.Fprintf(b, "```shell\n%s\n```\n\n", g.pick(g.code))
	case 2:
		fmt.Fprintf(b, "Related: [[%s]].\n\n", pages[g.rng.IntN(len(pages))].Path)
	}
}

// WriteTree writes n pages as Markdown files under dir and returns them,
// telling progress how many are written now and then.
func (g *Generator) WriteTree(dir string, n int, progress func(done, total int)) ([]Page, error) {
	pages := g.plan(n)
	for i, p := range pages {
		name := filepath.Join(dir, filepath.FromSlash(p.Path)+".md")
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(name, []byte(g.markdown(pages, i)), 0o644); err != nil {
			return nil, err
		}
		if i%100 == 0 || i == n-1 {
			progress(i+1, n)
		}
	}
	return pages, nil
}

// FindCorpus returns the nearest shared/corpus directory in the current
// directory or above it (the development layout keeps the corpus beside
// the repository), or "" when there is none.
func FindCorpus() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// builtinText is the fallback source of words and structure when no corpus
// is at hand: a short handover runbook.
const builtinText = "# Database failover\n\n" +
	"## Meaning\n\nThe primary database stopped answering health checks. Writes fail until a replica is promoted. " +
	"The alert fires when the replication lag grows beyond five minutes or the primary is unreachable from two zones. " +
	"Check the dashboard before you page the vendor.\n\n" +
	"## Impact\n\nCustomers cannot place orders and the support queue fills up within minutes. " +
	"Reports and the nightly backup are delayed. The on-call engineer owns the incident until it is handed over.\n\n" +
	"## Diagnosis\n\nLog in to the bastion host and check the replication status of every replica. " +
	"Compare the last applied position with the primary. If the primary is down, confirm it with the cloud console. " +
	"Look at the disk usage, the connection count and the error log for the last hour.\n\n" +
	"```shell\npsql -h db-replica-1 -c 'select now() - pg_last_xact_replay_timestamp();'\n```\n\n" +
	"## Mitigation\n\nPromote the healthiest replica and point the application at it. " +
	"Tell the incident commander before you start and post updates every fifteen minutes in the incident channel. " +
	"After the failover, rebuild the old primary as a replica and schedule a review.\n\n" +
	"```shell\nkubectl -n payments rollout restart deployment/api\n```\n\n" +
	"# Key contacts\n\n## Vendors\n\nThe hosting vendor answers the emergency line day and night. " +
	"Quote the contract number and the severity of the incident. The account manager handles escalations and renewals.\n\n" +
	"## Escalation\n\nEscalate to the head of operations when customers are affected for more than thirty minutes. " +
	"The communications lead drafts the status page update and the social media post.\n\n" +
	"# Routine tasks\n\n## Weekly\n\nReview the backup report, rotate the on-call schedule and check certificate expiry dates. " +
	"Update the access list when someone joins or leaves the team.\n"

// Queries returns n search queries in the mix people type: frequent words,
// two words, "phrases", title words, filters, misspellings and exclusions.
func (g *Generator) Queries(pages []Page, n int) []string {
	out := make([]string, 0, n)
	for len(out) < n {
		var q string
		switch k := g.rng.IntN(10); {
		case k < 3:
			q = g.word()
		case k < 5:
			q = strings.Join(g.run(2), " ")
		case k < 6:
			q = `"` + strings.Join(g.run(2+g.rng.IntN(2)), " ") + `"`
		case k < 7:
			q = strings.ToLower(g.pickPage(pages).Title)
		case k < 8:
			q = g.filter(g.pickPage(pages)) + " " + g.word()
		case k < 9:
			q = misspell(g.longWord())
		default:
			q = g.word() + " -" + g.word()
		}
		if strings.TrimSpace(q) != "" {
			out = append(out, q)
		}
	}
	return out
}

func (g *Generator) pickPage(pages []Page) Page { return pages[g.rng.IntN(len(pages))] }

func (g *Generator) filter(p Page) string {
	switch g.rng.IntN(3) {
	case 0:
		return "tag:" + p.Tags[0]
	case 1:
		return "owner:" + p.Owner
	}
	return "path:" + p.Path[:strings.IndexByte(p.Path, '/')]
}

// word is a source word, as often as it occurs there, lowercased and
// without punctuation.
func (g *Generator) word() string {
	for {
		if w := cleanWord(g.pick(g.words)); len(w) >= 4 {
			return w
		}
	}
}

func (g *Generator) longWord() string {
	for {
		if w := g.word(); len(w) >= 6 {
			return w
		}
	}
}

// run is n consecutive source words.
func (g *Generator) run(n int) []string {
	i := g.rng.IntN(len(g.words) - n)
	out := make([]string, 0, n)
	for _, w := range g.words[i : i+n] {
		if w = cleanWord(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func cleanWord(w string) string {
	return strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

// misspell swaps two neighbouring letters in the middle of w.
func misspell(w string) string {
	r := []rune(w)
	i := len(r) / 2
	r[i-1], r[i] = r[i], r[i-1]
	return string(r)
}
