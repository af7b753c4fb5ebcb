# bench/news-prose.awk - English prose of our own words with the
# statistics of scraped news bodies, for bench/split-sentences.sh: about
# 110 bytes and 18 words a sentence, one period, one comma, half a number
# and a quarter of a curly quotation mark a sentence, a paragraph a line
# with a blank line between (measured on news bodies: 107 bytes, 17.4
# words, 0.9 periods, 0.9 commas, 0.5 numbers, 0.3 curly quotes).
#
#   echo BYTES | awk -f bench/news-prose.awk > prose.txt
#
# SPDX-License-Identifier: MIT
BEGIN {
	srand(11)
	nw = split("the a of to and in that for on with as was is by at " \
	    "from it he she they we said would will has have had been " \
	    "not but more about after over than into year years people " \
	    "city state council company government report plan police " \
	    "officials market prices workers school health water road " \
	    "court election season team game week month day night morning " \
	    "new last first other many most some two three several local " \
	    "national public small large early late long high low recent " \
	    "could should may also only just still even while when where " \
	    "because before during since under between against without " \
	    "announced expected told asked found added called made took " \
	    "gave showed began moved opened closed raised cut reached " \
	    "support decision question problem change record deal share " \
	    "percent million billion dollars residents members leaders " \
	    "students families drivers owners voters patients farmers " \
	    "building bridge station harbor river coast village district " \
	    "budget tax loan fund price rate cost policy law rule vote " \
	    "meeting statement interview study survey data evidence case " \
	    "north south east west central", w, " ")
	nn = split("Quill Okafor Marsh Lindqvist Tanaka Ferreira Novak " \
	    "Haddad Brennan Castillo Ivers Mbeki Rowan Sato Delgado " \
	    "Harbor Valley Riverside Northgate Eastport Monday Tuesday " \
	    "Wednesday Thursday Friday March April June", name, " ")
	nt = split("Mr.|Dr.|Ms.|Gov.|Sen.|Prof.", title, "|")
	nv = split("said|told reporters|added|wrote|asked", verb, "|")
}
function word(   x) { return w[1 + int(rand() * nw)] }
function clause(k,   s, i, r) {
	s = ""
	for (i = 0; i < k; i++) {
		r = rand()
		if (r < 0.07)
			s = s " " name[1 + int(rand() * nn)]
		else if (r < 0.085)
			s = s " " int(rand() * 900 + 2)
		else if (r < 0.09)
			s = s " " int(rand() * 9 + 1) "." int(rand() * 9 + 1) "%"
		else if (r < 0.093)
			s = s " $" int(rand() * 90 + 1) "." int(rand() * 9 + 1)
		else if (r < 0.096)
			s = s " " title[1 + int(rand() * nt)] " " \
			    name[1 + int(rand() * 15)]
		else if (r < 0.098)
			s = s " U.S."
		else
			s = s " " word()
		if (rand() < 0.05 && i + 1 < k)
			s = s ","
	}
	return substr(s, 2)
}
function cap(s) { return toupper(substr(s, 1, 1)) substr(s, 2) }
function sentence(   k, r, s) {
	k = 6 + int(rand() * 24)
	r = rand()
	if (r < 0.12)	# a quotation with its speaker
		return "\342\200\234" cap(clause(k)) ",\342\200\235 " \
		    name[1 + int(rand() * 15)] " " verb[1 + int(rand() * nv)] "."
	s = cap(clause(k))
	if (r < 0.16)
		return s "?"
	if (r < 0.17)
		return s "!"
	if (r < 0.19)
		return s " (" clause(3 + int(rand() * 5)) ")."
	return s "."
}
{
	target = $1
	bytes = 0
	while (bytes < target) {
		p = sentence()
		k = int(rand() * 4)
		for (i = 0; i < k; i++)
			p = p " " sentence()
		print p "\n"
		bytes += length(p) + 2
	}
}
