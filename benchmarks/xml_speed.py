"""GPX and TCX import speed: runlift's parsers against gpxpy and tcxreader, in the same run.

Target (the importer issue): at least 2× each. Every ``valid`` gpx/ and tcx/ file of the shared
corpus is read from memory; each side's time is the best of ``--repeat`` passes over the whole
set, and MB/s is the set's size over that time.

- runlift: ``parse_gpx`` / ``parse_tcx`` on the bytes, summaries included (a refused file, one
  with no activity, still counts: the work of finding that out is done).
- gpxpy: ``gpxpy.parse`` on the decoded text, then each track's ``length_2d`` and time bounds (the
  same summary); also shown as parse alone, the harder bar. Only files gpxpy can read are timed,
  for both sides.
- tcxreader: ``TCXReader().read`` on a BytesIO, which computes its summaries itself.

    .venv/bin/python benchmarks/xml_speed.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import csv
import io
import time
from collections.abc import Callable
from pathlib import Path

import gpxpy
from tcxreader.tcxreader import TCXReader

from runlift.formats.activity import FormatError
from runlift.formats.gpx import parse_gpx
from runlift.formats.tcx import parse_tcx

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def valid_files(folder: str) -> list[bytes]:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as f:
        names = [
            r["file"]
            for r in csv.DictReader(f, delimiter="\t")
            if r["file"].startswith(folder + "/") and r["kind"] == "valid"
        ]
    return [(CORPUS / n).read_bytes() for n in names]


def best_pass(parse: Callable[[bytes], object], files: list[bytes], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for data in files:
            parse(data)
        best = min(best, time.perf_counter() - started)
    return best


def ours(parse: Callable[[bytes], object]) -> Callable[[bytes], object]:
    def run(data: bytes) -> object:
        try:
            return parse(data)
        except FormatError:
            return None

    return run


def gpxpy_parse(data: bytes) -> object:
    return gpxpy.parse(data.decode("utf-8-sig"))


def gpxpy_summary(data: bytes) -> object:
    doc = gpxpy.parse(data.decode("utf-8-sig"))
    return [(t.length_2d(), t.get_time_bounds()) for t in doc.tracks]


def tcxreader_read(data: bytes) -> object:
    return TCXReader().read(io.BytesIO(data), only_gps=False)


def readable(parse: Callable[[bytes], object], files: list[bytes]) -> list[bytes]:
    out = []
    for data in files:
        try:
            parse(data)
        except Exception:  # the other library's refusals, whatever their type
            continue
        out.append(data)
    return out


def report(label: str, files: list[bytes], ours_s: float, theirs: dict[str, float]) -> None:
    mb = sum(map(len, files)) / 1e6
    print(f"{label}: {len(files)} files, {mb:.2f} MB")
    print(f"  runlift       {ours_s * 1000:8.1f} ms  {mb / ours_s:6.1f} MB/s")
    for name, seconds in theirs.items():
        print(
            f"  {name:13s} {seconds * 1000:8.1f} ms  {mb / seconds:6.1f} MB/s"
            f"  → runlift is {seconds / ours_s:.2f}×"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    gpx = readable(gpxpy_parse, valid_files("gpx"))
    report(
        "GPX",
        gpx,
        best_pass(ours(parse_gpx), gpx, args.repeat),
        {
            "gpxpy+summary": best_pass(gpxpy_summary, gpx, args.repeat),
            "gpxpy parse": best_pass(gpxpy_parse, gpx, args.repeat),
        },
    )
    tcx = readable(tcxreader_read, valid_files("tcx"))
    report(
        "TCX",
        tcx,
        best_pass(ours(parse_tcx), tcx, args.repeat),
        {"tcxreader": best_pass(tcxreader_read, tcx, args.repeat)},
    )


if __name__ == "__main__":
    main()
