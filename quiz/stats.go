package quiz

import "math"

// Item analysis with Moodle's definitions (mod/quiz/report/statistics and
// question/classes/statistics/questions/calculator.php):
//
//   - facility index: the mean mark on the question divided by its maximum
//     mark, i.e. the mean credit f over the answers, shown as a percentage;
//   - discrimination index: 100 × the Pearson correlation, across
//     attempts, between the mark on the question and the mark on the rest
//     of the test (the attempt's total minus this question), i.e.
//     100·cov(x, y)/√(var(x)·var(y)), undefined when either variance is 0
//     or there are fewer than two attempts.
//
// Marks are credit × the question's weight (3 for critical questions, 1
// otherwise), the weights an attempt's score uses. Only graded answers to
// the question's current version count; essays waiting for grading are
// left out of both the item and the rest of the test.

// minStatsAttempts is the number of attempts below which the statistics
// are shown as tentative ("too few attempts").
const MinStatsAttempts = 30

// Confidence levels (Response.Confidence): 0 not asked, 1 guessing, 2
// fairly sure, 3 certain. A wrong answer at level 2 or more is a confident
// wrong answer: the taker believed something false, which the page may
// have taught.
const confidentLevel = 2

// observation is one graded answer in one attempt.
type observation struct {
	QuestionID uint64
	Weight     float64
	Credit     float64
	Confidence int
	// Counted is false for an answer to an earlier version of the
	// question: it adds to the rest of the test but not to the item.
	Counted bool
}

// ItemNumbers are the statistics of one question.
type ItemNumbers struct {
	N                 int     // attempts with a graded answer to the question
	Facility          float64 // mean credit, 0..1
	Discrimination    float64 // −100..100
	HasDiscrimination bool
	ConfidenceN       int // answers where confidence was asked
	ConfidentWrong    int // of those, wrong with confidence ≥ 2
}

// ConfidentWrongRate is the share of confident wrong answers among those
// where confidence was asked (0 when it never was).
func (n ItemNumbers) ConfidentWrongRate() float64 {
	if n.ConfidenceN == 0 {
		return 0
	}
	return float64(n.ConfidentWrong) / float64(n.ConfidenceN)
}

// analyse computes every question's statistics from attempts, each a list
// of its graded answers.
func analyse(attempts [][]observation) map[uint64]ItemNumbers {
	type pairs struct{ marks, rests, credits []float64 }
	data := map[uint64]*pairs{}
	out := map[uint64]ItemNumbers{}
	for _, obs := range attempts {
		total := 0.0
		for _, o := range obs {
			total += o.Weight * o.Credit
		}
		for _, o := range obs {
			if !o.Counted {
				continue
			}
			p := data[o.QuestionID]
			if p == nil {
				p = &pairs{}
				data[o.QuestionID] = p
			}
			mark := o.Weight * o.Credit
			p.marks, p.rests, p.credits = append(p.marks, mark), append(p.rests, total-mark), append(p.credits, o.Credit)
			n := out[o.QuestionID]
			if o.Confidence > 0 {
				n.ConfidenceN++
				if o.Credit < 1 && o.Confidence >= confidentLevel {
					n.ConfidentWrong++
				}
			}
			out[o.QuestionID] = n
		}
	}
	for id, p := range data {
		n := out[id]
		n.N, n.Facility = len(p.credits), mean(p.credits)
		n.Discrimination, n.HasDiscrimination = correlation(p.marks, p.rests)
		n.Discrimination *= 100
		out[id] = n
	}
	return out
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// correlation is Pearson's r of two samples, false when it is undefined.
func correlation(xs, ys []float64) (float64, bool) {
	if len(xs) < 2 {
		return 0, false
	}
	mx, my := mean(xs), mean(ys)
	var cov, vx, vy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		cov += dx * dy
		vx += dx * dx
		vy += dy * dy
	}
	if vx == 0 || vy == 0 {
		return 0, false
	}
	return cov / math.Sqrt(vx*vy), true
}
