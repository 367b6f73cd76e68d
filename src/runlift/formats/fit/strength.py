"""A watch-logged strength session from FIT ``set`` messages (message 225).

Every set whose ``set_type`` is not ``rest`` becomes a :class:`LoggedSet`, in file order:
``repetitions`` → reps; ``weight`` (kg, FIT scale 16) → load (0 or none is bodyweight); a set with
no reps keeps its ``duration`` as a hold. No set is dropped.

The exercise comes from ``category`` and ``category_subtype`` (the FIT profile's exercise name of
that category, e.g. squat / ``goblet_squat``), tried in order:

1. the exercise name against the catalog's ids, names and aliases (for equipment categories,
   ``banded_exercises``, ``sandbag``, ``suspension``…, only with the equipment word in front,
   so that a banded squat is not the back squat);
2. the set's workout step name (``exercise_title.wkt_step_name``), if the watch wrote one;
3. when the set names no exercise within its category: the catalog exercise with that
   ``fit_category``, if exactly one has it;
4. a custom exercise, ``custom_exercise_id("<Category>: <Name>")``, kept with its name.

The session's date is the local date of the first set's start: the UTC date shifted by the
``activity`` message's ``local_timestamp - timestamp`` when the file gives one.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from importlib import resources

from runlift.catalog.model import Catalog
from runlift.formats.activity import custom_exercise_id
from runlift.formats.fit.messages import Messages
from runlift.formats.fit.plans import Value
from runlift.formats.fit.profile_data import EXERCISE_CATEGORY, MESG_NUM
from runlift.formats.fit.summary import fit_time, number
from runlift.training.model import LoggedSet, StrengthSession

SET, TITLE, ACTIVITY = MESG_NUM["set"], MESG_NUM["exercise_title"], MESG_NUM["activity"]
_REST = 0
# Categories named after equipment: their exercise names are only the movement.
_EQUIPMENT_WORDS = {
    "banded_exercises": ("banded", "band"),
    "sandbag": ("sandbag",),
    "suspension": ("trx", "suspension"),
    "sled": ("sled",),
    "tire": ("tire",),
    "battle_rope": ("battle rope",),
    "sledge_hammer": ("sledge hammer",),
    "ladder": ("ladder",),
}


@functools.cache
def exercise_names() -> dict[tuple[int, int], str]:
    """(category, category_subtype) → the FIT profile's exercise name, e.g. (28, 37): …squat."""
    text = resources.files(__package__).joinpath("exercise_names.tsv").read_text("utf-8")
    names: dict[tuple[int, int], str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            category, subtype, name = line.split("\t")
            names[int(category), int(subtype)] = name
    return names


def _words(name: str) -> str:
    return name.replace("_", " ").title()


@dataclass
class _Mapper:
    catalog: Catalog
    custom: dict[str, str] = field(default_factory=dict)
    _by_category: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for ex in self.catalog:
            if ex.fit_category:
                self._by_category.setdefault(ex.fit_category, []).append(ex.id)

    def _lookup(self, text: str) -> str | None:
        found = self.catalog.resolve(text)
        if found is not None:
            return found.id
        slug = "-".join(text.lower().replace("_", " ").split())
        return slug if slug in self.catalog else None

    def exercise_id(self, category: int | None, subtype: int | None, title: str | None) -> str:
        cat = EXERCISE_CATEGORY.get(category) if category is not None else None
        if cat == "unknown":
            cat = None
        name = None
        if category is not None and subtype is not None:
            name = exercise_names().get((category, subtype))
        if name is not None and cat is not None:
            words = _EQUIPMENT_WORDS.get(cat)
            for text in [f"{w} {_words(name)}" for w in words] if words else [name]:
                if (found := self._lookup(text)) is not None:
                    return found
        if title and (found := self._lookup(title)) is not None:
            return found
        if name is None and cat is not None and len(self._by_category.get(cat, ())) == 1:
            return self._by_category[cat][0]
        if cat is None and name is None and title:
            display = title
        else:
            what = _words(name) if name else f"Exercise {subtype}" if subtype is not None else ""
            display = f"{_words(cat) if cat else 'Unknown'}: {what}".rstrip(": ")
        custom = custom_exercise_id(display)
        self.custom.setdefault(custom, display)
        return custom


def _first(message: dict[str, Value], name: str) -> int | None:
    value = number(message, name)
    return int(value) if value is not None else None


def strength_session(
    messages: Messages, catalog: Catalog, duration_s: float | None, fallback_on: dt.date | None
) -> tuple[StrengthSession | None, dict[str, str]]:
    """The file's strength session and the custom exercises it made; None without active sets.

    ``duration_s`` is the session's length when an activity gives it (else the sets' span), and
    ``fallback_on`` its date when no set has a time.
    """
    sets = [s for s in messages.of(SET) if number(s, "set_type") != _REST]
    if not sets:
        return None, {}
    titles = {
        int(i): t for t in messages.of(TITLE) if (i := number(t, "message_index")) is not None
    }
    mapper = _Mapper(catalog)
    logged: list[LoggedSet] = []
    for order, s in enumerate(sets, start=1):
        step = _first(s, "wkt_step_index")
        title = titles.get(step, {}) if step is not None else {}
        category = _first(s, "category")
        subtype = _first(s, "category_subtype")
        if category is None and title:
            category, subtype = _first(title, "exercise_category"), _first(title, "exercise_name")
        step_name = title.get("wkt_step_name")
        exercise_id = mapper.exercise_id(
            category, subtype, step_name if isinstance(step_name, str) else None
        )
        reps = number(s, "repetitions")
        duration = number(s, "duration")
        weight = number(s, "weight")
        timed = not reps and duration is not None
        logged.append(
            LoggedSet(
                exercise_id=exercise_id,
                order=order,
                reps=None if timed else int(reps or 0),
                duration_s=duration if timed else None,
                load_kg=weight if weight else None,
            )
        )
    on = _local_date(sets, messages) or fallback_on
    if on is None:
        return None, {}
    session = StrengthSession(
        on=on,
        sets=tuple(logged),
        duration_min=round(duration_s / 60, 1) if duration_s else _span_min(sets),
    )
    return session, mapper.custom


def _local_offset(messages: Messages) -> float:
    for activity in messages.of(ACTIVITY):
        utc, local = number(activity, "timestamp"), number(activity, "local_timestamp")
        if utc is not None and local is not None and abs(local - utc) <= 18 * 3600:
            return local - utc
    return 0.0


def _local_date(sets: list[dict[str, Value]], messages: Messages) -> dt.date | None:
    for s in sets:
        start = number(s, "start_time") or number(s, "timestamp")
        if start is not None:
            return fit_time(start + _local_offset(messages)).date()
    return None


def _span_min(sets: list[dict[str, Value]]) -> float | None:
    starts = [t for t in (number(s, "start_time") for s in sets) if t is not None]
    ends = [
        t + (number(s, "duration") or 0) for s in sets if (t := number(s, "start_time")) is not None
    ]
    if not starts or not ends:
        return None
    return round((max(ends) - min(starts)) / 60, 1) or None
