"""BlazePose (MediaPipe, the ``form`` extra) on real clips and on synthetic renders with known
joint angles.

Skipped without mediapipe, except in CI, where it must be installed. Angles here are measured
by a local helper straight from the landmarks, independent of the analysis package.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from tests_support import SHARED

FORMCHECK = SHARED / "formcheck"


def need(module: str) -> ModuleType:
    if os.environ.get("CI"):
        return __import__(module)
    return pytest.importorskip(module)


need("mediapipe")
av = need("av")

from form_render import Rendered, render_clip  # noqa: E402
from runlift.formats.video import open_video  # noqa: E402
from runlift.formats.video_annotate import write_frames  # noqa: E402
from runlift.formcheck import landmarks as L  # noqa: E402
from runlift.formcheck.blazepose import BlazePose  # noqa: E402
from runlift.formcheck.pose import PoseTrack  # noqa: E402
from runlift.formcheck.track import track_video  # noqa: E402

MAX_KNEE_ERROR_DEG = 6.0


def angle_2d_deg(track: PoseTrack, a: int, b: int, c: int) -> np.ndarray:
    """Interior angle at b in the image plane, per frame."""
    u = track.points[:, a, :2] - track.points[:, b, :2]
    w = track.points[:, c, :2] - track.points[:, b, :2]
    cos = (u * w).sum(1) / (np.linalg.norm(u, axis=1) * np.linalg.norm(w, axis=1))
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


def near_knee_deg(track: PoseTrack) -> tuple[np.ndarray, np.ndarray]:
    """The knee angle of the leg BlazePose sees better, per frame, and whether it is the left."""
    left = track.visibility[:, L.LEFT_KNEE] >= track.visibility[:, L.RIGHT_KNEE]
    k_left = angle_2d_deg(track, L.LEFT_HIP, L.LEFT_KNEE, L.LEFT_ANKLE)
    k_right = angle_2d_deg(track, L.RIGHT_HIP, L.RIGHT_KNEE, L.RIGHT_ANKLE)
    return np.where(left, k_left, k_right), left


def track_file(path: Path) -> PoseTrack:
    with open_video(path) as video, BlazePose() as model:
        return track_video(video, model)


@pytest.mark.parametrize(
    ("clip", "frames"),
    [
        ("tfjs_pose_squats.mp4", 65),
        ("mediapipe_pose_world_landmarks_squats.mp4", 149),
        ("tfjs_combined_squat_dance.gif", 42),
    ],
)
def test_a_person_in_every_frame_of_the_real_clips(clip: str, frames: int) -> None:
    track = track_file(FORMCHECK / clip)
    assert track.frames == frames
    assert track.found.all()
    inside = (track.points[..., 0] > -0.1 * track.width) & (
        track.points[..., 0] < 1.1 * track.width
    )
    assert inside[:, L.LEFT_HIP].all()


def test_tfjs_clip_matches_its_reference_keypoints() -> None:
    reference = np.array(
        json.loads((FORMCHECK / "tfjs_pose_squats.reference_keypoints.json").read_text()),
        dtype=np.float64,
    )
    track = track_file(FORMCHECK / "tfjs_pose_squats.mp4")
    assert reference.shape == (track.frames, 33, 3)
    error_px = np.linalg.norm(track.points[..., :2] - reference[..., :2], axis=2)
    assert error_px.mean() < 10.0
    body = [L.LEFT_HIP, L.RIGHT_HIP, L.LEFT_KNEE, L.RIGHT_KNEE, L.LEFT_ANKLE, L.RIGHT_ANKLE]
    assert error_px[:, body].mean() < 10.0


@pytest.fixture(scope="module")
def side_squats(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Rendered, PoseTrack]]:
    """Side-on squats: deep and slow, shallow and fast."""
    out = []
    folder = tmp_path_factory.mktemp("renders")
    for name, depth_deg, rep_s in (("deep", 75.0, 2.0), ("shallow", 115.0, 1.2)):
        r = render_clip(
            folder / f"{name}.mp4", "squat", view_deg=90, reps=2, rep_s=rep_s, depth_deg=depth_deg
        )
        out.append((r, track_file(r.path)))
    return out


def test_side_view_knee_angle_within_6_degrees(
    side_squats: list[tuple[Rendered, PoseTrack]],
) -> None:
    for rendered, track in side_squats:
        assert track.found.all()
        measured, left = near_knee_deg(track)
        truth = np.where(left, rendered.angles_deg["knee_left"], rendered.angles_deg["knee_right"])
        error = np.abs(measured - truth)
        assert error.mean() < MAX_KNEE_ERROR_DEG, rendered.path.name
        assert np.percentile(error, 90) < MAX_KNEE_ERROR_DEG, rendered.path.name
        # The bottom of each rep is found to within 6° too.
        assert abs(measured.min() - truth.min()) < MAX_KNEE_ERROR_DEG


def test_side_view_knee_check_can_fail(side_squats: list[tuple[Rendered, PoseTrack]]) -> None:
    """Against the other squat's truth (a different depth) the same check fails."""
    (_deep, deep_track), (shallow, _) = side_squats
    measured, _ = near_knee_deg(deep_track)
    assert measured.min() < shallow.angles_deg["knee_right"].min() - 2 * MAX_KNEE_ERROR_DEG


