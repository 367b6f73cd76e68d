"""Faults per rep (or over a hold), each with a confidence and a cue from the exercise catalog.

A fault is "likely" when the measure passes its threshold by more than BlazePose's side-on
angle error (~5°, measured here; cf. Stenum et al. 2021), "possible" when it passes by less.
Knee valgus is never more than "possible": 2D frontal-plane valgus measures correlate only
weakly with 3D knee abduction (r ≈ 0.3, per the research behind the form-check issue); it is
measured as the knee's medial shift off its hip (``body._valgus``) beyond where it stood at the
rep's start. :data:`VALGUS_OFFSET` is 0.3 hip widths (was 0.15): on rendered front-on squats
BlazePose read clean reps up to 0.24 and knees-in reps 0.45–0.53 (``benchmarks/form_reps.py``).
All thresholds are [practice] coaching conventions, not study cut-offs.

Squat depth ("parallel"): the hip level with the knee, i.e. the thigh horizontal in a side view,
which is the 2D stand-in for the powerlifting rule that the hip crease passes the top of the
knee (IPF Technical Rules, squat) and the "thigh parallel to the floor" of the strength
literature (Schoenfeld 2010, J Strength Cond Res 24:3497). Hip and knee landmarks are joint
centres, not the crease and the top of the knee, so ±:data:`PARALLEL_GREY_DEG` of thigh angle
around horizontal is reported as "parallel" rather than guessed either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runlift.formcheck.body import BodySignals
from runlift.formcheck.exercises import Family
from runlift.formcheck.reps import RepSpan
from runlift.formcheck.view import CAN_JUDGE

Array = npt.NDArray[np.float64]

ERROR_DEG = 5.0  # side-on 2D angle error: beyond threshold + this, a fault is "likely"
PARALLEL_GREY_DEG = 10.0  # thigh within ±10° of horizontal reads as "parallel"
TRUNK_LEAN_DEG = {"squat": 45.0, "lunge": 25.0}  # trunk from vertical at the bottom [practice]
VALGUS_OFFSET = 0.3  # knee medial of its hip, hip widths beyond the rep start [practice]
BODY_LINE_DEG = 15.0  # shoulder–hip–ankle bend, either way, for sag or pike [practice]
PUSH_UP_ELBOW_DEG = 100.0  # a push-up whose elbow stays above this is short [practice]
PELVIS_TILT = 0.2  # hip height difference / trunk length at the bottom of a SLDL [practice]
NECK_DEG = 140.0  # hip–shoulder–ear below this: upper back and head dropped [practice]
ASYMMETRY_DEG = 15.0  # mean left/right gap in the main angle's minimum [practice]
LUNGE_FRONT_THIGH_MAX_DEG = 45.0  # steeper than this, the near leg is the back leg

_CUE_WORDS = {
    "depth": ("down", "lower", "sit", "drop", "hover"),
    "trunk-lean": ("chest", "tall", "trunk", "brace", "rise together"),
    "knee-valgus": ("knee", "toe"),
    "hip-sag": ("line", "glute", "ribs", "sag"),
    "hip-pike": ("line", "ribs", "glute"),
    "range": ("lower", "fist", "floor"),
    "hip-rotation": ("square", "hips", "toes point down"),
    "rounded-back": ("long", "hinge", "back"),
    "asymmetry": ("even", "both", "square"),
}
_MESSAGES = {
    "depth": "stayed above parallel (hip above the knee at the bottom)",
    "trunk-lean": "leaned the trunk forward, {value:.0f}° from vertical at the bottom",
    "knee-valgus": "possibly let a knee cave inward (2D view; a weak guide to 3D valgus)",
    "hip-sag": "let the hips sag below the shoulder–ankle line",
    "hip-pike": "piked the hips above the shoulder–ankle line",
    "range": "stopped short: elbows stayed above {thr:.0f}°",
    "hip-rotation": "hiked or rotated the free hip open",
    "rounded-back": "possibly rounded the upper back (head and shoulders dropped)",
    "asymmetry": "bent one side more than the other (by {value:.0f}° on average)",
}


@dataclass(frozen=True)
class Finding:
    """A fault in one rep (``rep`` 1-based; 0 for a hold) and how far past its threshold."""

    kind: str
    rep: int
    confidence: str
    value: float = 0.0


def cue_for(kind: str, cues: Sequence[str]) -> str:
    """The first catalog cue that speaks to this fault, else the exercise's first cue."""
    for word in _CUE_WORDS.get(kind, ()):
        for cue in cues:
            if word in cue.lower():
                return cue
    return cues[0] if cues else ""


