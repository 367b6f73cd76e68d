"""Activities from one decoded FIT file: summaries from sessions, laps or records, and streams.

* One :class:`Activity` per ``session`` message (a multisport file has one per leg), with the
  session's own totals (``summary_from="session"``).
* No session (a file cut short, or a writer that leaves it out): the laps' totals, when the laps
  reach the last record (``"laps"``: timer, elapsed and distance summed, heart rate weighted by lap
  timer time); else the records (``"records"``): start at the first record, distance the last
  cumulative distance, timer the span of the records less the pauses between timer stop and start
  events, heart rate the mean and maximum of the samples.
* ``hr_samples`` and ``distance_samples`` are the records inside the activity's time span, in
  seconds from its start. A heart rate of 0 or 255 (FIT's "invalid") is no sample.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import operator
from collections.abc import Sequence
from itertools import compress, repeat

from runlift.formats.activity import Activity
from runlift.formats.fit.messages import Messages
from runlift.formats.fit.plans import INVALID_U32, Value
from runlift.formats.fit.profile_data import MESG_NUM, SPORT, SUB_SPORT

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
SESSION, LAP, EVENT, SPORT_MESG = (MESG_NUM[n] for n in ("session", "lap", "event", "sport"))
_TIMER = 0  # event "timer"
_START = 0  # event_type "start"
_STOPS = frozenset({1, 4, 8, 9})  # stop, stop_all, stop_disable, stop_disable_all
_HEART_RATES = frozenset(range(1, 255))  # 0 and 255 are no reading
_HAS_DISTANCE = functools.partial(operator.ne, INVALID_U32)
LAPS_REACH_S = 60  # laps "reach" the records when the last lap ends at most this before them

Message = dict[str, Value]
Samples = tuple[tuple[float, float], ...]


def fit_time(seconds: float) -> dt.datetime:
    """A FIT timestamp (seconds since 1989-12-31T00:00:00Z) as an aware UTC datetime."""
    return FIT_EPOCH + dt.timedelta(seconds=seconds)


def number(message: Message, name: str) -> float | None:
    value = message.get(name)
    if isinstance(value, tuple):
        value = value[0] if value else None
    return value if isinstance(value, int | float) else None


def sport_names(sport: float | None, sub_sport: float | None) -> tuple[str, str | None]:
    """runlift's sport and sub-sport for FIT's enum values ("other" and None when generic)."""
    name = SPORT.get(int(sport)) if sport is not None else None
    sub = SUB_SPORT.get(int(sub_sport)) if sub_sport is not None else None
    return (
        name if name not in (None, "generic", "all") else "other",
        sub if sub not in (None, "generic", "all") else None,
    )


class Records:
    """The file's records in time order, without those that have no timestamp."""

    def __init__(self, messages: Messages) -> None:
        ts, hr, dist = messages.rec_ts, messages.rec_hr, messages.rec_dist
        if ts != sorted(ts):
            order = sorted(range(len(ts)), key=ts.__getitem__)
            ts, hr, dist = [ts[i] for i in order], [hr[i] for i in order], [dist[i] for i in order]
        valid = bisect.bisect_left(ts, INVALID_U32)
        self.ts: Sequence[int] = ts[:valid]
        self.hr: Sequence[int] = hr[:valid]
        self.dist: Sequence[float] = dist[:valid]

    def streams(self, start: float, end: float) -> tuple[Samples, Samples]:
        """(hr_samples, distance_samples) of the records from ``start`` to ``end``."""
        lo, hi = bisect.bisect_left(self.ts, start), bisect.bisect_right(self.ts, end)
        if lo >= hi:
            return (), ()
        offsets = list(map(operator.sub, self.ts[lo:hi], repeat(start)))
        hr, dist = self.hr[lo:hi], self.dist[lo:hi]
        if min(hr) > 0 and max(hr) < 255:
            hr_samples = tuple(zip(offsets, hr, strict=True))
        else:
            valid = map(_HEART_RATES.__contains__, hr)
            hr_samples = tuple(compress(zip(offsets, hr, strict=True), valid))
        metres = map(operator.truediv, dist, repeat(100))
        if max(dist) < INVALID_U32:
            distance_samples = tuple(zip(offsets, metres, strict=True))
        else:
            present = map(_HAS_DISTANCE, dist)
            distance_samples = tuple(compress(zip(offsets, metres, strict=True), present))
        return hr_samples, distance_samples


def _hr_values(samples: Samples) -> list[float]:
    return list(map(operator.itemgetter(1), samples))


def activities(messages: Messages) -> tuple[list[Activity], list[str]]:
    """The activities in one FIT file, and notes on what could not become one."""
    records = Records(messages)
    events = messages.of(EVENT)
    sessions = messages.of(SESSION)
    if sessions:
        found, notes = [], []
        for number_, session in enumerate(_in_order(sessions), start=1):
            activity = _from_session(session, records, events)
            if activity is None:
                notes.append(f"session {number_} has no start time: not imported")
            else:
                found.append(activity)
        return found, notes
    laps = messages.of(LAP)
    sport_mesg = (messages.of(SPORT_MESG) or [{}])[0]
    if laps and _laps_reach(laps, records):
        return [_from_laps(laps, records, sport_mesg)], []
    if len(records.ts) >= 2 and records.ts[-1] > records.ts[0]:
        return [_from_records(records, events, laps, sport_mesg)], []
    if records.ts:
        return [], ["a single timestamped record and no session or lap: not imported"]
    if messages.rec_ts:
        return [], ["records without timestamps and no session or lap: not imported"]
    return [], []


def _in_order(sessions: list[Message]) -> list[Message]:
    def start(s: Message) -> float:
        return number(s, "start_time") or 0.0

    return sorted(sessions, key=start)


