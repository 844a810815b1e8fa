"""When an event is, written the way each language writes it.

"söndag 28 mars 2027 kl. 10.00–12.00" / "Sunday 28 March 2027, 10:00–12:00".
The patterns (Babel's date patterns and the connecting words) are interface
strings in ``i18n/``; Babel (a MkDocs dependency) knows the day and month names.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from .model import TIME_ZONE, Event


def when(event: Event, lang: str, t) -> str:
    """The event's date and time in ``lang``, with the strings ``t`` of that language."""

    def day(moment) -> str:
        date = moment.date() if isinstance(moment, datetime.datetime) else moment
        return format_date(date, t["event_date_pattern"], locale=lang)

    def clock(moment: datetime.datetime) -> str:
        return format_time(moment.time(), t["event_time_pattern"], locale=lang)

    start, end = event.start, event.end
    if event.all_day:
        if end is None or end == start:
            return day(start)
        return t("event_when_days", start=day(start), end=day(end))
    if end is None:
        return t("event_when_time", date=day(start), start=clock(start))
    if end.date() == start.date():
        return t("event_when_times", date=day(start), start=clock(start), end=clock(end))
    return t(
        "event_when_span",
        start=t("event_when_time", date=day(start), start=clock(start)),
        end=t("event_when_time", date=day(end), start=clock(end)),
    )


def machine_time(moment) -> str:
    """For <time datetime> and JSON-LD: a date, or a local time with Skåne's offset then."""
    if isinstance(moment, datetime.datetime):
        return moment.replace(tzinfo=ZoneInfo(TIME_ZONE)).isoformat(timespec="minutes")
    return moment.isoformat()
