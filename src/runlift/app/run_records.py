"""An imported activity as a stored ``Run``: its fields, and its heart-rate histogram (the
seconds at each bpm, which Edwards' TRIMP needs; raw samples are not kept)."""

from __future__ import annotations

import datetime as dt

from runlift.app.discover import StravaHint
from runlift.formats.activity import Activity
from runlift.training.model import Run

HR_GAP_CAP_S = 10.0  # a gap between samples counts at most this long (pauses are not effort)


def hr_histogram(samples: tuple[tuple[float, float], ...]) -> dict[int, float]:
    """Seconds at each whole bpm: each sample holds until the next (at most HR_GAP_CAP_S)."""
    out: dict[int, float] = {}
    for (t0, bpm), (t1, _) in zip(
        samples, (*samples[1:], (samples[-1][0] + 1.0, 0.0)), strict=False
    ):
        if 20 <= bpm <= 250:
            out[round(bpm)] = out.get(round(bpm), 0.0) + min(max(t1 - t0, 0.0), HR_GAP_CAP_S)
    return out


def run_of(
    activity: Activity,
    fmt: str,
    sha: str | None,
    hint: StravaHint | None,
    histogram: dict[int, float] | None = None,
) -> Run:
    timer = activity.timer_s if activity.timer_s is not None else (activity.elapsed_s or 0.0)
    return Run(
        start_at=activity.start_at.astimezone(dt.UTC),
        distance_m=activity.distance_m or 0.0,
        timer_s=timer,
        elapsed_s=activity.elapsed_s,
        avg_hr_bpm=activity.avg_hr_bpm,
        max_hr_bpm=activity.max_hr_bpm,
        srpe=hint.srpe if hint else None,
        sport=activity.sport,
        source_format="strava" if fmt == "strava-csv" else fmt,
        source_sha256=sha,
        name=hint.name if hint else None,
        sub_sport=activity.sub_sport,
        total_ascent_m=activity.total_ascent_m,
        # The worker's histogram when it compacted the samples away, else one made here.
        hr_histogram=histogram
        or (hr_histogram(activity.hr_samples) if activity.hr_samples else {}),
    )
