package wiki

import (
	"bufio"
	"io"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"testing"
	"time"
)

// fakeSMTP is a minimal SMTP server on loopback that records each message
// (envelope and data) it accepts.
type fakeSMTP struct {
	ln   net.Listener
	msgs chan smtpMsg
}

type smtpMsg struct {
	from, to, data string
}

func startFakeSMTP(t *testing.T) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{ln: ln, msgs: make(chan smtpMsg, 10)}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go f.session(c)
		}
	}()
	return f
}

func (f *fakeSMTP) session(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(c)
	say := func(s string) { _, _ = io.WriteString(c, s+"\r\n") }
	say("220 fake ESMTP")
	var m smtpMsg
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-fake\r\n250 HELP")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			m.from = strings.TrimSpace(line[len("MAIL FROM:"):])
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			m.to = strings.TrimSpace(line[len("RCPT TO:"):])
			say("250 ok")
		case cmd == "DATA":
			say("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil || l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			m.data = b.String()
			f.msgs <- m
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func (f *fakeSMTP) next(t *testing.T) smtpMsg {
	t.Helper()
	select {
	case m := <-f.msgs:
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("no e-mail arrived at the fake SMTP server")
		return smtpMsg{}
	}
}

func TestMailerSends(t *testing.T) {
	srv := startFakeSMTP(t)
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
	srv := startFakeSMTP(t)
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
