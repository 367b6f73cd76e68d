"""Compiled definition messages: how to read (or skip) each data message of one local type.

A FIT definition message fixes, until the local type is redefined, the layout of every data
message of that type. Compiling one gives a :class:`Plan`: the message's total size (developer
fields included, so they are skipped by size), where its timestamp is, and what to do with it:
skip it; for a ``record``, the offsets of the fields cut into columns (:mod:`.records`); for
the messages read in full, one ``struct.Struct`` that unpacks just the wanted fields (the rest
are pad bytes) and how to turn the values into a dict. A field whose declared size is not a
whole number of its base type's values is treated as padding.
"""

from __future__ import annotations

import math
import struct
from typing import Final

from runlift.formats.fit.profile_data import BASE_TYPES, FIELDS, MESG_NUM

SKIP: Final = 0
RECORD: Final = 1
COLLECT: Final = 2

RECORD_NUM = MESG_NUM["record"]
TIMESTAMP = 253
INVALID_U32 = 0xFFFFFFFF
INVALID_U8 = 0xFF
# The record fields read into columns, and the size each must have: timestamp, heart_rate,
# distance, compressed_speed_distance.
RECORD_FIELDS = ((253, 4), (3, 1), (5, 4), (8, 3))
# Messages whose wanted fields are decoded into dicts (the rest of the profile subset is there
# for documentation, and developer data is always skipped by size).
COLLECTED = frozenset(
    MESG_NUM[name]
    for name in ("file_id", "sport", "session", "lap", "event", "activity", "set", "exercise_title")
)

Value = int | float | str | tuple[int | float, ...]
# (name, first item, item count, is string, invalid value, scale, offset, is float)
_Conv = tuple[str, int, int, bool, int, float, float, bool]


class Plan:
    """How to handle data messages of one definition (shared by identical definitions)."""

    __slots__ = (
        "big_endian",
        "collect",
        "kind",
        "mesg_num",
        "record_offsets",
        "size",
        "struct",
        "ts_off",
        "ts_struct",
    )

    def __init__(self, mesg_num: int, size: int, kind: int) -> None:
        self.mesg_num = mesg_num
        self.size = size  # whole message, header byte included
        self.kind = kind
        self.struct: struct.Struct = _EMPTY
        self.ts_off = -1  # offset of a 4-byte timestamp (field 253) from the header byte
        self.ts_struct: struct.Struct = _U32_LE
        self.collect: tuple[_Conv, ...] = ()
        self.big_endian = False
        # RECORD: offsets of RECORD_FIELDS from the header byte, -1 for a field it lacks.
        self.record_offsets: tuple[int, int, int, int] = (-1, -1, -1, -1)

    def decode(self, data: bytes, pos: int) -> dict[str, Value]:
        """The wanted fields of the COLLECT message at ``pos``; invalid values are left out."""
        values = self.struct.unpack_from(data, pos)
        out: dict[str, Value] = {}
        for name, first, count, is_string, invalid, scale, offset, is_float in self.collect:
            if is_string:
                raw = values[first].split(b"\0", 1)[0]
                if raw:
                    out[name] = raw.decode("utf-8", errors="replace")
                continue
            items: list[int | float] = []
            for value in values[first : first + count]:
                if value == invalid or (is_float and not math.isfinite(value)):
                    continue
                items.append(value if scale == 1 and offset == 0 else value / scale - offset)
            if items:
                out[name] = items[0] if count == 1 else tuple(items)
        return out


_EMPTY = struct.Struct("")
_U32_LE = struct.Struct("<I")
_U32_BE = struct.Struct(">I")


def compile_plan(
    mesg_num: int, fields: list[tuple[int, int, int]], big_endian: bool, dev_size: int
) -> Plan:
    """A plan for ``fields`` = [(field number, size, base type byte), …] of global ``mesg_num``."""
    size = 1 + sum(f[1] for f in fields) + dev_size
    kind = RECORD if mesg_num == RECORD_NUM else COLLECT if mesg_num in COLLECTED else SKIP
    plan = Plan(mesg_num, size, kind)
    offset = 1
    for num, fsize, _base in fields:
        if num == TIMESTAMP and fsize == 4:
            plan.ts_off = offset
            plan.ts_struct = _U32_BE if big_endian else _U32_LE
            break
        offset += fsize
    if kind == RECORD:
        _compile_record(plan, fields, big_endian)
    elif kind == COLLECT:
        _compile_collect(plan, fields, big_endian)
    return plan


def _compile_record(plan: Plan, fields: list[tuple[int, int, int]], big_endian: bool) -> None:
    plan.big_endian = big_endian
    where: dict[int, int] = {}
    offset = 1
    for num, fsize, _base in fields:
        where.setdefault(num * 256 + fsize, offset)
        offset += fsize
    ts, hr, dist, csd = (where.get(num * 256 + size, -1) for num, size in RECORD_FIELDS)
    plan.record_offsets = (ts, hr, dist, csd)


def _compile_collect(plan: Plan, fields: list[tuple[int, int, int]], big_endian: bool) -> None:
    wanted = FIELDS[plan.mesg_num]
    codes = [">" if big_endian else "<", "x"]
    convs: list[_Conv] = []
    item = 0
    seen: set[int] = set()
    for num, fsize, base in fields:
        profile = wanted.get(num)
        base_type = BASE_TYPES.get(base & 0x1F)
        if profile is None or base_type is None or num in seen or fsize == 0:
            if fsize:
                codes.append(f"{fsize}x")
            continue
        _name, bsize, code, invalid = base_type
        if fsize % bsize:
            codes.append(f"{fsize}x")  # a size that is no whole number of items: unreadable
            continue
        seen.add(num)
        name, _type, _base, scale, offset, _units = profile
        if code == "s":
            codes.append(f"{fsize}s")
            convs.append((name, item, 1, True, 0, 1, 0, False))
            item += 1
            continue
        count = fsize // bsize
        codes.append(f"{count}{code}")
        is_float = code in "fd"
        convs.append((name, item, count, False, invalid, scale, offset, is_float))
        item += count
    plan.struct = struct.Struct("".join(codes))
    plan.collect = tuple(convs)
