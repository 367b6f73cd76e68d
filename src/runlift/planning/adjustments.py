"""Changes to the upcoming plan that a flag suggests and the athlete accepted.

A flag never edits the plan by itself (``runlift flags accept`` does, once). Each change works
on the plan contract (``docs/contracts.md`` §2) and records itself in the plan's
``adjustments`` list, so the plan says what was changed, when and why.

- ``maintenance-week``: the next 7 days' strength sessions keep their loads but halve their
  working sets, the taper's recipe: volume −41–60% with intensity kept (Bosquet 2007 [MA]);
  heavy work once a week keeps strength in season (Rønnestad 2010 [RCT]).
- ``unilateral-emphasis``: for 14 days each single-leg or single-arm exercise gets one more set,
  started on the weaker side (``docs/science.md`` Balance: a deficit is answered with more
  unilateral work).
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from runlift.errors import BadInput

MAINTENANCE_D = 7
UNILATERAL_D = 14
MAX_SETS = 5
KINDS = ("maintenance-week", "unilateral-emphasis")


def _halve(ex: dict[str, Any], _detail: str) -> str | None:
    before = int(ex["sets"])
    after = max(1, math.ceil(before / 2))
    if after == before:
        return None
    ex["sets"] = after
    return f"{ex['exercise_id']} {before}→{after} sets"


def _one_more(ex: dict[str, Any], detail: str) -> str | None:
    if not ex.get("unilateral") or int(ex["sets"]) >= MAX_SETS:
        return None
    ex["sets"] = int(ex["sets"]) + 1
    ex["cues"] = [f"Start with the {detail} side; match its reps on the other.", *ex["cues"]]
    return f"{ex['exercise_id']} +1 set ({detail} side first)"


CHANGES: dict[str, tuple[int, Callable[[dict[str, Any], str], str | None], str]] = {
    "maintenance-week": (MAINTENANCE_D, _halve, "cut to maintenance volume"),
    "unilateral-emphasis": (UNILATERAL_D, _one_more, "unilateral emphasis"),
}


def apply_adjustment(
    plan: dict[str, Any],
    kind: str,
    flag_id: str,
    reason: str,
    today: dt.date,
    detail: str = "",
) -> tuple[dict[str, Any], list[str]]:
    """A copy of ``plan`` with ``kind`` applied from ``today``, and what changed in each session.

    Raises :class:`BadInput` when the flag was already accepted or nothing upcoming can change.
    """
    if kind not in CHANGES:
        raise BadInput(f"unknown adjustment {kind!r}; expected one of: {', '.join(KINDS)}")
    for done in plan.get("adjustments", []):
        if done["flag_id"] == flag_id:
            raise BadInput(f"flag {flag_id} was already accepted on {done['accepted_on']}")
    days, change, words = CHANGES[kind]
    out = copy.deepcopy(plan)
    last = today + dt.timedelta(days=days - 1)
    changed: list[str] = []
    sessions: list[str] = []
    for day in out["days"]:
        session = day.get("strength")
        if not session or not today <= dt.date.fromisoformat(day["date"]) <= last:
            continue
        if kind in session.get("adjusted", []):
            continue  # a flag raised again on a later day does not cut or add twice
        edits = [
            e for ex in session["exercises"] if ex["block"] != "warmup" if (e := change(ex, detail))
        ]
        if edits:
            session["rationale"] += f" Adjusted on {today}: {words}, accepted from a flag: {reason}"
            session["adjusted"] = [*session.get("adjusted", []), kind]
            sessions.append(session["id"])
            changed.append(f"{day['date']} {session['title']}: " + ", ".join(edits))
    if not changed:
        raise BadInput(
            f"nothing to change: no strength session between {today} and {last} that "
            f"{words} would alter"
        )
    out.setdefault("adjustments", []).append(
        {
            "flag_id": flag_id,
            "kind": kind,
            "accepted_on": today.isoformat(),
            "reason": reason,
            "sessions": sessions,
        }
    )
    out["notes"] = [*out.get("notes", []), f"{today}: {words} accepted ({flag_id})."]
    return out, changed
