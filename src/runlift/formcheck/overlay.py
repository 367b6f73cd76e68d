"""What the annotated video says on each frame: the main angle, the reps done so far, and the
fault of the rep in progress, in the words of the table (pure: times in, text out)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from runlift.formcheck.result import FormResult

LABELS = {
    "depth": "depth",
    "trunk-lean": "trunk lean",
    "knee-valgus": "knees in?",
    "hip-sag": "hips sag",
    "hip-pike": "hips pike",
    "range": "short range",
    "asymmetry": "left/right",
    "hip-rotation": "hips rotate",
    "rounded-back": "back rounds?",
}


@dataclass(frozen=True)
class FrameNote:
    angle_deg: float | None
    rep_count: int
    fault: str | None


def frame_notes(result: FormResult, times_s: list[float]) -> list[FrameNote]:
    """One note per frame time: reps count once each rep ends; a rep's faults show during it."""
    angles = list(result.angle_deg) or [math.nan] * len(times_s)
    notes: list[FrameNote] = []
    for i, t in enumerate(times_s):
        done = sum(1 for r in result.reps if r.end_s <= t)
        now = next((r for r in result.reps if r.start_s <= t < r.end_s), None)
        fault = ", ".join(LABELS.get(k, k) for k in now.faults) if now and now.faults else None
        angle = angles[i] if i < len(angles) else math.nan
        notes.append(FrameNote(None if math.isnan(angle) else angle, done, fault))
    return notes
