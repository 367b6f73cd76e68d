"""Joint-angle signals of one clip: cleaned, per side, with the reliable side chosen.

Angles are 2D interior angles in image pixels [deg], 180 = straight. Landmarks with visibility
below :data:`MIN_VISIBILITY` are dropped, gaps up to :data:`MAX_GAP_S` bridged, and the result
smoothed (``signals.smooth``). Side-on, the near side (higher mean visibility) is used; the far
side is unreliable (measured here with BlazePose). Facing the camera, joint flexion toward the
camera is foreshortened, so knee and hinge angles come from segment heights instead (law of
cosines on the vertical hip–ankle distance; trunk tilt from its vertical length). These
estimates read several degrees low when the hips move back, so front-view angles count reps
but do not grade depth.

:data:`MIN_VISIBILITY` is 0.3, not BlazePose's 0.5 presence default [practice]: side-on, a
standing athlete's near knee and ankle (legs overlapping) read 0.41–0.48 while placed within a
few pixels, so at 0.5 the knee angle was missing until the first descent and the first rep was
lost; a push-up's near wrist read 0.35–0.55 at the bottom and 3 of 4 reps were lost (rendered
clips, ``benchmarks/form_reps.py``). The far limbs read 0.1–0.3 and stay out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runlift.formcheck import landmarks as lm
from runlift.formcheck.signals import angle_deg, fill_gaps, from_vertical_deg, smooth

Array = npt.NDArray[np.float64]
MIN_VISIBILITY = 0.3  # below this a landmark is dropped [practice]; see the module docstring
MAX_GAP_S = 0.5  # bridge dropouts up to this long [practice]
STANDING_PERCENTILE = 95.0  # the hip–ankle height read as standing, facing the camera
BOTH_SIDES_VISIBILITY = 0.7  # both sides "seen" when each averages at least this [practice]

# Per side: shoulder, elbow, wrist, hip, knee, ankle, ear.
_SIDES = {
    "left": (lm.LEFT_SHOULDER, lm.LEFT_ELBOW, lm.LEFT_WRIST, lm.LEFT_HIP, lm.LEFT_KNEE,
             lm.LEFT_ANKLE, lm.LEFT_EAR),
    "right": (lm.RIGHT_SHOULDER, lm.RIGHT_ELBOW, lm.RIGHT_WRIST, lm.RIGHT_HIP, lm.RIGHT_KNEE,
              lm.RIGHT_ANKLE, lm.RIGHT_EAR),
}  # fmt: skip


@dataclass(frozen=True)
class SideSignals:
    """One side's smoothed angle series [deg], each (T,)."""

    knee: Array
    elbow: Array
    hip: Array  # shoulder–hip–knee
    thigh: Array  # thigh against horizontal, + when the hip is above the knee
    body_line: Array  # 180 − shoulder–hip–ankle angle, + when the hip sags below the line
    neck: Array  # hip–shoulder–ear: a proxy for upper-back rounding
    valgus: Array  # knee's medial offset from its hip [hip widths], facing the camera
    visibility: float


@dataclass(frozen=True)
class BodySignals:
    """Everything the rep counter and the fault checks read."""

    times_s: Array
    fps: float
    view: str
    primary: str  # "left" or "right": the better-seen side
    both_seen: bool
    sides: dict[str, SideSignals]
    trunk: Array  # trunk from vertical [deg]
    incline: Array  # ankle→shoulder from vertical [deg]: ~0 standing, ~70–90 in a plank
    hip_y: Array  # mid-hip height [px], y down
    shoulder_y: Array
    pelvis_tilt: Array  # |left hip y − right hip y| / trunk length
    thigh_px: float  # reference segment lengths [px]
    upper_arm_px: float
    trunk_px: float

    def main(self, name: str) -> Array:
        """The rep-counting angle: the primary side side-on, the mean of both facing the camera."""
        if name == "hinge":
            return np.asarray(180.0 - self.trunk, dtype=np.float64)
        series = [getattr(s, name) for s in self.sides.values()]
        if self.view == "side" and not self.both_seen:
            return np.asarray(getattr(self.sides[self.primary], name), dtype=np.float64)
        with np.errstate(invalid="ignore"):
            both = np.vstack(series)
            count = np.sum(~np.isnan(both), axis=0)
            total = np.nansum(both, axis=0)
            return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _reference_length(a: Array, b: Array) -> float:
    length = np.linalg.norm(a - b, axis=1)
    length = length[np.isfinite(length)]
    return float(np.percentile(length, 90)) if length.size else float("nan")


