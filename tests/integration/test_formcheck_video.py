"""Reading video for the form check: rotation, formats, timestamps, bad files; the tracking loop
and the annotated output, with a fake pose model (no MediaPipe needed here).

Needs PyAV and OpenCV (the ``form`` extra): skipped without them, except in CI, where they must
be installed. Rotated clips are written here with PyAV's ``set_display_rotation``; OpenCV's own
auto-orientation (a separate code path over FFmpeg's display matrix) is the independent check of
which way is up.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from runlift.errors import BadInput
from tests_support import SHARED

FORMCHECK = SHARED / "formcheck"


def need(module: str) -> ModuleType:
    """The module, or a skip; in CI a missing module is a failure (as the browser tests do)."""
    if os.environ.get("CI"):
        return __import__(module)
    return pytest.importorskip(module)


av = need("av")
cv2 = need("cv2")

from runlift.formats.video import open_video  # noqa: E402
from runlift.formats.video_annotate import Overlay, video_codec, write_annotated  # noqa: E402
from runlift.formcheck.pose import PoseTrack  # noqa: E402
from runlift.formcheck.track import read_ahead, track_video  # noqa: E402

W, H, N = 320, 176, 12


def upright_frame(i: int) -> np.ndarray:
    """Landscape: red block top-left, green top-right, a blue block moving along the bottom."""
    a = np.full((H, W, 3), 200, np.uint8)
    a[:48, :64] = (255, 0, 0)
    a[:48, -64:] = (0, 255, 0)
    a[-32:, 16 * i : 16 * i + 32] = (0, 0, 255)
    return a


def write_rotated(path: Path, rotation_deg: int, fps: int = 30, n: int = N) -> None:
    """Store each upright frame turned clockwise by rotation_deg, with a display matrix saying
    to turn it back (counter-clockwise), as a phone filming in portrait does."""
    codec = {".webm": "libvpx-vp9", ".gif": "gif"}.get(path.suffix, "libx264")
    if codec not in av.codecs_available:
        codec = "mpeg4"
    with av.open(str(path), "w") as c:
        s = c.add_stream(codec, rate=fps)
        stored = np.rot90(upright_frame(0), k=-rotation_deg // 90)
        s.height, s.width = stored.shape[:2]
        s.pix_fmt = "rgb8" if codec == "gif" else "yuv420p"
        if rotation_deg:
            s.set_display_rotation(rotation_deg)
        for i in range(n):
            raw = np.ascontiguousarray(np.rot90(upright_frame(i), k=-rotation_deg // 90))
            frame = av.VideoFrame.from_ndarray(raw, format="rgb24")
            for p in s.encode(frame.reformat(format="rgb8") if codec == "gif" else frame):
                c.mux(p)
        for p in s.encode():
            c.mux(p)


def red_corner(rgb: np.ndarray) -> str:
    m = (rgb[..., 0] > 180) & (rgb[..., 1] < 90) & (rgb[..., 2] < 90)
    y, x = np.argwhere(m).mean(0)
    return ("T" if y < rgb.shape[0] / 2 else "B") + ("L" if x < rgb.shape[1] / 2 else "R")


@pytest.mark.parametrize("suffix", [".mp4", ".mov", ".webm"])
@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_rotation_metadata_gives_upright_frames(tmp_path: Path, suffix: str, rotation: int) -> None:
    path = tmp_path / f"rot{rotation}{suffix}"
    write_rotated(path, rotation)
    with open_video(path) as video:
        frames = list(video)
    info = video.info
    assert info.rotation_deg == rotation
    assert (info.width, info.height) == (W, H)
    assert len(frames) == N
    for i, f in enumerate(frames):
        assert f.rgb.shape == (H, W, 3)
        assert f.rgb.dtype == np.uint8
        assert np.abs(f.rgb.astype(int) - upright_frame(i)).mean() < 6
    assert red_corner(frames[0].rgb) == "TL"
    # OpenCV's auto-orientation agrees on which way is up.
    cap = cv2.VideoCapture(str(path))
    ok, bgr = cap.read()
    cap.release()
    assert ok
    assert red_corner(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)) == "TL"
    assert bgr.shape[:2] == (H, W)


def test_ignoring_rotation_would_be_wrong(tmp_path: Path) -> None:
    """The check above can fail: the stored frames really are sideways."""
    path = tmp_path / "rot90.mp4"
    write_rotated(path, 90)
    with av.open(str(path)) as c:
        raw = next(iter(c.decode(video=0))).to_ndarray(format="rgb24")
    assert raw.shape[:2] == (W, H)
    assert red_corner(raw) != "TL"


def test_info_of_the_real_clips() -> None:
    with open_video(FORMCHECK / "tfjs_pose_squats.mp4") as video:
        times = [f.time_s for f in video]
    info = video.info
    assert (info.width, info.height, info.fps, info.frames) == (720, 1280, 5.0, 65)
    assert info.duration_s == pytest.approx(13.0)
    assert times[:3] == pytest.approx([0.0, 0.2, 0.4])
    assert len(times) == 65


def test_gif() -> None:
    with open_video(FORMCHECK / "tfjs_combined_squat_dance.gif") as video:
        frames = list(video)
    assert video.info.container == "gif"
    assert video.info.fps == pytest.approx(10.0)
    assert len(frames) == 42
    assert frames[0].rgb.shape == (244, 600, 3)
    assert frames[-1].time_s == pytest.approx(4.1)


def test_variable_frame_rate_keeps_true_times() -> None:
    """The MediaPipe clip's frames are not evenly spaced; times come from the container."""
    with open_video(FORMCHECK / "mediapipe_pose_world_landmarks_squats.mp4") as video:
        times = np.array([f.time_s for f in video])
    gaps = np.diff(times)
    assert len(times) == 149
    assert (gaps > 0).all()
    assert gaps.max() - gaps.min() > 0.02  # not index / fps
    assert times[-1] == pytest.approx(6.0, abs=0.05)


