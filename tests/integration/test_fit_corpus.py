"""runlift's FIT decoder against the real files of ``shared/corpus`` and independent decoders.

* Every ``valid`` activity file imports. Its session summaries match the Garmin FIT SDK's decoder
  (fitdecode where the SDK cannot read the file: it has no compressed timestamps), and the
  summaries rebuilt without a session follow the documented rule applied to the SDK's records.
* Record streams match the corpus's CSV dumps (FitCSVTool's, or fitparse's) field by field.
* Every ``invalid`` file is refused with its reason, or salvaged with a ``repaired`` note:
  which one is decided per file below.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gzip
import io
import itertools
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from runlift.formats.activity import Activity, FormatError, ParsedFile
from runlift.formats.fit import parse_fit

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
NOT_ACTIVITIES = {"settings", "workout", "weight", "monitoring_b"}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not there")


def manifest() -> list[dict[str, str]]:
    if not CORPUS.is_dir():
        return []
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def fit_rows(kind: str) -> list[dict[str, str]]:
    return [
        row
        for row in manifest()
        if row["kind"] == kind
        and row["file"].startswith(("fit/", "strava_like/"))
        and row["file"].endswith((".fit", ".fit.gz"))
    ]


VALID = fit_rows("valid")
VALID_ACTIVITIES = [r for r in VALID if r["fit_file_type"] not in NOT_ACTIVITIES]
OTHER_FILES = [r for r in VALID if r["fit_file_type"] in NOT_ACTIVITIES]
INVALID = fit_rows("invalid")


def read_path(file: str) -> bytes:
    data = (CORPUS / file).read_bytes()
    return gzip.decompress(data) if file.endswith(".gz") else data


def ids(rows: list[dict[str, str]]) -> list[str]:
    return [Path(r["file"]).name for r in rows]


# --- oracles -----------------------------------------------------------------------------------


def garmin_messages(data: bytes) -> tuple[dict[str, list[dict[str, Any]]], list[Exception]]:
    from garmin_fit_sdk import Decoder, Stream

    messages, errors = Decoder(Stream.from_bytes_io(io.BytesIO(data))).read()
    return messages, errors


def fitdecode_sessions(data: bytes) -> list[dict[str, Any]]:
    import fitdecode

    sessions: list[dict[str, Any]] = []
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                sessions.append({f.name: f.value for f in frame.fields})
    for s in sessions:  # raw FIT seconds below 0x10000000 are left as numbers: make them times
        if isinstance(s.get("start_time"), int):
            s["start_time"] = FIT_EPOCH + dt.timedelta(seconds=s["start_time"])
    return sessions


@functools.cache
def oracle(file: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(sessions with a start time, in time order; records) as the FIT SDK decodes ``file``.

    The SDK cannot read compressed timestamp headers: for those files fitdecode gives the
    sessions.
    """
    data = read_path(file)
    messages, errors = garmin_messages(data)
    sessions = messages.get("session_mesgs", [])
    if any("ompressed timestamp" in str(e) for e in errors):
        sessions = fitdecode_sessions(data)
    timed = [s for s in sessions if isinstance(s.get("start_time"), dt.datetime)]
    return sorted(timed, key=lambda s: s["start_time"]), messages.get("record_mesgs", [])


def runlift_sport(name: object) -> str:
    return name if isinstance(name, str) and name not in ("generic", "all") else "other"


def close(a: float | None, b: float | None, tol: float = 1e-6) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def parse(row: dict[str, str]) -> ParsedFile:
    return parse_fit((CORPUS / row["file"]).read_bytes())  # .gz as it is: parse_fit inflates


# --- valid files -------------------------------------------------------------------------------


def test_the_corpus_has_what_these_tests_expect() -> None:
    assert len(VALID_ACTIVITIES) >= 50
    assert len(INVALID) == 6
    assert any(r["file"].startswith("strava_like/") for r in VALID_ACTIVITIES)


@pytest.mark.parametrize("row", VALID_ACTIVITIES, ids=ids(VALID_ACTIVITIES))
def test_summaries_match_the_oracle(row: dict[str, str]) -> None:
    parsed = parse(row)
    sessions, records = oracle(row["file"])
    if sessions:
        check_sessions([a for a in parsed.activities if a.summary_from == "session"], sessions)
    else:
        check_rebuilt_from_records(parsed, records)


def check_sessions(activities: list[Activity], sessions: list[dict[str, Any]]) -> None:
    assert len(activities) == len(sessions)
    for ours, theirs in zip(activities, sessions, strict=True):
        assert ours.start_at == theirs["start_time"]
        assert ours.sport == runlift_sport(theirs.get("sport"))
        for field, name in (
            ("distance_m", "total_distance"),
            ("timer_s", "total_timer_time"),
            ("elapsed_s", "total_elapsed_time"),
            ("total_ascent_m", "total_ascent"),
        ):
            if theirs.get(name) is not None:  # a total the session lacks comes from records
                assert close(getattr(ours, field), theirs[name]), field
        for field, name in (("avg_hr_bpm", "avg_heart_rate"), ("max_hr_bpm", "max_heart_rate")):
            if theirs.get(name):  # 0 is FIT writers' "no heart rate"
                assert getattr(ours, field) == theirs[name], field


