"""Landmarks over time, and the small interface a pose model implements (frames in, points out).

Points are BlazePose's 33 landmarks (``landmarks.py`` names them) in image pixels of the
upright frame (after the video's rotation is applied): x to the right, y *down*, z BlazePose's
relative depth on the x scale (smaller is nearer the camera). Pixels, not BlazePose's 0–1
coordinates, because angles must be measured in a frame with equal units on both axes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

N_LANDMARKS = 33
Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class PoseTrack:
    """One clip's landmarks: ``points`` is (T, 33, 3) and NaN in frames with nobody found;
    ``visibility`` is (T, 33) in 0–1 (0 where nobody); ``times_s`` is (T,) from the first frame."""

    fps: float
    width: int
    height: int
    times_s: Array
    points: Array
    visibility: Array

    def __post_init__(self) -> None:
        t = self.times_s.shape[0]
        if self.points.shape != (t, N_LANDMARKS, 3) or self.visibility.shape != (t, N_LANDMARKS):
            raise ValueError(
                f"expected points (T, 33, 3) and visibility (T, 33) for T={t}; got "
                f"{self.points.shape} and {self.visibility.shape}"
            )

    @property
    def frames(self) -> int:
        return int(self.times_s.shape[0])

    @property
    def found(self) -> npt.NDArray[np.bool_]:
        """Frames in which a person was found."""
        return ~np.isnan(self.points[:, 0, 0])


class PoseModel(Protocol):
    """A pose estimator for consecutive frames of one clip (it may track between them)."""

    def landmarks(self, frame_rgb: npt.NDArray[np.uint8]) -> tuple[Array, Array] | None:
        """(33, 3) points in pixels of this frame and (33,) visibility, or None: nobody found."""
        ...

    def close(self) -> None: ...
