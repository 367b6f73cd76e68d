"""A 3,000-activity Strava-style export, built from the corpus, fully imported into SQLite.

Target (issue: importers): under 60 s on this 2-core machine, every core parsing.

The export is generated here from the corpus's valid activity files: each copy is shifted in time
by whole days so every activity is distinct (different content hash and start time), FIT copies
get their timestamps rewritten and CRCs recomputed, and about half the originals are gzipped as
Strava stores them. activities.csv points at every file by position-compatible columns.

    .venv/bin/python benchmarks/import_speed.py [--activities 3000] [--workers 2] [--zip]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import re
import shutil
import struct
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from runlift.app import athlete
from runlift.app.imports import Options, import_paths
from runlift.formats.fit.crc import crc16
from runlift.store.uow import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DAY_S = 86_400
# date_time fields besides the timestamp (253): (global message, field number)
TIME_FIELDS = {(0, 4), (18, 2), (19, 2), (34, 5), (21, 253)}
ISO = re.compile(rb"(\d{4}-\d{2}-\d{2})T")


def corpus_activities() -> list[Path]:
    """The corpus files that hold one distinct activity each (no routes, no repeats)."""
    from runlift.app.imports import parse_bytes
    from runlift.errors import BadInput
    from runlift.formats.sniff import sniff

    seen: set[tuple[str, dt.datetime]] = set()
    out = []
    for path in _manifest_activities():
        data = path.read_bytes()
        try:
            parsed = parse_bytes(sniff(path.name, data[:8192]) or "", data, Options())
        except BadInput:
            continue
        keys = {(a.sport, a.start_at) for a in parsed.activities}
        if keys and not keys & seen:
            seen |= keys
            out.append(path)
    return out


def _manifest_activities() -> list[Path]:
    rows = (CORPUS / "MANIFEST.tsv").read_text().splitlines()[1:]
    out = []
    for row in rows:
        cols = row.split("\t")
        name, kind, fit_type = cols[0], cols[6], cols[7]
        if kind != "valid" or not name.startswith(("fit/", "gpx/", "tcx/")):
            continue
        if name.startswith("fit/") and fit_type != "activity":
            continue
        out.append(CORPUS / name)
    return out


def shift_fit(data: bytes, days: int) -> bytes | None:
    """Move every timestamp of a single (unchained) FIT file; None when it cannot."""
    header_size = data[0]
    data_size = struct.unpack_from("<I", data, 4)[0]
    end = header_size + data_size
    if len(data) != end + 2:
        return None
    out = bytearray(data)
    defs: dict[int, tuple[str, int, list[tuple[int, int, int]], int]] = {}
    pos = header_size
    while pos < end:
        head = out[pos]
        pos += 1
        if head & 0x80:
            local = (head >> 5) & 0x03
            pos += defs[local][3]
            continue
        local = head & 0x0F
        if head & 0x40:
            arch = "<" if out[pos + 1] == 0 else ">"
            gmsg = struct.unpack_from(arch + "H", out, pos + 2)[0]
            count = out[pos + 4]
            fields, offset = [], 0
            for k in range(count):
                num, size = out[pos + 5 + 3 * k], out[pos + 6 + 3 * k]
                fields.append((num, size, offset))
                offset += size
            pos += 5 + 3 * count
            if head & 0x20:
                dev = out[pos]
                offset += sum(out[pos + 2 + 3 * k] for k in range(dev))
                pos += 1 + 3 * dev
            defs[local] = (arch, gmsg, fields, offset)
            continue
        arch, gmsg, fields, size = defs[local]
        for num, fsize, offset in fields:
            if fsize == 4 and (num == 253 or (gmsg, num) in TIME_FIELDS):
                value = struct.unpack_from(arch + "I", out, pos + offset)[0]
                if 0x10000000 <= value < 0xFFFFFFFF:
                    struct.pack_into(arch + "I", out, pos + offset, value + days * DAY_S)
        pos += size
    if header_size == 14 and struct.unpack_from("<H", out, 12)[0] != 0:
        struct.pack_into("<H", out, 12, crc16(bytes(out[:12])))
    struct.pack_into("<H", out, end, crc16(bytes(out[:end])))
    return bytes(out)


def shift_text(data: bytes, days: int) -> bytes:
    def move(match: re.Match[bytes]) -> bytes:
        day = dt.date.fromisoformat(match.group(1).decode()) + dt.timedelta(days=days)
        return day.isoformat().encode() + b"T"

    return ISO.sub(move, data)


def build_export(folder: Path, count: int) -> int:
    sources = corpus_activities()
    activities = folder / "activities"
    activities.mkdir(parents=True)
    rows = []
    total_bytes = 0
    made = 0
    copy = 0
    while made < count:
        copy += 1
        for path in sources:
            if made >= count:
                break
            data = path.read_bytes()
            days = copy * 3
            if path.suffix == ".fit":
                shifted = shift_fit(data, days)
                if shifted is None:
                    continue
                data = shifted
            else:
                data = shift_text(data, days)
            name = f"{made + 1}{path.suffix}"
            if made % 2:
                data, name = gzip.compress(data, compresslevel=1), name + ".gz"
            (activities / name).write_bytes(data)
            total_bytes += len(data)
            made += 1
            rows.append(
                [
                    str(made),
                    "Jan 1, 2020, 12:00:00 PM",
                    f"Activity {made}",
                    "Run",
                    "3600",
                    "3500",
                    "10000",
                    f"activities/{name}",
                    "7",
                ]
            )
    with (folder / "activities.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Activity ID",
                "Activity Date",
                "Activity Name",
                "Activity Type",
                "Elapsed Time",
                "Moving Time",
                "Distance",
                "Filename",
                "Perceived Exertion",
            ]
        )
        writer.writerows(rows)
    return total_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build the export here and keep it")
    parser.add_argument("--zip", action="store_true", help="import the export as one zip file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="runlift-bench-"))
    export = args.keep or work / "export"
    try:
        t0 = time.perf_counter()
        size = build_export(export, args.activities)
        if args.zip:
            archive = work / "export.zip"
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as z:
                for path in sorted(export.rglob("*")):
                    if path.is_file():
                        z.write(path, path.relative_to(export))
            export = archive
        built = time.perf_counter() - t0
        store = Store(f"sqlite:///{work / 'bench.db'}")
        athlete.init(store, ROOT / "examples" / "sample-runner.toml", dt.date(2026, 12, 8))
        t0 = time.perf_counter()
        summary = import_paths(store, [export], Options(), workers=args.workers)
        took = time.perf_counter() - t0
        counts = {
            k: summary.count(k)
            for k in ("imported", "duplicate", "repaired", "rejected", "skipped")
        }
        runs = sum(f.runs for f in summary.files)
        print(
            f"export: {args.activities} activity files, {size / 1e6:.1f} MB on disk "
            f"(built in {built:.1f} s)"
        )
        print(
            f"import of the {'zip' if args.zip else 'folder'} with {args.workers} worker(s): "
            f"{took:.1f} s "
            f"({args.activities / took:.0f} files/s); target < 60 s"
        )
        print(f"outcomes: {counts}; runs stored: {runs}")
        rejected = [f for f in summary.files if f.outcome == "rejected"][:5]
        for f in rejected:
            print(f"  rejected {f.name}: {f.message}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
