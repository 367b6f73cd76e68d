"""The FIT decoder on files built byte by byte: framing, definitions, headers, damage, gzip."""

from __future__ import annotations

import datetime as dt
import gzip
import struct

import pytest
from test_fit_writer import (
    EVENT,
    FILE_ID,
    FILE_ID_FIELDS,
    RECORD,
    RECORD_FIELDS,
    T0,
    FitWriter,
    simple_activity,
)

import runlift.formats.fit as fit
from runlift.formats.activity import FormatError
from runlift.formats.fit import parse_fit

START = dt.datetime(2021, 9, 8, 1, 47, 10, tzinfo=dt.UTC)


def test_fit_time_zero_is_the_fit_epoch() -> None:
    assert fit.summary.fit_time(0) == dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
    assert fit.summary.fit_time(T0) == START


def test_a_small_activity() -> None:
    parsed = parse_fit(simple_activity().build())
    assert parsed.format == "fit"
    assert (parsed.repaired, parsed.skipped) == ((), ())
    (a,) = parsed.activities
    assert (a.sport, a.sub_sport, a.start_at) == ("running", None, START)
    assert (a.distance_m, a.timer_s, a.elapsed_s) == (5.0, 2.0, 2.0)
    assert (a.avg_hr_bpm, a.max_hr_bpm, a.total_ascent_m) == (101, 102, 7)
    assert a.hr_samples == ((0, 100), (1, 101), (2, 102))
    assert a.distance_samples == ((0, 0.0), (1, 2.5), (2, 5.0))
    assert a.summary_from == "session"


def test_big_endian_definitions_read_the_same() -> None:
    little = parse_fit(simple_activity().build())
    big = parse_fit(simple_activity(big_endian=True).build())
    assert big == little


def test_a_12_byte_header_and_a_header_crc_of_zero_are_fine() -> None:
    expected = parse_fit(simple_activity().build())
    assert parse_fit(simple_activity().build(header_size=12)) == expected
    assert parse_fit(simple_activity().build(header_crc=False)) == expected


def test_compressed_timestamp_headers() -> None:
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4)
    w.define(1, RECORD, RECORD_FIELDS).message(1, T0, 100, 0)
    w.define(2, RECORD, [(3, "uint8", 1)])  # heart rate only: the header gives the time
    for offset, hr in ((31, 101), (2, 102), (10, 103)):
        w.message(2, hr, compressed=offset)
    (a,) = parse_fit(w.build()).activities
    # T0 % 32 == 30: offset 31 is one second on; offset 2 rolls over the 32 s window.
    assert a.hr_samples == ((0, 100), (1, 101), (4, 102), (12, 103))
    assert a.summary_from == "records"


def test_developer_fields_are_skipped_by_their_size() -> None:
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4)
    w.define(1, RECORD, RECORD_FIELDS, dev_sizes=(3, 2, 250))
    for i in range(40):
        w.message(1, T0 + i, 120 + i % 3, 100 * i)
    (a,) = parse_fit(w.build()).activities
    assert [hr for _, hr in a.hr_samples] == [120 + i % 3 for i in range(40)]
    assert a.distance_m == 39.0


def test_a_field_whose_size_is_no_whole_number_of_values_is_skipped() -> None:
    """As in a Coros file: a uint32 distance declared 1 byte long."""
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4)
    fields = [(253, "uint32", 1), (5, "uint8", 1), (3, "uint8", 1)]
    w.define(1, RECORD, fields)
    w.body[-4] = 0x86  # field 5's base type byte: it claims to be a uint32, of 1 byte
    for i in range(3):
        w.message(1, T0 + i, 7, 140 + i)
    (a,) = parse_fit(w.build()).activities
    assert a.distance_samples == ()
    assert a.hr_samples == ((0, 140), (1, 141), (2, 142))


