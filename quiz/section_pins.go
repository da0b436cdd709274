package quiz

import (
	"errors"

	"github.com/handover/handover/wiki"
)

// moveSectionPins keeps the questions and threads pinned to a section on
// it when an edit renames its heading (a wiki.SectionRenames). The
// section's text changed with its heading, so its questions still ask
// their author for review, but they can be confirmed instead of re-pinned
// one by one, and the threads keep pointing at the right place.
func moveSectionPins(tx *wiki.Tx, pageID uint64, renames map[string]string) error {
	qz, err := getJSON[Quiz](tx, bucketQuizzes, key(pageID))
	if err != nil && !errors.Is(err, wiki.ErrNotFound) {
		return err
	}
	if qz != nil {
		for _, id := range qz.Order {
			q, err := getJSON[Question](tx, bucketQuestions, key(id))
			if errors.Is(err, wiki.ErrNotFound) {
				continue
			} else if err != nil {
				return err
			}
			if to, ok := renames[q.Section]; ok {
				q.Section = to
				if err := tx.PutJSON(bucketQuestions, key(id), q); err != nil {
					return err
				}
			}
		}
	}
	return tx.ForEach(bucketThreads, nil, func(k, v []byte) error {
		var th Thread
		if err := jsonDecode(v, &th); err != nil {
			return err
		}
		to, ok := renames[th.Section]
		if th.PageID != pageID || !ok {
			return nil
		}
		th.Section = to
		return tx.PutJSON(bucketThreads, k, &th)
	})
}