def test_max_fps_drops_frames_and_keeps_times(tmp_path: Path) -> None:
    path = tmp_path / "30fps.mp4"
    write_rotated(path, 0, fps=30, n=30)
    with open_video(path, max_fps=10) as video:
        frames = list(video)
    assert video.info.fps == 10
    assert video.info.source_fps == 30
    assert [f.index for f in frames] == list(range(0, 30, 3))
    assert [f.time_s for f in frames] == pytest.approx([i / 10 for i in range(10)], abs=1e-3)
    assert np.abs(frames[2].rgb.astype(int) - upright_frame(6)).mean() < 6


def test_reads_streams_and_bytes_and_twice(tmp_path: Path) -> None:
    path = tmp_path / "clip.webm"
    write_rotated(path, 90)
    data = path.read_bytes()
    for source in (io.BytesIO(data), data):
        with open_video(source) as video:
            first = [f.time_s for f in video]
            second = [f.time_s for f in video]
        assert video.info.rotation_deg == 90
        assert len(first) == N
        assert first == second


def read_all(source: Path | bytes) -> int:
    with open_video(source) as video:
        return sum(1 for _ in video)


def bad_message(source: Path | bytes) -> str:
    with pytest.raises(BadInput) as caught:
        read_all(source)
    return str(caught.value)


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.mp4"
    path.write_text("3x5 squats at 60 kg\n")
    message = bad_message(path)
    assert message.startswith("notes.mp4: ")
    assert "expected a video file" in message


def test_empty_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "empty.mov").write_bytes(b"")
    assert "empty" in bad_message(tmp_path / "empty.mov")
    assert "no such file" in bad_message(tmp_path / "absent.mp4")