def message_for(kind: str, reps: Sequence[int], value: float = 0.0) -> str:
    text = _MESSAGES[kind].format(thr=PUSH_UP_ELBOW_DEG, value=value)
    if not reps:
        return f"During the hold you {text}."
    which = "Rep " if len(reps) == 1 else "Reps "
    return which + ", ".join(str(r) for r in reps) + f": {text}."


def _grade(excess: float) -> str:
    return "likely" if excess > ERROR_DEG else "possible"


def _window(x: Array, rep: RepSpan, around: int = 0) -> Array:
    lo = max(rep.start, rep.bottom - around) if around else rep.start
    hi = min(rep.end, rep.bottom + around) if around else rep.end
    return x[lo : hi + 1]


def _peak(x: Array, fn: str = "max") -> float:
    if x.size == 0 or not np.isfinite(x).any():
        return float("nan")
    return float(np.nanmax(x) if fn == "max" else np.nanmin(x))


def depth_of(body: BodySignals, family: Family, rep: RepSpan) -> tuple[str | None, float]:
    """Depth class and the lowest thigh angle [deg, + = hip above knee], side view only."""
    if family.name not in ("squat", "lunge") or body.view != "side":
        return None, float("nan")
    if family.name == "squat":
        thigh = _peak(_window(body.sides[body.primary].thigh, rep), "min")
    else:  # the front leg is the one whose thigh gets flattest
        thigh = min(
            (_peak(_window(s.thigh, rep), "min") for s in body.sides.values()),
            key=lambda v: v if np.isfinite(v) else np.inf,
        )
        if not np.isfinite(thigh) or thigh > LUNGE_FRONT_THIGH_MAX_DEG:
            return None, thigh
    if not np.isfinite(thigh):
        return None, thigh
    if thigh > PARALLEL_GREY_DEG:
        return "above-parallel", thigh
    return ("parallel" if thigh >= -PARALLEL_GREY_DEG else "below-parallel"), thigh


def rep_findings(body: BodySignals, family: Family, rep: RepSpan, n: int) -> list[Finding]:
    """The faults of rep number ``n`` that this view can judge."""
    can = CAN_JUDGE[body.view]
    wanted = [k for k in family.faults if k in can and k != "asymmetry"]
    side = body.sides[body.primary]
    found: list[Finding] = []
    half = max(1, round(0.15 * body.fps))  # ±0.15 s around the bottom
    for kind in wanted:
        if kind == "depth":
            depth, thigh = depth_of(body, family, rep)
            if depth == "above-parallel":
                found.append(Finding(kind, n, _grade(thigh - PARALLEL_GREY_DEG), thigh))
        elif kind == "trunk-lean":
            lean = _peak(_window(body.trunk, rep, half))
            thr = TRUNK_LEAN_DEG[family.name]
            if lean > thr:
                found.append(Finding(kind, n, _grade(lean - thr), lean))
        elif kind == "knee-valgus":
            offset = _valgus_offset(
                [_valgus_shift(s.valgus, rep, half) for s in body.sides.values()]
            )
            if offset > VALGUS_OFFSET:
                found.append(Finding(kind, n, "possible", offset))
        elif kind in ("hip-sag", "hip-pike"):
            found += _line_findings(side.body_line[rep.start : rep.end + 1], n, kind)
        elif kind == "range":
            if rep.angle_min_deg > PUSH_UP_ELBOW_DEG:
                excess = rep.angle_min_deg - PUSH_UP_ELBOW_DEG
                found.append(Finding(kind, n, _grade(excess), rep.angle_min_deg))
        elif kind == "hip-rotation":
            tilt = _peak(_window(body.pelvis_tilt, rep, half))
            if tilt > PELVIS_TILT:
                sure = body.view == "front" and tilt > 1.5 * PELVIS_TILT
                found.append(Finding(kind, n, "likely" if sure else "possible", tilt))
        elif kind == "rounded-back":
            neck = _peak(_window(side.neck, rep, half), "min")
            if neck < NECK_DEG:
                found.append(Finding(kind, n, "possible", neck))
    return found


