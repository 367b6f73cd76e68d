"""`runlift form` through the installed script, on the real clips of ``../shared/formcheck``:
rep counts, the §8 JSON, the annotated video, bad files, and ``--log`` rating a logged set.

The clips' own descriptions (``shared/formcheck/README.md``) are the expected counts: three
squats in the MediaPipe clip, two full ones in the tfjs clip (a third is cut off on the way up),
and none in the held-squat/dancing GIF. They need the optional ``form`` extra (MediaPipe):
without it they are skipped, except in CI, where they fail.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from e2e.test_cli_log import SAMPLE, cli, ok, refused
from tests_support import SHARED

CLIPS = SHARED / "formcheck"
MEDIAPIPE_CLIP = CLIPS / "mediapipe_pose_world_landmarks_squats.mp4"
TFJS_CLIP = CLIPS / "tfjs_pose_squats.mp4"
DANCE_GIF = CLIPS / "tfjs_combined_squat_dance.gif"
REP_KEYS = {"start_s", "bottom_s", "end_s", "knee_angle_min_deg", "depth", "faults"}
TOP_KEYS = {
    "schema", "exercise", "view", "video", "frames_with_pose", "rep_count", "hold_s", "reps",
    "faults", "technique", "warnings",
}  # fmt: skip

if importlib.util.find_spec("mediapipe") is None:
    if os.environ.get("CI"):
        pytest.fail("the form extra (mediapipe) is missing in CI", pytrace=False)
    pytest.skip("the form extra (mediapipe) is not installed", allow_module_level=True)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'runlift.db'}"


def form_json(db: str, *args: str | Path) -> dict[str, object]:
    doc: dict[str, object] = json.loads(ok(db, "form", *args, "--format", "json"))
    return doc


def test_the_real_clips_give_their_rep_counts_in_the_contract(db: str, tmp_path: Path) -> None:
    three = form_json(db, MEDIAPIPE_CLIP, "--exercise", "squat")
    assert set(three) >= TOP_KEYS
    assert three["schema"] == "runlift.form/1"
    assert three["rep_count"] == 3
    reps = three["reps"]
    assert isinstance(reps, list)
    assert all(set(r) == REP_KEYS for r in reps)
    assert all(r["start_s"] < r["bottom_s"] < r["end_s"] for r in reps)
    video = three["video"]
    assert isinstance(video, dict)
    assert three["frames_with_pose"] == video["frames"] == 149
    assert 1 <= int(str(three["technique"])) <= 5

    assert form_json(db, TFJS_CLIP, "--exercise", "bodyweight-squat")["rep_count"] == 2
    held = form_json(db, DANCE_GIF, "--exercise", "squat")
    assert held["rep_count"] == 0
    assert held["warnings"]


def test_table_and_annotated_video(db: str, tmp_path: Path) -> None:
    import av

    out = tmp_path / "annotated.mp4"
    table = ok(db, "form", MEDIAPIPE_CLIP, "--exercise", "squat", "--annotate", out)
    assert "3 reps" in table
    assert "Suggested technique rating" in table
    assert f"Annotated video: {out}" in table
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        assert (stream.codec_context.width, stream.codec_context.height) == (640, 360)
    assert frames == 149


def test_bad_files_are_refused_with_their_name(db: str, tmp_path: Path) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("not a video\n")
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(TFJS_CLIP.read_bytes()[:60_000])
    for path in (text, cut, tmp_path / "missing.mp4"):
        message = refused(cli(db, "form", path, "--exercise", "squat"))
        assert path.name in message
    assert "squat, lunge" in refused(cli(db, "form", TFJS_CLIP, "--exercise", "bench-press"))


def test_log_rates_todays_set_and_keeps_the_check(db: str) -> None:
    from sqlalchemy import create_engine, text

    ok(db, "init", SAMPLE)
    none_yet = refused(cli(db, "form", TFJS_CLIP, "--exercise", "squat", "--log"))
    assert "--log: no working set of a squat exercise is logged today" in none_yet
    ok(db, "log", "strength", "goblet-squat 2x8@16kg rpe7", "push-up 2x10")
    doc = form_json(db, TFJS_CLIP, "--exercise", "squat", "--log")
    logged = doc["logged_set"]
    assert isinstance(logged, dict)
    engine = create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, exercise_id, technique FROM sets ORDER BY position")
        ).all()
        checks = conn.execute(text("SELECT set_id, technique, result_json FROM form_checks")).all()
    engine.dispose()
    squats = [r for r in rows if r.exercise_id == "goblet-squat"]
    # The newest goblet-squat set is the one rated; the push-ups and the first set are not.
    assert [r.technique for r in squats] == [None, doc["technique"]]
    assert all(r.technique is None for r in rows if r.exercise_id == "push-up")
    assert logged["set_id"] == squats[-1].id
    assert len(checks) == 1
    assert checks[0].set_id == squats[-1].id
    assert json.loads(checks[0].result_json)["rep_count"] == 2
