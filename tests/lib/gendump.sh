# gendump.sh - sourced by tests: gen_dump SITE STORY prints a made-up news
# page dump (site template lines around a body with two speakers' quotes).
gen_dump() {
	local site=$1 story=$2
	cat <<DUMP
Home > News > Region
Subscribe | Sign in
Story $story makes headlines - $site
Story $story makes headlines
Share This Post
- Advertisement -
The council of Town$story met on Monday to discuss plan number $story, which would change how the town spends its budget.
“Plan $story is the best chance we have had in years,” said Mayor Alex Person$story. “We should not waste it.”
Critics disagreed. Councillor Sam Other$story said the plan was too expensive. “Nobody has told us who pays for plan $story,” Other$story told reporters.
The vote is expected next week.
Related Articles
Another story from $site
Weather for the week
© 2026 $site. All rights reserved.
DUMP
}
