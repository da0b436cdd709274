package quiz

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/handover/handover/wiki"
)

// Bucket names owned by the quiz package.
const (
	bucketQuizzes      = "quiz_quizzes"       // page ID → Quiz
	bucketQuestions    = "quiz_questions"     // question ID → Question
	bucketAttempts     = "quiz_attempts"      // attempt ID → Attempt
	bucketUserAttempts = "quiz_user_attempts" // user ID + page ID + attempt ID → ""
	bucketAnswers      = "quiz_answers"       // user ID + question ID + attempt ID → AnswerRecord
	bucketAcks         = "quiz_acks"          // user ID + page ID → Ack
	bucketHandovers    = "quiz_handovers"     // handover ID → Handover
	bucketThreads      = "quiz_threads"       // thread ID → Thread
	bucketFlags        = "quiz_flags"         // flag ID → Flag
	bucketSnapshots    = "quiz_snapshots"     // handover ID + day + user ID → Snapshot
	// question ID + version → a Question version that an edit replaced,
	// so attempts are graded and shown as they were answered
	bucketQuestionVersions = "quiz_question_versions"
)

// Buckets lists the buckets to create when the store opens.
func Buckets() []string {
	return []string{bucketQuizzes, bucketQuestions, bucketQuestionVersions, bucketAttempts,
		bucketUserAttempts, bucketAnswers, bucketAcks, bucketHandovers, bucketThreads,
		bucketFlags, bucketSnapshots, bucketRecord}
}

// Store is the quiz package's data, kept in the wiki's store.
type Store struct {
	w *wiki.Store
}

// NewStore wraps the wiki store; its buckets must have been created with
// Buckets() at open.
func NewStore(w *wiki.Store) *Store {
	w.SetAudience(wiki.WatchHandover, handoverAudience)
	w.SetSectionRenames("quiz", moveSectionPins)
	w.SetPageGuard("quiz", guardPage)
	return &Store{w: w}
}

// Wiki returns the underlying wiki store.
func (s *Store) Wiki() *wiki.Store { return s.w }

func (s *Store) Now() time.Time { return s.w.Now() }

// key joins IDs into one big-endian key.
func key(ids ...uint64) []byte {
	out := make([]byte, 0, 8*len(ids))
	for _, id := range ids {
		out = append(out, wiki.Itob(id)...)
	}
	return out
}

// getJSON loads a value or returns wiki.ErrNotFound.
func getJSON[T any](tx *wiki.Tx, bucket string, k []byte) (*T, error) {
	var v T
	if err := tx.GetJSON(bucket, k, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

func jsonDecode(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decode %T: %w", v, err)
	}
	return nil
}