def test_runs_and_interleaved_messages_give_every_record_in_order() -> None:
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4)
    w.define(1, RECORD, RECORD_FIELDS).define(2, 78, [(0, "uint16", 5)])  # hrv, skipped
    w.define(3, RECORD, [(3, "uint8", 1), (253, "uint32", 1)], big_endian=True)
    expected = []
    t = 0
    for block in range(30):
        for _ in range(block % 7):  # runs of 0 to 6 records of local type 1
            w.message(1, T0 + t, 90 + t % 50, 10 * t)
            expected.append((t, 90 + t % 50))
            t += 1
        if block % 3 == 0:
            w.message(2, (1, 2, 3, 4, 5))
        if block % 4 == 0:  # and of the other definition
            w.message(3, 60 + t % 50, T0 + t)
            expected.append((t, 60 + t % 50))
            t += 1
    (a,) = parse_fit(w.build()).activities
    assert a.hr_samples == tuple(expected)


def test_records_out_of_time_order_are_sorted() -> None:
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4)
    w.define(1, RECORD, RECORD_FIELDS)
    for i in (0, 2, 1, 3):
        w.message(1, T0 + i, 100 + i, 100 * i)
    (a,) = parse_fit(w.build()).activities
    assert a.hr_samples == ((0, 100), (1, 101), (2, 102), (3, 103))


def test_compressed_speed_distance_accumulates_over_rollovers() -> None:
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4)
    w.define(1, RECORD, [(253, "uint32", 1), (8, "byte", 3)])
    sixteenths = [0, 1000, 4000, 100, 3000]  # 12-bit values: 4000 -> 100 wraps at 4096
    for i, value in enumerate(sixteenths):
        packed = value << 12  # speed in the low 12 bits (0), distance above
        w.message(1, T0 + i, tuple(packed.to_bytes(3, "little")))
    (a,) = parse_fit(w.build()).activities
    totals = [0, 1000, 4000, 4196, 7096]
    assert [d for _, d in a.distance_samples] == pytest.approx([v / 16 for v in totals])


# --- headers and damage ------------------------------------------------------------------------


def header_variant(change: str) -> bytes:
    data = bytearray(simple_activity().build())
    if change == "signature":
        data[8:12] = b".GIT"
    elif change == "size":
        data[0] = 11
    elif change == "header crc":
        data[12] ^= 0xFF
    return bytes(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"\x0e\x20\x00\x00", "only 4 bytes, too short for a FIT header"),
        (header_variant("signature"), r"no \.FIT signature in the header \(found b'\.GIT'\)"),
        (header_variant("size"), "bad header size 11"),
        (header_variant("header crc"), "bad header CRC"),
        (b"<?xml version='1.0'?><gpx></gpx>", "no .FIT signature"),
    ],
    ids=["empty", "short", "signature", "size", "header crc", "not fit"],
)
def test_bad_headers_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        parse_fit(data)


def test_a_bad_file_crc_is_refused() -> None:
    data = bytearray(simple_activity().build())
    data[-1] ^= 0x01
    with pytest.raises(FormatError, match=r"bad file CRC \(stored 0x[0-9A-F]{4}, computed"):
        parse_fit(bytes(data))


def test_a_data_message_of_an_undefined_local_type_is_refused() -> None:
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4).raw(bytes([3, 0, 0]))
    with pytest.raises(FormatError, match="data message of undefined local type 3 at byte 25"):
        parse_fit(w.build())


def test_a_bad_architecture_byte_is_refused() -> None:
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4)
    w.raw(bytes([0x41, 0, 7, 20, 0, 0]))
    with pytest.raises(FormatError, match="bad architecture byte 7 at byte 25"):
        parse_fit(w.build())


