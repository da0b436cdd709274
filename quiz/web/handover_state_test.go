package web_test

import (
	"strings"
	"testing"

	"github.com/handover/handover/quiz"
	"github.com/handover/handover/quiz/web/quiztest"
	"github.com/handover/handover/wiki/web/webtest"
	"golang.org/x/net/html"
)

// TestHandoverStateShowsOnlyVisibleReadiness: after the due date, the
// handover's badge on the list and on its page comes only from the
// readiness the viewer may see. sam (not ready) and priya (ready) take
// over from alex; the outgoing owner learns nothing of either, priya
// nothing of sam.
func TestHandoverStateShowsOnlyVisibleReadiness(t *testing.T) {
	app := quiztest.NewHandover(t)
	app.SavePage("it-ops/failover", quiztest.FailoverMD)
	qs := app.Quiz
	morgan, priya := app.User("morgan"), app.User("priya")
	now := app.Store.Now()
	h := &quiz.Handover{Title: "IT operations", Outgoing: []string{"alex"}, Incoming: []string{"sam", "priya"}, Manager: "morgan",
		Start: now.AddDate(0, 0, -30), Due: now.AddDate(0, 0, -3), Scope: []string{"it-ops/"}}
	if err := qs.CreateHandover(h, morgan); err != nil {
		t.Fatal(err)
	}
	if _, err := qs.Acknowledge(app.Page("it-ops/failover"), priya); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ viewer, want string }{
		{"morgan", "Overdue"},
		{"admin", "Overdue"},
		{"sam", "Overdue"},
		{"priya", "Follow-up"},
		{"alex", "Past due"},
	} {
		c := app.Login(tc.viewer)
		for _, path := range []string{"/handovers", "/handovers/1"} {
			body := c.Get(path).Body
			if got := firstBadge(t, body); got != tc.want {
				t.Errorf("%s as %s: state %q, want %q", path, tc.viewer, got, tc.want)
			}
			if tc.viewer == "alex" && strings.Contains(strings.ToLower(body), "not ready") {
				t.Errorf("%s as alex says someone is not ready", path)
			}
		}
	}
}

// firstBadge returns the text of the page's first element of class badge.
func firstBadge(t *testing.T, body string) string {
	t.Helper()
	var find func(*html.Node) *html.Node
	find = func(n *html.Node) *html.Node {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "class" && strings.HasPrefix(a.Val, "badge") {
					return n
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if found := find(c); found != nil {
				return found
			}
		}
		return nil
	}
	return webtest.TextOf(find(webtest.ParseHTML(t, body)))
}
