"""Events as iCalendar (RFC 5545): one file of all events to subscribe to, one per event.

Written by hand, a few lines of text: times as UTC instants (a ``Z`` time is
the same moment in every calendar program, across daylight-saving changes),
all-day events as dates; UIDs from the event's file name, so an event keeps
its identity from build to build; the text of one language, with the
language named where a Swedish text stands in for a missing English one.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

from . import routes
from .characters import without_forbidden
from .model import TIME_ZONE, Event, Localized

LINE_LIMIT = 75  # octets per line, CRLF not counted (RFC 5545, 3.1)
# How often a subscribed calendar program should fetch the file again (RFC 7986's
# REFRESH-INTERVAL; X-PUBLISHED-TTL for Outlook and Google): twice a day.
REFRESH = "PT12H"
PRODUCT = "-//Social Innovation Skåne//Webbplats//SV"


def escape(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newlines escaped;
    control characters, which content may not hold (yamlsource), removed all the same."""
    text = without_forbidden(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= LINE_LIMIT:
        return line
    parts, current, limit = [], b"", LINE_LIMIT
    for char in line:
        octets = char.encode("utf-8")
        if len(current) + len(octets) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", LINE_LIMIT - 1  # continuation lines begin with a space
        current += octets
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def utc(moment: datetime.datetime) -> str:
    """A local time in Skåne as the UTC instant it is."""
    instant = moment.replace(tzinfo=ZoneInfo(TIME_ZONE)).astimezone(datetime.UTC)
    return instant.strftime("%Y%m%dT%H%M%SZ")


def _text(name: str, text: Localized, lang: str) -> str:
    shown = text.lang_of(lang)
    parameter = f";LANGUAGE={shown}" if shown != lang else ""
    return f"{name}{parameter}:{escape(text.get(lang))}"


def event_lines(event: Event, lang: str, absolute: Callable[[str], str], host: str) -> list[str]:
    page = absolute(routes.event(lang, event.slug))
    stamp = event.updated or event.added
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.slug}@{host}",
        f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
    ]
    if event.all_day:
        after = event.last_day + datetime.timedelta(days=1)  # DTEND of a date is exclusive
        lines += [f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}", f"DTEND;VALUE=DATE:{after:%Y%m%d}"]
    else:
        lines.append(f"DTSTART:{utc(event.start)}")
        if event.end is not None:
            lines.append(f"DTEND:{utc(event.end)}")
    lines.append(_text("SUMMARY", event.title, lang))
    lines.append(_text("DESCRIPTION", event.summary, lang))
    if event.location is not None:
        place = event.location
        words = [
            place.name,
            place.address,
            place.municipality.label.get(lang) if place.municipality else None,
        ]
        lines.append("LOCATION:" + escape(", ".join(word for word in words if word)))
    elif event.online:
        lines.append("LOCATION:" + escape(event.online))
    lines.append(f"URL:{page}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: list[Event], lang: str, name: str, absolute: Callable[[str], str], host: str) -> str:
    """A whole VCALENDAR, CRLF line ends, folded lines."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape(name)}",
        f"X-WR-CALNAME:{escape(name)}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
        f"X-PUBLISHED-TTL:{REFRESH}",
    ]
    for event in events:
        lines += event_lines(event, lang, absolute, host)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
