"""Synthetic form-check fixtures: an articulated 3-D figure with KNOWN joint angles, rendered.

Why: no real footage of lunges, push-ups or planks with a usable licence exists, and real clips
have no joint-angle ground truth. The figure's joints are placed by forward kinematics, so every
angle is known exactly; it is drawn with OpenCV capsules (limbs), a torso, and a head with eyes,
nose, mouth, ears and hair, which BlazePose detects (research: about 4–7° main-angle error).

Body frame (metres): x forward (the way the figure faces), y up, z to the figure's left. The
camera is orthographic at yaw ``view_deg``: 0 looks at the figure's front, 90 at its right side
(the figure faces image-right), 45 in between. Ground truth:

- ``angles_deg``: interior joint angles from the 3-D joints (180 = straight): ``knee_left``,
  ``knee_right``, ``hip_left``, ``hip_right``, ``elbow_left``, ``elbow_right``, and
  ``trunk_lean`` (torso from vertical). Side-on, the legs lie in planes parallel to the image, so
  the 2-D knee angle equals the 3-D one (unless the knees-in fault moves them sideways).
- ``points_px``: (T, 33, 2) image pixels of the joints at BlazePose's indices (NaN where the
  figure has no such joint: fingers).

Everything is deterministic: the same arguments give the same frames (``seed`` for "random").

>>> r = render_clip(tmp_path / "squat.mp4", "squat", view_deg=90, reps=3)   # doctest: +SKIP
>>> r.angles_deg["knee_right"].min()                                       # doctest: +SKIP
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from form_figure import (
    EXERCISES,
    FAULTS,
    HEAD_R,
    Joints,
    face,
    pose_lunge,
    pose_prone,
    pose_squat,
    pose_upright,
    truth,
    v3,
)
from runlift.formcheck import landmarks as L

SKIN, SHIRT, SHORTS, SHOE, HAIR = (
    (224, 172, 150),
    (40, 90, 200),
    (40, 40, 60),
    (30, 30, 30),
    (60, 40, 30),
)
BG, FLOOR = (235, 235, 230), (200, 195, 185)


@dataclass(frozen=True)
class Rendered:
    """A rendered clip and its truth (see the module docstring)."""

    path: Path
    fps: float
    times_s: np.ndarray
    angles_deg: dict[str, np.ndarray]
    points_px: np.ndarray
    rep_count: int
    frames: list[np.ndarray] = field(repr=False, default_factory=list)


class Camera:
    """Orthographic view at yaw ``view_deg``; fitted so the whole clip fills the frame."""

    def __init__(self, view_deg: float, clips: list[Joints], width: int, height: int) -> None:
        th = math.radians(view_deg)
        self.u, self.dep = v3(math.sin(th), 0, math.cos(th)), v3(-math.cos(th), 0, math.sin(th))
        pts = np.array([[p @ self.u, -p[1]] for j in clips for p in j.values()])
        lo, hi = pts.min(0) - HEAD_R * 1.3, pts.max(0) + HEAD_R * 1.3
        self.scale = min(0.86 * width / (hi[0] - lo[0]), 0.86 * height / (hi[1] - lo[1]))
        self.origin = np.array([width, height]) / 2 - self.scale * (lo + hi) / 2

    def px(self, p: np.ndarray) -> np.ndarray:
        return self.origin + self.scale * np.array([p @ self.u, -p[1]])

    def depth(self, p: np.ndarray) -> float:
        return float(p @ self.dep)


def shade(col: tuple[int, int, int], k: float) -> tuple[int, int, int]:
    return (int(col[0] * k), int(col[1] * k), int(col[2] * k))


def capsule(
    img: np.ndarray, p: np.ndarray, q: np.ndarray, r: float, col: tuple[int, int, int]
) -> None:
    d = q - p
    n = np.array([-d[1], d[0]]) / (np.linalg.norm(d) + 1e-9) * r
    quad = np.round(np.array([p + n, q + n, q - n, p - n]) * 16).astype(np.int32)
    cv2.fillConvexPoly(img, quad, col, cv2.LINE_AA, 4)
    for c in (p, q):
        cv2.circle(
            img, tuple(int(v) for v in np.round(c * 16)), int(r * 16), col, -1, cv2.LINE_AA, 4
        )


LIMBS = (  # (from, to, radius m, colour)
    ("heel", "foot_index", 0.045, SHOE), ("ankle", "knee", 0.065, SKIN),
    ("knee", "hip", 0.09, SHORTS), ("shoulder", "elbow", 0.055, SHIRT),
    ("elbow", "wrist", 0.045, SKIN),
)  # fmt: skip


def draw(j: Joints, cam: Camera, width: int, height: int) -> np.ndarray:
    img = np.empty((height, width, 3), np.uint8)
    img[:] = BG
    floor_y = int(cam.px(v3(0, 0))[1]) + 4
    img[max(0, floor_y) :] = FLOOR
    pelvis = (j["left_hip"] + j["right_hip"]) / 2
    items: list[tuple[float, str, object]] = []
    for s in ("left", "right"):
        for a, b, r, col in LIMBS:
            pa, pb = j[f"{s}_{a}"], j[f"{s}_{b}"]
            items.append((cam.depth((pa + pb) / 2), "capsule", (pa, pb, r, col)))
        items.append((cam.depth(j[f"{s}_wrist"]) - 0.01, "dot", (j[f"{s}_wrist"], 0.05, SKIN)))
    torso = (j["left_hip"], j["right_hip"], j["right_shoulder"], j["left_shoulder"])
    items.append((cam.depth(pelvis) - 0.001, "torso", torso))
    items.append((cam.depth(j["head"]) - 0.002, "head", None))
    far, near = (min(cam.depth(p) for p in j.values()), max(cam.depth(p) for p in j.values()))
    for depth, kind, what in sorted(items, key=lambda it: -it[0]):
        k = 1.0 - 0.25 * (depth - far) / max(near - far, 1e-6) if kind != "head" else 1.0
        if kind == "capsule":
            pa, pb, r, col = what  # type: ignore[misc]
            capsule(img, cam.px(pa), cam.px(pb), r * cam.scale, shade(col, k))
        elif kind == "dot":
            p, r, col = what  # type: ignore[misc]
            cv2.circle(
                img,
                tuple(int(v) for v in np.round(cam.px(p))),
                int(r * cam.scale),
                shade(col, k),
                -1,
                cv2.LINE_AA,
            )
        elif kind == "torso":
            quad = [cam.px(p) for p in what]  # type: ignore[union-attr]
            poly = np.round(np.array(quad) * 16).astype(np.int32)
            cv2.fillConvexPoly(img, poly, SHIRT, cv2.LINE_AA, 4)
            capsule(img, cam.px(pelvis), cam.px(j["neck"]), 0.12 * cam.scale, SHIRT)
            capsule(img, quad[0], quad[1], 0.08 * cam.scale, SHORTS)
            capsule(img, quad[2], quad[3], 0.06 * cam.scale, SHIRT)
        else:
            draw_head(img, j, cam)
    return img


def draw_head(img: np.ndarray, j: Joints, cam: Camera) -> None:
    f = face(j)
    r = HEAD_R * cam.scale
    head_d = cam.depth(j["head"])

    def pt(p: np.ndarray) -> tuple[int, int]:
        return (round(cam.px(p)[0]), round(cam.px(p)[1]))

    capsule(
        img,
        cam.px(j["neck"]),
        cam.px(j["head"] + 0.5 * (j["neck"] - j["head"])),
        0.05 * cam.scale,
        SKIN,
    )
    cv2.circle(img, pt(f["hair"]), int(r * 0.98), HAIR, -1, cv2.LINE_AA)
    cv2.circle(
        img,
        pt(j["head"] + 0.12 * (f["nose"] - j["head"]) - 0.1 * (f["hair"] - j["head"])),
        int(r * 0.93),
        SKIN,
        -1,
        cv2.LINE_AA,
    )
    visible = {k: cam.depth(p) < head_d - 0.2 * HEAD_R for k, p in f.items()}
    for ear in ("left_ear", "right_ear"):
        if cam.depth(f[ear]) < head_d + 0.3 * HEAD_R:
            cv2.circle(img, pt(f[ear]), max(2, int(r * 0.2)), shade(SKIN, 0.85), -1, cv2.LINE_AA)
    for eye in ("left_eye", "right_eye"):
        if visible[eye]:
            cv2.circle(img, pt(f[eye]), max(2, int(r * 0.13)), (20, 20, 20), -1, cv2.LINE_AA)
    if visible["mouth_left"] or visible["mouth_right"]:
        cv2.line(
            img,
            pt(f["mouth_left"]),
            pt(f["mouth_right"]),
            (150, 60, 60),
            max(1, int(r * 0.08)),
            cv2.LINE_AA,
        )
    if visible["nose"]:
        cv2.circle(img, pt(f["nose"]), max(2, int(r * 0.12)), shade(SKIN, 0.75), -1, cv2.LINE_AA)


BLAZE = {name.lower(): getattr(L, name) for name in dir(L) if name.isupper() and name != "PAIRS"}


def motion(times_s: np.ndarray, reps: int, rep_s: float, lead_s: float) -> np.ndarray:
    """Depth 0 (top) .. 1 (bottom): reps of a raised cosine, after and before lead_s at the top."""
    t = np.clip(times_s - lead_s, 0.0, reps * rep_s)
    return 0.5 - 0.5 * np.cos(2 * np.pi * t / rep_s)


def render_clip(
    path: Path,
    exercise: str = "squat",
    *,
    view_deg: float = 90.0,
    reps: int = 3,
    rep_s: float = 2.0,
    depth_deg: float = 80.0,
    faults: tuple[str, ...] = (),
    width: int = 640,
    height: int = 480,
    fps: float = 30.0,
    lead_s: float = 0.6,
    hold_s: float = 6.0,
    seed: int = 0,
    keep_frames: bool = False,
) -> Rendered:
    """Render one clip to ``path`` (mp4 H.264, or .gif/.webm by suffix) and return its truth.

    ``depth_deg`` is the knee (squat, lunge) angle at the bottom; ``rep_s`` the seconds per rep
    (speed); plank, walk, stand and random last ``hold_s`` and have no reps.
    """
    if exercise not in EXERCISES:
        raise ValueError(f"unknown exercise {exercise!r}; one of {EXERCISES}")
    unknown = set(faults) - set(FAULTS)
    if unknown:
        raise ValueError(f"unknown faults {sorted(unknown)}; known: {FAULTS}")
    opts = {
        "depth_deg": depth_deg,
        "knees_in_m": 0.13 if "knees-in" in faults else 0.0,
        "trunk_forward_deg": 30.0 if "trunk-forward" in faults else 0.0,
        "hips_sag_m": 0.14 if "hips-sag" in faults else 0.0,
        "hips_pike_m": 0.16 if "hips-pike" in faults else 0.0,
    }
    counted = exercise in ("squat", "lunge", "push-up")
    duration_s = 2 * lead_s + reps * rep_s if counted else hold_s
    times = np.arange(round(duration_s * fps)) / fps
    depth = motion(times, reps, rep_s, lead_s)
    phases = np.random.default_rng(seed).random(16)
    poses: list[Joints] = []
    for t_s, d in zip(times, depth, strict=True):
        if exercise == "squat":
            poses.append(pose_squat(float(d), opts))
        elif exercise == "lunge":
            poses.append(pose_lunge(float(d), opts))
        elif exercise in ("push-up", "plank"):
            breath = 0.03 * math.sin(2 * math.pi * t_s / 3.0)
            poses.append(
                pose_prone(float(d) if exercise == "push-up" else breath, opts, exercise == "plank")
            )
        else:
            poses.append(pose_upright(float(t_s), exercise, phases))
    cam = Camera(view_deg, poses, width, height)
    keys = truth(poses[0]).keys()
    rows = [truth(j) for j in poses]
    angles = {k: np.array([r[k] for r in rows]) for k in keys}
    points = np.full((len(poses), 33, 2), np.nan)
    frames: list[np.ndarray] = []
    from runlift.formats.video_annotate import write_frames

    for i, j in enumerate(poses):
        for name, p in (j | face(j)).items():
            if name in BLAZE:
                points[i, BLAZE[name]] = cam.px(p)
        frames.append(draw(j, cam, width, height))
    write_frames(path, frames, fps)
    return Rendered(
        path=path,
        fps=fps,
        times_s=times,
        angles_deg=angles,
        points_px=points,
        rep_count=reps if counted else 0,
        frames=frames if keep_frames else [],
    )
