"""Questions that ask for a figure, a date, names or a fact, and quotes that give one.

"How many medical experts were on the team China sent?" is not answered by a quote on the
team that gives no number, however close it scores: the briefings mention the team, not
its size. So when a question asks for

- **a sum of money** ("how much money", "the dollar value", "how much did … cost"), given
  in a currency ("$1 million", "2 billion yuan"; not "1.864 billion masks"),
- **a percentage** ("what duty rate", "what percentage"), or a share ("what share of":
  also "half", "the majority", "3 out of 4"),
- **a figure** ("how many", "how much aid", "how large", "what catch limit", "how much
  more … than"); "how many doctors …" is answered only by a number beside what it counts
  ("12 doctors", "the fifth time"), not by "12 teams of medical experts",
- **a length of time** ("how long a prison term", "what prison terms"),
- **a date** ("on what date", "which day"; "on what exact date": a day, not "early
  November"; a sentence declining it gives none: "I don't have an exact date for you
  today"),
- **a finding** ("what did the investigation conclude"): a reply saying what was found,
  not one saying the investigation goes on ("The cause … is under investigation"),
- **so many names** ("which four companies"): that many capitalised words inside its
  sentences that are not titles, months or the question's own words,
- **a person who led** ("who led the team", "who co-chaired", "which commanders", "what
  was the name of the ambassador"): a person's name, after a title ("Vice Premier Sun
  Chunlan") or "led by", that is not part of an institution's ("the Health Commission of
  Ningxia Hui Autonomous Region") nor an acronym; a country or a city is no person;
  **a company, a country or a place** ("which company", "in which city"): one name,
- **a name, a reason or a time** ("who", "whom did he choose", "what was the name", "what
  reason", "when did"): any reply but one that declines to give it ("I don't have any
  details …", "I would send you to the SEC"): such a reply addressed the question without
  answering it,

the answer's first quote is the first of the ``QUOTES`` best-ranked replies' quotes that
gives one (a number that is not a date, a year or a pair already named, "our two sides";
for "how many", also a rank, "the seventh package"; a month, a weekday, …): the
best-ranked one, or another whose support is within ``CLOSE`` of the best. How many
quotes are asked for does not change which are read. When none does, podium says no
official addressed the question: a lower quote with a number in it is more often about
something else ("less than one tenth of those from other countries") than the figure
asked for. Bare "when" is not read as asking for a date: "When will the President sign
the bill?" is answered by "It won't be today." (but not by "I don't have a timeline for
you"). A number the question gives answers nothing
("the 75th anniversary"), and a "who said …" question asks for a person, whatever figure
its claim mentions.

A reply that gives the figure is quoted where it gives it plainly (``Asked.plainly_in``,
used by ``rag.rerank``): for "how many visa applications …", a number followed within
``NEAR_WORDS`` words by what is counted ("more than 20 Chinese journalists' visa
applications"), not "a maximum 90-day stay" in the sentence that scores best; for a length
of time, a number of days or years; for a date, a day of the month. A count beside what is
counted and a day of the month are looked for in the whole reply, however far from the
sentence that scores best (``Asked.anywhere``); other figures only where the quote already
gives one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from rag.claim import reported_claim

CLOSE = 0.05  # support a quote giving the figure may lose to the best and still come first
QUOTES = 3  # the best-ranked replies read for it, however many quotes are shown

# month names only capitalised: "may" is also a verb
_MONTH = (r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = r"\b(?:19|20)\d\d\b"
# a date, a year or a clock time: numbers that say when, not how many
_WHEN = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
    rf"|{_YEAR}|\b\d{{1,2}}:\d\d\b", re.IGNORECASE)
_NUMBER_WORDS = (
    r"none|zero|no one|single|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|"
    r"trillions?|dozens?|half")
# "the two sides", "our two countries": a pair already named, not a count
_PAIR = r"\b(?:the|our|their|these|those|your)\s+(?:two|three)\b"
_NOT_A_FIGURE = re.compile(rf"{_WHEN.pattern}|{_PAIR}", re.IGNORECASE)
# a number standing alone: not the digits of a name ("COVID-19", "G4", "F-16")
# (not part of one either: "37th" holds no "3")
_NUMBER = r"(?<!\w)(?<!\w-)\d[\d,.]*+(?![^\W\d_])"
_FIGURE = re.compile(rf"{_NUMBER}|[$%€£¥]|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
# a count is also given by a rank in a series: "the seventh package" since April
_ORDINAL = (r"\b\d+(?:st|nd|rd|th)\b|\b(?:fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
            r"eleventh|twelfth|\w+teenth|\w+tieth|hundredth)\b")
_COUNT = re.compile(rf"{_FIGURE.pattern}|{_ORDINAL}", re.IGNORECASE)
_DURATION = re.compile(
    rf"{_NUMBER}|\b(?:{_NUMBER_WORDS}|years?|months?|weeks?|days?|hours?|minutes?|decades?|"
    r"as long as|forever|indefinitely|permanent\w*)\b", re.IGNORECASE)
# a day of the month on its own: "They start on the 10th" (not "the 26th Joint Working Group")
_ON_THE_DAY = (r"\b(?:on|by|until|till|from|since|before|after|through)\s+"
               r"the \d{1,2}(?:st|nd|rd|th)\b")
_DATE = re.compile(
    rf"{_NUMBER}|\b(?:{_MONTH}|{_WEEKDAY}|today|tonight|tomorrow|yesterday|this week|next week|"
    rf"last week)|{_ON_THE_DAY}", re.IGNORECASE)

_MONEY = (r"money|fund(?:s|ing)?|aid|assistance|costs?|spen[dt]|pa(?:y|id)|worth|budget|"
          r"dollars?|yuan|euros?|financ\w*|pledged?|give|gave|donat\w*|loans?|invest\w*|"
          r"tariffs?|dut(?:y|ies)|fined?|price|damages|compensation|reparations|ransom|"
          r"salar(?:y|ies)|wages?|revenues?|profits?")
_ASKS_COUNT = re.compile(r"\bhow many\b", re.IGNORECASE)
_ASKS_FIGURE = re.compile(
    rf"\bhow much\b(?=[^?]*\b(?:{_MONEY})\b)"  # "how much aid", not "how much pressure"
    r"|\bhow much\s*(?=[?,;]|$)"  # "and for how much?"
    r"|\bhow (?:large|big)\b"  # "how large was the medical team"
    r"|\bhow much (?:more|less)\b(?=[^?]*\bthan\b)"  # "how much more energy … than"
    r"|\bwhat (?:[\w-]+ ){0,3}(?:(?:amount|figure|total|number|estimate)s?|limit|cap|quota)\b",
    re.IGNORECASE)  # (a dollar value, "worth how much", "what price" ask for money: below)
# a rate is a percentage: "what anti-dumping duty rate" is not answered by "four companies"
_ASKS_PERCENTAGE = re.compile(r"\bwhat (?:[\w-]+ ){0,3}(?:rate|percentage)\b|\bwhat percent\b",
                              re.IGNORECASE)
_PERCENTAGE = re.compile(r"%|\bper ?cent", re.IGNORECASE)
# a share is a percentage or a part of the whole: "98 percent", "half", "the majority",
# "3 out of 4"; not "10 of Russia's financial institutions"
_ASKS_SHARE = re.compile(r"\bwhat (?:share|proportion|fraction|portion) of\b", re.IGNORECASE)
_SHARE = re.compile(
    r"%|\bper ?cent|\b(?:half|thirds?|quarters?|fifths?|tenths?|majority|minority)\b"
    r"|\b\d+ (?:out )?of (?:every )?\d+\b", re.IGNORECASE)
_ASKS_DURATION = re.compile(
    r"\bhow long\b"
    r"|\b(?:what|which) (?:[\w-]+ ){0,2}(?:prison|jail) (?:terms?|sentences?)\b",  # a length
    re.IGNORECASE)
# a sum of money is given in a currency: "$1 million", "2 billion yuan"; not by "1.864
# billion masks" for "what was the dollar value of the masks"
_ASKS_MONEY = re.compile(
    r"\bhow much money\b|\b(?:dollar|monetary) (?:value|amount|figure|estimate)\b"
    r"|\bworth how much\b|\bwhat (?:[\w-]+ ){0,3}(?:sum|price|cost)\b"
    r"|\bhow much\b(?=\s+(?:did|does|do|will|would|has|had|have|is|was|were)\b[^?]*\b"
    r"(?:cost|pa(?:y|id)|pledged?|spen[dt]|donated?|contributed?|raised?)\b)",
    re.IGNORECASE)
_CURRENCY = re.compile(r"[$€£¥]|\b(?:dollars?|yuan|RMB|renminbi|euros?|pounds|rupees?|ro?ubles?)\b",
                       re.IGNORECASE)
_ASKS_DATE = re.compile(r"\b(?:what|which) (?:date|day)\b", re.IGNORECASE)
# "on what exact date" is not answered by "early November": only by a day
_ASKS_EXACT_DATE = re.compile(r"\b(?:what|which) (?:exact|specific|precise) (?:date|day)\b",
                              re.IGNORECASE)
# "what did the investigation conclude" asks for a finding: not answered by a reply that
# says the investigation goes on ("The cause of the collision is under investigation.")
_ASKS_FINDING = re.compile(
    r"\bwhat (?:did|does|has|have|had) (?:the|an|its|their|that|this) (?:[\w-]+ ){0,2}?"
    r"(?:investigations?|inquiry|inquiries|probe|review|audit) (?:[^?]*?\s)?"
    r"(?:conclude|find|found|determine|show|reveal|establish)\b"
    r"|\bwhat (?:were|are|was|is) the (?:[\w-]+ ){0,2}?(?:findings?|conclusions?) of\b",
    re.IGNORECASE)
_FINDING = re.compile(r"\b(?:found|finds?|findings?|conclu\w*|determin\w*|show(?:s|ed|n)?|"
                      r"reveal\w*|establish\w*|results?|caused by|due to)\b", re.IGNORECASE)
# a question asking who led ("who headed the delegation", "which commanders", "what was the
# name of the ambassador") is answered by a person's name ...
_ASKS_PERSON = re.compile(
    r"^(?:[^?]*?,\s*)?(?:who|whom)\b(?:\s+\w+){0,3}?\s+(?:(?:co-?)?(?:led|leads?|headed|"
    r"heads?|chaired|chairs?)|will (?:lead|head|chair))\b"
    r"|\bwhat (?:was|is|were) the names? of (?:the |a |an )?(?:[\w-]+ ){0,3}?(?:ambassador|"
    r"envoy|minister|official|spokesperson|commander|leader|head|chief|director|chair\w*|"
    r"surgeon|doctor|nurse|journalist|reporter|officer|soldier|pilot|victim|suspect|hostage|"
    r"detainee|prisoner|activist|man|woman|boy|girl)\b"
    r"|\bwhich (?:[\w-]+ ){0,3}?(?:person|commanders?)\b", re.IGNORECASE)
# ... and one asking for a company, a country or a place by a name
_ASKS_PLACE = re.compile(
    r"\bwhich (?:[\w-]+ ){0,3}?(?:company|companies|firms?|country|countries|city|cities|"
    r"places?)\b", re.IGNORECASE)
# a question asking for a fact: a name ("whom did he choose", "what was the name"), a
# reason ("what reason") or a time ("when did") ...
_ASKS_FACT = (
    ("a name", re.compile(
        r"^(?:[^?]*?,\s*)?(?:who|whom)\b|\bwhom\b|\bwhat (?:was|is|were) the names?\b"
        r"|\bwhich (?:[\w-]+ ){0,3}?(?:officials?|channel)\b", re.IGNORECASE)),
    ("a reason", re.compile(r"\bwhat reasons?\b", re.IGNORECASE)),
    # "when did …", "as of May, when will …"; not "…, when asked whether …"
    ("a time", re.compile(r"^(?:[^?]*?,\s*)?when (?:did|does|do|will|would|is|was|are|were|"
                          r"has|have|had|can|could|should|might|may)\b", re.IGNORECASE)))
# ... is not answered by a reply that declines to give it
_DECLINES = re.compile(
    r"\b(?:I (?:don[’']t|do not) have (?:any|an|a|that|anything|more|further|details|the)"
    r"|I have nothing (?:to|further|more)|nothing (?:to update|further to share|new to share)"
    r"|(?:refer|point|send|direct) you (?:to|back to)"
    r"|I(?:[’']m| am) not (?:going to|able to|aware)"
    r"|I (?:can[’']t|cannot) (?:confirm|speak|get ahead|comment|say)"
    r"|not going to (?:comment|get ahead|speak|confirm|go into)"
    r"|I (?:won[’']t|will not) (?:comment|get ahead|speak)"
    r"|no (?:update|comment)s? (?:for you|at this|to share))", re.IGNORECASE)
# a sentence declining to give what is asked gives none of it: "I don't have an exact date
# for you today." gives no day
_DECLINING = rf"[^.?!\n]*(?:{_DECLINES.pattern})[^.?!\n]*"
# nor does a sentence saying that an investigation goes on give a finding ("I just can't
# predict that before an investigation is concluded.")
_ONGOING = re.compile(
    rf"{_DECLINING}|[^.?!\n]*(?:\bunder investigation|\bbeing (?:\w+ )?(?:investigated|reviewed)"
    r"|\b(?:still|is|are) (?:investigating|looking into|ongoing)|\bnot (?:yet )?(?:been )?"
    r"(?:concluded|completed|finished)|\bbefore (?:an?|the|that|this) (?:\w+ )?"
    r"(?:investigation|inquiry|review|probe) is|\bwill (?:investigate|look into))[^.?!\n]*",
    re.IGNORECASE)
_NO_DAY = re.compile(rf"{_YEAR}|{_DECLINING}", re.IGNORECASE)  # what gives no date
# "which four companies" asks for that many names
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10}
# (not "which three issues": an issue, a point or a proposal is said in words, not named)
_ABSTRACT = (r"issues?|areas?|points?|aspects?|principles?|proposals?|measures?|steps?|things?|"
             r"ways?|goals?|priorities|fields?|topics?|questions?|reasons?|pillars?|tasks?|"
             r"elements?|factors?|lessons?|messages?|commitments?|suggestions?|ideas?")
_ASKS_NAMES = re.compile(rf"\bwhich ({'|'.join(_COUNTS)}|\d{{1,2}})\b(?! of\b)"
                         rf"(?!(?:\s+[\w-]+){{0,2}}?\s+(?:{_ABSTRACT})\b)", re.IGNORECASE)
# a name: a capitalised word inside a sentence ("suspended imports from JBS and Kilcoy"),
# not a title, an institution's common word, a month or a day
_NAME_IN_TEXT = re.compile(r"(?<=[\w,;:)] )[A-Z][\w'’&.-]*\w")
_NOT_NAMES = {
    "president", "vice", "prime", "minister", "ministry", "secretary", "spokesperson",
    "government", "department", "administration", "office", "council", "committee", "house",
    "state", "states", "national", "federal", "foreign", "affairs", "general", "i", "i'm",
    "i've", "i'll", "i'd", "i’m", "i’ve", "i’ll", "i’d", "mr", "ms", "mrs", "dr", "covid-19",
    "covid", "white", "united", "premier", "ambassador", "envoy", "chairman", "chairwoman",
    "director", "commander", "governor", "senator", "deputy", "chief", "mayor", "counselor",
    "councilor", "leader", "head",
    *(m.lower() for m in calendar.month_name if m), *(d.lower() for d in calendar.day_name)}


# what gives a length of time or a date plainly, for placing the quote (``Asked.plain``)
_PLAIN_DURATION = re.compile(
    rf"(?:{_NUMBER}|\b(?:{_NUMBER_WORDS}|a|an|several|few)\b)[\s-]+(?:[\w-]+\s+)?"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b"
    r"|\b(?:as long as|forever|indefinitely|life (?:in prison|imprisonment|sentences?))\b",
    re.IGNORECASE)
_PLAIN_DATE = re.compile(
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
    rf"|\b{_WEEKDAY}\b|{_ON_THE_DAY}|\b(?:today|tonight|tomorrow|yesterday)\b",
    re.IGNORECASE)
# the words after "how many" up to the verb or preposition: what is counted
_COUNTED = re.compile(
    r"\bhow many\s+(?:of\s+(?:the|its|their|these|those)\s+)?((?:[\w-]+\s*){1,4})", re.IGNORECASE)
_NOT_COUNTED = re.compile(
    r"\b(?:did|does|do|were|was|had|has|have|are|is|will|would|could|can|in|from|at|on|to|for|"
    r"that|who|which|as|by|with|under|since|and|or|of|the|there)\b", re.IGNORECASE)
NEAR_WORDS = 3  # most words between a number and what it counts ("12 teams of medical experts")


@dataclass(frozen=True)
class Asked:
    """What a question asks for, and how to tell a quote that gives it."""

    label: str  # "a figure", for the message
    words: str  # the question's words that ask for it ("how many")
    pattern: re.Pattern
    ignored: re.Pattern | None = None  # what does not count: dates for a figure, a year for a date
    # what gives it plainly: a number beside what the question counts ("20 Chinese
    # journalists' visa applications" for "how many visa applications"), a number of days
    plain: re.Pattern | None = None
    # numbers the question itself gives, which answer nothing: "the 75th anniversary"
    known: frozenset[str] = field(default_factory=frozenset)
    # names asked for ("which four companies"): at least this many new ones give them
    names: int = 0
    # a fact asked for (a name, a reason, a time): any reply gives it but one that
    # declines to ("I don't have any details"), which ``pattern`` then finds
    declined_by: bool = False
    # looked for in the whole reply, not only in what it would quote (a count beside what is
    # counted, a day of the month): the reply is then quoted where it gives it
    anywhere: bool = False
    # the name asked for is a person's: one after a title or "led by", not in an
    # institution's name nor an acronym
    people: bool = False

    def given_in(self, text: str) -> bool:
        """Does ``text`` give what was asked?"""
        if self.names:
            if self.people:
                return len(_people_named(text, self.known)) >= self.names
            return len(_new_names(text, self.known)) >= self.names
        if self.declined_by:
            return not self.pattern.search(text)
        return bool(self.pattern.search(self._unknown(text)))

    def plainly_in(self, text: str) -> bool:
        """Does ``text`` give it plainly (a number beside what is counted, a number of
        days, a day of the month), so that a quote should be placed there?"""
        if self.plain is None:
            return self.given_in(text)
        return bool(self.plain.search(self._unknown(text)))

    def _unknown(self, text: str) -> str:
        """``text`` without what does not count and the numbers the question gives."""
        if self.ignored is not None:
            text = self.ignored.sub(" ", text)
        return _GIVEN_NUMBER.sub(
            lambda m: " " if m.group("n") in self.known else m.group(0), text)


_DIGITS = re.compile(r"(?<![\w.,-])\d+(?:[.,]\d+)*(?:st|nd|rd|th)?(?!\w)")
# a number with its currency and scale: "the $5 trillion" the question gives is no figure
_GIVEN_NUMBER = re.compile(
    rf"(?:US)?[$€£¥]?\s?(?P<n>{_DIGITS.pattern})"
    r"(?:\s+(?:hundred|thousand|million|billion|trillion)\b)?(?:\s+(?:dollars|yuan|euros)\b)?",
    re.IGNORECASE)


# a run of capitalised words naming an institution: "the National Health Commission", "the
# High Committee for Health Emergencies", "Ningxia Hui Autonomous Region"
_INSTITUTION = re.compile(
    r"(?:[A-Z][\w'’&.-]*\s+(?:(?:of|for|and|on|the)\s+)?)*(?:Commission|Committee|Council|"
    r"Ministry|Department|Office|Bureau|Agency|Administration|Region|Province|Center|Centre|"
    r"Organi[sz]ation|University|Institute|Academy|Hospital|Laboratory|Association|Fund|Bank|"
    r"Company|Corporation|Group|Party|Assembly|Union|Program(?:me)?|Forces?|Army|Navy)\b"
    r"(?:\s+(?:of|for|on)(?:\s+the)?(?:\s+[A-Z][\w'’&.-]*)+)*")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


# a person is named after a title ("Vice Premier Sun Chunlan", "Dr. Fauci") or as who led
# ("led by Chris Murphy"); a country ("Sudan"), a capital or an agency is not a person
_PERSON = re.compile(
    r"(?:\b(?:President|Premier|Minister|Secretary|Ambassador|Envoy|Director|Chair(?:man|woman)?|"
    r"Commander|General|Admiral|Governor|Senator|Representative|Congress(?:man|woman)|Mayor|"
    r"Dr|Mr|Ms|Mrs|Professor|Deputy|Chief|Counselor|Councilor|Spokes(?:person|man|woman)|"
    r"Advis[eo]r|Administrator|Coordinator|Leader|Head|King|Queen|Prince|Sheikh|Emir|"
    r"Chancellor|Colonel|Captain|Judge|Justice|Commissioner|Speaker)\.?"
    r"|\b(?:(?:co-)?(?:led|headed|chaired)|leads|heads|chairs) by)"
    r"((?:\s+[A-Z][\w'’-]*){1,4})")


def _people_named(text: str, known: frozenset[str]) -> set[str]:
    """Names of people in ``text`` (after a title, or after "led by"), not in an
    institution's name nor an acronym, and not the question's own words (``known``)."""
    text = _ACRONYM.sub(" ", _INSTITUTION.sub(" ", text))
    return {w for m in _PERSON.finditer(text) for w in m.group(1).lower().split()
            if w not in _NOT_NAMES and w[:4] not in known}


def _own_words(question: str) -> frozenset[str]:
    """The first four letters of each of the question's words ("China-Pakistan": both)."""
    return frozenset(w.lower()[:4] for w in re.findall(r"[\w'’]+", question))