def check_rebuilt_from_records(parsed: ParsedFile, records: list[dict[str, Any]]) -> None:
    """The rule of runlift.formats.fit.summary, applied to the SDK's records."""
    timed = [r for r in records if "timestamp" in r]
    if len(timed) < 2:
        assert parsed.activities == ()
        assert parsed.skipped, "says why nothing was imported"
        return
    (activity,) = parsed.activities
    assert activity.summary_from == "records"
    assert activity.start_at == timed[0]["timestamp"]
    assert activity.elapsed_s == (timed[-1]["timestamp"] - timed[0]["timestamp"]).total_seconds()
    distances = [r["distance"] for r in timed if r.get("distance") is not None]
    assert close(activity.distance_m, distances[-1] if distances else None)
    heart_rates = [r["heart_rate"] for r in timed if r.get("heart_rate")]
    assert activity.max_hr_bpm == (max(heart_rates) if heart_rates else None)
    if heart_rates:
        assert activity.avg_hr_bpm == pytest.approx(sum(heart_rates) / len(heart_rates), abs=0.05)
    assert activity.timer_s is not None
    assert activity.elapsed_s is not None
    assert 0 < activity.timer_s <= activity.elapsed_s


@pytest.mark.parametrize("row", OTHER_FILES, ids=ids(OTHER_FILES))
def test_files_that_are_not_activities_give_a_note(row: dict[str, str]) -> None:
    parsed = parse(row)
    assert parsed.activities == ()
    assert parsed.strength_sessions == ()
    assert any(row["fit_file_type"] in note for note in parsed.skipped)


def test_a_chained_activity_and_settings_file_keeps_the_activity() -> None:
    parsed = parse_fit((CORPUS / "fit" / "fitparse__activity-settings.fit").read_bytes())
    assert len(parsed.activities) == 1
    assert parsed.repaired == ()
    assert parsed.skipped == (
        "chained FIT file 2 at byte 771: a FIT settings file, not an activity: nothing imported",
    )


def test_dirty_files_are_read_or_salvaged() -> None:
    coros = parse_fit(
        (CORPUS / "fit/fitparse__coros-pace-2-cycling-misaligned-fields.fit").read_bytes()
    )
    assert coros.repaired == ()  # the 1-byte uint32 field is skipped by its size
    assert coros.activities[0].distance_m == pytest.approx(32145.76)
    nick = parse_fit((CORPUS / "fit/fitparse__nick.fit").read_bytes())
    assert nick.repaired == (
        "truncated at byte 403437 (message runs past the end of the data): "
        "summary rebuilt from records",
    )
    (activity,) = nick.activities
    assert activity.summary_from == "records"
    assert activity.start_at == dt.datetime(2020, 9, 12, 12, 23, 38, tzinfo=dt.UTC)
    assert len(activity.hr_samples) > 14_000


# --- record streams against the CSV dumps -------------------------------------------------------


def csv_dump(fit_file: str) -> Path | None:
    """The corpus's CSV dump of ``fit_file``, matched by file name stem."""
    stem = Path(fit_file).name.removesuffix(".gz").removesuffix(".fit")
    for name in (f"{stem}-records.csv", f"{stem}.csv"):
        if (CORPUS / "fit_csv" / name).exists():
            return CORPUS / "fit_csv" / name
    return None


Row = dict[str, float]


def dump_segments(path: Path) -> list[tuple[int, list[Row]]]:
    """Per FIT file in the dump: (its number of timed sessions, its records as FIT values).

    FitCSVTool dumps list every message, a chained file starting again at ``file_id``; fitparse's
    dumps are one record a line, with a header naming the columns.
    """
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    if lines[0][:3] == ["Type", "Local Number", "Message"]:
        return fitcsvtool_segments(lines[1:])
    header = [h.strip().split(" [")[0].lower().replace(" ", "_") for h in lines[0]]
    rows = [dict(zip(header, line, strict=True)) for line in lines[1:] if line]
    return [(1, [fitparse_row(r) for r in rows])]


def fitcsvtool_segments(lines: list[list[str]]) -> list[tuple[int, list[Row]]]:
    segments: list[tuple[int, list[Row]]] = []
    for line in lines:
        if line[0] != "Data":
            continue
        fields: dict[str, str] = {}
        for i in range(3, len(line) - 1, 3):
            fields.setdefault(line[i], line[i + 1])
        if line[2] == "file_id" or not segments:
            segments.append((0, []))
        sessions, records = segments[-1]
        if line[2] == "session" and fields.get("start_time"):
            segments[-1] = (sessions + 1, records)
        elif line[2] == "record" and fields.get("timestamp"):
            records.append({k: float(v) for k, v in fields.items() if k in KEPT and v})
    return segments


