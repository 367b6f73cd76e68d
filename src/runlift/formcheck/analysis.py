"""The form check's pure core: a ``PoseTrack`` and an exercise name in, a ``FormResult`` out.

Steps: refuse clips with a person in fewer than half the frames; pick the view; repair
left/right swaps; build cleaned joint-angle signals; check the body's orientation fits the
exercise (an upright athlete is not doing push-ups); count reps (or time a plank hold); find
faults; rate. Nothing here reads files, the clock or a random source.
"""

from __future__ import annotations

import functools
import warnings as _warnings
from dataclasses import replace

import numpy as np

from runlift.catalog import Catalog, load_default_catalog
from runlift.errors import BadInput
from runlift.formcheck import body as body_mod
from runlift.formcheck import faults as fl
from runlift.formcheck.exercises import Family, resolve
from runlift.formcheck.pose import PoseTrack
from runlift.formcheck.rating import technique
from runlift.formcheck.reps import HORIZONTAL_DEG, Counted, count_reps, hold_seconds
from runlift.formcheck.result import FAULT_KINDS, Fault, FormResult, Rep
from runlift.formcheck.signals import fix_swaps
from runlift.formcheck.view import VIEWS, detect_view, unjudged

MIN_POSE_FRACTION = 0.5  # §8: fewer than half the frames with a person is an error
UPRIGHT_MAX_DEG = 45.0  # a push-up or plank never has the trunk this upright throughout


@functools.cache
def _default_catalog() -> Catalog:
    return load_default_catalog()


def analyse(
    track: PoseTrack, exercise: str, view: str = "auto", catalog: Catalog | None = None
) -> FormResult:
    """Analyse one filmed set. ``exercise`` is a family name or a catalog id of that family;
    ``view`` is ``auto``, ``side`` or ``front``. Raises :class:`BadInput` for an unknown
    exercise or view, and when fewer than half the frames show a person."""
    resolved = resolve(exercise, catalog if catalog is not None else _default_catalog())
    family = resolved.family
    cues = resolved.exercise.cues if resolved.exercise is not None else ()
    found = int(track.found.sum())
    if track.frames == 0 or found < MIN_POSE_FRACTION * track.frames:
        raise BadInput(
            f"a person was found in only {found} of {track.frames} frames (at least half are "
            "needed); film the whole body, well lit, with the athlete filling more of the frame"
        )
    notes: list[str] = []
    if view == "auto":
        view, notes = detect_view(track.points[track.found])
    elif view not in VIEWS:
        raise BadInput(f"--view: {view!r} is not known; expected auto, side or front")
    points, visibility, swapped = fix_swaps(track.points, track.visibility)
    if swapped.any():
        n_swapped = int(swapped.sum())
        notes.append(
            f"left and right were swapped by the pose model in {n_swapped} frames; repaired"
        )
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN frames are expected
        sig = body_mod.build(points, visibility, track.times_s, track.fps, view)
    base = FormResult(family.name, view, track.frames, track.fps, found)
    mismatch = _orientation_problem(sig, family)
    if mismatch:
        rating, reasons = technique((), 0, family.name == "plank")
        return replace(
            base,
            hold_s=0.0 if family.name == "plank" else None,
            technique=rating,
            technique_reasons=tuple(reasons),
            warnings=(*notes, mismatch),
        )
    if view == "front" and family.main_angle in ("knee", "hinge"):
        notes.append(
            "facing the camera, knee and hip angles are estimated from heights and read low; "
            "they count reps but are not exact"
        )
    notes += unjudged(view, family.faults)
    if family.name == "plank":
        hold = hold_seconds(sig.incline, sig.times_s)
        flat = np.nan_to_num(sig.incline, nan=0.0) >= HORIZONTAL_DEG
        faults = tuple(_merge(fl.hold_findings(sig, family, flat), cues))
        rating, reasons = technique(faults, 0, True)
        return replace(
            base,
            hold_s=hold,
            faults=faults,
            technique=rating,
            technique_reasons=tuple(reasons),
            warnings=tuple(notes),
        )
    travel = sig.hip_y if family.travel_point == "hip" else sig.shoulder_y
    ref = {"knee": sig.thigh_px, "elbow": sig.upper_arm_px, "hinge": sig.trunk_px}[
        family.main_angle
    ]
    main = sig.main(family.main_angle)
    counted = count_reps(main, sig.times_s, travel, ref, family)
    notes += _count_notes(counted, family)
    reps: list[Rep] = []
    findings: list[fl.Finding] = []
    for n, span in enumerate(counted.reps, start=1):
        mine = fl.rep_findings(sig, family, span, n)
        findings += mine
        depth, _ = fl.depth_of(sig, family, span)
        t = sig.times_s
        reps.append(
            Rep(
                float(t[span.start]), float(t[span.bottom]), float(t[span.end]),
                span.angle_min_deg, depth, tuple(dict.fromkeys(f.kind for f in mine)),
            )
        )  # fmt: skip
    asym = fl.asymmetry(sig, family, counted.reps)
    if asym is not None:
        findings.append(asym)
    faults = tuple(_merge(findings, cues))
    rating, reasons = technique(faults, len(reps), False)
    return replace(
        base,
        reps=tuple(reps),
        faults=faults,
        technique=rating,
        technique_reasons=tuple(reasons),
        warnings=tuple(notes),
        angle_name=family.main_angle,
        angle_deg=tuple(float(a) for a in main),
    )


