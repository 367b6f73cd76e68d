"""``record`` messages into columns (timestamp, heart rate, distance) without a Python object each.

The message loop only notes where each record is: a span of bytes, one per back-to-back run.
While the definition stays the same, the spans are joined into one buffer whose records all
have the same size, so a field is a strided slice of it (``buf[offset::size]``): one byte per
record for the heart rate; four such slices interleaved into an ``array`` for a 32-bit value.
The columns grow a whole run at a time, in C.
"""

from __future__ import annotations

import sys
from array import array
from itertools import repeat

from runlift.formats.fit.messages import Messages
from runlift.formats.fit.plans import INVALID_U8, INVALID_U32, Plan

_U32_CODE = "I" if array("I").itemsize == 4 else "L"
_LITTLE_ENDIAN_HOST = sys.byteorder == "little"


def u32_column(buf: bytes, offset: int, stride: int, big_endian: bool) -> array[int]:
    """The 32-bit unsigned field at ``offset`` of every ``stride``-byte record in ``buf``."""
    n = len(buf) // stride
    packed = bytearray(4 * n)
    for k in range(4):
        packed[k::4] = buf[offset + k :: stride]
    column = array(_U32_CODE, packed)
    if big_endian == _LITTLE_ENDIAN_HOST:
        column.byteswap()
    return column


class RecordColumns:
    """Collects record spans of one plan; turns them into columns when the plan changes."""

    __slots__ = ("csd_last", "csd_total", "data", "header_ts", "out", "plan", "spans")

    def __init__(self, data: bytes, out: Messages) -> None:
        self.data = data
        self.out = out
        self.plan: Plan | None = None
        self.spans: list[tuple[int, int]] = []
        # Timestamps from compressed timestamp headers, one per record, or None (normal headers).
        self.header_ts: list[int] | None = None
        self.csd_last = 0  # compressed speed/distance: last 12-bit distance, total in 1/16 m
        self.csd_total = 0

    def start(self, plan: Plan, compressed: bool) -> None:
        """Records of ``plan`` follow (with compressed timestamp headers, or not)."""
        self.flush()
        self.plan = plan
        self.header_ts = [] if compressed else None

    def flush(self) -> None:
        plan, spans, data = self.plan, self.spans, self.data
        if plan is None or not spans:
            return
        if len(spans) == 1:
            buf = data[spans[0][0] : spans[0][1]]
        else:
            buf = b"".join([data[a:b] for a, b in spans])
        spans.clear()
        size = plan.size
        n = len(buf) // size
        ts_off, hr_off, dist_off, csd_off = plan.record_offsets
        out = self.out
        if self.header_ts is not None:
            out.rec_ts.extend(self.header_ts)
            self.header_ts = []
        elif ts_off >= 0:
            out.rec_ts.extend(u32_column(buf, ts_off, size, plan.big_endian))
        else:
            out.rec_ts.extend(repeat(INVALID_U32, n))
        out.rec_hr.extend(buf[hr_off::size] if hr_off >= 0 else repeat(INVALID_U8, n))
        if dist_off >= 0:
            out.rec_dist.extend(u32_column(buf, dist_off, size, plan.big_endian))
        elif csd_off >= 0:
            out.rec_dist.extend(self._compressed_distances(buf, csd_off, size))
        else:
            out.rec_dist.extend(repeat(INVALID_U32, n))

    def _compressed_distances(self, buf: bytes, offset: int, size: int) -> list[float]:
        """``compressed_speed_distance``: distance is bits 12-23, 1/16 m, rolling over at 4096."""
        last, total = self.csd_last, self.csd_total
        out: list[float] = []
        for middle, high in zip(buf[offset + 1 :: size], buf[offset + 2 :: size], strict=True):
            value = middle >> 4 | high << 4
            total += (value - last) & 0xFFF
            last = value
            out.append(total * 6.25)  # 1/16 m in centimetres
        self.csd_last, self.csd_total = last, total
        return out
