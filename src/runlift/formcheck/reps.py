"""Counting reps with hysteresis on the main joint angle, gated so that non-exercise counts 0.

A rep is a descent of the main angle below a low threshold followed by a return above a high
one (a Schmitt trigger: jitter between the two thresholds cannot count twice). The thresholds
sit at fixed fractions of the clip's own range of motion, so deep and shallow sets count alike.
Each candidate must then pass three gates [practice]:

- range: the angle bends at least the family's ``min_rom_deg`` (a held position or a wobble
  bends a few degrees, well under 30–40°), measured from the mean of the rep's two tops (before
  and after the bottom) rather than the lower one: facing the camera the knee angle comes from
  heights and a straight leg reads anywhere from 145° to 175° (1 % of leg length is 7–16° near
  straight), which cut the last rep of shallow front-on squats (rendered, 110° at the bottom:
  4 of 5 counted with the lower top, 5 of 5 with the mean) [practice];
- timing: it lasts between ``min_rep_s`` and ``max_rep_s`` (twitches and holds are not reps);
- travel: the hips (or shoulders) drop by a fraction of the thigh (upper arm, trunk) length.
  Walking bends the knee ~60° per stride but moves the hips only a few centimetres; this gate
  is what makes a walk count 0.

Why rules and not a learned counter: a general model across 1,900 exercises counts reps only to
85.3 % off-by-one accuracy (LiFT: Postlmayr, Cosman & Dey 2025, arXiv:2506.06480), while five
known families each have one dominant joint angle with a clean dip per rep (seen here with
BlazePose on real squat clips: ~45–50° at the bottom, ~179° standing).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from runlift.formcheck.exercises import Family

Array = npt.NDArray[np.float64]

DOWN_FRACTION = 0.5  # below top − 0.5·ROM the rep has started down [practice]
UP_FRACTION = 0.25  # above top − 0.25·ROM it is back up; the band between is the hysteresis
NEAR_TOP_FRACTION = 0.15  # start and end are where the angle is within 15 % of the top
HORIZONTAL_DEG = 60.0  # ankle→shoulder this far from vertical: a plank position [practice]


@dataclass(frozen=True)
class RepSpan:
    """One counted rep, as frame indices, and the lowest main angle [deg]."""

    start: int
    bottom: int
    end: int
    angle_min_deg: float


@dataclass
class Counted:
    """The reps that passed every gate, and why other movements were not counted."""

    reps: list[RepSpan] = field(default_factory=list)
    range_deg: float = 0.0
    rejected: dict[str, int] = field(default_factory=dict)

    def reject(self, reason: str) -> None:
        self.rejected[reason] = self.rejected.get(reason, 0) + 1


def _crossings(angle: Array, down_thr: float, up_thr: float) -> list[tuple[int, int]]:
    """(down, up) index pairs of each full descent-and-return; NaN frames keep the state."""
    pairs: list[tuple[int, int]] = []
    state = "unknown"  # a clip that starts low must first rise, so a cut rep is not counted
    down_at = -1
    for i, a in enumerate(angle):
        if np.isnan(a):
            continue
        if state == "unknown" and a >= up_thr:
            state = "up"
        elif state == "up" and a < down_thr:
            state, down_at = "down", i
        elif state == "down" and a > up_thr:
            pairs.append((down_at, i))
            state = "up"
    return pairs


def count_reps(
    angle: Array, times_s: Array, travel_y: Array, travel_ref_px: float, family: Family
) -> Counted:
    """Reps in a cleaned main-angle series ``angle`` [deg] (180 = straight).

    ``travel_y`` is the image height [px, y down] of the point that must drop during a rep,
    and ``travel_ref_px`` the segment length its drop is measured against.
    """
    out = Counted()
    valid = angle[~np.isnan(angle)]
    if valid.size < 3:
        return out
    top = float(np.percentile(valid, 99))
    low = float(np.percentile(valid, 1))
    rom = top - low
    out.range_deg = rom
    if rom < family.min_rom_deg:
        return out
    down_thr = top - DOWN_FRACTION * rom
    up_thr = top - UP_FRACTION * rom
    near_top = top - NEAR_TOP_FRACTION * rom
    pairs = _crossings(angle, down_thr, up_thr)
    floor = 0
    for n, (d, u) in enumerate(pairs):
        limit = pairs[n + 1][0] if n + 1 < len(pairs) else angle.size
        start = _last_at_least(angle, floor, d, near_top)
        end = _first_at_least(angle, u, limit, near_top)
        segment = angle[d : u + 1]
        bottom = d + int(np.nanargmin(segment))
        floor = end
        duration = float(times_s[end] - times_s[start])
        tops = (np.nanmax(angle[start : d + 1]), np.nanmax(angle[u : end + 1]))
        rep_rom = float(np.mean(tops)) - float(angle[bottom])  # descent and ascent, averaged
        if rep_rom < family.min_rom_deg:
            out.reject("range")
        elif not family.min_rep_s <= duration <= family.max_rep_s:
            out.reject("too fast" if duration < family.min_rep_s else "too slow")
        elif not _travelled(travel_y, start, bottom, end, travel_ref_px, family.min_travel):
            out.reject("no drop")
        else:
            out.reps.append(RepSpan(start, bottom, end, float(angle[bottom])))
    return out


def _last_at_least(x: Array, lo: int, hi: int, level: float) -> int:
    idx = np.flatnonzero(x[lo : hi + 1] >= level)
    return lo + int(idx[-1]) if idx.size else lo + int(np.nanargmax(x[lo : hi + 1]))


def _first_at_least(x: Array, lo: int, hi: int, level: float) -> int:
    hi = min(hi, x.size)
    idx = np.flatnonzero(x[lo:hi] >= level)
    return lo + int(idx[0]) if idx.size else lo + int(np.nanargmax(x[lo:hi]))


def _travelled(y: Array, start: int, bottom: int, end: int, ref_px: float, frac: float) -> bool:
    if not np.isfinite(ref_px) or ref_px <= 0:
        return True  # no reference length: the gate cannot judge, so it does not veto
    window = y[max(start, bottom - 2) : bottom + 3]
    tops = [v for v in (y[start], y[end]) if np.isfinite(v)]
    if not tops or not np.isfinite(window).any():
        return True
    drop = float(np.nanmax(window)) - float(np.mean(tops))
    return drop >= frac * ref_px


def hold_seconds(incline_deg: Array, times_s: Array) -> float:
    """The longest stretch [s] with the body at least :data:`HORIZONTAL_DEG` from vertical.

    A plank is a hold, so its measure is time in position, not reps. Frames with no estimate
    (NaN, after short gaps were bridged) end a stretch.
    """
    flat = np.nan_to_num(incline_deg, nan=0.0) >= HORIZONTAL_DEG
    best = 0.0
    start: int | None = None
    dt = float(np.median(np.diff(times_s))) if times_s.size > 1 else 0.0
    for i, on in enumerate([*flat.tolist(), False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            best = max(best, float(times_s[i - 1] - times_s[start]) + dt)
            start = None
    return best
