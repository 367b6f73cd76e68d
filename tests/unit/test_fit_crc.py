"""The FIT CRC (CRC-16/ARC): the fast pure-Python fold against independent implementations."""

from __future__ import annotations

import importlib.util
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.formats.fit import crc

# The nibble table of the FIT protocol document (section "CRC"), its reference algorithm.
FIT_SPEC_TABLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip


def crc_fit_spec(data: bytes) -> int:
    value = 0
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            tmp = FIT_SPEC_TABLE[value & 0xF]
            value = (value >> 4) & 0x0FFF
            value ^= tmp ^ FIT_SPEC_TABLE[nibble]
    return value


def crc_bitwise(data: bytes) -> int:
    """CRC-16/ARC bit by bit: reflected polynomial 0xA001, initial value 0, no final XOR."""
    value = 0
    for byte in data:
        value ^= byte
        for _ in range(8):
            value = (value >> 1) ^ 0xA001 if value & 1 else value >> 1
    return value


def test_the_catalogue_check_value() -> None:
    """CRC-16/ARC of "123456789" is 0xBB3D (the CRC catalogue's check value)."""
    for implementation in (crc.crc16, crc.crc16_table, crc.crc16_fold, crc_fit_spec, crc_bitwise):
        assert implementation(b"123456789") == 0xBB3D


@given(st.binary(max_size=600))
def test_the_fold_agrees_with_the_fit_reference(data: bytes) -> None:
    assert crc.crc16_fold(data) == crc_fit_spec(data) == crc.crc16_table(data)


# Sizes around the fold's edges: the table below 64 bytes, the 32,767-byte blocks.
EDGE_SIZES = [0, 1, 2, 63, 64, 65, 127, 128, 129, 4096, 32766, 32767, 32768, 65534, 65535, 98304]


@pytest.mark.parametrize("size", EDGE_SIZES)
def test_the_fold_at_its_edges(size: int) -> None:
    data = random.Random(size).randbytes(size)
    assert crc.crc16_fold(data) == crc_bitwise(data)


def test_a_message_followed_by_its_crc_checks_to_zero() -> None:
    data = random.Random(7).randbytes(10_001)
    value = crc.crc16_fold(data)
    assert crc.crc16_fold(data + value.to_bytes(2, "little")) == 0
    assert crc.crc16(data + value.to_bytes(2, "little")) == 0


def test_crc16_uses_a_compiled_library_when_there_is_one() -> None:
    installed = [m for m in ("fastcrc", "anycrc", "crcmod") if importlib.util.find_spec(m)]
    expected = installed[0] if installed else "pure-python"
    backend = crc.BACKEND
    assert backend == expected


@pytest.mark.skipif(crc.BACKEND == "pure-python", reason="no compiled CRC library installed")
@pytest.mark.parametrize("size", [0, 9, 1000, 70_000])
def test_the_compiled_library_agrees_with_the_fold(size: int) -> None:
    data = random.Random(size).randbytes(size)
    assert crc.crc16(data) == crc.crc16_fold(data) == crc_bitwise(data)