def _hr(value: float | None) -> float | None:
    """A heart rate, or None for FIT writers' 0 ("no heart rate")."""
    return value or None


def _max(values: list[float]) -> float | None:
    return max(values) if values else None


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _from_session(session: Message, records: Records, events: list[Message]) -> Activity | None:
    """The session's totals; a total it lacks comes from its records, where they have it."""
    elapsed = number(session, "total_elapsed_time")
    timer = number(session, "total_timer_time")
    start = number(session, "start_time")
    end = number(session, "timestamp")
    if start is None:
        if end is not None and elapsed is not None:
            start = end - elapsed
        elif records.ts:
            start = records.ts[0]
        else:
            return None
    if elapsed is not None:
        end = start + elapsed
    elif end is None or end < start:
        end = records.ts[-1] if records.ts and records.ts[-1] >= start else start
    hr_samples, distance_samples = records.streams(start, end)
    distance = number(session, "total_distance")
    if distance is None and len(distance_samples) >= 2:
        distance = distance_samples[-1][1] - distance_samples[0][1]
    if elapsed is None and end > start:
        elapsed = end - start
    if timer is None and elapsed is not None:
        timer = timer_from_events(events, start, end)
    sport, sub_sport = sport_names(number(session, "sport"), number(session, "sub_sport"))
    return Activity(
        sport=sport,
        sub_sport=sub_sport,
        start_at=fit_time(start),
        distance_m=distance,
        timer_s=timer,
        elapsed_s=elapsed,
        avg_hr_bpm=_hr(number(session, "avg_heart_rate")) or _mean(_hr_values(hr_samples)),
        max_hr_bpm=_hr(number(session, "max_heart_rate")) or _max(_hr_values(hr_samples)),
        total_ascent_m=number(session, "total_ascent"),
        summary_from="session",
        hr_samples=hr_samples,
        distance_samples=distance_samples,
    )


def _laps_reach(laps: list[Message], records: Records) -> bool:
    ends = [number(lap, "timestamp") for lap in laps]
    last_end = max((e for e in ends if e is not None), default=None)
    if not records.ts:
        return True
    return last_end is not None and last_end >= records.ts[-1] - LAPS_REACH_S


def _sum(laps: list[Message], name: str) -> float | None:
    values = [number(lap, name) for lap in laps]
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _from_laps(laps: list[Message], records: Records, sport_mesg: Message) -> Activity:
    starts = [s for s in (number(lap, "start_time") for lap in laps) if s is not None]
    start = min(starts) if starts else records.ts[0] if records.ts else 0.0
    ends = [e for e in (number(lap, "timestamp") for lap in laps) if e is not None]
    elapsed = max(ends) - start if ends else _sum(laps, "total_elapsed_time")
    weighted = [
        (hr, t)
        for lap in laps
        if (hr := _hr(number(lap, "avg_heart_rate"))) and (t := number(lap, "total_timer_time"))
    ]
    total_t = sum(t for _, t in weighted)
    maxima = [m for m in (_hr(number(lap, "max_heart_rate")) for lap in laps) if m]
    sport, sub_sport = sport_names(
        number(sport_mesg, "sport") if sport_mesg else number(laps[0], "sport"),
        number(sport_mesg, "sub_sport") if sport_mesg else number(laps[0], "sub_sport"),
    )
    hr_samples, distance_samples = records.streams(start, start + (elapsed or 0))
    return Activity(
        sport=sport,
        sub_sport=sub_sport,
        start_at=fit_time(start),
        distance_m=_sum(laps, "total_distance"),
        timer_s=_sum(laps, "total_timer_time"),
        elapsed_s=elapsed,
        avg_hr_bpm=round(sum(hr * t for hr, t in weighted) / total_t, 1) if total_t else None,
        max_hr_bpm=max(maxima) if maxima else None,
        total_ascent_m=_sum(laps, "total_ascent"),
        summary_from="laps",
        hr_samples=hr_samples,
        distance_samples=distance_samples,
    )


def timer_from_events(events: list[Message], first: float, last: float) -> float:
    """Seconds the timer ran between ``first`` and ``last``, from timer start/stop events."""
    changes = [
        (t, kind)
        for e in events
        if number(e, "event") == _TIMER
        and (t := number(e, "timestamp")) is not None
        and ((kind := number(e, "event_type")) == _START or kind in _STOPS)
    ]
    changes.sort(key=operator.itemgetter(0))
    if not changes:
        return last - first
    running = changes[0][1] in _STOPS  # a first event that stops means it ran from the start
    since, total = first, 0.0
    for t, kind in changes:
        t = min(max(t, first), last)
        if kind == _START and not running:
            running, since = True, t
        elif kind != _START and running:
            running, total = False, total + t - since
    if running:
        total += last - since
    return total


def _from_records(
    records: Records, events: list[Message], laps: list[Message], sport_mesg: Message
) -> Activity:
    first, last = records.ts[0], records.ts[-1]
    hr_samples, distances = records.streams(first, last)
    hrs = _hr_values(hr_samples)
    sport, sub_sport = sport_names(
        number(sport_mesg or (laps or [{}])[0], "sport"),
        number(sport_mesg or (laps or [{}])[0], "sub_sport"),
    )
    return Activity(
        sport=sport,
        sub_sport=sub_sport,
        start_at=fit_time(first),
        distance_m=distances[-1][1] if distances else None,
        timer_s=timer_from_events(events, first, last),
        elapsed_s=float(last - first),
        avg_hr_bpm=_mean(hrs),
        max_hr_bpm=max(hrs) if hrs else None,
        summary_from="records",
        hr_samples=hr_samples,
        distance_samples=distances,
    )
