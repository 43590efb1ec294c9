"""When to say "no official addressed this" instead of quoting.

Five signals, all cheap:

1. **Support**: a candidate turn supports an answer as strongly as the better of its best
   sentence's cosine with the question and the cosine of the journalist question it
   answered. Below ``Settings.min_support`` nothing is quoted.
2. **Unknown names**: a question that names someone or something (a capitalised phrase such
   as *Astroworld* or *Champlain Towers*) that no indexed briefing mentions at all cannot
   have been addressed. A phrase counts as unknown when its last word (the head: *Abbott*
   in *Greg Abbott*), or its singular (*Koreas*), never occurs in any stored turn or
   title, and, for an acronym, when no stored run of capitalised words has its initials.
   An unknown name beside another rare name that a quotable exchange mentions is a detail
   the asker added (*Bab el-Mandeb* beside *Hormuz*, which the reporter asked about): it
   does not count.
3. **Unmentioned names**: a question about something the index mentions only rarely
   (*Hambantota*, *Ladakh*: a capitalised word found in at most ``RARE_SHARE`` of the
   briefings; not "drafted" in *EU-drafted*) is not answered by exchanges that never name
   it. When none of the best
   ``CONTEXT_CANDIDATES`` candidates mentions any rare word of a named phrase (in the
   official's turn, the journalist question it answered, the ``CONTEXT_TURNS_BEFORE``
   turns before it, the speaker's name or the briefing title), the nearest answers are
   about something else, however close they score. Words common across the briefings
   (*China*, *Biden*, *White House*) are exempt: officials leave them unsaid. A capital
   standing for its government (*Tokyo*) is mentioned by its country (*Japan*), a name by
   its last word written as a name (*Vladimir Putin* by "Mr. Putin"), a plural by the words
   it starts (*Afghans* by "Afghanistan"). A candidate
   whose support reaches ``CLOSE_SUPPORT`` is about the question whatever it calls it
   ("Japan" for *Tokyo*): then the check is not made.
4. **Far from the named period**: a question that names a day or a month is not answered
   from briefings more than ``NEAR_PERIOD_DAYS`` away from it ("the December 2021 tornado
   outbreak" by remarks on floods in August 2022). Briefings held in the period already
   rank higher; when the best-ranked candidate is far from it all the same, every
   candidate far from it is set aside.
5. **After the last briefing**: a question that names a day or a month ("in February
   2023") after the last briefing it could be answered from (the latest one of the
   official or institution it asks to hear from, or of the whole index) asks about what
   no indexed official could have seen: at once when it asks in the past tense ("How did
   the White House respond in March 2025 …"), more than ``AFTER_LAST_DAYS`` after it
   otherwise, since officials speak of a day or month ahead ("Will Biden attend the
   summit in November?"). A named year counts only as the time of what a question in the
   past tense asks about ("… when Sri Lanka defaulted in 2022?"): years also name goals
   and events ahead ("the 2030 target", "the 2022 Winter Olympics"), which officials
   discuss beforehand.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Collection

from rag.dates import Period

_PHRASE = re.compile(r"(?:[A-Z][\w'’\-]*[\w]|[A-Z])(?:\s+(?:[A-Z][\w'’\-]*[\w]|[A-Z]))*")
_WORD = re.compile(r"\w+")
# an acronym written with full stops ("D.C.", "U.N."): also read as one word ("dc")
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")
# a word capitalised inside a sentence, as names are ("Mr. Putin", "the Criminal Procedure
# Law"): a named phrase whose last word is written so is mentioned, whatever its rare words
# ("Vladimir Putin" by "Mr. Putin")
# titles abbreviated before a name ("Mr. Putin", "Sen. Cruz"): no names themselves, and the
# full stop after them ends no sentence (also read by ``rag.scope``)
HONORIFICS = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen")
# titles that lead a name: "Brazil's President Lula", "Japan's Prime Minister Kishida"
TITLES = ("President", "Prime", "Premier", "Chancellor", "King", "Queen", "Crown", "Emperor",
          "Foreign", "Minister", "Secretary", "Ambassador", "Chairman", "Leader")
# the kind of place a name ends on, capitalised alone for the place named before: "the
# Strip" (Gaza), "the Hill" (Capitol), "the Strait" (of Taiwan): no name of its own
PLACE_NOUNS = ("Strip", "Strait", "Straits", "Peninsula", "Gulf", "Bay", "Canal", "Hill",
               "Sea", "Island", "Islands")
_AFTER_HONORIFIC = "|".join(rf"(?<=\b{h}\.\s)" for h in HONORIFICS)
_NAME_WORD = re.compile(rf"(?:(?<=[\w,;:]\s)|{_AFTER_HONORIFIC})[A-Z]\w+")
# capitalised words in a row, with the small words of a name between them ("Department of
# Homeland Security", "Health and Human Services")
_CAPITALISED_RUN = re.compile(
    r"[A-Z][\w\-]*(?:\s+(?:(?:and|of|for|the|&)\s+){0,2}[A-Z][\w\-]*)+")
MAX_ACRONYM = 6  # letters of the longest acronym read as one ("JCPOA")
_ACRONYM = re.compile(rf"\b[A-Z]{{2,{MAX_ACRONYM}}}\b")  # "INF", "WHO", "JCPOA"
# Capitalised words that start questions or are too generic to name anything.
_GENERIC = {
    "what", "did", "does", "do", "how", "who", "whom", "when", "where", "which", "why", "will",
    "would", "is", "are", "was", "were", "could", "can", "should", "has", "have", "had", "the",
    "a", "an", "in", "on", "at", "of", "and", "or", "for", "to", "i", "if", "as", "by", "with",
    "after", "before", "any", "tell", "give", "please", "according", "under", "during",
    *(h.lower() for h in HONORIFICS),
    # a date names no one: "in August 2020" is no name the briefings must mention (not
    # "May", a name too, nor abbreviations: "Jun" in "Yang Jun")
    *(m.lower() for m in calendar.month_name if m and m != "May"),
    *(d.lower() for d in calendar.day_name),
}
# news writing names a government by its capital ("as Tokyo and Beijing discussed …"): an
# exchange that names the country mentions the capital; and a country goes by other names
# ("Britain's report" is answered about "the UK", the Holy See about the Vatican)
CAPITALS = {
    "britain": ("uk", "british", "england"), "england": ("uk", "britain", "british"),
    "holy": ("vatican",), "vatican": ("holy",), "burma": ("myanmar",),
    "myanmar": ("burma",), "kremlin": ("russia", "russian"),
    "beijing": ("china", "chinese"), "washington": ("american", "america"),
    "tokyo": ("japan", "japanese"), "moscow": ("russia", "russian"),
    "seoul": ("rok", "korea", "korean"), "pyongyang": ("dprk", "korea", "korean"),
    "delhi": ("india", "indian"), "islamabad": ("pakistan", "pakistani"),
    "taipei": ("taiwan",), "canberra": ("australia", "australian"),
    "ottawa": ("canada", "canadian"), "london": ("uk", "britain", "british"),
    "paris": ("france", "french"), "berlin": ("germany", "german"),
    "brussels": ("eu", "european"), "kyiv": ("ukraine", "ukrainian"),
    "kiev": ("ukraine", "ukrainian"), "tehran": ("iran", "iranian"),
    "ankara": ("turkey", "turkish"), "manila": ("philippines", "philippine"),
    "hanoi": ("vietnam", "vietnamese"), "kabul": ("afghanistan", "afghan"),
    "baghdad": ("iraq", "iraqi"), "damascus": ("syria", "syrian"),
    "cairo": ("egypt", "egyptian"), "riyadh": ("saudi",), "caracas": ("venezuela", "venezuelan"),
    "havana": ("cuba", "cuban"), "minsk": ("belarus", "belarusian"),
    "warsaw": ("poland", "polish"), "rome": ("italy", "italian"), "madrid": ("spain", "spanish"),
    "jakarta": ("indonesia", "indonesian"), "bangkok": ("thailand", "thai"),
    "dhaka": ("bangladesh", "bangladeshi"), "kathmandu": ("nepal", "nepalese", "nepali"),
    "colombo": ("sri", "lanka", "lankan"), "doha": ("qatar", "qatari"),
    "wellington": ("zealand",), "pretoria": ("africa", "african"),
    "nairobi": ("kenya", "kenyan"), "brasilia": ("brazil", "brazilian"),
    "soviet": ("ussr",), "ussr": ("soviet",),
}
MIN_STEM = 5  # letters a plural keeps to be matched by the words it starts ("Afghan-")
# endings that make a place's name the word for its people: Mali → Malian, Iraq → Iraqi
_DEMONYM = ("n", "an", "ian", "ese", "i", "ish")
MIN_PLACE = 4  # letters the place's name has, for them to count ("Mali"; not "IRA" → "Iran")
RARE_SHARE = 0.1  # a word in at most this share of the briefings is distinctive
CONTEXT_CANDIDATES = 5  # the best candidates whose exchanges must mention a rare name
# an exchange is read with the turns before it: a reporter may name the subject ("Senator
# Ted Cruz is speaking at CPAC, and you came up.") a few turns before the question answered
CONTEXT_TURNS_BEFORE = 4
# a candidate this close to the question is about what it asks, whatever name it uses
# ("Japan" for the question's "Tokyo"): the rare-name check is not made
CLOSE_SUPPORT = 0.75
# a question may ask about a day or month a little ahead ("Will Biden attend the summit in
# November?"); half a year past the last briefing, no indexed official has spoken of it
AFTER_LAST_DAYS = 183
# a question that names a day or month ("the December 2021 tornado outbreak") is not answered
# from a briefing more than three months away from it (officials speak of an event
# beforehand and afterwards, but not about that one, as a rule, a season away)
NEAR_PERIOD_DAYS = 92
# but a question in the past tense ("How did the White House respond in March 2025 …") asks
# what was said then: a day or month after the last briefing is too late at once
_PAST = re.compile(r"\b(?:did|was|were|had)\b", re.IGNORECASE)
# ... unless it asks what was said ahead of it ("What did China say before the summit?")
_AHEAD = re.compile(r"\b(?:ahead of|before|upcoming|planned|scheduled|expected|preview\w*|"
                    r"going to|will|would)\b", re.IGNORECASE)


# a day's name is a date, not a name a reply must mention: "on Inauguration Day 2021",
# "Election Day", "Christmas Eve"
_HOLIDAY = re.compile(r"\b(?:Day|Eve)\b(?:\s+\d{4})?$")


def named_phrases(question: str) -> list[str]:
    """Capitalised phrases in the question, minus the words that start a question.

    A lone capitalised word that opens a sentence ("Rebutting claims that …", "Reports say
    …") is capitalised by grammar, not because it names something, so it is not a phrase;
    an acronym there still is ("WHO"). Nor is a title alone ("met the King", "the Foreign
    Minister"): it names an office, which replies may call otherwise ("His Majesty"); nor
    the kind of place alone ("the south of the Strip"), said for the place named before."""
    phrases = []
    for match in _PHRASE.finditer(question):
        run = match.group(0)
        if " " not in run and not _ACRONYM.fullmatch(run) and \
                re.fullmatch(r"(?:.*[.?!:]\s+)?", question[:match.start()], re.DOTALL):
            continue
        words: list[str] = []
        split = run.split()
        for n, word in enumerate(split):
            if word.lower().strip("'’") in _GENERIC:
                continue
            words.append(word)
            # a possessive ends a name ("Sinovac's COVID-19"), but not before a title: a
            # reply naming "President Lula" speaks of "Brazil's President Lula"
            if re.search(r"['’]s$", word) and not (n + 1 < len(split) and split[n + 1] in TITLES):
                phrases.append(" ".join(words))
                words = []
        if words and not _HOLIDAY.search(" ".join(words)) \
                and not all(w in TITLES or w in PLACE_NOUNS for w in words):
            phrases.append(" ".join(words))
    return phrases


def head_word(phrase: str) -> str:
    words = _WORD.findall(re.sub(r"['’]s\b", "", phrase).lower())
    return words[-1] if words else ""


def unknown_names(question: str, vocabulary: Collection[str],
                  spelled_out: Collection[str] = ()) -> list[str]:
    """Named phrases whose head word no stored turn or title contains.

    An acronym that the briefings only spell out is known: *TSMC* is named by "Taiwan
    Semiconductor Manufacturing Company". ``spelled_out`` holds the lower-cased initials of
    the stored runs of capitalised words (:func:`initialisms`)."""
    if not vocabulary:
        return []
    return [p for p in named_phrases(question) if head_word(p)
            and not _known(head_word(p), vocabulary)
            and not (_ACRONYM.fullmatch(_bare(p)) and _bare(p).lower() in spelled_out)]


def _known(word: str, vocabulary: Collection[str]) -> bool:
    """Is ``word``, or the singular it is the plural of, in ``vocabulary``? "the two Koreas"
    names Korea."""
    return word in vocabulary or any(
        word.endswith(end) and word[:-len(end)] in vocabulary for end in ("s", "es"))


def _bare(phrase: str) -> str:
    """The phrase without a possessive ending ("TSMC's" → "TSMC")."""
    return re.sub(r"['’]s$", "", phrase)


def unmentioned_names(question: str, contexts: list[str], frequency: dict[str, int],
                      briefings: int) -> list[str]:
    """Named phrases with a rare word (see the module notes) that no context contains.

    ``contexts`` are the texts of the best candidates' exchanges; ``frequency`` counts the
    briefings each lower-cased word occurs in, out of ``briefings``. With fewer than
    ``1 / RARE_SHARE`` briefings no word is rare and the check is off. An acronym and its
    spelled-out form mention each other: *INF Treaty* is mentioned by "the
    Intermediate-Range Nuclear Forces Treaty", and the other way round (*Customs and Border
    Protection*, read as one name with its small words, by "CBP"). A phrase is also
    mentioned by its last word written as a name: *Vladimir Putin* by "Mr. Putin"."""
    if not contexts:
        return []
    rare_words = rare_phrases(question, frequency, briefings)
    if not rare_words:  # most questions: nothing to look for in the contexts
        return []
    text = "\n".join(contexts)
    seen = words_of(text)
    acronyms = {w.lower() for w in _ACRONYM.findall(text)}
    initials = initialisms(text)
    names = set(_NAME_WORD.findall(text))
    runs = _CAPITALISED_RUN.findall(question)  # "Customs and Border Protection" for "Customs"
    return [phrase for phrase, rare in rare_words.items()
            if not any(_said(w.lower(), seen) or (_ACRONYM.fullmatch(w) and w.lower() in initials)
                       or seen.intersection(CAPITALS.get(w.lower(), ()))
                       for w in rare)
            and not initialisms(next((r for r in runs if phrase in r), phrase)) & acronyms
            and _WORD.findall(_bare(phrase))[-1] not in names]


def rare_phrases(question: str, frequency: dict[str, int], briefings: int) -> dict[str, list[str]]:
    """The question's named phrases that hold a rare word, each with its rare words (see
    :func:`unmentioned_names`); none with fewer than ``1 / RARE_SHARE`` briefings."""
    limit = RARE_SHARE * briefings
    if limit < 1:
        return {}
    found = {}
    for phrase in named_phrases(question):
        words = _WORD.findall(re.sub(r"['’]s\b", "", phrase))
        rare = [w for w in words if w[0].isupper() and frequency.get(w.lower(), 0) <= limit]
        if rare:
            found[phrase] = rare
    return found


def added_details(question: str, unknown: list[str], contexts: list[str],
                  frequency: dict[str, int], briefings: int) -> list[str]:
    """The ``unknown`` names that are details the asker added, not what the question is about.

    "… the US plan to protect shipping through the Strait of Hormuz and the Bab el-Mandeb"
    names *Bab el-Mandeb*, which no briefing mentions, but the reporter asked about Hormuz
    and the official answered that. When another phrase of the question with a rare word is
    mentioned in ``contexts`` (the exchanges of the candidates close enough to quote), the
    unknown names are such details (all of them are returned); otherwise none is."""
    others = [p for p in rare_phrases(question, frequency, briefings) if p not in unknown]
    if not unknown or not others or not contexts:
        return []
    missing = unmentioned_names(question, contexts, frequency, briefings)
    return list(unknown) if any(p not in missing for p in others) else []


def words_of(text: str) -> set[str]:
    """The lower-cased words of ``text``; an acronym written with full stops is also one
    word: "the Secure D.C. bill" gives "d", "c" and "dc", so it mentions *Secure DC*."""
    lower = text.lower()
    return set(_WORD.findall(lower)) | {m.replace(".", "") for m in _DOTTED.findall(lower)}


def _said(word: str, seen: set[str]) -> bool:
    """Is ``word`` among the context's words ``seen``, or, as a plural, the start of one?
    "Afghans" is mentioned by "Afghan" and "Afghanistan", "Houthis" by "Houthi".
    A place is also mentioned by the word for its people, and the other way round: "Mali"
    by "the Malian government", "Iraqi" by "Iraq"."""
    if word in seen:
        return True
    if any(len(word) >= MIN_PLACE and word + end in seen
           or word.endswith(end) and len(word) - len(end) >= MIN_PLACE
           and word[:-len(end)] in seen for end in _DEMONYM):
        return True
    stem = word[:-1] if word.endswith("s") else ""
    return len(stem) >= MIN_STEM and any(w.startswith(stem) for w in seen)


def initialisms(text: str) -> set[str]:
    """Lower-cased initials of every run of two or more capitalised words in ``text``
    ("Intermediate-Range Nuclear Forces Treaty" gives "inf", "inft", "nft", …; hyphenated
    words count once and also part by part; "and", "of", "for" and "the" inside a run are
    skipped: "Health and Human Services" gives "hhs"), up to ``MAX_ACRONYM`` letters: they
    are only ever compared with acronyms."""
    found: set[str] = set()
    for run in _CAPITALISED_RUN.findall(text):
        for words in (run.split(), run.replace("-", " ").split()):
            letters = "".join(w[0] for w in words if w[0].isupper()).lower()
            found.update(letters[i:j] for i in range(len(letters))
                         for j in range(i + 2, min(i + MAX_ACRONYM, len(letters)) + 1))
    return found


def near_period(period: Period, date: str | None, question: str = "") -> bool:
    """Was a briefing held on ``date`` within ``NEAR_PERIOD_DAYS`` of the day or month
    ``period`` names? A named year, or a briefing without a full date, is always near.

    A ``question`` in the past tense about a named day ("What did the two leaders agree in
    their video conference of June 11?") asks what happened that day: a briefing held
    before it could only preview it, so it is not near (unless the question asks what was
    said ahead of it)."""
    if period.granularity == "year" or not date:
        return True
    try:
        held = dt.date.fromisoformat(date)
    except ValueError:
        return True
    if period.granularity == "day" and held < dt.date.fromisoformat(period.since) \
            and _PAST.search(question) and not _AHEAD.search(question):
        return False
    slack = dt.timedelta(days=NEAR_PERIOD_DAYS)
    return dt.date.fromisoformat(period.since) - slack <= held \
        <= dt.date.fromisoformat(period.until) + slack


def after_last_briefing(period: Period | None, latest: str | None, question: str = "") -> bool:
    """Does ``period`` (a named day, month or year) start after ``latest``, the date of the last
    briefing the question could be answered from: at all, for a ``question`` in the past
    tense, or more than ``AFTER_LAST_DAYS`` after it otherwise?

    A named year counts only as the time of what the question asks about, in the past tense
    ("How did China respond when Sri Lanka defaulted in 2022?"), not ahead of it ("What did
    China say it would do in 2022?"), nor as the name of a goal or an event ("the 2030
    target", "the 2022 Winter Olympics"), which officials discuss beforehand."""
    if period is None or latest is None:
        return False
    past = bool(_PAST.search(question))
    if period.granularity == "year" and not _when_it_happened(period, question, past):
        return False
    try:
        gap = dt.date.fromisoformat(period.since) - dt.date.fromisoformat(latest)
    except ValueError:  # a briefing date that is not a full ISO date
        return False
    return gap.days > (0 if past else AFTER_LAST_DAYS)


def _when_it_happened(year: Period, question: str, past: bool) -> bool:
    """Does the ``question``, in the ``past`` tense and not asking what was said ahead,
    name ``year`` as when what it asks about happened ("in 2022", "during 2022")?"""
    return past and not _AHEAD.search(question) and bool(re.search(
        rf"\b(?:in|during|throughout) (?:early |late |mid-)?{year.since[:4]}\b(?![-\w])",
        question))
