"""Accepted flag adjustments change only the upcoming sessions they name, once, and say so."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest

from runlift.app.catalog import catalog
from runlift.app.planning import load_profile
from runlift.errors import BadInput
from runlift.planning import audit, build_plan
from runlift.planning.adjustments import apply_adjustment
from tests_support import EXAMPLES

PROFILE = load_profile(EXAMPLES / "sample-runner.toml")
PLAN: dict[str, Any] = build_plan(PROFILE, catalog(), version="test").to_contract()
TODAY = dt.date.fromisoformat(
    next(d["date"] for d in PLAN["days"][14:] if d["strength"])  # a session day, 2+ weeks in
)


def sessions(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["date"]: d["strength"] for d in plan["days"] if d["strength"]}


def test_maintenance_week_halves_working_sets_for_seven_days_only() -> None:
    after, changes = apply_adjustment(PLAN, "maintenance-week", "f1", "load rose", TODAY)
    before_s, after_s = sessions(PLAN), sessions(after)
    last = TODAY + dt.timedelta(days=6)
    assert changes
    for date, old in before_s.items():
        new = after_s[date]
        inside = TODAY <= dt.date.fromisoformat(date) <= last
        for a, b in zip(old["exercises"], new["exercises"], strict=True):
            if inside and a["block"] != "warmup":
                assert b["sets"] == max(1, math.ceil(a["sets"] / 2))
                assert (b["reps"], b["rpe"], b.get("pct_1rm")) == (
                    a["reps"],
                    a["rpe"],
                    a.get("pct_1rm"),
                )  # the loads stay: only volume is cut
            else:
                assert b == a
        assert ("maintenance-week" in new.get("adjusted", [])) == (inside and new != old)
    assert after["adjustments"][-1]["flag_id"] == "f1"
    assert after["adjustments"][-1]["sessions"]
    assert PLAN.get("adjustments") is None  # the input is not changed


def test_the_same_flag_is_accepted_once_and_a_repeat_flag_does_not_cut_twice() -> None:
    once, _ = apply_adjustment(PLAN, "maintenance-week", "f1", "x", TODAY)
    with pytest.raises(BadInput, match="already accepted"):
        apply_adjustment(once, "maintenance-week", "f1", "x", TODAY)
    # The same kind of flag raised again the next day finds nothing left to cut.
    with pytest.raises(BadInput, match="nothing to change"):
        apply_adjustment(once, "maintenance-week", "f2", "x", TODAY)


def test_unilateral_emphasis_adds_a_set_to_single_limb_work_weaker_side_first() -> None:
    after, changes = apply_adjustment(PLAN, "unilateral-emphasis", "a1", "lsi", TODAY, "left")
    assert changes
    changed = 0
    for date, old in sessions(PLAN).items():
        new = sessions(after)[date]
        for a, b in zip(old["exercises"], new["exercises"], strict=True):
            if b != a:
                changed += 1
                assert a["unilateral"]
                assert b["sets"] == a["sets"] + 1
                assert b["cues"][0].startswith("Start with the left side")
                assert 0 <= (dt.date.fromisoformat(date) - TODAY).days < 14
    assert changed > 0


def test_nothing_upcoming_is_refused() -> None:
    after_race = dt.date.fromisoformat(PLAN["days"][-1]["date"]) + dt.timedelta(days=1)
    with pytest.raises(BadInput, match="nothing to change"):
        apply_adjustment(PLAN, "maintenance-week", "f1", "x", after_race)
    with pytest.raises(BadInput, match="unknown adjustment"):
        apply_adjustment(PLAN, "more-cowbell", "f1", "x", TODAY)


def test_an_adjusted_plan_still_passes_its_own_audit() -> None:
    after, _ = apply_adjustment(PLAN, "maintenance-week", "f1", "x", TODAY)
    failed = [c for c in audit(after, PROFILE, catalog()) if not c["ok"]]
    assert failed == []
