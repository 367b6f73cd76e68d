"""Damaged GPX files made from real ones: the importer returns a ParsedFile or raises
FormatError, never anything else, and never takes long (each case under 2 s).

The damage: random truncations, byte flips, cut-out and repeated slices, and gzip wrappers
(whole or cut short). ``test_tcx_fuzz`` reuses :func:`damaged` and :func:`check_outcome`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import time
from collections.abc import Callable
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runlift.formats.activity import FormatError, ParsedFile
from runlift.formats.gpx import parse_gpx
from tests_support import SHARED

CORPUS = SHARED / "corpus"
GPX_FILES = [
    "gpx/georustgpx__garmin-activity.gpx",
    "gpx/georustgpx__caltopo-export.gpx",
    "gpx/georustgpx__with_accuracy.gpx",
    "gpx/gpxpy__korita-zbevnica.gpx",
    "gpx/gpxpy__Mojstrovka.gpx",
    "gpx/gpxpy__track-with-empty-segment.gpx",
    "gpx/gpxpy__track-with-less-sec-time.gpx",
    "gpx/gpxpy__gpx1.1_with_all_fields.gpx",
    "gpx/gpxpy__unicode_with_bom.gpx",
]
FUZZ = settings(
    deadline=dt.timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def corpus_bytes(name: str) -> bytes:
    path = CORPUS / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"corpus file missing: {path}")
        pytest.skip(f"no corpus at {CORPUS}")
    return path.read_bytes()


@st.composite
def damaged(draw: st.DrawFn, names: list[str]) -> bytes:
    """A corpus file with random damage."""
    data = corpus_bytes(draw(st.sampled_from(names)))
    n = len(data)
    kind = draw(st.sampled_from(["truncate", "flip", "cut", "repeat", "gzip-cut"]))
    if kind == "truncate":
        return data[: draw(st.integers(0, n))]
    if kind == "flip":
        buf = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            buf[draw(st.integers(0, n - 1))] = draw(st.integers(0, 255))
        return bytes(buf)
    start = draw(st.integers(0, n))
    end = draw(st.integers(start, min(n, start + 4096)))
    if kind == "cut":
        return data[:start] + data[end:]
    if kind == "repeat":
        return data[:end] + data[start:]
    packed = gzip.compress(data, compresslevel=1)
    return packed[: draw(st.integers(0, len(packed)))]


def check_outcome(parse: Callable[[bytes], ParsedFile], data: bytes) -> None:
    """``parse`` returns a well-formed ParsedFile or raises FormatError, in under 2 s."""
    started = time.perf_counter()
    try:
        parsed: ParsedFile | None = parse(data)
    except FormatError as err:
        parsed, reason = None, str(err)
    assert time.perf_counter() - started < 2.0
    if parsed is None:
        assert reason
    else:
        assert parsed.activities
        for a in parsed.activities:
            assert a.start_at.utcoffset() == dt.timedelta(0)
            assert a.elapsed_s is None or a.elapsed_s >= 0
            assert a.distance_m is None or a.distance_m >= 0
            assert a.avg_hr_bpm is None or 0 < a.avg_hr_bpm <= 300
            for samples in (a.hr_samples, a.distance_samples):
                assert [s[0] for s in samples] == sorted(s[0] for s in samples)


@FUZZ
@given(damaged(GPX_FILES))
def test_damaged_gpx_gives_a_parsed_file_or_format_error(data: bytes) -> None:
    check_outcome(parse_gpx, data)
