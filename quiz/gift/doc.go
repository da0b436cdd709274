// Package gift reads and writes Moodle's GIFT quiz format, so that the
// outgoing owner of a role can bring knowledge-check questions from Moodle
// (or write them in a text editor) and take them back.
//
// Parse follows Moodle's own importer, qformat_gift (question/format/gift/
// format.php, Moodle 4.x/5.x) and the "GIFT format" page of the Moodle
// documentation: where they leave a choice open, the importer's behaviour
// wins. Write produces the layout of Moodle's exporter, which Moodle and
// Parse read back to the same questions.
//
// # The format, as Parse reads it
//
//   - Questions are separated by blank lines; every line is trimmed. A line
//     starting with "//" is a comment. Comment lines inside a question's
//     block (typically just above its text, with no blank line between) may
//     carry "[id:...]" and "[tag:...]" (Moodle 4.x): the first id wins,
//     every tag counts, "\]" stands for "]".
//   - "$CATEGORY: path" sets Question.Category for the questions after it.
//     The path is kept raw, as Moodle keeps it.
//   - "::title::" at the start names the question. Without the closing "::"
//     Moodle drops the opening one and the question has no name; so does
//     Parse.
//   - A format marker at the start of the question text sets
//     Question.Format: "moodle" (the default), "html", "plain" or
//     "markdown", each written in square brackets. Answers and feedback may
//     carry their own marker in Moodle; Parse removes it and keeps the text
//     only, so every part of a question is in its Format.
//   - A backslash escapes ~ = # { } : and "\n" is a newline; "\\" is one
//     backslash. Any other backslash is kept as it is.
//   - The answer block is the text between the first "{" and the first "}".
//     No braces: a description. "{}" (or only "####feedback"): an essay.
//     Starting with "#": numerical. Containing "~": multiple choice, with
//     one answer (Type multichoice) when an "=" occurs, else with several
//     (multianswer; the positive weights must add up to 100%). Containing
//     "=" and "->": matching. T, TRUE, F or FALSE (case matters): true/false.
//     Anything else: short answer, whose first answer may even lack its "=".
//   - Missing word: when text follows the block, Question.Text is the text
//     before and after it joined with "_____"; when the block ends the
//     question, Text is the text before it. Write splits Text at its first
//     "_____" (if something other than blanks follows it) to put the block
//     back there.
//   - "%n%" after "~" or "=" gives a weight in percent (float64, e.g.
//     33.33333 or -100). In a multiple choice block "=" means 100% and
//     takes no weight: "=%50%a" is the answer "%50%a" worth 100%, as in
//     Moodle. A "%" that does not match Moodle's weight pattern is text.
//   - "#" after an answer starts its feedback; the last "####" in a block
//     starts the general feedback. For true/false the first "#" is the
//     feedback for a wrong answer and the second for a right one; Question
//     stores them by the taker's answer (TrueFeedback, FalseFeedback), as
//     Moodle's true/false type does.
//   - Numerical answers are "value", "value:tolerance" or "min..max",
//     each optionally "=%n%..."; "{#=1822:0 =%50%1822:2}" and
//     "{#1822:5}" are both valid. Everything from the first "~" on is the
//     feedback for any other response (a final NumAnswer with Any set).
//
// # Where Parse is stricter than Moodle
//
// Moodle imports some input that then misbehaves; Parse reports a
// ParseError with the line number instead, and goes on with the next
// question:
//
//   - a second "{" or "}" in a question (Moodle leaves it in the text and
//     may pick the wrong block): write "\{" and "\}";
//   - a numerical answer that is not a number (Moodle's check has a bug that
//     turns it into "*"), a negative tolerance, or a range whose minimum is
//     above its maximum;
//   - a weight such as "%--50%" that Moodle's pattern admits but PHP 8
//     cannot compute, or a weight outside -100..100;
//   - what Moodle's question types refuse or only warn about when they save
//     an import: a single answer multiple choice or short answer without a
//     100% answer, a multiple answer question whose right answers do not
//     add up to 100%, fewer than 2 choices or matching pairs;
//   - text after a "$CATEGORY:" line in the same block (Moodle would make it
//     part of the category name), and an empty category.
//
// Answers with empty text are dropped, as Moodle's question types drop them
// on save. An "[id:" or "[tag:" that sits inside the value of another
// token is not read (Moodle reads it), so that Write can always give back
// what Parse read. Moodle also limits weights to its list of grades (100, 90,
// 83.33333, ...) unless told to pick the nearest; Parse accepts any weight
// in range. Moodle treats a line holding only "0" as blank (PHP's empty());
// Parse does not.
//
// # Write
//
// Write escapes every special character, writes a format marker where one
// is needed to read the text back, "$CATEGORY:" when the category changes,
// and "// [id:...] [tag:...]" before a question. Parse(Write(qs)) gives qs
// back (but for Line) for every qs that Parse produced, and Write of that is
// byte for byte the same. A question Parse would reject, or one GIFT cannot
// express (a matching left side containing "->", a category that goes back
// to none), makes Write fail without writing anything.
package gift
