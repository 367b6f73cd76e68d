"""A tiny FIT writer for the decoder's tests, and checks that the FIT SDK reads what it writes.

It writes what the Garmin SDK's encoder cannot: big-endian definitions, compressed timestamp
headers, developer fields without their description messages, odd field sizes, damaged
headers. Its CRC is computed bit by bit here, independently of runlift's.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
from dataclasses import dataclass, field

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
# type name -> (base type byte, struct code)
BASE = {
    "enum": (0x00, "B"),
    "sint8": (0x01, "b"),
    "uint8": (0x02, "B"),
    "sint16": (0x83, "h"),
    "uint16": (0x84, "H"),
    "sint32": (0x85, "i"),
    "uint32": (0x86, "I"),
    "string": (0x07, "s"),
    "byte": (0x0D, "B"),
}
FILE_ID, SESSION, LAP, RECORD, EVENT, ACTIVITY = 0, 18, 19, 20, 21, 34

# Field lists used by many tests: (field number, type, count).
FILE_ID_FIELDS = [(0, "enum", 1)]
RECORD_FIELDS = [(253, "uint32", 1), (3, "uint8", 1), (5, "uint32", 1)]
SESSION_FIELDS = [
    (253, "uint32", 1),
    (2, "uint32", 1),
    (5, "enum", 1),
    (6, "enum", 1),
    (7, "uint32", 1),
    (8, "uint32", 1),
    (9, "uint32", 1),
    (16, "uint8", 1),
    (17, "uint8", 1),
    (22, "uint16", 1),
]
T0 = 1_000_000_030  # a FIT timestamp: 2021-09-09T01:47:10Z; T0 % 32 == 30


def crc_bitwise(data: bytes) -> int:
    value = 0
    for byte in data:
        value ^= byte
        for _ in range(8):
            value = (value >> 1) ^ 0xA001 if value & 1 else value >> 1
    return value


@dataclass
class _Definition:
    order: str
    fields: list[tuple[int, str, int]]
    dev_size: int


@dataclass
class FitWriter:
    """Definition and data messages into one FIT file's bytes (``build``)."""

    body: bytearray = field(default_factory=bytearray)
    defs: dict[int, _Definition] = field(default_factory=dict)

    def define(
        self,
        local: int,
        mesg_num: int,
        fields: list[tuple[int, str, int]],
        *,
        big_endian: bool = False,
        dev_sizes: tuple[int, ...] = (),
        sizes: dict[int, int] | None = None,
    ) -> FitWriter:
        """``sizes`` overrides a field's declared size (to write a misaligned definition)."""
        order = ">" if big_endian else "<"
        header = 0x40 | local | (0x20 if dev_sizes else 0)
        out = bytes([header, 0, int(big_endian)]) + struct.pack(order + "H", mesg_num)
        out += bytes([len(fields)])
        for num, kind, count in fields:
            base, code = BASE[kind]
            size = (sizes or {}).get(num, count * struct.calcsize(code))
            out += bytes([num, size, base])
        if dev_sizes:
            out += bytes([len(dev_sizes)])
            out += b"".join(bytes([i, size, 0]) for i, size in enumerate(dev_sizes))
        self.body += out
        self.defs[local] = _Definition(order, fields, sum(dev_sizes))
        return self

    def message(self, local: int, *values: object, compressed: int | None = None) -> FitWriter:
        """A data message; ``compressed`` is a compressed timestamp header's time offset."""
        definition = self.defs[local]
        header = local if compressed is None else 0x80 | local << 5 | compressed
        out = bytes([header])
        for (_num, kind, count), value in zip(definition.fields, values, strict=True):
            code = BASE[kind][1]
            if code == "s":
                out += struct.pack(f"{count}s", value)
            elif count == 1:
                out += struct.pack(definition.order + code, value)
            else:
                out += struct.pack(f"{definition.order}{count}{code}", *value)  # type: ignore[misc]
        self.body += out + bytes(definition.dev_size)
        return self

    def raw(self, data: bytes) -> FitWriter:
        self.body += data
        return self

    def build(self, *, header_size: int = 14, header_crc: bool = True) -> bytes:
        header = struct.pack("<BBHI4s", header_size, 0x20, 2132, len(self.body), b".FIT")
        if header_size == 14:
            header += struct.pack("<H", crc_bitwise(header) if header_crc else 0)
        data = header + bytes(self.body)
        return data + struct.pack("<H", crc_bitwise(data))


def fit_seconds(at: dt.datetime) -> int:
    return int((at - FIT_EPOCH).total_seconds())


def simple_activity(
    *, big_endian: bool = False, records: int = 3, session: bool = True, file_type: int = 4
) -> FitWriter:
    """file_id, ``records`` one-second records (HR 100 + i, distance 2.5 m a second), a session."""
    w = FitWriter()
    w.define(0, FILE_ID, FILE_ID_FIELDS, big_endian=big_endian).message(0, file_type)
    w.define(1, RECORD, RECORD_FIELDS, big_endian=big_endian)
    for i in range(records):
        w.message(1, T0 + i, 100 + i, 250 * i)
    if session:
        w.define(2, SESSION, SESSION_FIELDS, big_endian=big_endian)
        elapsed = max(records - 1, 0)
        w.message(
            2, T0 + elapsed, T0, 1, 0, elapsed * 1000, elapsed * 1000, 250 * elapsed, 101, 102, 7
        )
    return w


# --- the writer is checked against the FIT SDK, so that tests built on it mean something ---------


def sdk_read(data: bytes) -> dict[str, list[dict[str, object]]]:
    from garmin_fit_sdk import Decoder, Stream

    messages, errors = Decoder(Stream.from_bytes_io(io.BytesIO(data))).read()
    assert errors == []
    return messages  # type: ignore[no-any-return]


def test_the_sdk_reads_what_the_writer_writes() -> None:
    for big_endian in (False, True):
        messages = sdk_read(simple_activity(big_endian=big_endian).build())
        assert messages["file_id_mesgs"][0]["type"] == "activity"
        records = messages["record_mesgs"]
        assert [r["heart_rate"] for r in records] == [100, 101, 102]
        assert [r["distance"] for r in records] == [0.0, 2.5, 5.0]
        assert records[0]["timestamp"] == FIT_EPOCH + dt.timedelta(seconds=T0)
        (session,) = messages["session_mesgs"]
        assert session["sport"] == "running"
        assert session["total_timer_time"] == 2.0
        assert session["total_distance"] == 5.0
        assert session["avg_heart_rate"] == 101


def test_the_sdk_skips_developer_fields_the_writer_declares() -> None:
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4)
    w.define(1, RECORD, RECORD_FIELDS, dev_sizes=(3, 2)).message(1, T0, 120, 0)
    w.message(1, T0 + 1, 121, 100)
    records = sdk_read(w.build(header_size=12))["record_mesgs"]
    assert [r["heart_rate"] for r in records] == [120, 121]
