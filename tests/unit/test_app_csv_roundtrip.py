"""Strong and Hevy CSV written by runlift read back by runlift's importers to the same sets."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.catalog import Catalog, load_default_catalog
from runlift.formats.activity import ParsedFile, custom_exercise_id
from runlift.formats.app_csv_export import app_name, hevy_csv, hevy_time, strong_csv
from runlift.formats.exercise_names import ExerciseMapper
from runlift.formats.hevy_csv import parse_hevy
from runlift.formats.sniff import sniff
from runlift.formats.strong_csv import parse_strong
from runlift.training.model import SIDES, LoggedSet, StrengthSession

CATALOG = load_default_catalog()
NAMES = {ex.id: ex.name for ex in CATALOG}
EXERCISES = sorted(CATALOG, key=lambda e: e.id)
Writer = Callable[..., str]
DIALECTS: list[tuple[str, Writer, Callable[[bytes, Catalog], ParsedFile]]] = [
    ("strong", strong_csv, parse_strong),
    ("hevy", hevy_csv, parse_hevy),
]


def is_custom(name: str) -> bool:
    return ExerciseMapper(CATALOG).map(name).how == "custom"


custom_names = (
    st.text(string.ascii_letters + string.digits + " ,;'\"()-éü", min_size=1, max_size=40)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: any(c.isalnum() for c in s) and is_custom(s))
)
loads = st.none() | st.floats(0.5, 500, allow_nan=False)
rpes = st.none() | st.floats(0.5, 10, allow_nan=False)


@st.composite
def logged_sets(draw: st.DrawFn, order: int) -> LoggedSet:
    common = {
        "order": order,
        "load_kg": draw(loads),
        "rpe": draw(rpes),
        "side": draw(st.sampled_from(SIDES)),
        "warmup": draw(st.booleans()),
        "technique": draw(st.none() | st.integers(1, 5)),
    }
    if draw(st.integers(0, 5)) == 0:  # an exercise imported under a name the catalog lacks
        name = draw(custom_names)
        hold = draw(st.booleans())
        return LoggedSet(
            custom_exercise_id(name),
            reps=None if hold else draw(st.integers(1, 50)),
            duration_s=draw(st.floats(1, 600)) if hold else None,
            source_name=name,
            **common,  # type: ignore[arg-type]
        )
    ex = draw(st.sampled_from(EXERCISES))
    dose = {
        "reps": {"reps": draw(st.integers(1, 50))},
        "duration": {"duration_s": draw(st.floats(1, 600))},
        "contacts": {"contacts": draw(st.integers(1, 200))},
    }[ex.dose]
    return LoggedSet(ex.id, **dose, **common)  # type: ignore[arg-type]


@st.composite
def sessions(draw: st.DrawFn) -> list[StrengthSession]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        orders = draw(st.lists(st.integers(1, 99), min_size=1, max_size=8, unique=True))
        sets = [draw(logged_sets(order)) for order in orders]  # not in order: sorted on writing
        seconds = draw(st.none() | st.integers(60, 20_000))
        notes = draw(st.text(string.ascii_letters + ' ,;"\n', max_size=30)).strip()
        out.append(
            StrengthSession(
                on=draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))),
                sets=tuple(sets),
                duration_min=None if seconds is None else seconds / 60,
                srpe=draw(st.none() | st.floats(0, 10)),
                notes=notes,
            )
        )
    return sorted(out, key=lambda s: s.on)  # the importers give sessions in date order


def names_for(session_list: list[StrengthSession]) -> dict[str, str]:
    custom = {s.exercise_id: s.source_name for x in session_list for s in x.sets if s.source_name}
    return NAMES | {k: v for k, v in custom.items() if v is not None}


def expected(session: StrengthSession, names: dict[str, str]) -> tuple[object, ...]:
    """What the dialects carry: side, technique and the sets' own numbering are not kept."""
    sets = sorted(session.sets, key=lambda s: s.order)
    notes = [session.notes] if session.notes else []
    for s in sets:
        line = f"{app_name(s, names)}: {s.side} side"
        if s.side != "both" and line not in notes:
            notes.append(line)
    return (
        session.on,
        session.duration_min,
        "\n".join(notes),
        [
            (
                s.exercise_id,
                n,
                s.reps,
                s.duration_s,
                s.contacts,
                None if s.load_kg is None else round(s.load_kg, 3),
                s.rpe,
                "both",
                s.warmup,
                None,
            )
            for n, s in enumerate(sets, start=1)
        ],
    )


