package main

import "github.com/handover/handover/quiz"

// seedDemoHandover creates the demo handover from alex to sam, managed by
// morgan, with sam part-way through.
func seedDemoHandover(qs *quiz.Store) error {
	return nil
}