def _orientation_problem(sig: body_mod.BodySignals, family: Family) -> str | None:
    """A message when the body's orientation cannot be this exercise (wrong --exercise)."""
    trunk = sig.incline[np.isfinite(sig.incline)]
    if trunk.size == 0:
        return f"the trunk was never seen clearly, so no {family.name} could be judged"
    if family.horizontal and float(np.percentile(trunk, 90)) < UPRIGHT_MAX_DEG:
        return (
            f"the athlete stays upright, which does not look like a {family.name}; "
            "check the exercise chosen (no reps counted)"
        )
    if not family.horizontal and float(np.percentile(trunk, 10)) >= HORIZONTAL_DEG:
        return (
            f"the athlete's body is horizontal throughout, which does not look like a "
            f"{family.name} (a push-up or plank?); check the exercise chosen (no reps counted)"
        )
    return None


def _count_notes(counted: Counted, family: Family) -> list[str]:
    notes: list[str] = []
    joint = {"knee": "knee", "elbow": "elbow", "hinge": "hip hinge"}[family.main_angle]
    if not counted.reps and counted.range_deg < family.min_rom_deg:
        notes.append(
            f"no {family.name} reps found: the {joint} angle moved only {counted.range_deg:.0f}° "
            f"(a rep needs at least {family.min_rom_deg:.0f}°); a hold, or another exercise?"
        )
    why = {
        "range": "were too shallow",
        "too fast": f"were faster than {family.min_rep_s:g} s",
        "too slow": f"took longer than {family.max_rep_s:g} s",
        "no drop": f"bent the {joint} without the {family.travel_point}s dropping (walking?)",
    }
    for reason, n in sorted(counted.rejected.items()):
        notes.append(f"{n} movement(s) were not counted as reps: they {why[reason]}")
    return notes


def _merge(findings: list[fl.Finding], cues: tuple[str, ...]) -> list[Fault]:
    """One :class:`Fault` per kind, in the contract's order, "likely" if any rep was."""
    out: list[Fault] = []
    for kind in FAULT_KINDS:
        mine = [f for f in findings if f.kind == kind]
        if not mine:
            continue
        reps = tuple(sorted({f.rep for f in mine if f.rep > 0}))
        confidence = "likely" if any(f.confidence == "likely" for f in mine) else "possible"
        value = float(np.mean([f.value for f in mine]))
        out.append(
            Fault(kind, reps, confidence, fl.message_for(kind, reps, value), fl.cue_for(kind, cues))
        )
    return out
