package wiki

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanFileName(t *testing.T) {
	long := strings.Repeat("é", 150) + ".png"
	tests := []struct {
		name, in, want string
		bad            bool
	}{
		{"plain", "diagram.png", "diagram.png", false},
		{"unicode kept", "Übergabe – Köln.pdf", "Übergabe – Köln.pdf", false},
		{"parent path", "../../etc/passwd", "passwd", false},
		{"absolute path", "/etc/shadow", "shadow", false},
		{"windows path", `C:\Users\ana\report.docx`, "report.docx", false},
		{"only dots", "..", "", true},
		{"trailing slash", "ops/", "", true},
		{"NUL", "a\x00b.png", "ab.png", false},
		{"control chars", "x\r\ny\t.txt", "xy.txt", false},
		{"leading dots", ".htaccess", "htaccess", false},
		{"hidden dotdot", "...secret", "secret", false},
		{"markdown and url specials", "a](b)#c%d?.png", "a__b__c_d_.png", false},
		{"spaces only", "   ", "", true},
		{"empty", "", "", true},
		{"invalid utf8", "bad\xff.txt", "bad.txt", false},
		{"too long keeps extension", long, strings.Repeat("é", MaxFileNameLen-4) + ".png", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CleanFileName(tc.in)
			if tc.bad {
				if ErrorKind(err) != Invalid {
					t.Errorf("CleanFileName(%q) = %q, %v, want an Invalid error", tc.in, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("CleanFileName(%q) = %q, %v, want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestAttachmentsStore(t *testing.T) {
	s := mustOpenStore(t)
	p := mustSave(t, s, SaveRequest{Path: "ops/db", Markdown: "# DB"})
	png := []byte("\x89PNG\r\n\x1a\n" + strings.Repeat("x", 100))
	a, err := s.AddAttachment("ops/db", "shot.png", "alex", png)
	if err != nil {
		t.Fatal(err)
	}
	if a.Type != "image/png" || !a.IsImage() || a.Size != int64(len(png)) || a.PageID != p.ID {
		t.Errorf("AddAttachment = %+v, want a PNG image of %d bytes on page %d", a, len(png), p.ID)
	}
	again, err := s.AddAttachment("ops/db", "shot.png", "sam", png)
	if err != nil || again.Name != "shot-2.png" {
		t.Errorf("second shot.png = %v, %v, want the name shot-2.png", again, err)
	}
	if _, err := s.AddAttachment("ops/db", "empty.txt", "alex", nil); ErrorKind(err) != Invalid {
		t.Errorf("empty file: err = %v, want Invalid", err)
	}
	if _, err := s.AddAttachment("ops/missing", "a.txt", "alex", []byte("a")); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing page: err = %v, want ErrNotFound", err)
	}
	if _, err := s.RenamePage("ops/db", "ops/database", "alex", 0); err != nil {
		t.Fatal(err)
	}
	files, err := s.Attachments(p.ID)
	if err != nil || len(files) != 2 {
		t.Fatalf("after rename: %d files, %v; want 2", len(files), err)
	}
	if err := s.DeleteAttachment(p.ID, "shot.png", &User{Name: "sam", Role: RoleMember}); ErrorKind(err) != Forbidden {
		t.Errorf("delete by someone else: err = %v, want Forbidden", err)
	}
	if err := s.DeleteAttachment(p.ID, "shot.png", &User{Name: "alex", Role: RoleMember}); err != nil {
		t.Errorf("delete by the uploader: %v", err)
	}
	if _, _, err := s.Attachment(p.ID, "shot.png"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted file still there: err = %v", err)
	}
}

func TestAttachmentMarkdown(t *testing.T) {
	img := &Attachment{Name: "net map (v2).png", Type: "image/png"}
	if got, want := img.Markdown("ops/net"), "![net map (v2).png](/files/ops/net/net%20map%20%28v2%29.png)"; got != want {
		t.Errorf("Markdown = %q, want %q", got, want)
	}
	doc := &Attachment{Name: "a.pdf", Type: "application/pdf"}
	if got, want := doc.Markdown("ops/net"), "[a.pdf](/files/ops/net/a.pdf)"; got != want {
		t.Errorf("Markdown = %q, want %q", got, want)
	}
}
