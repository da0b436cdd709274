package wiki

import (
	"io"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"
)

func TestMailerSends(t *testing.T) {
	srv := startFakeSMTP(t, nil)
	m, err := NewMailer(MailConfig{Addr: srv.ln.Addr().String(), From: "handover <wiki@example.com>"},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close(time.Second)
	if err := m.Send("ana@example.com", "Über “DB”\r\nBcc: evil@example.com", "Line one\nLine two"); err != nil {
		t.Fatal(err)
	}
	got := srv.next(t)
	if got.from != "<wiki@example.com>" || got.to != "<ana@example.com>" {
		t.Errorf("envelope = %s → %s, want <wiki@example.com> → <ana@example.com>", got.from, got.to)
	}
	h, body := parseMail(t, got.data)
	subject, _ := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if subject != "Über “DB” Bcc: evil@example.com" || h.Get("Bcc") != "" {
		t.Errorf("Subject = %q, Bcc = %q: a header was injected", subject, h.Get("Bcc"))
	}
	if !strings.Contains(body, "Line one\r\nLine two") {
		t.Errorf("body = %q, want the two lines", body)
	}
}

// parseMail reads a message's header and decoded body.
func parseMail(t *testing.T, data string) (mail.Header, string) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatalf("parse message: %v\n%s", err, data)
	}
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatalf("decode body: %v", err)
	}
	return msg.Header, string(body)
}

func TestMailerRefuses(t *testing.T) {
	var off *Mailer
	if err := off.Send("ana@example.com", "s", "b"); err != ErrMailOff {
		t.Errorf("nil Mailer: Send = %v, want ErrMailOff", err)
	}
	if m, err := NewMailer(MailConfig{}, nil); m != nil || err != nil {
		t.Errorf("NewMailer without an address = %v, %v, want nil, nil", m, err)
	}
	m, err := NewMailer(MailConfig{Addr: "127.0.0.1:1", From: "wiki@example.com", QueueSize: 1},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close(time.Second)
	for _, to := range []string{"not an address", "a@b.c\r\nRCPT TO:<x@y.z>", "Ana <ana@example.com>"} {
		if err := m.Send(to, "s", "b"); ErrorKind(err) != Invalid {
			t.Errorf("Send(%q) = %v, want Invalid", to, err)
		}
	}
}

func TestNotifierEmailsWatchers(t *testing.T) {
	srv := startFakeSMTP(t, nil)
	s := mustOpenStore(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m, err := NewMailer(MailConfig{Addr: srv.ln.Addr().String(), From: "wiki@example.com"}, log)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close(time.Second)
	sam := mustUser(t, s, "sam")
	if _, err := s.UpdateUser(sam.ID, func(u *User) error { u.Email = "sam@example.com"; return nil }); err != nil {
		t.Fatal(err)
	}
	p := mustSave(t, s, SaveRequest{Path: "ops/db", Markdown: "# DB"})
	if err := s.Watch(sam.ID, WatchPage, p.ID); err != nil {
		t.Fatal(err)
	}
	mustSave(t, s, SaveRequest{Path: "ops/db", Markdown: "# DB\n\nmore", BaseRevision: 1, Comment: "more"})
	if err := NewNotifier(s, m, "https://wiki.example.com/", log).Flush(); err != nil {
		t.Fatal(err)
	}
	got := srv.next(t)
	_, body := parseMail(t, got.data)
	if got.to != "<sam@example.com>" || !strings.Contains(body, "https://wiki.example.com/diff/ops/db?from=1&to=2") {
		t.Errorf("e-mail to %s:\n%s\nwant one to sam linking the diff", got.to, body)
	}
}

// TestMailerStartTLS: offered STARTTLS is used, and the password goes only
// over the encrypted connection.
func TestMailerStartTLS(t *testing.T) {
	serverTLS, clientTLS := selfSigned(t)
	srv := startFakeSMTP(t, serverTLS)
	m, err := NewMailer(MailConfig{Addr: srv.ln.Addr().String(), From: "wiki@example.com",
		User: "wiki", Password: "s3cret", TLS: clientTLS}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close(time.Second)
	if err := m.Send("ana@example.com", "hello", "body"); err != nil {
		t.Fatal(err)
	}
	got := srv.next(t)
	if !got.tls || !got.authOverTLS || got.auth != "\x00wiki\x00s3cret" {
		t.Errorf("delivery: TLS %v, auth %q over TLS %v; want STARTTLS, then AUTH PLAIN wiki/s3cret", got.tls, got.auth, got.authOverTLS)
	}
}
