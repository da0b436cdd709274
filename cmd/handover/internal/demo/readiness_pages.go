package demo

// demoSocialPages are the pages of the second demo role, a social media
// engagement lead, in the layout of the "Social media / community
// handover" template. Their critical sections carry the questions of the
// readiness demo.
var demoSocialPages = []struct {
	path, md string
	critical []string
}{
	{"social/handover", `# Social media engagement lead: handover

Dana Whitfield hands the social media role to Priya, Lee and Chris, who
share it from next month. Morgan Lee runs the handover.

## Scope

The brand accounts on the three networks, the community forum, the content
calendar and the crisis communication duty. Paid campaigns stay with the
marketing agency.

## Timeline

Shadowing for two weeks, then each successor runs the accounts for a week
with Dana on hand, then the crisis drill.

See [[social/content-calendar]], [[social/brand-voice]],
[[social/moderation]] and [[social/crisis-communication]].
`, nil},
	{"social/content-calendar", `# Content calendar

## Weekly rhythm

Monday planning, Wednesday product post, Friday community spotlight.

## Approvals

Every post about prices, outages or people is approved by the
communications manager before it is scheduled. Everything else is
approved by the successor on duty.

## Tools

The calendar lives in the shared planner; drafts in the scheduling tool.
`, []string{"approvals"}},
	{"social/brand-voice", `# Brand voice

## Tone rules

Friendly, plain, never sarcastic. We apologise once and then fix things.
No jokes during an outage.

## Words we avoid

"Unfortunately", "as per", internal code names.
`, []string{"tone-rules"}},
	{"social/moderation", `# Community moderation

## House rules

Be kind, stay on topic, no personal data in public threads.

## Escalation

Threats, doxxing and self-harm posts are hidden at once and escalated to
the trust and safety lead by phone, day or night.

## Weekend cover

One successor is on call each weekend; swaps go in the shared calendar.
`, []string{"escalation"}},
	{"social/crisis-communication", `# Crisis communication

## First hour

Pause all scheduled posts, post the holding statement within 30 minutes,
and call the communications manager.

## Holding statement

"We are aware of the problem and are working on it. Next update within the
hour." Nothing more until legal has seen the facts.

## After the crisis

Write the timeline and the lessons within a week.
`, []string{"first-hour", "holding-statement"}},
}

// demoSocialQuestions are true/false checks (the statement is true unless
// false is set) and one teach-back, pinned to sections.
var demoSocialQuestions = []struct {
	page, section, text string
	critical, false_    bool
	essay               bool
}{
	{"social/content-calendar", "approvals", "A post about a price change needs the communications manager's approval.", true, false, false},
	{"social/content-calendar", "weekly-rhythm", "The community spotlight goes out on Fridays.", false, false, false},
	{"social/brand-voice", "tone-rules", "A light joke helps during an outage.", true, true, false},
	{"social/moderation", "escalation", "A doxxing post is hidden at once and escalated by phone.", true, false, false},
	{"social/moderation", "weekend-cover", "Weekend swaps are agreed by e-mail only.", false, true, false},
	{"social/moderation", "house-rules", "Explain in your own words why personal data never goes in a public thread, and what you do when you find some.", false, false, true},
	{"social/crisis-communication", "first-hour", "The holding statement goes out within 30 minutes.", true, false, false},
}
