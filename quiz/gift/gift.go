package gift

import "fmt"

// Type is the kind of a question.
type Type string

// The question types. TypeMultianswer is Moodle's multichoice with
// "single" off (several answers may be ticked); it is not Moodle's Cloze
// "multianswer" type.
const (
	TypeMultichoice Type = "multichoice" // one answer may be chosen
	TypeMultianswer Type = "multianswer" // several answers may be chosen, weights add up
	TypeTrueFalse   Type = "truefalse"
	TypeShortAnswer Type = "shortanswer"
	TypeNumerical   Type = "numerical"
	TypeMatching    Type = "matching"
	TypeEssay       Type = "essay"
	TypeDescription Type = "description" // text only, not graded
)

// The text formats of GIFT's [format] markers.
const (
	FormatMoodle   = "moodle" // the default
	FormatHTML     = "html"
	FormatPlain    = "plain"
	FormatMarkdown = "markdown"
)

// Question is one GIFT question. Fields that do not apply to its Type are
// left empty.
type Question struct {
	Line     int      // 1-based line of the first non-comment line of the question
	Category string   // the $CATEGORY in force, "" before the first one
	ID       string   // from "[id:...]" in the comment lines of the question
	Tags     []string // from "[tag:...]" in the comment lines of the question
	Name     string   // the ::title::, "" when there is none
	Format   string   // format of Text and of every other text of the question
	// Text is the question text, unescaped. In the missing-word form the
	// text before and after the answer block is joined with "_____".
	Text string
	Type Type

	Answers []Answer    // multichoice, multianswer, shortanswer
	Pairs   []Pair      // matching
	Numbers []NumAnswer // numerical

	Truth bool // truefalse: the correct answer
	// TrueFeedback is shown to a taker who answers "true", FalseFeedback to
	// one who answers "false" (Moodle's feedbacktrue and feedbackfalse).
	// In GIFT the first # after T/F is the feedback for a wrong answer and
	// the second the feedback for a right one, so for {T#a#b} TrueFeedback
	// is "b" and FalseFeedback "a"; for {F#a#b} it is the other way round.
	TrueFeedback, FalseFeedback string

	GeneralFeedback string // after "####", shown whatever the answer
}

// RightFeedback returns the feedback a truefalse question shows for the
// correct answer.
func (q Question) RightFeedback() string {
	if q.Truth {
		return q.TrueFeedback
	}
	return q.FalseFeedback
}

// WrongFeedback returns the feedback a truefalse question shows for the
// wrong answer.
func (q Question) WrongFeedback() string {
	if q.Truth {
		return q.FalseFeedback
	}
	return q.TrueFeedback
}

// Answer is a choice of a multichoice or multianswer question or an
// accepted response of a shortanswer question.
type Answer struct {
	Text     string
	Weight   float64 // percent of the question's mark, -100..100
	Feedback string
}

// Pair is one line of a matching question. A pair with an empty Left is an
// extra wrong answer offered on the right.
type Pair struct {
	Left, Right string
}

// NumAnswer is one accepted answer of a numerical question. Parse fills
// Value and Tolerance for both forms ("value:tolerance" and "min..max") and
// Min and Max with the accepted interval, so grading can test
// Min <= x <= Max. Write writes Min..Max when IsRange, else
// Value:Tolerance.
type NumAnswer struct {
	Value, Tolerance float64
	Min, Max         float64
	IsRange          bool
	// Any marks Moodle's "*" answer, which matches every response. GIFT
	// writes it as "~#feedback" at the end of the block.
	Any      bool
	Weight   float64 // percent, -100..100
	Feedback string
}

// ParseError reports a malformed question, which Parse skips.
type ParseError struct {
	Line int // 1-based
	Msg  string
}

func (e ParseError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// EncodingError is returned by Parse for input that is not UTF-8.
type EncodingError struct {
	Reason string // e.g. "invalid byte 0xe9 at line 3"
	Line   int    // 1-based line of the first bad byte
	Offset int    // byte offset of the first bad byte, after any BOM
}

func (e *EncodingError) Error() string {
	return "not UTF-8: " + e.Reason + " (save the file as UTF-8)"
}
