"""FIT workout files from real plans, read back by two independent decoders.

Every file is decoded by garmin-fit-sdk (integrity checked, no errors) and by fitdecode (header and
file CRC checked, errors raised), and every step is compared with the plan: names, categories,
reps or ms, rest, repeat counts and weights. The expected steps are worked out here from the plan
contract, not by the encoder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable, Mapping
from typing import Any

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Profile, Stream
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runlift.app.catalog import catalog
from runlift.app.planning import load_profile
from runlift.app.today import PlanContext, targets_for
from runlift.catalog import Catalog
from runlift.catalog.model import normalise_name
from runlift.formats.fit_workout import encode_workout
from runlift.planning import build_plan
from runlift.training.model import LoggedSet, StrengthSession
from tests_support import EXAMPLES

CREATED = dt.datetime(2026, 12, 1, 6, 30, tzinfo=dt.UTC)
TYPES = Profile["types"]
BLOCKS = ("warmup", "power", "main", "accessory", "core", "prehab")


def plan_for(profile_file: str) -> tuple[Any, dict[str, Any]]:
    profile = load_profile(EXAMPLES / profile_file)
    return profile, build_plan(profile, catalog(), version="test").to_contract()


def sessions_of(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [day["strength"] for day in plan["days"] if day["strength"]]


def first_session(plan: dict[str, Any], wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    return next(s for s in sessions_of(plan) if any(wanted(e) for e in s["exercises"]))


def expected_steps(
    session: Mapping[str, Any], targets: Mapping[int, float | None], cat: Catalog
) -> list[dict[str, Any]]:
    """The steps the plan asks for, in order, with their indexes."""
    steps: list[dict[str, Any]] = []
    for e in sorted(session["exercises"], key=lambda e: e["order"]):
        side = 2 if e["per_side"] else 1
        if e["duration_s"] is not None:
            kind, value = "time", round(e["duration_s"] * 1000) * side
        else:
            kind, value = "reps", (e["reps"] if e["reps"] is not None else e["contacts"]) * side
        ex = cat.get(e["exercise_id"]) if e["exercise_id"] in cat else None
        step = {
            "kind": kind,
            "name": e["name"],
            "category": ex.fit_category if ex else None,
            "exercise": ex,
            "weight": None,
        }
        if e["block"] == "warmup":
            steps.append(step | {"intensity": "warmup", "value": value * e["sets"]})
            continue
        active = len(steps)
        load = targets.get(e["order"])
        steps.append(step | {"intensity": "active", "value": value, "weight": load or None})
        if e["rest_s"]:
            steps.append({"kind": "time", "intensity": "rest", "value": e["rest_s"] * 1000})
        if e["sets"] > 1:
            steps.append({"kind": "repeat", "from": active, "sets": e["sets"]})
    return steps


def garmin_messages(data: bytes) -> dict[str, list[dict[str, Any]]]:
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages


def fitdecode_messages(data: bytes) -> list[tuple[str, dict[int, Any]]]:
    """(message name, {field number: raw value}), with the header and file CRCs checked."""
    out: list[tuple[str, dict[int, Any]]] = []
    crcs = []
    with fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.RAISE,
    ) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitHeader):
                assert frame.crc_matched
            elif isinstance(frame, fitdecode.FitCRC):
                crcs.append(frame.matched)
            elif isinstance(frame, fitdecode.FitDataMessage):
                out.append((frame.name, {f.def_num: f.raw_value for f in frame.fields}))
    assert crcs == [True]
    return out


def check_file(
    data: bytes,
    session: Mapping[str, Any],
    targets: Mapping[int, float | None],
    cat: Catalog,
    unit: str = "kilogram",
) -> list[dict[str, Any]]:
    """Both decoders agree with the plan; returns the SDK's steps."""
    expected = expected_steps(session, targets, cat)
    sdk = garmin_messages(data)
    (file_id,) = sdk["file_id_mesgs"]
    assert file_id["type"] == "workout"
    assert file_id["manufacturer"] == "development"
    assert file_id["product"] == 0
    assert file_id["serial_number"] > 0
    assert file_id["time_created"] == CREATED
    (workout,) = sdk["workout_mesgs"]
    assert workout["sport"] == "training"
    assert workout["sub_sport"] == "strength_training"
    assert workout["num_valid_steps"] == len(expected)
    steps = sdk["workout_step_mesgs"]
    assert len(steps) == len(expected)
    independent = fitdecode_messages(data)
    assert [name for name, _ in independent][:2] == ["file_id", "workout"]
    raw = [fields for name, fields in independent if name == "workout_step"]
    assert len(raw) == len(expected)
    for index, (want, got, rawf) in enumerate(zip(expected, steps, raw, strict=True)):
        assert got["message_index"] == rawf[254] == index
        if want["kind"] == "repeat":
            assert got["duration_type"] == "repeat_until_steps_cmplt"
            assert got["duration_step"] == rawf[2] == want["from"]
            assert got["repeat_steps"] == rawf[4] == want["sets"]
            assert rawf[1] == 6
            continue
        assert got["intensity"] == want["intensity"]
        assert rawf[7] == {"active": 0, "rest": 1, "warmup": 2}[want["intensity"]]
        assert got["duration_value"] == rawf[2] == want["value"]
        if want["kind"] == "time":
            assert got["duration_type"] == "time"
            assert rawf[1] == 0
            assert got["duration_time"] == pytest.approx(want["value"] / 1000)
        else:
            assert got["duration_type"] == "reps"
            assert rawf[1] == 29
            assert got["duration_reps"] == want["value"]
        if want["intensity"] == "rest":
            assert "exercise_category" not in got
            continue
        assert want["name"].startswith(got["wkt_step_name"])
        assert got["wkt_step_name"]
        if want["category"] is not None:
            assert got["exercise_category"] == want["category"]
            assert TYPES["exercise_category"][rawf[10]] == want["category"]
        else:
            assert got["exercise_category"] not in (None, "unknown")
        ex = want["exercise"]
        if "exercise_name" in got:
            fit_name = TYPES[f"{got['exercise_category']}_exercise_name"][got["exercise_name"]]
            known = {normalise_name(t.replace("'", "")) for t in (ex.id, ex.name, *ex.aliases)}
            assert normalise_name(fit_name) in known
        if want["weight"] is None:
            assert "exercise_weight" not in got
            assert "weight_display_unit" not in got
        else:
            assert got["exercise_weight"] == pytest.approx(min(want["weight"], 655.34), abs=0.006)
            assert rawf[12] == min(round(want["weight"] * 100), 0xFFFE)
            assert got["weight_display_unit"] == unit
    return steps


