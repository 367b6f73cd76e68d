"""Which way the camera looks at the athlete, and what each view can and cannot judge.

A 2D image loses the depth axis, so each view sees only one plane of the movement:

- **side** (sagittal plane): knee, hip and elbow flexion, squat depth (thigh against the
  horizontal), trunk lean, the shoulder–hip–ankle line (hip sag or pike). Side-on BlazePose
  knee angles are within about 4–6° (measured here; cf. Stenum et al. 2021, PLOS Comput Biol
  17:e1008935). Knees caving in and left/right differences are invisible: the far limbs are
  hidden and unreliable.
- **front** (frontal plane): knee valgus (only as a *possible* flag: the 2D frontal-plane
  projection angle correlates only weakly with 3D knee abduction, r ≈ 0.3, per the research
  behind the form-check issue), pelvic hike, left/right asymmetry. Depth, trunk lean and hip
  sag are foreshortened toward the camera and are not judged.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from runlift.formcheck import landmarks as lm

Array = npt.NDArray[np.float64]
VIEWS = ("side", "front")

# Shoulder and hip widths over torso length: ~0.45–0.7 facing the camera, ≤ 0.2 side-on.
FRONT_MIN_RATIO = 0.3  # [practice]; a real front-on squat clip measured 0.48
OBLIQUE_BAND = (0.2, 0.38)  # between these the view is oblique and both views judge poorly

CAN_JUDGE: dict[str, frozenset[str]] = {
    "side": frozenset(
        {"depth", "trunk-lean", "hip-sag", "hip-pike", "range", "rounded-back", "hip-rotation"}
    ),
    "front": frozenset({"knee-valgus", "asymmetry", "hip-rotation"}),
}
# Faults a view is the better judge of, and the view to suggest when the other one was filmed.
_NEEDS = {
    "depth": "side",
    "trunk-lean": "side",
    "hip-sag": "side",
    "hip-pike": "side",
    "rounded-back": "side",
    "knee-valgus": "front",
}


def width_ratio(points: Array) -> float:
    """Median over frames of (shoulder width + hip width) / (2 × torso length), in 2D pixels."""
    p = points[:, :, :2]
    ls, rs, lh, rh = (
        p[:, i] for i in (lm.LEFT_SHOULDER, lm.RIGHT_SHOULDER, lm.LEFT_HIP, lm.RIGHT_HIP)
    )
    widths = (np.linalg.norm(ls - rs, axis=1) + np.linalg.norm(lh - rh, axis=1)) / 2
    torso = np.linalg.norm((ls + rs) / 2 - (lh + rh) / 2, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = widths / torso
    ratio = ratio[np.isfinite(ratio)]
    return float(np.median(ratio)) if ratio.size else float("nan")


def detect_view(points: Array) -> tuple[str, list[str]]:
    """``"side"`` or ``"front"`` from the landmarks, and warnings when the call is uncertain."""
    ratio = width_ratio(points)
    if not np.isfinite(ratio):
        return "side", [
            "the view could not be detected; assuming side (say where the camera was to change it)"
        ]
    view = "front" if ratio >= FRONT_MIN_RATIO else "side"
    warnings: list[str] = []
    if OBLIQUE_BAND[0] < ratio < OBLIQUE_BAND[1]:
        warnings.append(
            f"the camera looks obliquely at the athlete (width ratio {ratio:.2f}); "
            f"judged as {view}, but film straight from the side or the front, "
            "or say where the camera was"
        )
    return view, warnings


def unjudged(view: str, faults: tuple[str, ...]) -> list[str]:
    """A sentence per fault of the family that this view cannot judge, naming the view that can."""
    out: list[str] = []
    for kind in faults:
        need = _NEEDS.get(kind)
        if need is not None and need != view:
            what = {"knee-valgus": "knee valgus"}.get(kind, kind.replace("-", " "))
            out.append(f"{what} is not judged from the {view}; film from the {need} to check it")
    if view == "side" and "asymmetry" in faults:
        out.append("left/right asymmetry is judged only when both sides are seen (front view)")
    return out
