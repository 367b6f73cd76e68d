"""Tell a file's format from its name and first bytes, before choosing a parser."""

from __future__ import annotations

import zlib

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"


def _peek_gzip(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip stream (as far as ``head`` reaches)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
    except zlib.error:
        return b""


def sniff(name: str, head: bytes) -> str | None:
    """fit | gpx | tcx | strong | hevy | strava-csv | zip, or None when it is none of them.

    ``head`` is the first few kilobytes of the file. The content decides where it can; the name
    only breaks ties (a CSV's dialect is in its header, not its name).
    """
    lower = name.lower()
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(GZIP_MAGIC):
        inner = _peek_gzip(head)
        return sniff(lower.removesuffix(".gz"), inner) if inner else None
    if len(head) >= 12 and head[8:12] == b".FIT":
        return "fit"
    text = head[:4096].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("<") or lower.endswith((".gpx", ".tcx")):
        if "<gpx" in text:
            return "gpx"
        if "TrainingCenterDatabase" in text:
            return "tcx"
        # An .xml file that looks like XML is handed to the GPX reader, which says what is wrong
        # with it, rather than being skipped as "not an activity".
        return {".gpx": "gpx", ".tcx": "tcx", ".xml": "gpx"}.get(lower[-4:])
    first_line = text.splitlines()[0] if text else ""
    if "Activity ID" in first_line and "Activity Type" in first_line:
        return "strava-csv"
    if "exercise_title" in first_line and "set_index" in first_line:
        return "hevy"
    if "Exercise Name" in first_line and "Set Order" in first_line:
        return "strong"
    if lower.endswith(".fit"):
        return "fit"  # a FIT file with a damaged header: let the decoder say what is wrong
    return None
