"""Generic signal steps on landmark series: angles, gap filling, smoothing, left/right swap repair.

Pose models drop frames and, side-on, swap the near and far limbs now and then; a joint angle
is only worth counting on after these are repaired. Everything here is NaN-aware: NaN marks a
frame with no usable point and survives until :func:`fill_gaps` bridges short holes.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from runlift.formcheck.landmarks import PAIRS

Array = npt.NDArray[np.float64]

# Pairs from the shoulders down: the face is small and adds noise to the swap decision.
_BODY_PAIRS = tuple((left, right) for left, right in PAIRS if left >= 11)
SWAP_RATIO = 0.6  # swap only when swapped labels fit the last frame clearly better [practice]


def angle_deg(a: Array, b: Array, c: Array) -> Array:
    """Interior angle at ``b`` [deg] of 2D points ``a``-``b``-``c``, each (T, 2); 180 = straight.

    >>> p = np.array([[0.0, 0.0]]); q = np.array([[1.0, 0.0]]); r = np.array([[1.0, 1.0]])
    >>> float(angle_deg(p, q, r)[0])
    90.0
    """
    u = a - b
    v = c - b
    dot = np.sum(u * v, axis=-1)
    norm = np.linalg.norm(u, axis=-1) * np.linalg.norm(v, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = np.clip(dot / norm, -1.0, 1.0)
    return np.asarray(np.degrees(np.arccos(cos)), dtype=np.float64)


def from_vertical_deg(lower: Array, upper: Array) -> Array:
    """Angle [deg] of the segment ``lower``→``upper`` from straight up, in image pixels (y down)."""
    d = upper - lower
    length = np.linalg.norm(d, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = np.clip(-d[..., 1] / length, -1.0, 1.0)
    return np.asarray(np.degrees(np.arccos(cos)), dtype=np.float64)


def fill_gaps(x: Array, max_gap: int) -> Array:
    """Linearly bridge interior NaN runs of at most ``max_gap`` samples; leave longer ones NaN."""
    out = x.copy()
    good = np.flatnonzero(~np.isnan(x))
    if good.size < 2:
        return out
    for a, b in itertools.pairwise(good):
        gap = b - a - 1
        if 0 < gap <= max_gap:
            out[a + 1 : b] = np.interp(np.arange(a + 1, b), [a, b], [x[a], x[b]])
    return out


def _sliding(x: Array, k: int, reducer: Callable[..., Array]) -> Array:
    if k <= 1 or x.size == 0:
        return x.copy()
    half = k // 2
    padded = np.pad(x, half, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, k)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN windows are expected
        out = reducer(windows, axis=1)
    out = np.asarray(out, dtype=np.float64)
    out[np.isnan(x)] = np.nan  # smoothing does not invent data; fill_gaps does, on purpose
    return out


def window(fps: float, seconds: float) -> int:
    """An odd window length in samples covering about ``seconds`` at ``fps`` (at least 1)."""
    k = max(1, round(seconds * fps))
    return k if k % 2 else k + 1 if k > 1 else 1


def smooth(x: Array, fps: float, median_s: float = 0.17, mean_s: float = 0.17) -> Array:
    """A running median (removes single-frame spikes, e.g. a missed swap) then a running mean.

    Windows of ~0.17 s keep a squat's bottom (≥ 0.3 s wide in practice) while removing
    frame-to-frame jitter; at 5 fps they shrink to a single sample, i.e. no smoothing [practice].
    """
    return _sliding(
        _sliding(x, window(fps, median_s), np.nanmedian), window(fps, mean_s), np.nanmean
    )


def fix_swaps(points: Array, visibility: Array) -> tuple[Array, Array, npt.NDArray[np.bool_]]:
    """Undo frames where the model swapped every left/right pair (a mirrored skeleton).

    Each frame is compared with the last repaired frame: if swapping the labels brings the
    body's landmarks clearly closer (by :data:`SWAP_RATIO`), the frame is swapped back. Side-on,
    near and far limbs overlap, the costs are similar and nothing is swapped, which is harmless.
    Returns repaired points, visibility, and the frames that were swapped.
    """
    pts = points.copy()
    vis = visibility.copy()
    left = np.array([p[0] for p in _BODY_PAIRS])
    right = np.array([p[1] for p in _BODY_PAIRS])
    swapped = np.zeros(points.shape[0], dtype=bool)
    ref: Array | None = None
    for t in range(points.shape[0]):
        frame = pts[t, :, :2]
        if np.isnan(frame[0, 0]):
            continue
        if ref is not None:
            keep = np.nansum(np.linalg.norm(frame[left] - ref[left], axis=1)) + np.nansum(
                np.linalg.norm(frame[right] - ref[right], axis=1)
            )
            swap = np.nansum(np.linalg.norm(frame[right] - ref[left], axis=1)) + np.nansum(
                np.linalg.norm(frame[left] - ref[right], axis=1)
            )
            if swap < SWAP_RATIO * keep:
                swapped[t] = True
                all_l = [p[0] for p in PAIRS]
                all_r = [p[1] for p in PAIRS]
                pts[t, all_l + all_r] = pts[t, all_r + all_l]
                vis[t, all_l + all_r] = vis[t, all_r + all_l]
        ref = pts[t, :, :2].copy()
    return pts, vis, swapped
