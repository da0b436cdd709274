package search

import "math"

// score sums, over the units the document has, the unit's weight times
// 1 plus headShare times its best headline share. A headline share is the
// field's weight, scaled from partialShare to 1 by how much of the field
// the query covers, so that a heading the query spells out ranks above a
// longer one that merely contains a query word.
//
// In any-word mode, the units that are not in the headline are looked up
// in the text only when the document could still rank among the best
// depth: otherwise the score of the headline units, a lower bound, is
// enough to rank it below them.
func (s *headSearcher) score() (float64, error) {
	var share [numFields]float64
	s.shares(&share)
	total, missing := 0.0, 0.0
	s.pending = s.pending[:0]
	for _, i := range s.order {
		terms := s.units[i]
		best, found := 0.0, len(s.text) == 0
		for _, cs := range terms {
			for f, c := range cs[:fieldText] {
				if c.on(s.cur) {
					best, found = max(best, share[f]), true
				}
			}
		}
		switch {
		case found:
			total += s.weights[i] * (1 + headShare*best)
		default:
			missing += s.weights[i]
			s.pending = append(s.pending, i)
		}
	}
	for _, i := range s.pending { // the rarest first: the bound falls fastest
		if s.best.beats(total + missing) {
			return total, nil
		}
		found, err := s.inText(s.units[i])
		if err != nil {
			return 0, err
		}
		if found {
			total += s.weights[i]
		}
		missing -= s.weights[i]
	}
	s.best.add(total)
	return total, nil
}

// inText reports whether the text of s.cur has one of a unit's terms.
func (s *headSearcher) inText(terms [][numFields]*cursor) (bool, error) {
	for _, cs := range terms {
		c := cs[fieldText]
		if err := c.advance(s.cur); err != nil {
			return false, err
		}
		if c.on(s.cur) {
			return true, nil
		}
	}
	return false, nil
}

// shares sets the headline share of each headline field on s.cur.
func (s *headSearcher) shares(share *[numFields]float64) {
	var cover, length [numFields]float64
	for _, cs := range [][]*cursor{s.lead, s.follow} {
		for _, c := range cs {
			if c.on(s.cur) {
				cover[c.field] += float64(c.at.Freq)
				if c.at.Norm > 0 {
					length[c.field] = math.Round(1 / (c.at.Norm * c.at.Norm))
				}
			}
		}
	}
	for f := range share {
		if length[f] > 0 {
			full := min(cover[f]/length[f], 1)
			share[f] = scoreFields[f].weight * (partialShare + (1-partialShare)*full)
		}
	}
}

// topScores keeps the n best scores seen, in a min-heap; n is 0 when
// nothing is kept.
type topScores struct {
	n      int
	scores []float64
}

// beats reports whether n scores are kept and the least of them is at
// least score: a document with score cannot rank among them (equal scores
// keep index order).
func (t *topScores) beats(score float64) bool {
	return t.n > 0 && len(t.scores) == t.n && t.scores[0] >= score
}

func (t *topScores) add(score float64) {
	switch {
	case t.n == 0:
	case len(t.scores) < t.n:
		t.scores = append(t.scores, score)
		for i := len(t.scores) - 1; i > 0 && t.scores[(i-1)/2] > t.scores[i]; i = (i - 1) / 2 {
			t.scores[i], t.scores[(i-1)/2] = t.scores[(i-1)/2], t.scores[i]
		}
	case score > t.scores[0]:
		t.scores[0] = score
		for i := 0; ; {
			least := i
			for _, c := range []int{2*i + 1, 2*i + 2} {
				if c < len(t.scores) && t.scores[c] < t.scores[least] {
					least = c
				}
			}
			if least == i {
				return
			}
			t.scores[i], t.scores[least] = t.scores[least], t.scores[i]
			i = least
		}
	}
}