KEPT = ("timestamp", "heart_rate", "distance")
PDT = dt.timezone(dt.timedelta(hours=-7))


def fitparse_row(row: dict[str, str]) -> Row:
    stamp = row["timestamp"]
    if stamp.isdigit():
        seconds = float(stamp)
    else:  # "Sun Sep 25 06:00:22 PDT 2011"
        assert " PDT " in stamp
        local = dt.datetime.strptime(stamp.replace(" PDT", ""), "%a %b %d %H:%M:%S %Y")
        seconds = (local.replace(tzinfo=PDT) - FIT_EPOCH).total_seconds()
    out = {"timestamp": seconds}
    for key in ("heart_rate", "distance"):
        if row.get(key) not in (None, "", "null"):
            out[key] = float(row[key])
    return out


WITH_DUMPS = [r for r in VALID_ACTIVITIES if csv_dump(r["file"])]


def test_dumps_are_found() -> None:
    assert len(WITH_DUMPS) >= 15


@pytest.mark.parametrize("row", WITH_DUMPS, ids=ids(WITH_DUMPS))
def test_streams_match_the_csv_dump(row: dict[str, str]) -> None:
    parsed = parse(row)
    dump = csv_dump(row["file"])
    assert dump is not None
    segments = dump_segments(dump)
    activities = iter(parsed.activities)
    checked = 0
    for sessions, records in segments:
        for activity in take(activities, max(sessions, 1) if records else sessions):
            checked += check_streams(activity, records)
    assert next(activities, None) is None, "every activity was compared"
    assert checked or not parsed.activities


def take(items: Iterator[Activity], n: int) -> list[Activity]:
    return list(itertools.islice(items, n))


def check_streams(activity: Activity, records: list[Row]) -> int:
    start = (activity.start_at - FIT_EPOCH).total_seconds()
    end = start + (activity.elapsed_s or 0)
    inside = [r for r in records if start <= r["timestamp"] <= end]
    expected_hr = [
        (r["timestamp"], r["heart_rate"]) for r in inside if 0 < r.get("heart_rate", 0) < 255
    ]
    assert [(start + t, hr) for t, hr in activity.hr_samples] == expected_hr
    expected_distance = [(r["timestamp"], r["distance"]) for r in inside if "distance" in r]
    ours = [(start + t, d) for t, d in activity.distance_samples]
    assert [t for t, _ in ours] == [t for t, _ in expected_distance]
    for (_, mine), (_, theirs) in zip(ours, expected_distance, strict=True):
        assert mine == pytest.approx(theirs, abs=0.006)
    return len(inside)


# --- invalid files ---------------------------------------------------------------------------

# file -> ("rejected", reason) or ("salvaged", repaired note, activities kept)
INVALID_OUTCOMES: dict[str, tuple[str, str, int]] = {
    "fitparse__activity-activity-filecrc.fit": (
        "salvaged",
        "chained FIT file 2 at byte 771: bad file CRC (stored 0xB1D5, computed 0xA1D5); "
        "it was not imported",
        1,
    ),
    "fitparse__activity-filecrc.fit": (
        "rejected",
        "bad file CRC (stored 0xB1D5, computed 0xA1D5)",
        0,
    ),
    "fitparse__activity-settings-corruptheader.fit": (
        "salvaged",
        "chained FIT file 2 at byte 771: no .FIT signature in the header (found b'.GIT'); "
        "it and anything after it were not imported",
        1,
    ),
    "fitparse__activity-settings-nodata.fit": (
        "salvaged",
        "chained FIT file 2 at byte 771: truncated at byte 783 (definition message runs past "
        "the end of the data); nothing in it could be read",
        1,
    ),
    "fitparse__activity-unexpected-eof.fit": (
        "salvaged",
        "truncated at byte 751 (message runs past the end of the data): summary from the "
        "session; samples after the break are lost",
        1,
    ),
    "fitparse__strava-android-app-201.10-b1218918.fit": (
        "rejected",
        "data message of undefined local type 11 at byte 7471",
        0,
    ),
}


def test_every_invalid_file_has_a_decided_outcome() -> None:
    assert sorted(Path(r["file"]).name for r in INVALID) == sorted(INVALID_OUTCOMES)


@pytest.mark.parametrize("row", INVALID, ids=ids(INVALID))
def test_invalid_files_are_rejected_or_salvaged(row: dict[str, str]) -> None:
    outcome, message, kept = INVALID_OUTCOMES[Path(row["file"]).name]
    data = (CORPUS / row["file"]).read_bytes()
    if outcome == "rejected":
        with pytest.raises(FormatError, match=re.escape(message)):
            parse_fit(data)
    else:
        parsed = parse_fit(data)
        assert parsed.repaired == (message,)
        assert len(parsed.activities) == kept
