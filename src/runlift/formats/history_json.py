"""The history contract (``docs/contracts.md`` §4) from logged sessions and runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from runlift.training.model import Run, StrengthSession

HISTORY_SCHEMA = "runlift.history/1"


def _utc_z(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _int_or_none(value: float | None) -> int | None:
    return None if value is None else round(value)


def run_contract(run: Run) -> dict[str, Any]:
    return {
        "id": run.id,
        "start_at": _utc_z(run.start_at),
        "sport": run.sport,
        "distance_m": round(run.distance_m, 1),
        "timer_s": round(run.timer_s, 1),
        "elapsed_s": None if run.elapsed_s is None else round(run.elapsed_s, 1),
        "avg_hr_bpm": _int_or_none(run.avg_hr_bpm),
        "max_hr_bpm": _int_or_none(run.max_hr_bpm),
        "srpe": run.srpe,
        "source": {"format": run.source_format, "sha256": run.source_sha256},
    }


def session_contract(session: StrengthSession) -> dict[str, Any]:
    return {
        "id": session.id,
        "date": session.on.isoformat(),
        "planned_session_id": session.planned_session_id,
        "duration_min": session.duration_min,
        "srpe": session.srpe,
        "notes": session.notes,
        "sets": [
            {
                "exercise_id": s.exercise_id,
                "order": s.order,
                "reps": s.reps,
                "duration_s": s.duration_s,
                "contacts": s.contacts,
                "load_kg": s.load_kg,
                "rpe": s.rpe,
                "side": s.side,
                "warmup": s.warmup,
                "technique": s.technique,
            }
            for s in session.sets
        ],
    }


def history_contract(runs: list[Run], sessions: list[StrengthSession]) -> dict[str, Any]:
    return {
        "schema": HISTORY_SCHEMA,
        "runs": [run_contract(r) for r in runs],
        "strength_sessions": [session_contract(s) for s in sessions],
    }