def encode(session: Mapping[str, Any], **kw: Any) -> tuple[bytes, list[str]]:
    args: dict[str, Any] = {
        "name": session["title"],
        "targets_kg": {},
        "catalog": catalog(),
        "created_at": CREATED,
    }
    return encode_workout(session, **(args | kw))


def test_holds_are_milliseconds_and_per_side_holds_count_both_sides() -> None:
    _, plan = plan_for("sample-runner.toml")
    session = first_session(plan, lambda e: e["duration_s"] is not None and e["per_side"])
    data, _ = encode(session)
    steps = check_file(data, session, {}, catalog())
    side_plank = next(s for s in steps if s.get("wkt_step_name") == "Side Plank")
    planned = next(e for e in session["exercises"] if e["exercise_id"] == "side-plank")
    assert side_plank["duration_value"] == planned["duration_s"] * 1000 * 2
    assert "each side" in side_plank["notes"]


def test_per_side_reps_count_both_sides() -> None:
    _, plan = plan_for("sample-runner.toml")
    session = first_session(plan, lambda e: e["reps"] is not None and e["per_side"])
    data, _ = encode(session)
    steps = check_file(data, session, {}, catalog())
    planned = next(e for e in session["exercises"] if e["per_side"] and e["block"] != "warmup")
    step = next(s for s in steps if s.get("wkt_step_name") == planned["name"])
    assert step["duration_reps"] == planned["reps"] * 2
    assert step["notes"].startswith(f"{planned['sets']} × {planned['reps']} reps each side")