def test_truncated_files(tmp_path: Path) -> None:
    data = (FORMCHECK / "tfjs_pose_squats.mp4").read_bytes()
    head = tmp_path / "head.mp4"  # index (moov) at the end: cut off
    head.write_bytes(data[: len(data) // 2])
    assert "head.mp4" in bad_message(head)
    # Index first (faststart), media cut half way: frames decode, then it runs out.
    fast = tmp_path / "fast.mp4"
    with (
        av.open(str(FORMCHECK / "tfjs_pose_squats.mp4")) as src,
        av.open(str(fast), "w", options={"movflags": "faststart"}) as dst,
    ):
        out = dst.add_stream_from_template(src.streams.video[0])
        for packet in src.demux(src.streams.video[0]):
            if packet.dts is not None:
                packet.stream = out
                dst.mux(packet)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(fast.read_bytes()[: fast.stat().st_size // 2])
    message = bad_message(cut)
    assert message.startswith("cut.mp4: ")
    assert "cut short" in message
    # The same error comes through the tracking loop, which decodes on another thread.
    with open_video(cut) as video, pytest.raises(BadInput, match="cut short"):
        track_video(video, FakeModel())


def test_an_image_is_not_a_video(tmp_path: Path) -> None:
    ok, png = cv2.imencode(".png", upright_frame(0))
    assert ok
    path = tmp_path / "photo.mp4"
    path.write_bytes(png.tobytes())
    assert "expected a video file" in bad_message(path)


class FakeModel:
    """Finds 'a person' (a fixed skeleton) in frames whose mean brightness is below 199."""

    def __init__(self) -> None:
        self.closed = False

    def landmarks(self, frame_rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        if frame_rgb.mean() >= 199:
            return None
        h, w = frame_rgb.shape[:2]
        points = np.column_stack([np.linspace(0.2, 0.8, 33) * w, np.linspace(0.1, 0.9, 33) * h])
        return np.column_stack([points, np.zeros(33)]), np.full(33, 0.9)

    def close(self) -> None:
        self.closed = True


def test_track_video_with_a_fake_model(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    write_rotated(path, 90, n=N)
    calls: list[tuple[int, int | None]] = []
    with open_video(path) as video:
        track = track_video(
            video, FakeModel(), progress=lambda done, total: calls.append((done, total))
        )
    assert isinstance(track, PoseTrack)
    assert (track.frames, track.width, track.height, track.fps) == (N, W, H, 30.0)
    assert calls == [(i, N) for i in range(1, N + 1)]
    assert track.points[0, 32, 0] == pytest.approx(0.8 * W)


def test_track_marks_frames_without_anybody(tmp_path: Path) -> None:
    path = tmp_path / "blank.mp4"
    with av.open(str(path), "w") as c:
        s = c.add_stream(video_codec(".mp4"), rate=10)
        s.width, s.height, s.pix_fmt = 64, 64, "yuv420p"
        for _ in range(5):
            for p in s.encode(av.VideoFrame.from_ndarray(np.full((64, 64, 3), 230, np.uint8))):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    with open_video(path) as video:
        track = track_video(video, FakeModel())
    assert track.frames == 5
    assert not track.found.any()
    assert (track.visibility == 0).all()


def test_annotated_video(tmp_path: Path) -> None:
    src = tmp_path / "clip.mp4"
    write_rotated(src, 90)
    with open_video(src) as video:
        track = track_video(video, FakeModel())
        overlays = [
            Overlay(angle_deg=90.0 + i, rep_count=i // 4, fault="knees in") for i in range(N)
        ]
        out = tmp_path / "annotated.mp4"
        written = write_annotated(out, (f.rgb for f in video), track, overlays)
    assert written == N
    with open_video(out) as annotated:
        frames = list(annotated)
        codec = annotated.info.codec
    assert codec == ("h264" if "libx264" in av.codecs_available else "mpeg4")
    assert len(frames) == N
    assert frames[0].rgb.shape == (H, W, 3)
    # The panel (top-left) is darkened and the skeleton is drawn: the frame differs from the source.
    assert frames[0].rgb[:20, :20].mean() < 120
    diff = np.abs(frames[5].rgb.astype(int) - upright_frame(5)).mean(axis=2)
    assert (diff > 60).sum() > 200
    with pytest.raises(ValueError, match="one overlay per tracked frame"):
        write_annotated(tmp_path / "x.mp4", [], track, overlays[:-1])


def test_without_mediapipe_the_message_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from runlift.formcheck.blazepose import BlazePose

    monkeypatch.setitem(sys.modules, "mediapipe", None)  # import mediapipe -> ImportError
    with pytest.raises(BadInput, match=r"pip install runlift\[form\]"):
        BlazePose()


def test_read_ahead_stops_its_thread_when_the_reader_stops() -> None:
    import threading

    def endless() -> Iterator[int]:
        i = 0
        while True:
            yield i
            i += 1

    ahead = read_ahead(endless())  # type: ignore[arg-type]
    assert [next(ahead) for _ in range(3)] == [0, 1, 2]
    ahead.close()
    assert not any(t.name == "runlift-decode" for t in threading.enumerate())


@pytest.mark.parametrize("suffix", [".gif", ".webm", ".mov"])
def test_written_formats_read_back(tmp_path: Path, suffix: str) -> None:
    from runlift.formats.video_annotate import write_frames

    path = tmp_path / f"clip{suffix}"
    assert write_frames(path, [upright_frame(i) for i in range(N)], 10) == N
    with open_video(path) as video:
        frames = list(video)
    assert len(frames) == N
    assert video.info.fps == pytest.approx(10)
    assert red_corner(frames[0].rgb) == "TL"
    assert frames[-1].time_s == pytest.approx((N - 1) / 10, abs=0.011)