def _height_angle(d: Array, l1: float, l2: float) -> Array:
    """Interior angle [deg] between segments l1, l2 whose ends are ``d`` apart (law of cosines)."""
    with np.errstate(invalid="ignore"):
        cos = np.clip((l1**2 + l2**2 - d**2) / (2 * l1 * l2), -1.0, 1.0)
    return np.asarray(np.degrees(np.arccos(cos)), dtype=np.float64)


def _standing_legs(p: Array, thigh_px: float, shin_px: float) -> tuple[float, float]:
    """Thigh and shin lengths [px] for :func:`_height_angle`, scaled so the clip's standing
    hip–ankle height (its :data:`STANDING_PERCENTILE`) reads as a straight knee.

    Facing the camera, BlazePose's hip sits a little above the hip joint and the 2D segment
    lengths are noisy, so the hip–ankle height when standing is 2–5 % short of thigh + shin;
    near 180° the law of cosines turns that into a knee reading 135–165° while standing. On a
    rendered shallow front-on squat (110° at the bottom) this scaling widened the clip's range
    from 49° to 60°; standing still reads 145–172° (1 % of leg length is 7–16° of knee angle
    near straight), which ``reps.count_reps`` allows for. [practice]
    """
    heights = np.abs(
        p[:, [lm.LEFT_ANKLE, lm.RIGHT_ANKLE], 1] - p[:, [lm.LEFT_HIP, lm.RIGHT_HIP], 1]
    )
    heights = heights[np.isfinite(heights)]
    if heights.size == 0 or not np.isfinite(thigh_px + shin_px) or thigh_px + shin_px <= 0:
        return thigh_px, shin_px
    scale = min(1.0, float(np.percentile(heights, STANDING_PERCENTILE)) / (thigh_px + shin_px))
    return thigh_px * scale, shin_px * scale


def _line_offset(a: Array, b: Array, p: Array) -> Array:
    """+1 where ``p`` lies below (larger y than) the line a–b at its closest point, else −1."""
    u = b - a
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.sum((p - a) * u, axis=1) / np.sum(u * u, axis=1)
    q = a + t[:, None] * u
    return np.where(p[:, 1] > q[:, 1], 1.0, -1.0)