def test_plyometric_contacts_become_reps() -> None:
    _, plan = plan_for("experienced-marathoner.toml")
    session = first_session(plan, lambda e: e["contacts"] is not None)
    data, _ = encode(session)
    steps = check_file(data, session, {}, catalog())
    planned = next(e for e in session["exercises"] if e["contacts"] is not None)
    step = next(s for s in steps if s.get("wkt_step_name") == planned["name"])
    assert step["exercise_category"] == "plyo"
    assert step["duration_reps"] == planned["contacts"] * (2 if planned["per_side"] else 1)


def test_experienced_marathoner_loads_from_the_progression_engine() -> None:
    profile, plan = plan_for("experienced-marathoner.toml")
    days = [d for d in plan["days"] if d["strength"]]
    day = days[3]
    on = dt.date.fromisoformat(day["date"])
    loaded = [
        e for e in day["strength"]["exercises"] if catalog().get(e["exercise_id"]).externally_loaded
    ]
    assert loaded
    history = StrengthSession(
        on=on - dt.timedelta(days=3),
        sets=tuple(
            LoggedSet(e["exercise_id"], i, reps=e["reps"], load_kg=20.0 + 2.5 * i, rpe=6.5)
            for i, e in enumerate(loaded, start=1)
        ),
    )
    ctx = PlanContext(profile, plan, [history])
    targets = {
        t.planned["order"]: t.target.load_kg if t.target else None
        for t in targets_for(ctx, day["strength"], on)
    }
    assert any(targets.values()), "the engine gives loads once there is history"
    data, _ = encode(day["strength"], targets_kg=targets, weight_unit="lb")
    steps = check_file(data, day["strength"], targets, catalog(), unit="pound")
    assert sum("exercise_weight" in s for s in steps) == sum(1 for v in targets.values() if v)


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.toml")))
def test_every_example_plan_decodes_as_planned(example: str) -> None:
    _, plan = plan_for(example)
    for session in sessions_of(plan)[:6]:
        data, _ = encode(session)
        check_file(data, session, {}, catalog())


def without_category(cat: Catalog, exercise_id: str) -> Catalog:
    return Catalog(
        tuple(
            dataclasses.replace(ex, fit_category=None) if ex.id == exercise_id else ex for ex in cat
        )
    )


def test_no_category_takes_the_nearest_with_a_note() -> None:
    _, plan = plan_for("sample-runner.toml")
    session = first_session(plan, lambda e: e["exercise_id"] == "hamstring-walkout")
    cat = without_category(catalog(), "hamstring-walkout")
    data, notes = encode(session, catalog=cat)
    assert notes == ["hamstring-walkout has no FIT category: exported as 'leg_curl' (nearest)"]
    steps = check_file(data, session, {}, cat)
    walkout = next(s for s in steps if s.get("wkt_step_name") == "Hamstring Walkout")
    assert walkout["exercise_category"] == "leg_curl"


def test_exercise_missing_from_the_catalog() -> None:
    _, plan = plan_for("sample-runner.toml")
    session = sessions_of(plan)[0]
    odd = dict(session["exercises"][-1], exercise_id="made-up-move", name="Made-Up Move")
    unknown = dict(odd, exercise_id="stranger", pattern="juggling", order=99)
    data, notes = encode(session | {"exercises": [*session["exercises"][:-1], odd, unknown]})
    assert notes[0].startswith("made-up-move has no FIT category: exported as")
    assert notes[1] == "stranger has no FIT category: exported as 'unknown'"
    steps = garmin_messages(data)["workout_step_mesgs"]
    assert [s["exercise_category"] for s in steps if "exercise_category" in s][-1] == "unknown"


def test_catalog_exercises_without_a_category_get_one() -> None:
    missing = [ex for ex in catalog() if ex.fit_category is None]
    session = {
        "id": "x",
        "title": "Feet",
        "exercises": [
            {
                "order": i,
                "block": "prehab",
                "exercise_id": ex.id,
                "name": ex.name,
                "sets": 2,
                "reps": 10 if ex.dose == "reps" else None,
                "duration_s": 30 if ex.dose == "duration" else None,
                "contacts": 20 if ex.dose == "contacts" else None,
                "per_side": False,
                "rest_s": 30,
                "rpe": 6.0,
            }
            for i, ex in enumerate(missing, start=1)
        ],
    }
    data, notes = encode(session)
    assert len(notes) == len(missing)
    assert all("(nearest)" in note for note in notes)
    check_file(data, session, {}, catalog())


