"""Hugo dates: every form Hugo 0.168 accepts, read without losing the offset as written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)"
_LONG_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_TIME = r"(?P<H>\d\d):(?P<M>\d\d):(?P<S>\d\d)(?P<frac>\.\d+)?"
_YMD = r"(?P<Y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)"
_NUM_COLON = r"(?P<off>[+-]\d\d:\d\d)"
_NUM = r"(?P<offc>[+-]\d{4})"
_NAMED = r"(?P<zone>[A-Z]{3,5})"

# Go layouts tried by Hugo (spf13/cast), as regular expressions. Go also accepts a fractional
# second after any seconds field, so _TIME allows one everywhere.
_LAYOUTS: list[tuple[str, int]] = [
    (rf"{_YMD}", 0),
    (rf"{_YMD}T{_TIME}(?:(?P<z>Z)|{_NUM_COLON})", 0),  # RFC 3339
    (rf"{_YMD}T{_TIME}", 0),
    (rf"{_WEEKDAY}, (?P<d>\d\d) {_MON} (?P<Y>\d{{4}}) {_TIME} {_NUM}", re.I),  # RFC 1123Z
    (rf"{_WEEKDAY}, (?P<d>\d\d) {_MON} (?P<Y>\d{{4}}) {_TIME} {_NAMED}", re.I),  # RFC 1123
    (rf"(?P<d>\d\d) {_MON} (?P<y>\d\d) (?P<H>\d\d):(?P<M>\d\d) {_NUM}", re.I),  # RFC 822Z
    (rf"(?P<d>\d\d) {_MON} (?P<y>\d\d) (?P<H>\d\d):(?P<M>\d\d) {_NAMED}", re.I),  # RFC 822
    (rf"{_LONG_WEEKDAY}, (?P<d>\d\d)-{_MON}-(?P<y>\d\d) {_TIME} {_NAMED}", re.I),  # RFC 850
    (rf"{_YMD} {_TIME} {_NUM} {_NAMED}", 0),  # Go's Time.String()
    (rf"{_YMD}T{_TIME}{_NUM}", 0),
    (rf"{_YMD} {_TIME}(?:(?P<z>Z)|{_NUM})", 0),
    (rf"{_YMD} {_TIME}", 0),
    (rf"{_YMD} {_TIME} {_NUM_COLON}", 0),
    (rf"{_YMD} {_TIME} {_NUM}", 0),
    (rf"{_WEEKDAY} {_MON} (?P<d>[ \d]\d) {_TIME} (?P<Y>\d{{4}})", re.I),  # ANSIC
    (rf"{_WEEKDAY} {_MON} (?P<d>[ \d]\d) {_TIME} {_NAMED} (?P<Y>\d{{4}})", re.I),  # UnixDate
    (rf"{_WEEKDAY} {_MON} (?P<d>\d\d) {_TIME} {_NUM} (?P<Y>\d{{4}})", re.I),  # RubyDate
    (rf"(?P<d>\d\d) {_MON} (?P<Y>\d{{4}})", re.I),
    # time-only layouts (Kitchen, Stamp): Hugo accepts them and dates the post in year 0
    (r"(?P<h12>\d{1,2}):(?P<M>\d\d)(?P<ampm>AM|PM)", 0),
    (rf"{_MON} (?P<d>[ \d]\d) {_TIME}", re.I),
]


@dataclass(frozen=True)
class HugoDate:
    """A date as Hugo reads it. `value` is aware when the text had an offset or a zone name."""

    value: dt.datetime
    has_time: bool
    has_offset: bool
    named_zone: str | None = None
    year_missing: bool = False

    def aware(self, tz: dt.tzinfo | None = None) -> dt.datetime:
        """The instant, reading a date without offset in `tz` (Hugo's site timeZone, else UTC)."""
        if self.value.tzinfo is not None:
            return self.value
        return self.value.replace(tzinfo=tz or dt.UTC)


def _offset(text: str) -> dt.timezone:
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


class OutOfRange(ValueError):
    """A date Hugo reads (as Unix seconds, say) that lies beyond the years 1 to 9999."""


def parse(value: object) -> HugoDate:
    """Read `value` (a string, a native date/datetime, or Unix seconds) as Hugo does.

    Raises ValueError with Hugo's reason when Hugo would fail the build on it, and OutOfRange for
    a date outside the years 1 to 9999 (Python's, and the editor's, range).
    """
    try:
        return _parse(value)
    except (OverflowError, OSError) as exc:
        raise OutOfRange(f"{value!r} is outside the years 1 to 9999") from exc


def _parse(value: object) -> HugoDate:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date")
    if isinstance(value, dt.datetime):
        return HugoDate(value, True, value.tzinfo is not None)
    if isinstance(value, dt.date):
        return HugoDate(dt.datetime(value.year, value.month, value.day), False, False)
    if isinstance(value, int):  # Unix seconds (a float is not a date to Hugo: it fails the build)
        return HugoDate(dt.datetime.fromtimestamp(value, dt.UTC), True, True)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date")
    for pattern, flags in _LAYOUTS:  # compiled when first tried (re keeps them): the usual
        m = re.fullmatch(pattern, flags=flags, string=value)  # forms come first, the rest wait
        if m:
            return _build(m.groupdict(), value)
    raise ValueError(
        f"unable to parse date {value!r}: Hugo accepts RFC 3339 such as "
        "2014-09-28T10:11:12-05:00, or 2014-09-28"
    )


def _build(g: dict[str, str | None], text: str) -> HugoDate:
    year_missing = g.get("Y") is None and g.get("y") is None
    if g.get("Y"):
        year = int(g["Y"] or 0)
    elif g.get("y"):
        yy = int(g["y"] or 0)
        year = 1900 + yy if yy >= 69 else 2000 + yy  # Go's two-digit year rule
    else:
        year = 0
    mon = g.get("mon")
    month = _MONTHS[mon.lower()] if mon else int(g.get("m") or 1)
    day = int((g.get("d") or "1").strip())
    if g.get("h12"):
        hour = int(g["h12"] or 0) % 12 + (12 if g.get("ampm") == "PM" else 0)
    else:
        hour = int(g.get("H") or 0)
    minute, second = int(g.get("M") or 0), int(g.get("S") or 0)
    micro = int(((g.get("frac") or ".0")[1:] + "000000")[:6])
    tz: dt.tzinfo | None = None
    zone = g.get("zone")
    if g.get("z"):
        tz = dt.UTC
    elif g.get("off") or g.get("offc"):
        tz = _offset(g.get("off") or g.get("offc") or "")
    elif zone:
        # Go reads an abbreviation it does not know in the local zone as offset 0
        tz = dt.UTC
    has_time = g.get("H") is not None or g.get("h12") is not None
    try:
        # year 0 does not exist in Python; Hugo's time-only dates land there, keep a marker
        value = dt.datetime(max(year, 1), month, day, hour, minute, second, micro, tzinfo=tz)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from None
    named = zone if zone and zone not in ("UTC", "GMT") and not (g.get("off") or g.get("offc")) else None
    return HugoDate(value, has_time, tz is not None, named, year_missing)