def _valgus(hip: Array, knee: Array, mid_x: Array, hip_w: Array) -> Array:
    """The knee's medial offset from its hip's vertical line, in hip widths (+ = toward the
    midline); the fault check compares it with the rep's start, so a stance does not count.

    Not the frontal-plane projection angle: at squat depth the thigh points at the camera, its
    image is short, and a few pixels of knee shift swing that angle by tens of degrees. An
    offset in hip widths stays stable as the thigh foreshortens (the same reasoning as the
    "valgus shift" in lower-limb lengths of Uhlár et al., Applied Sciences, with Kinect Azure).
    Not against the hip–ankle line either [practice]: when the knees come together BlazePose
    often swaps the ankles (seen on rendered knees-in squats: the ankle gap went from +25 to
    −22 px), which moved that line across the body and hid the fault.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        toward_mid = np.sign(mid_x - hip[:, 0])  # a knee may cross the midline: no abs()
        return toward_mid * (knee[:, 0] - hip[:, 0]) / hip_w


def build(points: Array, visibility: Array, times_s: Array, fps: float, view: str) -> BodySignals:
    """Cleaned signals from repaired landmarks (``signals.fix_swaps`` already applied)."""
    p = points[:, :, :2].copy()
    p[visibility < MIN_VISIBILITY] = np.nan
    gap = max(1, round(MAX_GAP_S * fps))

    def clean(x: Array) -> Array:
        return smooth(fill_gaps(x, gap), fps)

    found = ~np.isnan(points[:, 0, 0])
    mid_sh = np.nanmean(p[:, [lm.LEFT_SHOULDER, lm.RIGHT_SHOULDER]], axis=1)
    mid_hip = np.nanmean(p[:, [lm.LEFT_HIP, lm.RIGHT_HIP]], axis=1)
    vis_side = {
        side: float(np.mean(visibility[found][:, list(idx[:6])])) if found.any() else 0.0
        for side, idx in _SIDES.items()
    }
    primary = max(vis_side, key=lambda s: vis_side[s])
    both_seen = min(vis_side.values()) >= BOTH_SIDES_VISIBILITY
    raw = points[:, :, :2]
    pi = _SIDES[primary]
    thigh_px = _reference_length(raw[:, pi[3]], raw[:, pi[4]])
    shin_px = _reference_length(raw[:, pi[4]], raw[:, pi[5]])
    upper_arm_px = _reference_length(raw[:, pi[0]], raw[:, pi[1]])
    trunk_px = _reference_length(raw[:, pi[0]], raw[:, pi[3]])

    mid_ankle = np.nanmean(p[:, [lm.LEFT_ANKLE, lm.RIGHT_ANKLE]], axis=1)
    if view == "side":
        trunk = from_vertical_deg(p[:, pi[3]], p[:, pi[0]])
        incline = from_vertical_deg(p[:, pi[5]], p[:, pi[0]])
    else:
        vertical = np.abs(mid_hip[:, 1] - mid_sh[:, 1])
        with np.errstate(invalid="ignore"):
            trunk = np.degrees(np.arccos(np.clip(vertical / trunk_px, 0.0, 1.0)))
        incline = from_vertical_deg(mid_ankle, mid_sh)

    hip_w = np.abs(p[:, lm.LEFT_HIP, 0] - p[:, lm.RIGHT_HIP, 0])
    leg_l1, leg_l2 = _standing_legs(p, thigh_px, shin_px)
    sides: dict[str, SideSignals] = {}
    for side, idx in _SIDES.items():
        s_, e_, w_, h_, k_, a_, r_ = (p[:, i] for i in idx)
        if view == "side":
            knee = angle_deg(h_, k_, a_)
        else:
            knee = _height_angle(np.abs(a_[:, 1] - h_[:, 1]), leg_l1, leg_l2)
        dx = np.abs(k_[:, 0] - h_[:, 0])
        thigh = np.degrees(np.arctan2(k_[:, 1] - h_[:, 1], dx))
        line = _line_offset(s_, a_, h_) * (180.0 - angle_deg(s_, h_, a_))
        sides[side] = SideSignals(
            knee=clean(knee),
            elbow=clean(angle_deg(s_, e_, w_)),
            hip=clean(angle_deg(s_, h_, k_)),
            thigh=clean(thigh),
            body_line=clean(line),
            neck=clean(angle_deg(h_, s_, r_)),
            valgus=clean(_valgus(h_, k_, mid_hip[:, 0], hip_w)),
            visibility=vis_side[side],
        )
    tilt = np.abs(p[:, lm.LEFT_HIP, 1] - p[:, lm.RIGHT_HIP, 1]) / trunk_px
    return BodySignals(
        times_s=times_s,
        fps=fps,
        view=view,
        primary=primary,
        both_seen=both_seen,
        sides=sides,
        trunk=clean(trunk),
        incline=clean(incline),
        hip_y=clean(mid_hip[:, 1]),
        shoulder_y=clean(mid_sh[:, 1]),
        pelvis_tilt=clean(tilt),
        thigh_px=thigh_px,
        upper_arm_px=upper_arm_px,
        trunk_px=trunk_px,
    )
