package gift

import (
	"fmt"
	"os"
	"testing"
)

// moodleExamples is what each question of testdata/moodle_examples.gift
// must parse to, in file order. The types, answers and weights are those
// the Moodle documentation gives for them.
var moodleExamples = []Question{
	{Name: "Q1", Text: "1+1=2", Type: TypeTrueFalse, Truth: true},
	{Name: "Q2", Text: "What's between orange and green in the spectrum?", Type: TypeMultichoice, Answers: []Answer{
		ans("yellow", 100, "right; good!"), ans("red", 0, "wrong, it's yellow"), ans("blue", 0, "wrong, it's yellow")}},
	{Name: "Q3", Text: "Two plus _____ equals four.", Type: TypeShortAnswer, Answers: []Answer{ans("two", 100), ans("2", 100)}},
	{Name: "Q4", Text: "Which animal eats which food?", Type: TypeMatching, Pairs: []Pair{{"cat", "cat food"}, {"dog", "dog food"}}},
	{Name: "Q5", Text: "What is a number from 1 to 5?", Type: TypeNumerical, Numbers: []NumAnswer{numTol(3, 2, 100, "")}},
	{Name: "Q6", Text: "What is a number from 1 to 5?", Type: TypeNumerical, Numbers: []NumAnswer{numRng(1, 5, 100)}},
	{Name: "Q7", Text: "When was Ulysses S. Grant born?", Type: TypeNumerical, Numbers: []NumAnswer{
		numTol(1822, 0, 100, "Correct! Full credit."),
		numTol(1822, 2, 50, "He was born in 1822. Half credit for being close.")}},
	{Name: "Q8", Text: "How are you?", Type: TypeEssay},

	{Text: "Who's buried in Grant's tomb?", Type: TypeMultichoice, Answers: []Answer{
		ans("Grant", 100), ans("no one", 0), ans("Napoleon", 0), ans("Churchill", 0), ans("Mother Teresa", 0)}},
	{Name: "Grants tomb", Text: "Who is buried in Grant's tomb in New York City?", Type: TypeMultichoice, Answers: []Answer{
		ans("Grant", 100),
		ans("No one", 0, "Was true for 12 years, but Grant's remains were buried in the tomb in 1897"),
		ans("Napoleon", 0, "He was buried in France"),
		ans("Churchill", 0, "He was buried in England"),
		ans("Mother Teresa", 0, "She was buried in India")}},
	{Text: "Who's buried in Grant's tomb?", Type: TypeMultichoice, Answers: []Answer{ans("Grant", 0), ans("Jefferson", 0), ans("no one", 100)}},
	{Text: "Grant is _____ in Grant's tomb.", Type: TypeMultichoice, Answers: []Answer{ans("buried", 0), ans("entombed", 100), ans("living", 0)}},
	{Text: "The American holiday of Thanksgiving is celebrated on the _____ Thursday of November.", Type: TypeMultichoice,
		Answers: []Answer{ans("second", 0), ans("third", 0), ans("fourth", 100)}},
	{Text: "Japanese characters originally came from what country?", Type: TypeMultichoice,
		Answers: []Answer{ans("India", 0), ans("China", 100), ans("Korea", 0), ans("Egypt", 0)}},

	{Text: "Who's buried in Grant's tomb?", Type: TypeShortAnswer, Answers: []Answer{ans("no one", 100), ans("nobody", 100)}},
	{Text: "Two plus two equals _____.", Type: TypeShortAnswer, Answers: []Answer{ans("four", 100), ans("4", 100)}},

	{Text: "Grant is buried in Grant's tomb.", Type: TypeTrueFalse, Truth: false},
	{Text: "The sun rises in the east.", Type: TypeTrueFalse, Truth: true},
	{Text: "Grant is buried in Grant's tomb.", Type: TypeTrueFalse, Truth: false},

	{Text: "Matching Question.", Type: TypeMatching, Pairs: []Pair{
		{"subquestion1", "subanswer1"}, {"subquestion2", "subanswer2"}, {"subquestion3", "subanswer3"}}},
	{Text: "Match the following countries with their corresponding capitals.", Type: TypeMatching, Pairs: []Pair{
		{"Canada", "Ottawa"}, {"Italy", "Rome"}, {"Japan", "Tokyo"}, {"India", "New Delhi"}}},

	{Text: "Moodle costs _____ to download from moodle.org.", Type: TypeMultichoice,
		Answers: []Answer{ans("lots of money", 0), ans("nothing", 100), ans("a small amount", 0)}},

	{Text: "When was Ulysses S. Grant born?", Type: TypeNumerical, Numbers: []NumAnswer{numTol(1822, 5, 100, "")}},
	{Text: "When was Ulysses S. Grant born?", Type: TypeNumerical, Numbers: []NumAnswer{numTol(1822, 0, 100, "")}},
	{Text: "What is the value of pi (to 3 decimal places)? _____.", Type: TypeNumerical, Numbers: []NumAnswer{numTol(3.1415, 0.0005, 100, "")}},
	{Text: "What is the value of pi (to 3 decimal places)? _____.", Type: TypeNumerical, Numbers: []NumAnswer{numRng(3.141, 3.142, 100)}},
	{Text: "When was Ulysses S. Grant born?", Type: TypeNumerical, Numbers: []NumAnswer{numTol(1822, 0, 100, ""), numTol(1822, 2, 50, "")}},

	{Text: "Write a short biography of Dag Hammarskjöld.", Type: TypeEssay},
	{Text: "You can use your pencil and paper for these next math questions.", Type: TypeDescription},

	{Text: "What's 2 plus 2?", Type: TypeNumerical, Numbers: []NumAnswer{numTol(4, 0, 100, "")}},

	{Name: "Kanji Origins", Text: "Japanese characters originally\ncame from what country?", Type: TypeShortAnswer, Answers: []Answer{ans("China", 100)}},
	{Name: "Thanksgiving Date", Text: "The American holiday of Thanksgiving is\ncelebrated on the _____ Thursday of November.", Type: TypeMultichoice,
		Answers: []Answer{ans("second", 0), ans("third", 0), ans("fourth", 100)}},

	{Text: "What's the answer to this multiple-choice question?", Type: TypeMultichoice, Answers: []Answer{
		ans("wrong answer", 0, "feedback comment on the wrong answer"),
		ans("another wrong answer", 0, "feedback comment on this wrong answer"),
		ans("right answer", 100, "Very good!")}},
	{Text: "Who's buried in Grant's tomb?", Type: TypeShortAnswer, Answers: []Answer{
		ans("no one", 100, "excellent answer!"), ans("nobody", 100, "excellent answer!")}},
	// FALSE is right, so the one feedback (for a wrong answer) is shown to
	// a taker who answers true.
	{Text: "Grant is buried in Grant's tomb.", Type: TypeTrueFalse, Truth: false, TrueFeedback: "No one is buried in Grant's tomb."},

	{Format: FormatMarkdown, Text: "Who's buried in **Grant's tomb**?", Type: TypeShortAnswer, Answers: []Answer{
		ans("no one", 100, "excellent answer!"), ans("nobody", 100, "excellent answer!")}},

	{Text: "Difficult question.", Type: TypeMultichoice, Answers: []Answer{
		ans("wrong answer", 0), ans("half credit answer", 50), ans("full credit answer", 100)}},
	{Name: "Jesus' hometown", Text: "Jesus Christ was from _____.", Type: TypeMultichoice, Answers: []Answer{
		ans("Jerusalem", 0, "This was an important city, but the wrong answer."),
		ans("Bethlehem", 25, "He was born here, but not raised here."),
		ans("Galilee", 50, "You need to be more specific."),
		ans("Nazareth", 100, "Yes! That's right!")}},
	{Name: "Jesus' hometown", Text: "Jesus Christ was from", Type: TypeShortAnswer, Answers: []Answer{
		ans("Nazareth", 100, "Yes! That's right!"),
		ans("Nazereth", 75, "Right, but misspelled."),
		ans("Bethlehem", 25, "He was born here, but not raised here.")}},

	{Text: "What two people are entombed in Grant's tomb?", Type: TypeMultianswer, Answers: []Answer{
		ans("No one", 0), ans("Grant", 50), ans("Grant's wife", 50), ans("Grant's father", 0)}},
	{Text: "What two people are entombed in Grant's tomb?", Type: TypeMultianswer, Answers: []Answer{
		ans("No one", -50), ans("Grant", 50), ans("Grant's wife", 50), ans("Grant's father", -50)}},

	{Text: "Which answer equals 5?", Type: TypeMultichoice, Answers: []Answer{
		ans("= 2 + 2", 0), ans("= 2 + 3", 100), ans("= 2 + 4", 0)}},
	{Name: "GIFT Control Characters", Text: "Which of the following is NOT a control character for the GIFT import format?",
		Type: TypeMultichoice, Answers: []Answer{
			ans("~", 0, "~ is a control character."),
			ans("=", 0, "= is a control character."),
			ans("#", 0, "# is a control character."),
			ans("{", 0, "{ is a control character."),
			ans("}", 0, "} is a control character."),
			ans(`\`, 100, `Correct! \ (backslash) is not a control character. BUT,`+"\n"+
				"it is used to escape the control characters. So, to specify\n"+
				"a literal backslash, you must escape it with a backslash\n"+
				"(as shown in this example)."),
		}},

	{Name: "Grant's Tomb", Text: "Grant is _____ in Grant's tomb.", Type: TypeMultichoice, Answers: []Answer{
		ans("buried", 0, "No one is buried there."), ans("entombed", 100, "Right answer!"), ans("living", 0, "We hope not!")}},
	{Text: "Difficult multiple choice question.", Type: TypeMultichoice, Answers: []Answer{
		ans("wrong answer", 0, "comment on wrong answer"),
		ans("half credit answer", 50, "comment on answer"),
		ans("full credit answer", 100, "well done!")}},
	{Name: "Numerical example", Text: "When was Ulysses S. Grant born?", Type: TypeNumerical, Numbers: []NumAnswer{
		numTol(1822, 0, 100, "Correct! 100% credit"),
		numTol(1822, 2, 50, "He was born in 1822.\nYou get 50% credit for being close.")}},

	{Category: "tom/dick/harry", ID: "Q1-grant", Tags: []string{"history", "grant"}, Name: "General feedback",
		Text: "Who's buried in Grant's tomb?", Type: TypeShortAnswer, Answers: []Answer{ans("no one", 100), ans("nobody", 100)},
		GeneralFeedback: "Trick question: Grant is entombed, not buried."},
}

func TestMoodleExamples(t *testing.T) {
	f, err := os.Open("testdata/moodle_examples.gift")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, errs, err := Parse(f)
	if err != nil || len(errs) > 0 {
		t.Fatalf("Parse(moodle_examples.gift) errors = %v, %v; want none", errs, err)
	}
	if len(qs) != len(moodleExamples) {
		t.Fatalf("Parse(moodle_examples.gift) = %d questions, want %d", len(qs), len(moodleExamples))
	}
	for i, want := range moodleExamples {
		t.Run(fmt.Sprintf("%d_line%d", i, qs[i].Line), func(t *testing.T) {
			if diff := diffQuestion(want, qs[i]); diff != "" {
				t.Errorf("question at line %d (-want +got):\n%s", qs[i].Line, diff)
			}
		})
	}
}