def _new_names(text: str, known: frozenset[str]) -> set[str]:
    """Names in ``text`` that are not titles and not the question's own words (``known``,
    lower case; "Chinese" is China's, so words are compared by their first four letters)."""
    return {w for w in (m.group(0).lower() for m in _NAME_IN_TEXT.finditer(text))
            if w not in _NOT_NAMES and w[:4] not in known}


def _counting(question: str) -> re.Pattern | None:
    """A number followed, within ``NEAR_WORDS`` words, by what "how many …" counts."""
    counted = _COUNTED.search(question)
    words = _NOT_COUNTED.split(counted.group(1))[0].split() if counted else []
    stems = [re.escape(w[:5] if len(w) > 5 else w.rstrip("s")) for w in words if len(w) > 1]
    if not stems:
        return None
    noun = rf"\b(?:{'|'.join(stems)})"
    # (a word in quotation marks counts too: 87 “yes” votes)
    gap = rf"(?:[\s-]+[“\"‘']?[\w'’-]+[”\"’']?){{0,{NEAR_WORDS}}}?[\s-]+"
    number = rf"(?:{_NUMBER}|\b(?:{_NUMBER_WORDS})\b|{_ORDINAL})"
    # "the fifth time" counts whatever is asked about ("how many rounds of sanctions")
    return re.compile(rf"{number}{gap}{noun}|(?:{_ORDINAL})\s+times?\b", re.IGNORECASE)


