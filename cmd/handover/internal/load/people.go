package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/handover/handover/cmd/handover/internal/tty"
	"github.com/handover/handover/wiki"
)

// person is one simulated person: a browser-like client with its own
// session cookie, its own random choices and its own tallies.
type person struct {
	name    string
	manager bool
	base    string
	set     *loadSet
	client  *http.Client
	rng     *rand.Rand
	think   time.Duration
	tally   *tally
	failure func(format string, args ...any)
	// completed counts the requests all people finished, for the
	// timeline; nil before the run.
	completed *atomic.Int64
}

// tally is what one person saw; runPeople adds them up at the end, so
// people never wait on each other's bookkeeping.
type tally struct {
	lat                           map[string][]time.Duration
	status5xx, unexpected, broken int
	saves, conflicts, retries     int
	gaveUp, attempts, acks        int
}

func (t *tally) add(o *tally) {
	for k, v := range o.lat {
		t.lat[k] = append(t.lat[k], v...)
	}
	t.status5xx += o.status5xx
	t.unexpected += o.unexpected
	t.broken += o.broken
	t.saves += o.saves
	t.conflicts += o.conflicts
	t.retries += o.retries
	t.gaveUp += o.gaveUp
	t.attempts += o.attempts
	t.acks += o.acks
}

// runPeople signs every person in, lets them act until the duration is up,
// and reports what they saw, with memory samples taken meanwhile.
func runPeople(ctx context.Context, cfg Config, set *loadSet, base string, progress io.Writer) *Report {
	rep := &Report{Users: cfg.Users, ThinkMS: float64(cfg.Think.Milliseconds()), Actions: map[string]ActionStats{}}
	people := newPeople(cfg, set, base, rep.failure)
	if err := signInAll(people); err != nil {
		rep.fail("sign in: %v", err)
		return rep
	}
	if err := warmUp(ctx, people, set.pages, progress); err != nil {
		rep.fail("warm-up: %v", err)
		return rep
	}
	bar := tty.NewBar(progress, "load")
	var completed atomic.Int64
	for _, p := range people {
		p.completed = &completed
	}
	stopSampling := sampleMemory(cfg.Sample, &rep.Memory, completed.Load)
	start := time.Now()
	deadline := start.Add(cfg.Duration)
	var actions atomic.Int64
	var wg sync.WaitGroup
	for i, p := range people {
		wg.Go(func() {
			for ctx.Err() == nil && time.Now().Before(deadline) && actions.Add(1) <= maxLoadActions {
				p.act()
				if i == 0 {
					bar.Update(int(time.Since(start)/time.Millisecond), int(cfg.Duration/time.Millisecond))
				}
				p.pause(ctx, deadline)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	stopSampling()
	rep.summarise(people, elapsed, cfg.Duration)
	bar.Done(fmt.Sprintf("%d requests from %d people, %d errors", rep.Requests, cfg.Users, rep.Status5xx+rep.Unexpected+rep.TransportErrors))
	return rep
}

func newPeople(cfg Config, set *loadSet, base string, failure func(string, ...any)) []*person {
	tr := &http.Transport{MaxIdleConns: 2 * cfg.Users, MaxIdleConnsPerHost: 2 * cfg.Users, IdleConnTimeout: time.Minute}
	people := make([]*person, cfg.Users)
	for i := range people {
		jar, _ := cookiejar.New(nil)
		people[i] = &person{name: set.users[i], manager: i == 0, base: base, set: set, think: cfg.Think,
			rng:     rand.New(rand.NewPCG(cfg.Seed, uint64(i))),
			tally:   &tally{lat: map[string][]time.Duration{}},
			client:  &http.Client{Jar: jar, Transport: tr, Timeout: 30 * time.Second, CheckRedirect: noRedirect},
			failure: failure}
	}
	return people
}

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// signInAll signs the people in two at a time: a login is an argon2 hash
// (19 MiB and tens of milliseconds), and a crowd logging in at the same
// instant is not what the load is about.
func signInAll(people []*person) error {
	sem := make(chan struct{}, 2)
	errs := make([]error, len(people))
	var wg sync.WaitGroup
	for i, p := range people {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = p.signIn()
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (p *person) signIn() error {
	form := url.Values{"name": {p.name}, "password": {loadPassword}, "next": {"/"}}
	r, ok := p.send("login", http.MethodPost, "/login", form, http.StatusSeeOther)
	if !ok {
		return fmt.Errorf("%s: status %d", p.name, r.status)
	}
	return nil
}

// warmUp views every page once before the clock starts, four people at a
// time, as the pages of a wiki that has been running a while have been:
// the render cache then starts full, and memory growth during the run is
// not the cache filling. It stops at the first failure or after a minute.
func warmUp(ctx context.Context, people []*person, pages []string, progress io.Writer) error {
	bar := tty.NewBar(progress, "warm-up")
	deadline := time.Now().Add(time.Minute)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for _, p := range people[:min(4, len(people))] {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(pages) || failed.Load() || ctx.Err() != nil || time.Now().After(deadline) {
					return
				}
				if _, ok := p.send("warmup", http.MethodGet, wiki.PageURL(pages[i]), nil, http.StatusOK); !ok {
					failed.Store(true)
				}
				bar.Update(i+1, len(pages))
			}
		})
	}
	wg.Wait()
	if failed.Load() {
		return errors.New("a page view failed")
	}
	bar.Done(fmt.Sprintf("viewed %d pages", min(next.Load(), int64(len(pages)))))
	return nil
}

// pause waits a random time around the think time, as a person reads
// before the next click; it returns early at the deadline.
func (p *person) pause(ctx context.Context, deadline time.Time) {
	if p.think <= 0 {
		return
	}
	d := min(time.Duration(p.rng.Int64N(int64(2*p.think))), time.Until(deadline))
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// loadResp is a finished response.
type loadResp struct {
	status   int
	body     string
	location string
}

// send makes one request as the person (a form for POST, nothing for GET)
// timed under action, and checks that the status is one of want. Any
// other status is tallied (5xx apart) and reported once.
func (p *person) send(action, method, path string, form url.Values, want ...int) (*loadResp, bool) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, p.base+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return p.do(action, req, want...)
}

func (p *person) do(action string, req *http.Request, want ...int) (*loadResp, bool) {
	req.Header.Set("Sec-Fetch-Site", "same-origin") // as a browser sends it
	start := time.Now()
	resp, err := p.client.Do(req)
	if err != nil {
		p.tally.broken++
		p.failure("%s %s as %s: %v", req.Method, req.URL.Path, p.name, err)
		return &loadResp{}, false
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	p.tally.lat[action] = append(p.tally.lat[action], time.Since(start))
	if p.completed != nil {
		p.completed.Add(1)
	}
	r := &loadResp{status: resp.StatusCode, body: string(data), location: resp.Header.Get("Location")}
	if err == nil && slices.Contains(want, r.status) {
		return r, true
	}
	if r.status >= 500 {
		p.tally.status5xx++
	} else {
		p.tally.unexpected++
	}
	p.failure("%s %s as %s: status %d, want %v: %.200s", req.Method, req.URL.Path, p.name, r.status, want, r.body)
	return r, false
}
