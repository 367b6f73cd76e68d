"""FIT file framing: headers, chained files and CRCs, and what is kept of a damaged file.

A ``.fit`` file holds one or more FIT files back to back, each a 12- or 14-byte header, its data
records and a 2-byte CRC. Each is decoded and checked on its own:

* The first file's header must be sound (size, ``.FIT`` signature, header CRC unless it is 0),
  or the whole input is refused.
* A file whose data decode cleanly but whose CRC is wrong is refused when it is the first;
  a later one is left out, with a note (its neighbours are framed and checked independently).
* A file that breaks off (the input ends, or a message runs past the data size the header gives)
  keeps the messages before the break: ``damage`` says where. Whether that prefix is worth
  importing is the caller's decision.
* A stream that goes wrong in the middle (a data message of a local type never defined, a bad
  architecture byte) cannot be trusted past that point: the first file is refused, a later one
  left out with a note.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from runlift.formats.activity import FormatError
from runlift.formats.fit.crc import crc16, crc16_table
from runlift.formats.fit.messages import Messages, ScanStop
from runlift.formats.fit.scan import scan

_HEADER = struct.Struct("<BBHI4s")
_U16 = struct.Struct("<H")


@dataclass
class FitFile:
    """One decoded FIT file of the chain (``index`` counts from 1)."""

    index: int
    start: int
    messages: Messages
    damage: str | None = None  # e.g. "truncated at byte 768": the messages are a prefix


@dataclass
class Chain:
    files: list[FitFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # chained files left out, and why


class _HeaderError(Exception):
    pass


def _header(data: bytes, pos: int) -> tuple[int, int]:
    """(header size, data size) of the FIT header at ``pos``; _HeaderError says what is wrong."""
    left = len(data) - pos
    if left < 12:
        raise _HeaderError(f"only {left} bytes, too short for a FIT header")
    size, _protocol, _profile, data_size, signature = _HEADER.unpack_from(data, pos)
    if signature != b".FIT":
        raise _HeaderError(f"no .FIT signature in the header (found {signature!r})")
    if size < 12:
        raise _HeaderError(f"bad header size {size}")
    if size > left:
        raise _HeaderError(f"header of {size} bytes cut off after {left}")
    if size >= 14:
        stored = _U16.unpack_from(data, pos + 12)[0]
        computed = crc16_table(data[pos : pos + 12])
        if stored not in (0, computed):
            raise _HeaderError(f"bad header CRC (stored 0x{stored:04X}, computed 0x{computed:04X})")
    return size, data_size


def decode_chain(data: bytes) -> Chain:
    """Every FIT file in ``data``; FormatError when not even the first can be read."""
    if not data:
        raise FormatError("empty file")
    chain = Chain()
    pos, total = 0, len(data)
    while pos < total:
        index = len(chain.files) + len(chain.notes) + 1
        where = f"chained FIT file {index} at byte {pos}: "
        try:
            header_size, data_size = _header(data, pos)
        except _HeaderError as exc:
            if index == 1:
                raise FormatError(f"not a readable FIT file: {exc}") from None
            chain.notes.append(f"{where}{exc}; it and anything after it were not imported")
            break
        body, data_end = pos + header_size, pos + header_size + data_size
        messages = Messages()
        stop: ScanStop | None = None
        try:
            scan(data, body, min(data_end, total), messages)
        except ScanStop as exc:
            stop = exc
        complete = data_end + 2 <= total
        if stop is None and complete:
            if crc16(data[pos : data_end + 2]) == 0:
                chain.files.append(FitFile(index, pos, messages))
            else:
                stored = _U16.unpack_from(data, data_end)[0]
                computed = crc16(data[pos:data_end])
                problem = f"bad file CRC (stored 0x{stored:04X}, computed 0x{computed:04X})"
                if index == 1:
                    raise FormatError(problem)
                chain.notes.append(f"{where}{problem}; it was not imported")
            pos = data_end + 2
            continue
        if stop is None:
            damage = f"truncated at byte {total} ({data_end + 2 - total} bytes short)"
        elif stop.truncated:
            damage = f"truncated at byte {stop.at} ({stop.reason})"
        else:
            problem = f"{stop.reason} at byte {stop.at}"
            if index == 1:
                raise FormatError(problem)
            chain.notes.append(f"{where}{problem}; it and anything after it were not imported")
            break
        chain.files.append(FitFile(index, pos, messages, damage))
        break
    return chain
