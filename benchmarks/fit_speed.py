"""FIT decoding speed: runlift's decoder against garmin-fit-sdk, fitdecode and fitparse.

Targets (issue: importers, FIT part): a FIT summary plus heart-rate stream at 50 MB/s or more
per core over the corpus's valid activity files, and at least 60 times garmin-fit-sdk's speed
measured in the same run. Every decoder gets the same bytes (already in memory, gz inflated) and
does what an importer would: runlift's ``parse_fit``; the others decode the file and read the
sessions' totals and the records' timestamps and heart rates. A library's MB/s is over the files
it reads without error; each ratio compares runlift on those same files. The CRC implementations
are timed apart, on the same files.

    taskset -c 0 .venv/bin/python benchmarks/fit_speed.py [--repeat 5] [--skip fitparse]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import io
import platform
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import runlift.formats.fit.chain as chain
from runlift.formats.fit import crc, parse_fit

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
Files = list[tuple[str, bytes]]


def activity_files() -> Files:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    out: Files = []
    for row in rows:
        name = row["file"]
        if (
            row["kind"] == "valid"
            and name.endswith((".fit", ".fit.gz"))
            and row["fit_file_type"].startswith("activity")
        ):
            data = (CORPUS / name).read_bytes()
            out.append((name, gzip.decompress(data) if name.endswith(".gz") else data))
    return out


def with_garmin(data: bytes) -> Any:
    from garmin_fit_sdk import Decoder, Stream

    messages, errors = Decoder(Stream.from_bytes_io(io.BytesIO(data))).read()
    if errors:
        raise ValueError(errors[0])
    sessions = [
        (s.get("total_distance"), s.get("avg_heart_rate")) for s in messages["session_mesgs"]
    ]
    return sessions, [(r.get("timestamp"), r.get("heart_rate")) for r in messages["record_mesgs"]]


def with_fitdecode(data: bytes) -> Any:
    import fitdecode

    sessions, stream = [], []
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                if frame.name == "record":
                    stream.append(
                        (
                            frame.get_value("timestamp", fallback=None),
                            frame.get_value("heart_rate", fallback=None),
                        )
                    )
                elif frame.name == "session":
                    sessions.append(frame.get_value("total_distance", fallback=None))
    return sessions, stream


def with_fitparse(data: bytes) -> Any:
    import fitparse

    fit = fitparse.FitFile(data)
    sessions = [m.get_value("total_distance") for m in fit.get_messages("session")]
    stream = [
        (m.get_value("timestamp"), m.get_value("heart_rate")) for m in fit.get_messages("record")
    ]
    return sessions, stream


def timed(decode: Callable[[bytes], Any], files: Files, repeat: int) -> tuple[float, Files]:
    """(best total seconds over ``repeat`` passes, the files decoded without an error)."""
    ok: Files = []
    for name, data in files:
        try:
            decode(data)
        except Exception:  # a decoder that refuses a file is timed without it
            continue
        ok.append((name, data))
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for _name, data in ok:
            decode(data)
        best = min(best, time.perf_counter() - started)
    return best, ok


def mb(files: Files) -> float:
    return sum(len(d) for _, d in files) / 1e6


def crc_speeds(files: Files, repeat: int) -> list[tuple[str, float]]:
    impls: list[tuple[str, Callable[[bytes], int]]] = [
        ("pure Python, byte table", crc.crc16_table),
        ("pure Python, big-integer fold (runlift's fallback)", crc.crc16_fold),
    ]
    if importlib.util.find_spec("fastcrc"):
        import fastcrc  # type: ignore[import-not-found, unused-ignore]

        impls.append(("fastcrc (compiled)", fastcrc.crc16.arc))
    if importlib.util.find_spec("anycrc"):
        import anycrc  # type: ignore[import-not-found, unused-ignore]

        impls.append(("anycrc (compiled)", anycrc.Model("CRC16-ARC").calc))
    if importlib.util.find_spec("crcmod"):
        import crcmod.predefined  # type: ignore[import-not-found, unused-ignore]

        impls.append(("crcmod (compiled)", crcmod.predefined.mkCrcFun("crc-16")))
    out = []
    for name, fn in impls:
        passes = 1 if fn is crc.crc16_table else repeat
        seconds, _ = timed(fn, files, passes)
        out.append((name, mb(files) / seconds))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes for runlift (best is kept)")
    parser.add_argument("--skip", action="append", default=[], help="garmin, fitdecode, fitparse")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # fitdecode warns about the Coros file's odd field
    files = activity_files()
    version = platform.python_version()
    print(f"{len(files)} valid activity files, {mb(files):.2f} MB; CPython {version}")
    print(f"CRC backend in use: {crc.BACKEND}\n")

    ours, _ = timed(parse_fit, files, args.repeat)
    saved = chain.crc16
    chain.crc16 = crc.crc16_fold
    try:
        ours_pure, _ = timed(parse_fit, files, args.repeat)
    finally:
        chain.crc16 = saved
    print("| decoder | files read | MB/s | runlift is × faster |")
    print("|---|---|---|---|")
    print(f"| runlift ({crc.BACKEND} CRC) | {len(files)} | {mb(files) / ours:.1f} | — |")
    if crc.BACKEND != "pure-python":
        print(f"| runlift (pure-Python CRC) | {len(files)} | {mb(files) / ours_pure:.1f} | — |")
    others = {"garmin-fit-sdk": with_garmin, "fitdecode": with_fitdecode, "fitparse": with_fitparse}
    for name, decode in others.items():
        if name.split("-")[0] in args.skip or name in args.skip:
            continue
        seconds, ok = timed(decode, files, 1)
        ours_same, _ = timed(parse_fit, ok, args.repeat)
        print(f"| {name} | {len(ok)} | {mb(ok) / seconds:.2f} | {seconds / ours_same:.0f} |")

    print("\n| CRC-16 implementation | MB/s |")
    print("|---|---|")
    for name, speed in crc_speeds(files, args.repeat):
        print(f"| {name} | {speed:.0f} |")


if __name__ == "__main__":
    main()
