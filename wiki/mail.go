package wiki

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"sync"
	"time"
)

// MailConfig configures outgoing e-mail over SMTP. An empty Addr turns
// e-mail off.
type MailConfig struct {
	// Addr is the SMTP server as host:port (587 for submission with
	// STARTTLS, 25 for a local relay).
	Addr string
	// From is the sender address, e.g. "handover <wiki@example.com>".
	From string
	// User and Password authenticate (PLAIN) when User is set; the password
	// is only ever sent over TLS or to a loopback server.
	User, Password string
	// Timeout bounds one delivery, from dialling to QUIT (default 30 s).
	Timeout time.Duration
	// TLS, when set, configures STARTTLS (a private CA's roots, tests);
	// by default the system's roots verify the server's host name.
	TLS *tls.Config
	// QueueSize bounds the messages waiting to be sent (default 100); when
	// it is full, Send drops the message and says so.
	QueueSize int
}

// Errors from Send.
var (
	ErrMailOff       = errors.New("e-mail is not configured")
	ErrMailQueueFull = errors.New("the e-mail queue is full")
)

// Mailer sends e-mail from one background goroutine, so that no request
// ever waits for an SMTP server. STARTTLS is used whenever the server offers
// it. Failures are logged, not retried. A nil *Mailer is valid: Send reports
// ErrMailOff. Other packages (quiz reminders) send through the same Mailer.
type Mailer struct {
	cfg   MailConfig
	from  *mail.Address
	log   *slog.Logger
	queue chan mailMessage
	done  chan struct{}

	mu     sync.Mutex
	closed bool
}

type mailMessage struct {
	to, subject, body string
}

// NewMailer validates cfg and starts the sending goroutine. It returns nil
// (e-mail off) when cfg.Addr is empty.
func NewMailer(cfg MailConfig, log *slog.Logger) (*Mailer, error) {
	if cfg.Addr == "" {
		return nil, nil
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("SMTP sender address %q: %w", cfg.From, err)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = 100
	}
	m := &Mailer{cfg: cfg, from: from, log: log, queue: make(chan mailMessage, cfg.QueueSize), done: make(chan struct{})}
	go m.run()
	return m, nil
}

// Send queues a plain-text message to one address and returns at once.
// It fails with ErrMailOff without a mailer, ErrMailQueueFull when too many
// messages wait, or an *Error for a bad address; delivery errors are only
// logged.
func (m *Mailer) Send(to, subject, body string) error {
	if m == nil {
		return ErrMailOff
	}
	addr, err := ParseEmail(to)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrMailOff
	}
	select {
	case m.queue <- mailMessage{to: addr, subject: oneLine(subject), body: body}:
		return nil
	default:
		return ErrMailQueueFull
	}
}

func (m *Mailer) run() {
	defer close(m.done)
	KeepAlive(context.Background(), m.log, "mailer", RestartDelay, m.sendQueued)
}

// sendQueued sends the queued messages until Close.
func (m *Mailer) sendQueued(context.Context) {
	for msg := range m.queue {
		start := time.Now()
		if err := m.deliver(msg); err != nil {
			m.log.Error("send e-mail", "to", msg.to, "smtp", m.cfg.Addr, "err", err)
			continue
		}
		m.log.Info("sent e-mail", "to", msg.to, "ms", time.Since(start).Milliseconds())
	}
}

// Close stops accepting messages and waits, at most timeout, for the queued
// ones to be sent.
func (m *Mailer) Close(timeout time.Duration) {
	if m == nil {
		return
	}
	m.mu.Lock()
	if !m.closed {
		m.closed = true
		close(m.queue)
	}
	m.mu.Unlock()
	select {
	case <-m.done:
	case <-time.After(timeout):
		m.log.Warn("e-mails still queued at shutdown were not sent", "left", len(m.queue))
	}
}

// ParseEmail validates a single bare e-mail address ("ana@example.com") and
// returns it; anything else is Invalid.
func ParseEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 {
		return "", Errorf(Invalid, "%q is not an e-mail address like name@example.com", s)
	}
	return s, nil
}

// oneLine keeps a header value on one line, so it cannot add headers.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
