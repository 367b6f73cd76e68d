"""Hostile and damaged input for both XML importers: entity attacks, DTDs, gzip bombs, damage."""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from runlift.formats.activity import FormatError, ParsedFile
from runlift.formats.gpx import parse_gpx
from runlift.formats.tcx import parse_tcx
from runlift.formats.xml_reading import MAX_XML_BYTES, gunzip

Parser = Callable[[bytes], ParsedFile]
PARSERS = pytest.mark.parametrize(
    ("parse", "root"),
    [(parse_gpx, "gpx"), (parse_tcx, "TrainingCenterDatabase")],
    ids=["gpx", "tcx"],
)
REFUSED = "XML entity declarations are refused"

POINT = '<trkpt lat="45.{:04d}" lon="14.0"><time>2024-05-01T07:00:{:02d}Z</time></trkpt>'
GOOD_GPX = (
    b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
    + "".join(POINT.format(i, i) for i in range(0, 60, 5)).encode()
    + b"</trkseg></trk></gpx>"
)


def billion_laughs(root: str) -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    doctype = f"<!DOCTYPE {root} [{''.join(entities)}]>"
    return f'<?xml version="1.0"?>{doctype}<{root}>&lol9;</{root}>'.encode()


@PARSERS
def test_billion_laughs_is_refused_quickly(parse: Parser, root: str) -> None:
    started = time.perf_counter()
    with pytest.raises(FormatError, match=REFUSED):
        parse(billion_laughs(root))
    assert time.perf_counter() - started < 1.0


@PARSERS
@pytest.mark.parametrize(
    "declaration",
    [
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
        '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;',
        '<!ENTITY img SYSTEM "x.png" NDATA png><!NOTATION png SYSTEM "image/png">',
        '<!ENTITY small "quadratic blow-up needs only one big entity">',
    ],
    ids=["external-file", "parameter-entity", "unparsed", "internal"],
)
def test_every_entity_declaration_is_refused(parse: Parser, root: str, declaration: str) -> None:
    doc = f'<?xml version="1.0"?><!DOCTYPE {root} [{declaration}]><{root}>&xxe;</{root}>'
    with pytest.raises(FormatError, match=REFUSED):
        parse(doc.encode())


@PARSERS
def test_an_external_dtd_is_never_fetched(parse: Parser, root: str, tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY secret "TOP-SECRET">', encoding="utf-8")
    doc = f'<!DOCTYPE {root} SYSTEM "{dtd.as_uri()}"><{root}>&secret;</{root}>'
    with pytest.raises(FormatError) as err:
        parse(doc.encode())
    assert "undefined entity" in str(err.value)
    assert "TOP-SECRET" not in str(err.value)


def test_a_harmless_doctype_is_accepted() -> None:
    doc = b'<?xml version="1.0"?><!DOCTYPE gpx SYSTEM "http://127.0.0.1:9/gpx.dtd">' + GOOD_GPX
    assert len(parse_gpx(doc).activities) == 1


@PARSERS
def test_gzip_bomb_is_refused_at_the_cap(parse: Parser, root: str) -> None:
    # 201 gzip members of 1 MiB of zeros each (a member is about 1 KiB): 201 MiB unpacked.
    member = gzip.compress(bytes(1 << 20))
    bomb = gzip.compress(f"<{root}>".encode()) + member * (MAX_XML_BYTES // (1 << 20) + 1)
    assert len(bomb) < 1_000_000
    started = time.perf_counter()
    with pytest.raises(FormatError, match="gzip content larger than 200 MB"):
        parse(bomb)
    assert time.perf_counter() - started < 2.0


def test_gunzip_cap_multi_member_and_damage() -> None:
    assert gunzip(gzip.compress(b"ab") + gzip.compress(b"cd")) == (b"abcd", None)
    assert gunzip(b"<gpx/>") == (b"<gpx/>", None)
    with pytest.raises(FormatError, match="gzip content larger than"):
        gunzip(gzip.compress(b"x" * 2049), limit=2048)
    assert gunzip(gzip.compress(b"x" * 2048), limit=2048) == (b"x" * 2048, None)
    with pytest.raises(FormatError, match="file larger than"):
        gunzip(b"<" * 3_000_000, limit=2**21)
    with pytest.raises(FormatError, match="corrupt gzip data"):
        gunzip(b"\x1f\x8b" + b"\xff" * 40)


def test_truncated_gzip_is_salvaged_with_a_note() -> None:
    big = GOOD_GPX.replace(b"</trkseg>", b"<!--" + b"padding " * 4000 + b"--></trkseg>")
    packed = gzip.compress(big)
    parsed = parse_gpx(packed[: len(packed) - 30])
    assert len(parsed.activities) == 1
    assert parsed.repaired[0].startswith("the gzip stream is truncated; the XML is truncated")


def test_gzip_is_read_like_the_plain_file() -> None:
    assert parse_gpx(gzip.compress(GOOD_GPX)) == parse_gpx(GOOD_GPX)


def test_a_bad_byte_midway_keeps_the_points_before_it() -> None:
    cut = GOOD_GPX.index(b"<trkpt", len(GOOD_GPX) // 2)
    parsed = parse_gpx(GOOD_GPX[:cut] + b"<\xff" + GOOD_GPX[cut:])
    (run,) = parsed.activities
    assert len(run.distance_samples) < 12
    assert parsed.repaired[0].startswith("the XML breaks at line 1, column")
    assert "kept the activity read before it, which may be incomplete" in parsed.repaired[0]


def test_junk_after_the_document_is_noted() -> None:
    parsed = parse_gpx(GOOD_GPX + b"<gpx>")
    assert len(parsed.activities[0].distance_samples) == 12
    assert "junk after document element" in parsed.repaired[0]


def test_truncation_before_any_usable_point_is_refused() -> None:
    with pytest.raises(FormatError, match=r"no activity in this GPX: .*\(the XML is truncated"):
        parse_gpx(GOOD_GPX[: GOOD_GPX.index(b"</trkpt>")])


@PARSERS
def test_an_unknown_encoding_is_a_format_error(parse: Parser, root: str) -> None:
    # Found by the fuzz test: a flipped letter in the XML declaration named a codec that does
    # not exist, and the parser raised LookupError instead of saying what was wrong.
    doc = f'<?xml version="1.0" encoding="ATF-8"?><{root}></{root}>'.encode()
    with pytest.raises(FormatError, match="unknown text encoding"):
        parse(doc)
