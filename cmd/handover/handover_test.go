package main

import (
	"testing"
)

// newHandoverApp is a test app with the handover people (quiztest's
// AddPeople).
func newHandoverApp(t *testing.T) *testApp {
	t.Helper()
	app := newTestApp(t)
	app.AddPeople()
	return app
}
