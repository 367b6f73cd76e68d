"""The web form check's pieces that need no pose model: the stored contract read back says the
same as the fresh result, and a job whose worker went away is reported, not polled for ever."""

from __future__ import annotations

import os
import time
from pathlib import Path

from runlift.app.form_clips import (
    FAILED,
    INTERRUPTED,
    QUEUED,
    FormClips,
    Pending,
    result_from_contract,
)
from runlift.formcheck import words
from runlift.formcheck.result import Fault, FormResult, Rep
from runlift.store.uow import Store

RESULT = FormResult(
    exercise="squat",
    view="side",
    frames=150,
    fps=30.0,
    frames_with_pose=148,
    reps=(
        Rep(1.0, 1.6, 2.2, 84.4, "below-parallel"),
        Rep(2.7, 3.2, 3.8, 101.0, "above-parallel", ("depth", "trunk-lean")),
    ),
    faults=(
        Fault("depth", (2,), "likely", "Rep 2 stopped above parallel.", "Sit between the heels"),
        Fault("trunk-lean", (2,), "possible", "The chest dropped.", "Chest proud"),
    ),
    technique=3,
    technique_reasons=("-1: depth (likely, 1 of 2 reps)",),
    warnings=("knee valgus is not judged from the side; film from the front to check it",),
    angle_name="knee",
    angle_deg=(170.0, 84.4),
)


def say(r: FormResult) -> list[object]:
    return [
        words.title(r),
        words.frames_seen(r),
        words.count(r),
        words.rep_columns(r),
        words.rep_rows(r),
        [(words.fault_head(f), words.fault_where(f), words.cue(f)) for f in r.faults],
        words.says_no_faults(r),
        words.rating(r),
        list(r.technique_reasons),
        [words.note(w) for w in r.warnings],
    ]


def test_the_stored_contract_reads_back_in_the_same_words() -> None:
    back = result_from_contract(RESULT.to_contract())
    assert say(back) == say(RESULT)
    assert words.count(RESULT) == "2 reps"
    assert words.rep_columns(RESULT)[2] == "lowest knee angle"
    assert words.rep_rows(RESULT)[1] == (
        "2",
        "2.7–3.8 s",
        "101°",
        "above parallel",
        "depth, trunk lean",
    )
    hold = result_from_contract(
        {**RESULT.to_contract(), "exercise": "plank", "reps": [], "hold_s": 31.54}
    )
    assert words.count(hold) == "Held 31.5 s"
    assert hold.angle_name == ""


def test_a_job_whose_worker_died_is_reported_as_interrupted(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'runlift.db'}")
    try:
        clips = FormClips(store, tmp_path / "form-checks", stale_s=60)
        folder = clips.new_folder()
        # Written as submit writes it, but no thread runs: the worker that took it is gone.
        clips._write(Pending(folder.name, 7, QUEUED, "goblet-squat"))
        job = clips.pending(7, folder.name)
        assert job is not None
        assert job.state == QUEUED
        assert clips.pending(8, folder.name) is None, "another athlete's job is not found"
        assert clips.pending(7, "../etc") is None
        state = tmp_path / "form-checks" / "pending" / f"{folder.name}.json"
        old = time.time() - 120
        os.utime(state, (old, old))
        job = clips.pending(7, folder.name)
        assert job is not None
        assert job.state == FAILED
        assert job.error == INTERRUPTED
        assert clips.clip_path(12) == tmp_path / "form-checks" / "12" / "annotated.mp4"
    finally:
        store.close()
