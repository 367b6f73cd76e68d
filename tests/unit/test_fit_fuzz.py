"""Damaged FIT files, made from real ones: the decoder returns a ParsedFile or raises FormatError,
never anything else, and never takes long.

Mutations: bit flips, truncation, a header spliced in, a chunk duplicated or deleted, and each of
them with the header's data size and the file CRC made right again, so that the damage reaches the
message loop and the summaries instead of stopping at the CRC check.
"""

from __future__ import annotations

import struct
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fit_writer import crc_bitwise, simple_activity

from runlift.formats.activity import FormatError, ParsedFile
from runlift.formats.fit import parse_fit

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "fit"
SEEDS = [
    "fitparse__Activity.fit",  # small, one session
    "fitparse__garmin-fenix-5-run.fit",
    "fitparse__compressed-speed-distance.fit",  # compressed timestamp headers
    "fitparse__DeveloperData.fit",  # developer fields
    "fitparse__activity-settings.fit",  # two chained files
    "fitparse__elemnt-bolt-no-application-id-inside-developer-data-id.fit",
    "muktihari__from_official_sdk_activity_multisport.fit",
]
SECONDS = 2.0


def seeds() -> list[bytes]:
    found = [(CORPUS / name).read_bytes() for name in SEEDS if (CORPUS / name).exists()]
    return [*found, simple_activity(big_endian=True, records=40).build()]


SEED_FILES = seeds()


def refit(data: bytes) -> bytes:
    """The data size and file CRC of the (first) header made to match ``data`` again."""
    if len(data) < 16 or data[0] not in (12, 14):
        return data
    size = data[0]
    body = bytearray(data[:-2])
    struct.pack_into("<I", body, 4, len(body) - size)
    if size == 14:
        struct.pack_into("<H", body, 12, crc_bitwise(bytes(body[:12])))
    return bytes(body) + struct.pack("<H", crc_bitwise(bytes(body)))


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEED_FILES)))
    n = len(data)
    kind = draw(st.sampled_from(["flip", "truncate", "splice", "duplicate", "delete"]))
    if kind == "flip":
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, n - 1))
            data[at] ^= 1 << draw(st.integers(0, 7))
    elif kind == "truncate":
        del data[draw(st.integers(0, n - 1)) :]
    elif kind == "splice":
        at = draw(st.integers(0, n))
        data[at:at] = data[: draw(st.sampled_from([12, 14, 16, 40]))]
    else:
        a = draw(st.integers(0, n - 1))
        b = draw(st.integers(a, min(n, a + 400)))
        if kind == "duplicate":
            at = draw(st.integers(0, n))
            data[at:at] = data[a:b]
        else:
            del data[a:b]
    out = bytes(data)
    return refit(out) if draw(st.booleans()) else out


def check(data: bytes) -> None:
    started = time.perf_counter()
    result: ParsedFile | str
    try:
        result = parse_fit(data)
    except FormatError as exc:
        result = str(exc)
    assert time.perf_counter() - started < SECONDS
    if isinstance(result, str):
        assert result  # a reason is given
        return
    for activity in result.activities:
        assert activity.start_at.tzinfo is not None
        times = [t for t, _ in activity.hr_samples]
        assert times == sorted(times)


@pytest.mark.skipif(len(SEED_FILES) < 2, reason="shared/corpus is not there")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_files_are_read_or_refused_quickly(data: bytes) -> None:
    check(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_after_a_fit_header_are_read_or_refused(tail: bytes) -> None:
    header = struct.pack("<BBHI4s", 12, 0x20, 2132, len(tail), b".FIT")
    check(header + tail)
    check(refit(header + tail + b"\0\0"))


def test_a_huge_declared_data_size_is_not_trusted() -> None:
    data = bytearray(simple_activity().build())
    struct.pack_into("<I", data, 4, 0xFFFFFFF0)
    check(bytes(data))
