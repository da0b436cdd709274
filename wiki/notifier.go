package wiki

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// Notifier is the goroutine that turns queued events into notifications
// and e-mails; see notify.go for why it runs after the commit.
type Notifier struct {
	store   *Store
	mail    *Mailer
	baseURL string
	log     *slog.Logger

	poke chan struct{}
	mu   sync.Mutex // serialises deliveries
	stop context.CancelFunc
	done chan struct{}
}

// NewNotifier returns a notifier for store that e-mails through mail (nil:
// no e-mail), with links starting with baseURL (for example
// https://wiki.example.com). Call Start.
func NewNotifier(store *Store, mail *Mailer, baseURL string, log *slog.Logger) *Notifier {
	n := &Notifier{store: store, mail: mail, baseURL: strings.TrimRight(baseURL, "/"), log: log,
		poke: make(chan struct{}, 1), done: make(chan struct{})}
	store.SetOnNotify(n.Poke)
	return n
}

// Poke tells the notifier there are queued events. It never blocks.
func (n *Notifier) Poke() {
	select {
	case n.poke <- struct{}{}:
	default:
	}
}

// Start runs the notifier until Close, beginning with whatever the outbox
// holds from before.
func (n *Notifier) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	n.stop = cancel
	go n.run(ctx)
}

func (n *Notifier) run(ctx context.Context) {
	defer close(n.done)
	KeepAlive(ctx, n.log, "notifier", RestartDelay, n.loop)
}

func (n *Notifier) loop(ctx context.Context) {
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	for {
		if err := n.Flush(); err != nil {
			n.log.Error("deliver notifications", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-n.poke:
		case <-tick.C:
		}
	}
}

// Flush delivers every queued event now; tests call it.
func (n *Notifier) Flush() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	for {
		made, more, err := n.store.deliverEvents()
		if err != nil {
			return err
		}
		for _, d := range made {
			n.email(d)
		}
		if !more {
			return nil
		}
	}
}

// email queues the e-mail of a new notification, when there is a mailer
// and the user has an address. A full queue is logged, not waited for.
func (n *Notifier) email(d delivered) {
	if n.mail == nil || d.Email == "" {
		return
	}
	body := d.N.Text + "\n\n" + n.baseURL + d.N.URL + "\n\n-- \nYou get this because you watch this in handover.\n" +
		"Your notifications: " + n.baseURL + "/notifications\n"
	if err := n.mail.Send(d.Email, "[handover] "+d.N.Text, body); err != nil {
		n.log.Warn("queue notification e-mail", "user", d.N.UserID, "err", err)
	}
}

// Close stops the goroutine after delivering what is queued.
func (n *Notifier) Close() error {
	if n.stop != nil {
		n.stop()
		<-n.done
	}
	return n.Flush()
}