def got(session: StrengthSession) -> tuple[object, ...]:
    return (
        session.on,
        session.duration_min,
        session.notes,
        [
            (
                s.exercise_id,
                s.order,
                s.reps,
                s.duration_s,
                s.contacts,
                s.load_kg,
                s.rpe,
                s.side,
                s.warmup,
                s.technique,
            )
            for s in session.sets
        ],
    )


@pytest.mark.parametrize("unit", ["kg", "lb"])
@pytest.mark.parametrize(("fmt", "write", "parse"), DIALECTS, ids=[d[0] for d in DIALECTS])
@given(session_list=sessions())
def test_round_trip(
    fmt: str,
    write: Writer,
    parse: Callable[[bytes, Catalog], ParsedFile],
    unit: str,
    session_list: list[StrengthSession],
) -> None:
    names = names_for(session_list)
    data = write(session_list, names, unit).encode("utf-8")
    assert sniff(f"export.{fmt}", data[:8192]) == fmt
    parsed = parse(data, CATALOG)
    assert [got(s) for s in parsed.strength_sessions] == [expected(s, names) for s in session_list]
    custom = {s.exercise_id for x in session_list for s in x.sets if s.source_name}
    assert dict(parsed.custom_exercises) == {i: names[i] for i in custom}


@pytest.mark.parametrize(("fmt", "write", "parse"), DIALECTS, ids=[d[0] for d in DIALECTS])
def test_every_catalog_exercise_maps_back_to_itself(
    fmt: str, write: Writer, parse: Callable[[bytes, Catalog], ParsedFile]
) -> None:
    dose = {"reps": {"reps": 5}, "duration": {"duration_s": 30.0}, "contacts": {"contacts": 20}}
    sets = tuple(
        LoggedSet(ex.id, n, **dose[ex.dose])  # type: ignore[arg-type]
        for n, ex in enumerate(EXERCISES, start=1)
    )
    parsed = parse(write([StrengthSession(dt.date(2026, 3, 1), sets)], NAMES).encode(), CATALOG)
    (session,) = parsed.strength_sessions
    assert [(s.exercise_id, s.reps, s.duration_s, s.contacts) for s in session.sets] == [
        (s.exercise_id, s.reps, s.duration_s, s.contacts) for s in sets
    ]
    assert not parsed.custom_exercises


def test_app_names_are_the_apps_own() -> None:
    squat = LoggedSet("back-squat", 1, reps=5)
    assert app_name(squat, NAMES) == "Squat (Barbell)"  # the apps' name, not "Back Squat"
    odd = LoggedSet("custom-x", 1, reps=5, source_name="My  Odd Lift")
    assert app_name(odd, NAMES) == "My Odd Lift"
    assert app_name(odd, NAMES | {"custom-x": "Stored Name"}) == "Stored Name"


def test_file_shapes() -> None:
    day = StrengthSession(
        dt.date(2026, 3, 13),
        (LoggedSet("back-squat", 1, reps=5, load_kg=60.0, rpe=8.0),),
        duration_min=65.5,
    )
    empty = StrengthSession(dt.date(2026, 3, 14), ())
    strong = strong_csv([day, empty], NAMES).splitlines()
    assert strong[0].startswith("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps")
    assert strong[1:] == [
        "2026-03-13 12:00:00,Strength,1h 5m 30s,Squat (Barbell),1,60,5,0,0,,,8,kg,km"
    ]
    hevy = hevy_csv([day, day], NAMES, "lb").splitlines()
    assert hevy[0].split(",")[9:12] == ["weight_lbs", "reps", "distance_miles"]
    assert hevy[1] == (
        'Strength,"13 Mar 2026, 12:00","13 Mar 2026, 13:05:30",,Squat (Barbell),,,0,normal,'
        "132.277,5,,,8"
    )
    assert hevy[2].startswith("Strength 2,")  # a second session that day stays a second workout


def test_hevy_time_is_english_whatever_the_locale() -> None:
    assert hevy_time(dt.datetime(2026, 5, 2, 6, 7)) == "2 May 2026, 06:07"


@pytest.mark.parametrize("write", [strong_csv, hevy_csv])
def test_unknown_unit_is_refused(write: Writer) -> None:
    with pytest.raises(ValueError, match="kg or lb"):
        write([], NAMES, "stone")