def _shortened(words: str) -> str:
    """The words that ask, for a message: "what did the investigation into … conclude"."""
    parts = words.split()
    return words if len(parts) <= 8 else " ".join(parts[:4] + ["…", parts[-1]])


def _asking(found: re.Match) -> str:
    """The words of a question that ask for a name or a fact, without a clause before them
    ("as of May, when did …": "when did")."""
    return re.sub(r"^[^?]*,\s*", "", found.group(0)).lower()


def asked_for(question: str) -> Asked | None:
    """What the question asks for, if it asks for a sum of money, a percentage or a share, a
    figure, a length of time, a date, a finding, so many names, a person who led, a company
    or a place, or a name, a reason or a time. Not a "who said …" question: its figure words
    are the claim's ("Which economist said the word left people unsure how long prices would
    rise?" asks for a person)."""
    if reported_claim(question):
        return None
    names = _ASKS_NAMES.search(question)
    if names:
        count = _COUNTS.get(names.group(1).lower()) or int(names.group(1))
        return Asked(f"{count} names", names.group(0).lower(), _NAME_IN_TEXT,
                     known=_own_words(question), names=count)
    known = frozenset(_DIGITS.findall(question))
    counting = _counting(question)  # what "how many …" counts, if it says
    for label, asks, gives, ignored, plain, anywhere in (
            ("a sum of money", _ASKS_MONEY, _CURRENCY, None, None, False),
            ("a percentage", _ASKS_PERCENTAGE, _PERCENTAGE, None, None, False),
            ("a share", _ASKS_SHARE, _SHARE, None, None, False),
            ("a figure", _ASKS_COUNT, counting or _COUNT, _NOT_A_FIGURE, counting,
             counting is not None),
            ("a figure", _ASKS_FIGURE, _FIGURE, _NOT_A_FIGURE, None, False),
            ("a length of time", _ASKS_DURATION, _DURATION, None, _PLAIN_DURATION, False),
            ("a date", _ASKS_EXACT_DATE, _PLAIN_DATE, _NO_DAY, _PLAIN_DATE, True),
            ("a date", _ASKS_DATE, _DATE, _NO_DAY, _PLAIN_DATE, True),
            ("a finding", _ASKS_FINDING, _FINDING, _ONGOING, None, False)):
        found = asks.search(question)
        if found:
            return Asked(label, _shortened(found.group(0).lower()), gives, ignored, plain,
                         known, anywhere=anywhere)
    for asks, people in ((_ASKS_PERSON, True), (_ASKS_PLACE, False)):
        found = asks.search(question)
        if found:
            return Asked("a name", _asking(found), _NAME_IN_TEXT, known=_own_words(question),
                         names=1, people=people)
    for label, asks in _ASKS_FACT:
        found = asks.search(question)
        if found:
            return Asked(label, _asking(found), _DECLINES, declined_by=True)
    return None
