package quiz

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/handover/handover/wiki"
)

// Addresses of the quiz pages, which notifications link to as well as the
// web side.
func EditURL(path string) string   { return "/quiz/edit/" + path }
func TakeURL(path string) string   { return "/quiz/take/" + path }
func AttemptURL(id uint64) string  { return fmt.Sprintf("/quiz/attempt/%d", id) }
func QuestionURL(id uint64) string { return fmt.Sprintf("/quiz/question/%d", id) }

func NewQuestionURL(path, section string) string {
	return "/quiz/new/" + path + "?section=" + url.QueryEscape(section)
}

// sectionURL links to a section of a page; "" is the page as a whole.
func SectionURL(p *wiki.Page, section string) string {
	if section == "" {
		return p.URL()
	}
	return p.URL() + "#" + section
}

// sectionLink links to a question's section of its page.
func SectionLink(path, section string) string {
	if section == "" {
		return wiki.PageURL(path)
	}
	return wiki.PageURL(path) + "#" + section
}

// handoverURL is the address of a handover's page.
func HandoverURL(id uint64) string { return "/handovers/" + strconv.FormatUint(id, 10) }