def test_rotated_phone_clip_end_to_end(tmp_path: Path) -> None:
    """A squat stored sideways with a display rotation: upright frames, the same accuracy."""
    r = render_clip(tmp_path / "upright.mp4", "squat", view_deg=90, reps=1, keep_frames=True)
    path = tmp_path / "portrait.mp4"
    with av.open(str(path), "w") as c:
        stream = c.add_stream("libx264" if "libx264" in av.codecs_available else "mpeg4", rate=30)
        stream.height, stream.width = r.frames[0].shape[1], r.frames[0].shape[0]
        stream.pix_fmt = "yuv420p"
        stream.set_display_rotation(90)
        for rgb in r.frames:
            raw = av.VideoFrame.from_ndarray(
                np.ascontiguousarray(np.rot90(rgb, k=-1)), format="rgb24"
            )
            for p in stream.encode(raw):
                c.mux(p)
        for p in stream.encode():
            c.mux(p)
    track = track_file(path)
    assert (track.width, track.height) == (640, 480)
    assert track.found.all()
    measured, _ = near_knee_deg(track)
    assert np.abs(measured - r.angles_deg["knee_right"]).mean() < MAX_KNEE_ERROR_DEG


def test_nobody_in_a_blank_video(tmp_path: Path) -> None:
    path = tmp_path / "blank.mp4"
    rng = np.random.default_rng(7)
    frames = [
        np.clip(230 + rng.normal(0, 3, (240, 320, 3)), 0, 255).astype(np.uint8) for _ in range(20)
    ]
    write_frames(path, frames, 10)
    track = track_file(path)
    assert track.frames == 20
    assert not track.found.any()
    assert np.isnan(track.points).all()


def test_landmarks_are_pixels_of_the_frame_given() -> None:
    with open_video(FORMCHECK / "tfjs_pose_squats.mp4") as video:
        frame = next(iter(video)).rgb
    with BlazePose() as model:
        found = model.landmarks(frame)
        with pytest.raises(ValueError, match="RGB uint8"):
            model.landmarks(frame[..., 0])
    assert found is not None
    points, visibility = found
    assert points.shape == (33, 3)
    assert visibility.shape == (33,)
    assert 0 <= points[L.NOSE, 0] <= 720
    assert 0 <= points[L.NOSE, 1] <= 1280
    assert points[L.LEFT_ANKLE, 1] > points[L.LEFT_HIP, 1] > points[L.NOSE, 1]  # y down
    assert ((visibility >= 0) & (visibility <= 1)).all()
