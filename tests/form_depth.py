"""Squat depth classes for the synthetic figure, and the ground truth the analysis is held to.

``form_figure.pose_squat`` splits the knee's flexion 42 % to the shin and 58 % to the thigh,
so its thigh reaches horizontal only at a knee angle of about 25°: every squat it renders at a
realistic depth reads "above parallel". :func:`render_squat` renders with ``thigh_share`` of
the flexion in the thigh instead (a more upright shin, as in a squat to depth), swapping the
pose in ``form_render`` for the one call. With ``thigh_share=0.8`` the thigh is horizontal at a
knee angle of about 68°: knee 110° is above parallel (thigh +34°), 75° parallel (+6°), 45°
below (−18°). The trunk leans 0.3 × the flexion (the original 0.55 would put a clean squat
past the 45° trunk-lean threshold); the trunk-forward fault adds 30° at the bottom as before.

:func:`depth_class` reads the class from the rendered joints the same way the analysis is
meant to (thigh against horizontal, ±10° grey band), so the truth never depends on BlazePose.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

import form_render
from form_figure import ANKLE_H, HIP_HALF, SHIN, THIGH, Joints, feet, upper_body, v3
from runlift.formcheck import landmarks as L

PARALLEL_GREY_DEG = 10.0


def _squat(thigh_share: float) -> Any:
    def pose(d: float, o: dict[str, float]) -> Joints:
        flex = d * (180.0 - o["depth_deg"])
        shin, thigh = (1 - thigh_share) * flex, thigh_share * flex
        j: Joints = {}
        hips = []
        for s, z in (("left", 1.0), ("right", -1.0)):
            ankle = v3(0.0, ANKLE_H, z * HIP_HALF)
            rs, rt = math.radians(shin), math.radians(thigh)
            knee_xy = ankle + SHIN * v3(math.sin(rs), math.cos(rs))
            knee = knee_xy - v3(0, 0, z * o["knees_in_m"] * d)
            hip = knee_xy + THIGH * v3(-math.sin(rt), math.cos(rt))
            hip[2] = z * HIP_HALF
            j[f"{s}_ankle"], j[f"{s}_knee"], j[f"{s}_hip"] = ankle, knee, hip
            hips.append(hip)
        pelvis = (hips[0] + hips[1]) / 2
        lean = 0.3 * flex + o["trunk_forward_deg"] * d
        reach = (15 + 0.8 * flex, 10.0)
        upper_body(j, pelvis, lean, {"left": reach, "right": reach})
        feet(j)
        return j

    return pose


def render_squat(path: Path, *, thigh_share: float = 0.8, **kwargs: Any) -> form_render.Rendered:
    """``form_render.render_clip(path, "squat", **kwargs)`` with the thigh taking
    ``thigh_share`` of the knee's flexion."""
    original = form_render.pose_squat
    form_render.pose_squat = _squat(thigh_share)
    try:
        return form_render.render_clip(path, "squat", **kwargs)
    finally:
        form_render.pose_squat = original


def bottom_thigh_deg(r: form_render.Rendered) -> float:
    """The lowest thigh angle against horizontal [deg, + = hip above knee] of the near (right)
    leg, from the rendered joints in the image."""
    p = r.points_px
    hip, knee = p[:, L.RIGHT_HIP], p[:, L.RIGHT_KNEE]
    thigh = np.degrees(np.arctan2(knee[:, 1] - hip[:, 1], np.abs(knee[:, 0] - hip[:, 0])))
    return float(np.nanmin(thigh))


def thigh_at_bottom_deg(depth_deg: float, thigh_share: float = 0.8) -> float:
    """The thigh against horizontal at the bottom of a side-on :func:`render_squat` [deg]."""
    return 90.0 - thigh_share * (180.0 - depth_deg)


def depth_class(r: form_render.Rendered) -> str:
    return class_of(bottom_thigh_deg(r))


def class_of(thigh: float) -> str:
    if thigh > PARALLEL_GREY_DEG:
        return "above-parallel"
    return "parallel" if thigh >= -PARALLEL_GREY_DEG else "below-parallel"