def test_a_truncated_file_keeps_its_records() -> None:
    data = simple_activity(records=10).build()
    # header 14, file_id definition 9 and message 2, record definition 15, records of 10 bytes
    tenth = 14 + 9 + 2 + 15 + 9 * 10
    parsed = parse_fit(data[: tenth + 6])
    (a,) = parsed.activities
    assert a.summary_from == "records"
    assert len(a.hr_samples) == 9
    assert parsed.repaired == (
        f"truncated at byte {tenth} (message runs past the end of the data): "
        "summary rebuilt from records",
    )


def test_a_file_truncated_before_any_record_is_refused() -> None:
    data = simple_activity().build()
    with pytest.raises(FormatError, match=r"truncated at byte 25 \(definition message runs"):
        parse_fit(data[:30])


def test_every_prefix_is_read_or_refused() -> None:
    data = simple_activity(records=5).build()
    for end in range(len(data)):
        try:
            parsed = parse_fit(data[:end])
        except FormatError:
            continue
        assert parsed.repaired or end == len(data)


# --- chained files and gzip ---------------------------------------------------------------------


def test_chained_files_each_give_their_activities() -> None:
    first = simple_activity().build()
    second = simple_activity(records=5).build()
    parsed = parse_fit(first + second)
    assert [len(a.hr_samples) for a in parsed.activities] == [3, 5]
    assert parsed.repaired == ()


def test_a_chained_file_with_a_bad_crc_is_left_out() -> None:
    first, second = simple_activity().build(), bytearray(simple_activity(records=5).build())
    second[-2] ^= 0xFF
    third = simple_activity(records=4).build()
    parsed = parse_fit(first + bytes(second) + third)
    assert [len(a.hr_samples) for a in parsed.activities] == [3, 4]
    (note,) = parsed.repaired
    assert note.startswith(f"chained FIT file 2 at byte {len(first)}: bad file CRC")


def test_trailing_bytes_after_a_file_are_noted() -> None:
    data = simple_activity().build()
    parsed = parse_fit(data + b"\0\0\0")
    assert len(parsed.activities) == 1
    assert parsed.repaired == (
        f"chained FIT file 2 at byte {len(data)}: only 3 bytes, too short for a FIT header; "
        "it and anything after it were not imported",
    )


def test_gzip_is_read() -> None:
    data = simple_activity().build()
    assert parse_fit(gzip.compress(data)) == parse_fit(data)


def test_damaged_gzip_is_refused() -> None:
    packed = gzip.compress(simple_activity().build())
    with pytest.raises(FormatError, match="gzip data cut off"):
        parse_fit(packed[:-12])
    with pytest.raises(FormatError, match="damaged gzip data"):
        parse_fit(packed[:10] + b"\xff" * 20)


def test_a_gzip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fit, "MAX_INFLATED_BYTES", 10_000)
    with pytest.raises(FormatError, match="gzip content larger than"):
        parse_fit(gzip.compress(bytes(50_000)))


# --- files that are not activities -------------------------------------------------------------


def test_a_settings_file_gives_a_note() -> None:
    parsed = parse_fit(simple_activity(file_type=2).build())
    assert parsed.activities == ()
    assert parsed.skipped == ("a FIT settings file, not an activity: nothing imported",)


def test_an_activity_file_with_nothing_in_it_gives_a_note() -> None:
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4)
    w.define(1, EVENT, [(253, "uint32", 1), (0, "enum", 1), (1, "enum", 1)])
    w.message(1, T0, 0, 0)
    parsed = parse_fit(w.build())
    assert parsed.activities == ()
    assert parsed.skipped == (
        "an activity file without sessions, laps, records or sets: nothing imported",
    )


def test_the_public_api() -> None:
    assert fit.__all__ == sorted(fit.__all__)
    assert fit.__all__ == ["MAX_INFLATED_BYTES", "parse_fit"]


def test_the_writer_offsets_the_tests_count_on() -> None:
    """14-byte header, file_id definition 9 bytes and message 2, record definition 15."""
    data = simple_activity(records=0, session=False).build()
    assert struct.unpack_from("<I", data, 4)[0] == 9 + 2 + 15 == len(data) - 16