def _valgus_offset(shifts: list[float]) -> float:
    """The larger knee's medial shift, less any lateral shift of the other knee; NaN (not
    judged) when the other knee moved out by more than :data:`VALGUS_OFFSET` [practice]. The
    knees moving sideways together (one in, one out) is the camera looking obliquely or the body
    turning, not valgus: rendered 45° squats read −2.0 and +2.5 hip widths this way with no
    fault. One knee caving alone, or both, keeps its full shift."""
    finite = [v for v in shifts if np.isfinite(v)]
    if not finite or min(finite) < -VALGUS_OFFSET:
        return float("nan")
    return max(finite) + min(0.0, min(finite))


def _valgus_shift(valgus: Array, rep: RepSpan, half: int) -> float:
    """The knee's medial shift at the bottom beyond where it stood at the rep's start and end,
    so a wide stance or a slight turn of the body is not read as valgus."""
    ends = [v for v in (valgus[rep.start], valgus[rep.end]) if np.isfinite(v)]
    base = float(np.mean(ends)) if ends else 0.0
    return _peak(_window(valgus, rep, half)) - base


def _line_findings(line: Array, n: int, kind: str) -> list[Finding]:
    if line.size == 0 or not np.isfinite(line).any():
        return []
    bend = float(np.nanmedian(line))
    if kind == "hip-sag" and bend > BODY_LINE_DEG:
        return [Finding(kind, n, _grade(bend - BODY_LINE_DEG), bend)]
    if kind == "hip-pike" and -bend > BODY_LINE_DEG:
        return [Finding(kind, n, _grade(-bend - BODY_LINE_DEG), -bend)]
    return []


def hold_findings(body: BodySignals, family: Family, mask: npt.NDArray[np.bool_]) -> list[Finding]:
    """Sag or pike over the frames of a hold (``mask``), side view only."""
    if body.view != "side" or not mask.any():
        return []
    line = body.sides[body.primary].body_line[mask]
    out: list[Finding] = []
    for kind in ("hip-sag", "hip-pike"):
        if kind in family.faults:
            out += _line_findings(line, 0, kind)
    return out


def asymmetry(body: BodySignals, family: Family, reps: Sequence[RepSpan]) -> Finding | None:
    """Mean left/right gap of each rep's lowest main angle, facing the camera with both sides
    seen (side-on, the far limbs are unreliable even when the model is confident)."""
    judged = "asymmetry" in family.faults and "asymmetry" in CAN_JUDGE[body.view]
    if not judged or not body.both_seen or not reps:
        return None
    left = body.sides["left"]
    right = body.sides["right"]
    name = family.main_angle
    gaps = [
        abs(
            _peak(_window(getattr(left, name), r), "min")
            - _peak(_window(getattr(right, name), r), "min")
        )
        for r in reps
    ]
    finite = [g for g in gaps if np.isfinite(g)]
    if not finite:
        return None
    gap = float(np.mean(finite))
    if gap <= ASYMMETRY_DEG:
        return None
    return Finding("asymmetry", 0, _grade(gap - ASYMMETRY_DEG), gap)
