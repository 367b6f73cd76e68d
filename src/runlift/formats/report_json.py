"""The report contract (``docs/contracts.md`` §5, ``runlift.report/1``) from a :class:`Report`.

The contract's keys come first and keep their meaning; the fields after them are additions the
contract allows (trends, running, coverage gaps, notes, skipped exercises). Numbers are rounded
to what the measurement supports, so the output is stable and readable.
"""

from __future__ import annotations

from typing import Any

from runlift.analytics.model import Report

SCHEMA = "runlift.report/1"


def _r(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def report_contract(report: Report) -> dict[str, Any]:
    """The report as the JSON contract's document."""
    return {
        "schema": SCHEMA,
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "daily": [
            {
                "date": d.on.isoformat(),
                "load_run": round(d.load_run, 1),
                "load_strength": round(d.load_strength, 1),
                "load": round(d.load, 1),
                "estimated": d.estimated,
                "ctl": round(d.ctl, 1),
                "atl": round(d.atl, 1),
                "tsb": round(d.tsb, 1),
                "acwr": _r(d.acwr, 2),
                "monotony": _r(d.monotony, 2),
                "strain": _r(d.strain, 1),
            }
            for d in report.daily
        ],
        "weekly": [
            {
                "week_start": w.week_start.isoformat(),
                "run_distance_m": round(w.run_distance_m, 1),
                "muscle_sets": dict(w.muscle_sets),
                "push_sets": w.push_sets,
                "pull_sets": w.pull_sets,
                "knee_dominant_sets": w.knee_dominant_sets,
                "hip_dominant_sets": w.hip_dominant_sets,
                "adherence": _r(w.adherence, 3),
                "strength_sessions": w.strength_sessions,
                "missed": list(w.missed),
                "unmapped_sets": w.unmapped_sets,
            }
            for w in report.weekly
        ],
        "asymmetry": [
            {
                "exercise_id": a.exercise_id,
                "lsi": round(a.lsi, 3),
                "flag": a.flag,
                "weaker_side": a.weaker_side,
                "sessions": a.sessions,
                "noise": _r(a.noise, 3),
                "measure": a.measure,
            }
            for a in report.asymmetry
        ],
        "flags": [
            {
                "date": f.on.isoformat(),
                "kind": f.kind,
                "message": f.message,
                "action": f.action,
                "id": f.id,
                "severity": f.severity,
                "adjustment": f.adjustment,
            }
            for f in report.flags
        ],
        "trends": [
            {
                "exercise_id": t.exercise_id,
                "name": t.name,
                "sessions": t.sessions,
                "e1rm": [
                    {"date": p.on.isoformat(), "e1rm_kg": round(p.e1rm_kg, 1)} for p in t.e1rm
                ],
                "best_e1rm_kg": _r(t.best_e1rm_kg, 1),
                "best_e1rm_on": t.best_e1rm_on.isoformat() if t.best_e1rm_on else None,
                "change_pct": _r(t.change_pct, 1),
                "longest_hold_s": t.longest_hold_s,
                "contacts": t.contacts,
            }
            for t in report.trends
        ],
        "running": [
            {
                "week_start": r.week_start.isoformat(),
                "distance_m": round(r.distance_m, 1),
                "runs": r.runs,
                "easy_pace_s_per_km": _r(r.easy_pace_s_per_km, 1),
                "easy_hr_bpm": _r(r.easy_hr_bpm, 1),
                "m_per_beat": _r(r.m_per_beat, 3),
            }
            for r in report.running
        ],
        "coverage_gaps": list(report.coverage_gaps),
        "skipped": [{"exercise_id": e, "times": n} for e, n in report.skipped],
        "notes": list(report.notes),
    }