def test_same_input_same_bytes() -> None:
    _, plan = plan_for("sample-runner.toml")
    session = sessions_of(plan)[1]
    targets = {3: 12.5, 4: 10.0}
    first = encode(session, targets_kg=targets)
    again = encode(session, targets_kg=dict(reversed(targets.items())))
    assert first == again
    assert encode(session, created_at=CREATED + dt.timedelta(seconds=1))[0] != first[0]
    other = sessions_of(plan)[2]
    serials = {
        garmin_messages(encode(s)[0])["file_id_mesgs"][0]["serial_number"] for s in (session, other)
    }
    assert len(serials) == 2  # another session id, another serial number


def test_long_and_unicode_names_are_cut_safely() -> None:
    _, plan = plan_for("sample-runner.toml")
    session = sessions_of(plan)[0]
    name = "Kraft – Übungen für Läufer ✓ " * 3
    data, notes = encode(session, name=name)
    wkt_name = garmin_messages(data)["workout_mesgs"][0]["wkt_name"]
    assert name.startswith(wkt_name)
    assert len(wkt_name.encode("utf-8")) <= 31
    assert wkt_name == "Kraft – Übungen für Läufer"  # 31 bytes: at a word's end, not in "✓"
    assert garmin_messages(encode(session, name="Übung " * 9)[0])["workout_mesgs"][0][
        "wkt_name"
    ] == " ".join(["Übung"] * 4)  # 5 words are 34 bytes: cut back to the last whole word
    assert notes == []


def test_a_damaged_file_fails_both_decoders() -> None:
    _, plan = plan_for("sample-runner.toml")
    data = bytearray(encode(sessions_of(plan)[0])[0])
    data[40] ^= 0x01
    assert not Decoder(Stream.from_byte_array(data)).check_integrity()
    with pytest.raises(fitdecode.FitCRCError):
        fitdecode_messages(bytes(data))


@st.composite
def random_sessions(draw: st.DrawFn) -> tuple[dict[str, Any], dict[int, float | None], str]:
    chosen = draw(st.lists(st.sampled_from(catalog().exercises), min_size=1, max_size=8))
    exercises = []
    for order, ex in enumerate(chosen, start=1):
        amount = draw(st.integers(1, 120))
        exercises.append(
            {
                "order": order,
                "block": draw(st.sampled_from(BLOCKS)),
                "exercise_id": ex.id,
                "name": ex.name,
                "pattern": ex.pattern,
                "sets": draw(st.integers(1, 8)),
                "reps": amount if ex.dose == "reps" else None,
                "duration_s": amount if ex.dose == "duration" else None,
                "contacts": amount if ex.dose == "contacts" else None,
                "per_side": draw(st.booleans()),
                "rest_s": draw(st.integers(0, 600)),
                "rpe": draw(st.none() | st.sampled_from([5.0, 6.5, 8.0])),
            }
        )
    load = st.none() | st.floats(0, 800, allow_nan=False).map(lambda kg: round(kg, 2))
    targets = draw(st.dictionaries(st.integers(1, len(exercises)), load))
    session = {"id": draw(st.text(max_size=20)), "title": "t", "exercises": exercises}
    return session, targets, draw(st.text(max_size=60))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_sessions())
def test_random_sessions_round_trip(
    case: tuple[dict[str, Any], dict[int, float | None], str],
) -> None:
    session, targets, name = case
    data, notes = encode(session, name=name, targets_kg=targets)
    check_file(data, session, targets, catalog())
    wkt_name = garmin_messages(data)["workout_mesgs"][0].get("wkt_name", "")
    assert name.replace("\0", "").startswith(wkt_name)
    assert encode(session, name=name, targets_kg=targets)[0] == data
    uncategorised = {e["exercise_id"] for e in session["exercises"]} & {
        ex.id for ex in catalog() if ex.fit_category is None
    }
    assert {n.split(" ")[0] for n in notes if "no FIT category" in n} == uncategorised
