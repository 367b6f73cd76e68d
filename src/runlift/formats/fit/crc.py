"""The FIT CRC: CRC-16/ARC (polynomial 0x8005, reflected as 0xA001, initial value 0, no final XOR).

The FIT SDK computes it a nibble at a time; a byte-table loop gives the same value and is the
reference here (:func:`crc16_table`). In CPython that loop runs at about 15 MB/s, too slow for
the decoder, so :func:`crc16` uses a compiled CRC library when one is installed (``fastcrc``,
``anycrc`` or ``crcmod``) and otherwise :func:`crc16_fold`, a pure-Python method that lets
CPython's big integers do the work in C:

* CRC-16/ARC is linear with no initial value or final XOR, so the CRC of a message is
  ``reflect16(M(x) * x^16 mod P(x))`` over GF(2), where ``M`` is the message read as one
  polynomial (bits reversed within each byte, first bit highest) and ``P = x^16 + x^15 + x^2 + 1``.
* ``P = (x + 1)(x^15 + x + 1)`` and ``x^15 + x + 1`` is primitive, so ``x^32767 = 1 (mod P)``:
  32,767-byte blocks aligned on the message's end can simply be XORed together
  (``int.from_bytes`` and ``^`` on big integers, both in C).
* What is left (at most 262,136 bits) is halved repeatedly: ``H * x^k + L = H * (x^k mod P) + L``,
  with the carry-less product done as a few shifted XORs of a big integer.
* The last 64 bits go through the byte table.

It runs at roughly 400 MB/s on a 1 MB file (see benchmarks/README.md, "FIT decoding").
"""

from __future__ import annotations

from collections.abc import Callable

POLY_REFLECTED = 0xA001
_P = 0x18005  # x^16 + x^15 + x^2 + 1, most significant bit first
_BLOCK = 32767  # bytes: x^(8 * 32767) = 1 (mod P)


def _make_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ POLY_REFLECTED if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_TABLE = _make_table()
_REVERSE_BITS = bytes(int(f"{b:08b}"[::-1], 2) for b in range(256))


def crc16_table(data: bytes | bytearray | memoryview, crc: int = 0) -> int:
    """CRC-16/ARC a byte at a time (the reference implementation; slow in CPython)."""
    table = _TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def _mulmod(a: int, b: int) -> int:
    """``a * b mod P`` for polynomials of degree < 16."""
    result = 0
    while b:
        if b & 1:
            result ^= a
        b >>= 1
        a <<= 1
        if a & 0x10000:
            a ^= _P
    return result


def _power_of_two_folds() -> tuple[tuple[int, ...], ...]:
    """For each j, the set bit positions of ``x^(2^j) mod P``."""
    folds = []
    power = 2  # x^1
    for _ in range(22):
        folds.append(tuple(i for i in range(16) if power >> i & 1))
        power = _mulmod(power, power)
    return tuple(folds)


_FOLDS = _power_of_two_folds()


def crc16_fold(data: bytes | bytearray | memoryview) -> int:
    """CRC-16/ARC with big-integer polynomial folding (pure Python, fast for large inputs)."""
    if len(data) < 64:
        return crc16_table(data)
    reflected = bytes(data).translate(_REVERSE_BITS)
    from_bytes = int.from_bytes
    size = len(reflected)
    acc = 0
    for end in range(size, 0, -_BLOCK):
        acc ^= from_bytes(reflected[max(0, end - _BLOCK) : end], "big")
    nbits = min(size, _BLOCK) * 8
    while nbits > 64:
        j = (nbits - 1).bit_length() - 1
        k = 1 << j
        high = acc >> k
        acc &= (1 << k) - 1
        for shift in _FOLDS[j]:
            acc ^= high << shift
        nbits = max(k, nbits - k + 16)
    return crc16_table(acc.to_bytes(8, "big").translate(_REVERSE_BITS))


def _compiled() -> tuple[str, Callable[[bytes], int]] | None:
    try:
        import fastcrc  # type: ignore[import-not-found, unused-ignore]

        return "fastcrc", fastcrc.crc16.arc  # type: ignore[no-any-return, unused-ignore]
    except ImportError:
        pass
    try:
        import anycrc  # type: ignore[import-not-found, unused-ignore]

        return "anycrc", anycrc.Model("CRC16-ARC").calc  # type: ignore[no-any-return, unused-ignore]
    except ImportError:
        pass
    try:
        import crcmod.predefined  # type: ignore[import-not-found, unused-ignore]

        return "crcmod", crcmod.predefined.mkCrcFun("crc-16")  # type: ignore[no-any-return, unused-ignore]
    except ImportError:
        return None


_FOUND = _compiled()
#: Which implementation :func:`crc16` uses: a compiled library's name, or ``"pure-python"``.
BACKEND: str = _FOUND[0] if _FOUND else "pure-python"
_crc16: Callable[[bytes], int] = _FOUND[1] if _FOUND else crc16_fold


def crc16(data: bytes) -> int:
    """CRC-16/ARC of ``data``, the FIT header and file CRC: 0 over a file including its CRC."""
    return _crc16(data)
