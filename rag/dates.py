"""Dates a question names ("on 24 June 2020", "in October 2018", "in early 2021").

``named_period`` returns the period as an inclusive ISO range and its granularity, so the
answerer can also search that period and favour briefings held in it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|" \
         r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+((?:19|20)\d\d)\b",
                             re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b",
                             re.I)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?:of\s+)?((?:19|20)\d\d)\b", re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
DAYS_AFTER = 3  # days after a named day on which briefings still take it up


@dataclass(frozen=True)
class Period:
    since: str
    until: str
    granularity: str  # "day", "month" or "year"

    @property
    def spoken_of(self) -> Period:
        """When briefings speak of it: a named day and the ``DAYS_AFTER`` days after it (an
        event of March 26 is taken up at the briefing of March 27), a month or a year as
        named. The date bonus (``rag.rerank``) reaches these briefings; the extra search in
        the period stays on the named day (among 365 briefings, searching the days after
        too brought a rival reply above a right one)."""
        if self.granularity != "day":
            return self
        until = dt.date.fromisoformat(self.until) + dt.timedelta(days=DAYS_AFTER)
        return Period(self.since, until.isoformat(), self.granularity)

    @property
    def label(self) -> str:
        """The period as a reader names it: "2020-06-24", "February 2023", "2021"."""
        if self.granularity == "month":
            return f"{calendar.month_name[int(self.since[5:7])]} {self.since[:4]}"
        return self.since if self.granularity == "day" else self.since[:4]


def _day(year: int, month: int, day: int) -> Period | None:
    try:
        iso = dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return Period(iso, iso, "day")


def named_period(question: str) -> Period | None:
    """The most precise date the question names, or None."""
    if m := _ISO.search(question):
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _DAY_MONTH_YEAR.search(question):
        return _day(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
    if m := _MONTH_DAY_YEAR.search(question):
        return _day(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
    if m := _MONTH_YEAR.search(question):
        year, month = int(m.group(2)), _month(m.group(1))
        last = calendar.monthrange(year, month)[1]
        return Period(f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}", "month")
    if m := _YEAR.search(question):
        return Period(f"{m.group(1)}-01-01", f"{m.group(1)}-12-31", "year")
    return None


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTHS["sep" if key == "sept" else key]
