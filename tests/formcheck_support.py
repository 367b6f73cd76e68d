"""Synthetic pose tracks for the form-check tests: 2D stick figures with known joint angles.

Each builder places BlazePose's 33 landmarks from segment lengths and angles, so the tests know
the true knee, elbow, thigh, trunk and body-line angles by construction. Coordinates are image
pixels with y down; the figure faces +x side-on. Helpers add noise, dropouts, low far-side
visibility and left/right swaps, as a real pose model does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runlift.formcheck import landmarks as lm
from runlift.formcheck.pose import PoseTrack

Array = npt.NDArray[np.float64]
SHIN, THIGH, TRUNK, UPPER_ARM, FOREARM, HEAD = 180.0, 190.0, 250.0, 130.0, 120.0, 60.0
HIP_W, SHOULDER_W = 150.0, 190.0
W, H = 1080, 1080
GROUND = 1000.0


@dataclass(frozen=True)
class Sides:
    """Per-landmark 2D positions (T, 2) for the left and right sides and the face."""

    left: dict[str, Array]
    right: dict[str, Array]
    face: Array  # nose (T, 2)


def times(duration_s: float, fps: float) -> Array:
    return np.arange(round(duration_s * fps)) / fps


def rep_profile(
    t: Array, n: int, rep_s: float, rest_s: float, low: float, high: float = 175.0,
    start_s: float = 1.0,
) -> Array:  # fmt: skip
    """``high`` standing, dipping to ``low`` in ``n`` smooth cosine reps of ``rep_s`` each."""
    out = np.full(t.shape, high)
    for k in range(n):
        t0 = start_s + k * (rep_s + rest_s)
        u = (t - t0) / rep_s
        inside = (u >= 0) & (u <= 1)
        out[inside] = high - (high - low) * (1 - np.cos(2 * np.pi * u[inside])) / 2
    return out


def clip_length(n: int, rep_s: float, rest_s: float, start_s: float = 1.0) -> float:
    return start_s + n * (rep_s + rest_s) + 1.0


def _assemble(
    sides: Sides, fps: float, t: Array, near_vis: float = 0.95, far_vis: float = 0.95,
    near: str = "left",
) -> PoseTrack:  # fmt: skip
    T = t.shape[0]
    pts = np.zeros((T, 33, 3))
    vis = np.zeros((T, 33))
    names = {
        "shoulder": (lm.LEFT_SHOULDER, lm.RIGHT_SHOULDER),
        "elbow": (lm.LEFT_ELBOW, lm.RIGHT_ELBOW),
        "wrist": (lm.LEFT_WRIST, lm.RIGHT_WRIST),
        "hip": (lm.LEFT_HIP, lm.RIGHT_HIP),
        "knee": (lm.LEFT_KNEE, lm.RIGHT_KNEE),
        "ankle": (lm.LEFT_ANKLE, lm.RIGHT_ANKLE),
        "ear": (lm.LEFT_EAR, lm.RIGHT_EAR),
    }
    hands = {"wrist": ((17, 19, 21), (18, 20, 22))}
    feet = ((lm.LEFT_HEEL, lm.LEFT_FOOT_INDEX), (lm.RIGHT_HEEL, lm.RIGHT_FOOT_INDEX))
    for s, (side, v) in enumerate(
        (
            (sides.left, near_vis if near == "left" else far_vis),
            (sides.right, far_vis if near == "left" else near_vis),
        )
    ):
        for name, idx in names.items():
            pts[:, idx[s], :2] = side[name]
            vis[:, idx[s]] = v
        for i in hands["wrist"][s]:
            pts[:, i, :2] = side["wrist"] + np.array([4.0, 2.0])
            vis[:, i] = v
        pts[:, feet[s][0], :2] = side["ankle"] + np.array([-25.0, 8.0])
        pts[:, feet[s][1], :2] = side["ankle"] + np.array([55.0, 10.0])
        vis[:, feet[s][0]] = v
        vis[:, feet[s][1]] = v
    for i in (lm.NOSE, 1, 2, 3, 4, 5, 6, lm.MOUTH_LEFT, lm.MOUTH_RIGHT):
        pts[:, i, :2] = sides.face
        vis[:, i] = 0.95
    return PoseTrack(fps=fps, width=W, height=H, times_s=t, points=pts, visibility=vis)


def side_squat(
    knee_deg: Array, t: Array, fps: float, *, thigh_bottom_deg: float | None = None,
    trunk_bottom_deg: float = 30.0, far_vis: float = 0.3, x0: float = 500.0,
) -> PoseTrack:  # fmt: skip
    """Side-on squat (or lunge-like knee bend): knee interior angle over time.

    The shin tilts forward in proportion to the bend; at the deepest frame the thigh's angle
    above horizontal is ``thigh_bottom_deg`` (default: shin vertical, thigh = knee − 90). The
    trunk leans forward in proportion, to ``trunk_bottom_deg`` at the deepest frame.
    Identities: thigh = knee − 90 + shin_tilt (all in degrees).
    """
    flex = 180.0 - knee_deg
    frac = flex / max(float(flex.max()), 1e-9)
    k_min = float(knee_deg.min())
    shin_bottom = 0.0 if thigh_bottom_deg is None else thigh_bottom_deg + 90.0 - k_min
    shin = np.radians(frac * shin_bottom)
    thigh = np.radians(knee_deg - 90.0) + shin
    trunk = np.radians(frac * trunk_bottom_deg)
    side = _sagittal(x0, shin, thigh, trunk, np.zeros_like(shin))
    far = {k: v + np.array([8.0, -3.0]) for k, v in side.items()}
    return _assemble(
        Sides(side, far, side["ear"] + np.array([25.0, 10.0])), fps, t, far_vis=far_vis
    )


def side_lunge(
    front_knee_deg: Array, t: Array, fps: float, *, thigh_bottom_deg: float = 0.0,
    trunk_bottom_deg: float = 10.0, far_vis: float = 0.3,
) -> PoseTrack:  # fmt: skip
    """Side-on reverse lunge, filmed from the front leg's side (left, near). The front leg
    is built like :func:`side_squat`; the back (far) knee drops toward the floor behind."""
    near = side_squat(front_knee_deg, t, fps, thigh_bottom_deg=thigh_bottom_deg,
                      trunk_bottom_deg=trunk_bottom_deg, far_vis=far_vis)  # fmt: skip
    pts = near.points.copy()
    hip = pts[:, lm.LEFT_HIP, :2]
    flex = (180.0 - front_knee_deg) / max(float((180.0 - front_knee_deg).max()), 1e-9)
    a = np.radians(15.0 * flex)
    back_knee = hip + THIGH * np.column_stack([-np.sin(a), np.cos(a)])
    back_ankle = np.column_stack([back_knee[:, 0] - SHIN * 0.9, np.full(t.shape, GROUND)])
    pts[:, lm.RIGHT_HIP, :2] = hip + np.array([6.0, -3.0])
    pts[:, lm.RIGHT_KNEE, :2] = back_knee
    pts[:, lm.RIGHT_ANKLE, :2] = back_ankle
    return _replace(near, pts, near.visibility)


def _sagittal(x0: float, shin: Array, thigh: Array, trunk: Array, neck: Array) -> dict[str, Array]:
    """One side's points, facing +x: shin tilt from vertical, thigh from horizontal, trunk
    lean from vertical, neck drop (head rotated forward-down from the trunk line), radians."""
    ankle = np.column_stack([np.full(shin.shape, x0), np.full(shin.shape, GROUND)])
    knee = ankle + SHIN * np.column_stack([np.sin(shin), -np.cos(shin)])
    hip = knee + THIGH * np.column_stack([-np.cos(thigh), -np.sin(thigh)])
    shoulder = hip + TRUNK * np.column_stack([np.sin(trunk), -np.cos(trunk)])
    ear = shoulder + HEAD * np.column_stack([np.sin(trunk + neck), -np.cos(trunk + neck)])
    elbow = shoulder + np.array([UPPER_ARM, 0.0])
    wrist = elbow + np.array([FOREARM, 0.0])
    return {"ankle": ankle, "knee": knee, "hip": hip, "shoulder": shoulder, "ear": ear,
            "elbow": elbow, "wrist": wrist}  # fmt: skip


def front_squat_view(
    left_knee_deg: Array, t: Array, fps: float, *, right_knee_deg: Array | None = None,
    valgus_px: float = 0.0, knees_in_px: float = 0.0, cx: float = 540.0,
) -> PoseTrack:  # fmt: skip
    """Facing the camera: heights from the sagittal model, widths from the frontal one.

    ``valgus_px`` moves each knee toward the midline in proportion to the bend (at the
    deepest frame by that many pixels); ``knees_in_px`` moves them in all the time (a
    stance, not a fault). The person's left appears on the image's right.
    """
    sides: list[dict[str, Array]] = []
    right = left_knee_deg if right_knee_deg is None else right_knee_deg
    deepest = 180.0 - min(float(left_knee_deg.min()), float(right.min()))
    for sign, knee_deg in ((1.0, left_knee_deg), (-1.0, right)):
        shin = np.zeros_like(knee_deg)
        thigh = np.radians(knee_deg - 90.0)
        sag = _sagittal(0.0, shin, thigh, np.zeros_like(shin), np.zeros_like(shin))
        frac = (180.0 - knee_deg) / max(deepest, 1e-9)
        pts: dict[str, Array] = {}
        for name, p in sag.items():
            half = SHOULDER_W / 2 if name in ("shoulder", "elbow", "wrist") else HIP_W / 2
            half = 40.0 if name == "ear" else half
            x = np.full(p.shape[0], cx + sign * half)
            if name == "knee":
                x = x - sign * (valgus_px * frac + knees_in_px)
            y = p[:, 1] + (25.0 if name in ("elbow", "wrist") else 0.0)
            pts[name] = np.column_stack([x, y])
        sides.append(pts)
    face = np.column_stack([np.full(t.shape, cx), sides[0]["ear"][:, 1] + 5])
    return _assemble(Sides(sides[0], sides[1], face), fps, t)


def side_push_up(
    elbow_deg: Array, t: Array, fps: float, *, line_deg: float | Array = 0.0,
    far_vis: float = 0.3,
) -> PoseTrack:  # fmt: skip
    """Side-on push-up, head toward +x. ``line_deg`` bends the body at the hip: positive
    sags the hip toward the floor, negative pikes it up; 180 − shoulder–hip–ankle = |line_deg|."""
    n = elbow_deg.shape[0]
    line = np.broadcast_to(np.asarray(line_deg, dtype=float), (n,))
    wrist = np.column_stack([np.full(n, 900.0), np.full(n, GROUND)])
    elbow = wrist + np.array([0.0, -FOREARM])
    a = np.radians(elbow_deg)
    # elbow→wrist points down (0, +1); the upper arm makes the interior angle a with it.
    shoulder = elbow + UPPER_ARM * np.column_stack([-np.sin(a), np.cos(a)])
    ankle = np.column_stack(
        [np.full(n, 900.0 - (THIGH + SHIN + TRUNK) * 1.1), np.full(n, GROUND - 20)]
    )
    d = ankle - shoulder
    length = np.linalg.norm(d, axis=1)
    mid = shoulder + d / 2
    normal = np.column_stack([-d[:, 1], d[:, 0]]) / length[:, None]
    normal *= np.where(normal[:, 1] > 0, 1.0, -1.0)[:, None]  # points down (toward the floor)
    hip = mid + normal * (length / 2 * np.tan(np.radians(line) / 2))[:, None]
    knee = hip + (ankle - hip) * 0.5
    ear = shoulder + np.array([HEAD, 0.0])
    side = {"ankle": ankle, "knee": knee, "hip": hip, "shoulder": shoulder, "ear": ear,
            "elbow": elbow, "wrist": wrist}  # fmt: skip
    far = {k: v + np.array([6.0, -4.0]) for k, v in side.items()}
    return _assemble(Sides(side, far, ear + np.array([20.0, 8.0])), fps, t, far_vis=far_vis)


def sldl(
    trunk_deg: Array, t: Array, fps: float, *, view: str = "side", hike: float = 0.0,
    neck_drop_deg: float = 0.0, far_vis: float = 0.3,
) -> PoseTrack:  # fmt: skip
    """Single-leg deadlift on the left leg: trunk tilts forward by ``trunk_deg`` while the
    right (free) leg extends back in line. At the deepest frame the free hip rises by
    ``hike`` × trunk length and the head drops ``neck_drop_deg`` from the trunk line."""
    frac = trunk_deg / max(float(trunk_deg.max()), 1e-9)
    tr = np.radians(trunk_deg)
    n = tr.shape[0]
    zero = np.zeros(n)
    stand = _sagittal(500.0, zero, np.full(n, np.pi / 2), tr, np.radians(frac * neck_drop_deg))
    hip = stand["hip"]
    back = np.column_stack([-np.sin(tr), np.cos(tr)])
    free = {k: v.copy() for k, v in stand.items()}
    free["hip"] = hip + np.column_stack([zero, -hike * TRUNK * frac])
    free["knee"] = free["hip"] + THIGH * back
    free["ankle"] = free["knee"] + SHIN * back
    if view == "side":
        far = {
            k: v + np.array([6.0, -3.0]) if k not in ("hip", "knee", "ankle") else v
            for k, v in free.items()
        }
        return _assemble(
            Sides(stand, far, stand["ear"] + np.array([25.0, 10.0])), fps, t, far_vis=far_vis
        )
    # Facing the camera: the trunk tilts toward it, so it shortens; widths are frontal.
    out: list[dict[str, Array]] = []
    for sign, side in ((1.0, stand), (-1.0, free)):
        pts = {}
        for name, p in side.items():
            half = SHOULDER_W / 2 if name in ("shoulder", "elbow", "wrist") else HIP_W / 2
            pts[name] = np.column_stack([np.full(n, 540.0 + sign * half), p[:, 1]])
        out.append(pts)
    face = np.column_stack([np.full(n, 540.0), out[0]["ear"][:, 1]])
    return _assemble(Sides(out[0], out[1], face), fps, t)


def walking(t: Array, fps: float, stride_hz: float = 0.9, speed_px_s: float = 150.0) -> PoseTrack:
    """Side-on walk: each thigh swings ±25°, each knee flexes up to 60° in swing, the hips
    bob 2 % of leg length and travel forward."""
    legs: list[dict[str, Array]] = []
    hip_x = 200.0 + speed_px_s * t
    hip_y = (
        GROUND - (THIGH + SHIN) * 0.97 + 0.02 * (THIGH + SHIN) * np.cos(4 * np.pi * stride_hz * t)
    )
    hip = np.column_stack([hip_x, hip_y])
    for phase in (0.0, np.pi):
        w = 2 * np.pi * stride_hz * t + phase
        thigh = np.radians(25.0) * np.sin(w)
        flex = np.radians(60.0) * np.clip(np.sin(w - 1.2), 0, None) ** 2
        knee = hip + THIGH * np.column_stack([np.sin(thigh), np.cos(thigh)])
        ankle = knee + SHIN * np.column_stack([np.sin(thigh - flex), np.cos(thigh - flex)])
        shoulder = hip + np.array([10.0, -TRUNK])
        ear = shoulder + np.array([10.0, -HEAD])
        elbow = shoulder + UPPER_ARM * np.column_stack([-np.sin(thigh), np.cos(thigh)])
        wrist = elbow + FOREARM * np.column_stack([-np.sin(thigh), np.cos(thigh)])
        legs.append({"ankle": ankle, "knee": knee, "hip": hip.copy(), "shoulder": shoulder,
                     "ear": ear, "elbow": elbow, "wrist": wrist})  # fmt: skip
    face = legs[0]["ear"] + np.array([25.0, 10.0])
    return _assemble(Sides(legs[0], legs[1], face), fps, t, far_vis=0.6)


# --- what a pose model does to clean landmarks -------------------------------------------


def with_noise(track: PoseTrack, px: float, seed: int = 0) -> PoseTrack:
    rng = np.random.default_rng(seed)
    pts = track.points + rng.normal(0.0, px, track.points.shape)
    return _replace(track, pts, track.visibility)


def with_dropouts(track: PoseTrack, frames: list[int] | Array) -> PoseTrack:
    pts = track.points.copy()
    vis = track.visibility.copy()
    pts[list(frames)] = np.nan
    vis[list(frames)] = 0.0
    return _replace(track, pts, vis)


def with_swaps(track: PoseTrack, frames: list[int] | Array) -> PoseTrack:
    pts = track.points.copy()
    vis = track.visibility.copy()
    left = [a for a, _ in lm.PAIRS]
    right = [b for _, b in lm.PAIRS]
    for f in frames:
        pts[f, left + right] = pts[f, right + left]
        vis[f, left + right] = vis[f, right + left]
    return _replace(track, pts, vis)


def mirrored(track: PoseTrack) -> PoseTrack:
    """Flip x and swap every left/right pair: the same movement filmed in a mirror."""
    pts = track.points.copy()
    pts[:, :, 0] = track.width - pts[:, :, 0]
    flipped = _replace(track, pts, track.visibility)
    return with_swaps(flipped, list(range(track.frames)))


def concat(*tracks: PoseTrack) -> PoseTrack:
    fps = tracks[0].fps
    pts = np.concatenate([tr.points for tr in tracks])
    vis = np.concatenate([tr.visibility for tr in tracks])
    return PoseTrack(fps, W, H, np.arange(pts.shape[0]) / fps, pts, vis)


def _replace(track: PoseTrack, pts: Array, vis: Array) -> PoseTrack:
    return PoseTrack(track.fps, track.width, track.height, track.times_s, pts, vis)


def knee_from_thigh(thigh_deg: float, shin_tilt_deg: float) -> float:
    """The knee angle that goes with a thigh angle and shin tilt (thigh = knee − 90 + shin)."""
    return thigh_deg + 90.0 - shin_tilt_deg


RAD = math.pi / 180
