package wiki

import (
	"bytes"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"strings"
	"time"
)

// deliver sends one message in its own SMTP session: STARTTLS when the
// server offers it, then PLAIN authentication when a user is configured
// (net/smtp refuses to send the password over a plain connection to anything
// but a loopback address).
func (m *Mailer) deliver(msg mailMessage) error {
	host, _, err := net.SplitHostPort(m.cfg.Addr)
	if err != nil {
		return err
	}
	conn, err := net.DialTimeout("tcp", m.cfg.Addr, m.cfg.Timeout)
	if err != nil {
		return err
	}
	_ = conn.SetDeadline(time.Now().Add(m.cfg.Timeout))
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if err := m.secure(c, host); err != nil {
		return err
	}
	if err := c.Mail(m.from.Address); err != nil {
		return fmt.Errorf("MAIL FROM: %w", err)
	}
	if err := c.Rcpt(msg.to); err != nil {
		return fmt.Errorf("RCPT TO: %w", err)
	}
	if err := m.writeData(c, msg); err != nil {
		return err
	}
	return c.Quit()
}

func (m *Mailer) secure(c *smtp.Client, host string) error {
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := &tls.Config{}
		if m.cfg.TLS != nil {
			cfg = m.cfg.TLS.Clone()
		}
		if cfg.ServerName == "" {
			cfg.ServerName = host
		}
		cfg.MinVersion = max(cfg.MinVersion, tls.VersionTLS12)
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("STARTTLS: %w", err)
		}
	}
	if m.cfg.User == "" {
		return nil
	}
	if err := c.Auth(smtp.PlainAuth("", m.cfg.User, m.cfg.Password, host)); err != nil {
		return fmt.Errorf("authenticate as %s: %w", m.cfg.User, err)
	}
	return nil
}

func (m *Mailer) writeData(c *smtp.Client, msg mailMessage) error {
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if _, err := w.Write(m.format(msg)); err != nil {
		return err
	}
	return w.Close()
}

// format builds the message: UTF-8 plain text, quoted-printable, with the
// subject encoded for non-ASCII and marked as automatic.
func (m *Mailer) format(msg mailMessage) []byte {
	var b bytes.Buffer
	id := make([]byte, 12)
	_, _ = rand.Read(id)
	domain := m.from.Address[strings.LastIndex(m.from.Address, "@")+1:]
	fmt.Fprintf(&b, "From: %s\r\n", m.from.String())
	fmt.Fprintf(&b, "To: %s\r\n", msg.to)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", msg.subject))
	fmt.Fprintf(&b, "Date: %s\r\n", time.Now().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <%s@%s>\r\n", hex.EncodeToString(id), domain)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\nAuto-Submitted: auto-generated\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write([]byte(msg.body)) // text mode: line ends become CRLF
	_ = qp.Close()
	return b.Bytes()
}
