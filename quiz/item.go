package quiz

import "math/rand/v2"

// Item is one question as it appears in an attempt: the version and section
// hash it was answered against, and the order its parts were shown in.
type Item struct {
	QuestionID  uint64 `json:"question_id"`
	Version     int    `json:"version"`
	SectionHash string `json:"section_hash"`
	// Order maps display position → index into Question.Answers.
	Order []int `json:"order,omitempty"`
	// Prompts maps display position → index into Question.Pairs of a
	// matching prompt; Rights maps display position → the pair whose
	// right-hand text is offered.
	Prompts []int `json:"prompts,omitempty"`
	Rights  []int `json:"rights,omitempty"`
}

// newItem lays q out for an attempt, shuffled when shuffle is set.
func NewItem(q *Question, shuffle bool, rng *rand.Rand) Item {
	it := Item{QuestionID: q.ID, Version: q.Version, SectionHash: q.SectionHash}
	switch q.Type {
	case SingleChoice, MultipleChoice:
		it.Order = identity(len(q.Answers))
	case Matching:
		seen := map[string]bool{}
		for i, p := range q.Pairs {
			if p.Left != "" {
				it.Prompts = append(it.Prompts, i)
			}
			if !seen[p.Right] {
				seen[p.Right] = true
				it.Rights = append(it.Rights, i)
			}
		}
	}
	if shuffle {
		shuffleInts(rng, it.Order)
		shuffleInts(rng, it.Prompts)
	}
	// The offered right-hand answers are always shuffled: in the stored
	// order they would line up with their prompts.
	shuffleInts(rng, it.Rights)
	return it
}

func identity(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func shuffleInts(rng *rand.Rand, s []int) {
	rng.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
}

func (it *Item) AnswerAt(pos int) int { return at(it.Order, pos) }

func (it *Item) RightAt(pos int) int { return at(it.Rights, pos) }

func at(s []int, pos int) int {
	if pos < 0 || pos >= len(s) {
		return -1
	}
	return s[pos]
}

// promptPosition returns where pair i was shown, or -1.
func (it *Item) promptPosition(pair int) int {
	for pos, i := range it.Prompts {
		if i == pair {
			return pos
		}
	}
	return -1
}
