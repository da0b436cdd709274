package main

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/handover/handover/wiki"
)

// openFollow starts e-mail (when --smtp-addr is set) and the notifier that
// turns page events into notifications and e-mails.
func (m *Main) openFollow() error {
	mailer, err := wiki.NewMailer(wiki.MailConfig{Addr: m.Config.SMTPAddr, From: m.Config.SMTPFrom,
		User: m.Config.SMTPUser, Password: m.Config.SMTPPassword}, m.Log)
	if err != nil {
		return usagef("%v", err)
	}
	m.Mailer = mailer
	m.Notifier = wiki.NewNotifier(m.Store, mailer, m.BaseURL(), m.Log)
	m.Notifier.Start()
	return nil
}

// closeFollow delivers queued notifications, then gives queued e-mails a
// few seconds to go out.
func (m *Main) closeFollow() error {
	var err error
	if m.Notifier != nil {
		err = m.Notifier.Close()
	}
	m.Mailer.Close(10 * time.Second)
	return err
}

// byteSize is a flag value for sizes: "10485760", "512KiB", "10MiB", "1GiB"
// (also KB/MB/GB, read as the binary units).
type byteSize int64

func (b *byteSize) String() string {
	switch n := int64(*b); {
	case n != 0 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "MiB"
	case n != 0 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + "KiB"
	default:
		return strconv.FormatInt(n, 10)
	}
}

func (b *byteSize) Set(s string) error {
	s = strings.TrimSpace(s)
	num := strings.TrimRight(s, "KMGiBkmgb")
	mult := map[string]int64{"": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "KIB": 1 << 10,
		"M": 1 << 20, "MB": 1 << 20, "MIB": 1 << 20, "G": 1 << 30, "GB": 1 << 30, "GIB": 1 << 30}[strings.ToUpper(s[len(num):])]
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || mult == 0 || n <= 0 || n > (1<<40)/mult {
		return errors.New("want a size such as 10MiB, 512KiB or a number of bytes")
	}
	*b = byteSize(n * mult)
	return nil
}
