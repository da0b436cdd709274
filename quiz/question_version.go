package quiz

import (
	"errors"

	"github.com/handover/handover/wiki"
)

// questionAt returns question id as it was at version: the current one, or
// the earlier one kept when an edit replaced it, so an attempt is graded
// and shown with the text, choices and key its taker saw. A version
// replaced before versions were kept gives the current one. A deleted
// question is ErrNotFound, whatever the version.
func questionAt(tx *wiki.Tx, id uint64, version int) (*Question, error) {
	q, err := getJSON[Question](tx, bucketQuestions, key(id))
	if err != nil || q.Version == version {
		return q, err
	}
	old, err := getJSON[Question](tx, bucketQuestionVersions, key(id, uint64(version)))
	if errors.Is(err, wiki.ErrNotFound) {
		return q, nil
	}
	return old, err
}

// QuestionAt is questionAt in a read transaction of its own.
func (s *Store) QuestionAt(id uint64, version int) (*Question, error) {
	return wiki.Read(s.w, func(tx *wiki.Tx) (*Question, error) { return questionAt(tx, id, version) })
}

// deleteVersions removes the kept versions of a deleted question.
func deleteVersions(tx *wiki.Tx, id uint64) error {
	var keys [][]byte
	if err := tx.ForEach(bucketQuestionVersions, key(id), func(k, _ []byte) error {
		keys = append(keys, append([]byte(nil), k...))
		return nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		if err := tx.Delete(bucketQuestionVersions, k); err != nil {
			return err
		}
	}
	return nil
}
