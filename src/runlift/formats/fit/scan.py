"""The message loop over one FIT file's data records: definitions, data messages, timestamps.

Speed comes from doing almost nothing per message: read one header byte, index the plan of its
local type, and move on by the plan's size. A ``record`` only has its byte span noted (columns
are cut from the spans later, in C: :mod:`.records`); the few messages runlift reads in full
(sessions, laps, events, sets, …) are unpacked into dicts; everything else is skipped by size.
A run of back-to-back messages of one local type is measured with a strided slice (every
``size``-th byte from the run's start, stripped of the run's header bytes), so a file written as
long runs costs a few C calls per run, not per message.
"""

from __future__ import annotations

import struct

from runlift.formats.fit.messages import Messages, ScanStop
from runlift.formats.fit.plans import COLLECT, RECORD, Plan, compile_plan
from runlift.formats.fit.records import RecordColumns

_U16 = (struct.Struct("<H"), struct.Struct(">H"))
_U32 = struct.Struct("<I")
_COMPRESSED_HEADERS = tuple(bytes(range(0x80 + 32 * t, 0xA0 + 32 * t)) for t in range(4))
_NORMAL_HEADERS = tuple(bytes((h,)) for h in range(0x40))
_RUN_WINDOW = 64  # messages looked ahead per strided slice, doubled while the run continues
_CUT = "message runs past the end of the data"
# Messages decoded into dicts, at most, per message type and file (sessions, laps, events, sets…):
# far more than any real activity has, and a bound on the memory a hostile file can take.
MAX_COLLECTED = 100_000


def _run_end(data: bytes, pos: int, end: int, size: int, heads: bytes) -> int:
    """Where a run of back-to-back messages of ``size`` bytes with headers in ``heads`` ends.

    ``pos`` is just after the run's first message; the result is never before it.
    """
    window = _RUN_WINDOW
    limit = end - size  # a message starting after this would not fit
    while pos <= limit:
        starts = data[pos : min(limit + 1, pos + window * size) : size]
        count = len(starts) - len(starts.lstrip(heads))
        pos += count * size
        if count < len(starts):
            break
        window *= 2
    return pos


def scan(data: bytes, pos: int, end: int, out: Messages) -> None:
    """Decode the data records in ``data[pos:end]`` into ``out``; ScanStop if they break off.

    Whatever was read before a ScanStop is in ``out``.
    """
    plans: list[Plan | None] = [None] * 64  # by normal header byte (its bits 4-5 are ignored)
    cache: dict[bytes, Plan] = {}
    records = RecordColumns(data, out)
    spans_append = records.spans.append
    collected = out.collected
    current: Plan | None = None  # the plan whose records are being collected (normal headers)
    ts_at = -1  # where the last timestamp field is, or -1 when it is last_ts
    ts_struct = _U32
    last_ts = 0
    try:
        while pos < end:
            header = data[pos]
            if header < 0x40:  # a data message with a normal header
                plan = plans[header]
                if plan is None:
                    what = f"data message of undefined local type {header & 15}"
                    raise ScanStop(pos, what, False)
                size = plan.size
                nxt = pos + size
                if nxt >= end:
                    if nxt > end:
                        raise ScanStop(pos, _CUT, True)
                elif data[nxt] == header:  # a run: two messages, or more
                    second = nxt + size
                    if second < end and data[second] == header:
                        nxt = _run_end(data, second, end, size, _NORMAL_HEADERS[header])
                    elif second <= end:
                        nxt = second
                kind = plan.kind
                if kind == RECORD:
                    if plan is not current:
                        records.start(plan, compressed=False)
                        current = plan
                    spans_append((pos, nxt))
                elif kind == COLLECT:
                    sink = collected.setdefault(plan.mesg_num, [])
                    if len(sink) < MAX_COLLECTED:
                        sink.extend(plan.decode(data, at) for at in range(pos, nxt, size))
                if plan.ts_off >= 0:
                    ts_at = nxt - size + plan.ts_off
                    ts_struct = plan.ts_struct
                pos = nxt
            elif header & 0x80:  # compressed timestamp header
                local = header >> 5 & 3
                plan = plans[local]
                if plan is None:
                    raise ScanStop(pos, f"data message of undefined local type {local}", False)
                size = plan.size
                if pos + size > end:
                    raise ScanStop(pos, _CUT, True)
                nxt = _run_end(data, pos + size, end, size, _COMPRESSED_HEADERS[local])
                if ts_at >= 0:
                    last_ts = ts_struct.unpack_from(data, ts_at)[0]
                    ts_at = -1
                stamps = []
                for at in range(pos, nxt, size):
                    offset = data[at] & 0x1F
                    last_ts = (last_ts & ~0x1F) + offset + (0x20 if offset < last_ts & 0x1F else 0)
                    stamps.append(last_ts)
                if plan.kind == RECORD:
                    if plan is not records.plan or records.header_ts is None:
                        records.start(plan, compressed=True)
                        current = None
                    assert records.header_ts is not None
                    records.header_ts += stamps
                    spans_append((pos, nxt))
                elif plan.kind == COLLECT:
                    sink = collected.setdefault(plan.mesg_num, [])
                    if len(sink) >= MAX_COLLECTED:
                        stamps = []
                    for at, stamp in zip(range(pos, nxt, size), stamps, strict=False):
                        message = plan.decode(data, at)
                        message["timestamp"] = stamp
                        sink.append(message)
                pos = nxt
            else:
                pos = _definition(data, pos, end, plans, cache)
    finally:
        records.flush()


def _definition(
    data: bytes, pos: int, end: int, plans: list[Plan | None], cache: dict[bytes, Plan]
) -> int:
    """Read the definition message at ``pos`` into ``plans``; the position after it."""
    header = data[pos]
    cut = "definition message runs past the end of the data"
    if pos + 6 > end:
        raise ScanStop(pos, cut, True)
    arch = data[pos + 2]
    if arch > 1:
        raise ScanStop(pos, f"definition message with bad architecture byte {arch}", False)
    n_fields = data[pos + 5]
    stop = pos + 6 + 3 * n_fields
    has_dev = header & 0x20
    if has_dev:
        if stop >= end:
            raise ScanStop(pos, cut, True)
        stop += 1 + 3 * data[stop]
    if stop > end:
        raise ScanStop(pos, cut, True)
    key = bytes((has_dev,)) + data[pos + 2 : stop]
    plan = cache.get(key)
    if plan is None:
        big_endian = arch == 1
        mesg_num = _U16[big_endian].unpack_from(data, pos + 3)[0]
        first = pos + 6
        fields = [
            (data[i], data[i + 1], data[i + 2]) for i in range(first, first + 3 * n_fields, 3)
        ]
        dev_size = 0
        if has_dev:
            dev_size = sum(data[i + 1] for i in range(first + 3 * n_fields + 1, stop, 3))
        plan = compile_plan(mesg_num, fields, big_endian, dev_size)
        cache[key] = plan
    local = header & 0x0F
    plans[local] = plans[local | 0x10] = plans[local | 0x20] = plans[local | 0x30] = plan
    return stop
