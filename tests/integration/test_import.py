"""The import pipeline on real files: a Strava-layout export assembled from the corpus, broken
files in the batch, idempotency, one activity arriving as FIT and as GPX, and app exports."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from runlift.app import athlete
from runlift.app.history import history
from runlift.app.imports import Options, import_paths
from runlift.store.uow import Store
from tests_support import EXAMPLES, SHARED

CORPUS = SHARED / "corpus"
TODAY = dt.date(2026, 12, 8)
RUN_FIT = CORPUS / "fit" / "fitparse__garmin-fenix-5-run.fit"


def set_up(url: str) -> Store:
    store = Store(url)
    athlete.init(store, EXAMPLES / "sample-runner.toml", TODAY)
    return store


def strava_export(root: Path) -> Path:
    """A Strava-layout export: the corpus's activities.csv and files, plus a broken original."""
    export = root / "export"
    shutil.copytree(CORPUS / "strava_like" / "athlytics", export)
    (export / "activities").chmod(0o755)
    shutil.copy(RUN_FIT, export / "activities" / "run.fit")
    (export / "activities" / "broken.fit").write_bytes(RUN_FIT.read_bytes()[:300])
    (export / "media").mkdir()
    (export / "media" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an activity")
    return export


def outcomes(summary) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {Path(f.name.split("!")[-1]).name: f.outcome for f in summary.files}


def test_strava_export_imports_whole_and_again_changes_nothing(db_url: str, tmp_path: Path) -> None:
    store = set_up(db_url)
    export = strava_export(tmp_path)
    summary = import_paths(store, [export], Options(), workers=2)
    seen = outcomes(summary)
    assert seen["run.fit"] == "imported"
    assert seen["broken.fit"] in ("rejected", "repaired")
    assert seen["photo.jpg"] == "skipped"
    rows = json.loads(json.dumps(history(store)))["runs"]
    manual = [r for r in rows if r["source"]["format"] == "strava"]
    assert len(manual) == 72  # every row of activities.csv without a file
    ride = next(r for r in manual if r["start_at"] == "2024-10-01T11:35:00Z")
    assert ride["sport"] == "cycling"
    assert ride["distance_m"] == 33892.0
    assert ride["timer_s"] == 5268.0
    assert {r["source"]["format"] for r in rows} >= {"strava", "fit"}
    before = history(store)
    again = import_paths(store, [export], Options(), workers=2)
    assert again.count("imported") == 0
    assert again.count("repaired") == 0
    assert history(store) == before


def test_a_zip_of_the_export_gives_the_same_history(db_url: str, tmp_path: Path) -> None:
    export = strava_export(tmp_path)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(export.rglob("*")):
            if path.is_file():
                z.write(path, path.relative_to(export))
    from_folder = set_up(f"sqlite:///{tmp_path / 'folder.db'}")
    import_paths(from_folder, [export], Options(), workers=1)
    from_zip = set_up(db_url)
    import_paths(from_zip, [archive], Options(), workers=2)

    def key(doc: dict) -> list:  # type: ignore[type-arg]
        return sorted((r["start_at"], r["distance_m"], r["sport"]) for r in doc["runs"])

    assert key(history(from_zip)) == key(history(from_folder))


def fit_as_gpx(path: Path) -> bytes:
    """The FIT file's track written as GPX, decoded by the FIT SDK (an independent reader)."""
    from garmin_fit_sdk import Decoder, Stream

    messages, errors = Decoder(Stream.from_byte_array(bytearray(path.read_bytes()))).read()
    assert not errors
    points = []
    for r in messages["record_mesgs"]:
        if "position_lat" in r and "position_long" in r:
            lat = r["position_lat"] * 180 / 2**31
            lon = r["position_long"] * 180 / 2**31
            when = r["timestamp"].astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            hr = r.get("heart_rate")
            ext = (
                (
                    f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr>"
                    "</gpxtpx:TrackPointExtension></extensions>"
                )
                if hr
                else ""
            )
            points.append(
                f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><time>{when}</time>{ext}</trkpt>'
            )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><type>running</type><trkseg>{''.join(points)}</trkseg></trk></gpx>"
    ).encode()


def test_the_same_run_as_fit_and_as_gpx_is_stored_once(db_url: str, tmp_path: Path) -> None:
    store = set_up(db_url)
    (tmp_path / "run.gpx").write_bytes(fit_as_gpx(RUN_FIT))
    shutil.copy(RUN_FIT, tmp_path / "run.fit")
    summary = import_paths(
        store, [tmp_path / "run.fit", tmp_path / "run.gpx"], Options(), workers=1
    )
    assert outcomes(summary) == {"run.fit": "imported", "run.gpx": "duplicate"}
    (run,) = history(store)["runs"]
    assert run["source"]["format"] == "fit"


def test_one_broken_file_never_stops_the_batch(db_url: str, tmp_path: Path) -> None:
    store = set_up(db_url)
    manifest = (CORPUS / "MANIFEST.tsv").read_text().splitlines()[1:]
    invalid = [
        CORPUS / line.split("\t")[0] for line in manifest if line.split("\t")[6] == "invalid"
    ]
    assert invalid
    batch = [*invalid, RUN_FIT]
    summary = import_paths(store, batch, Options(), workers=2)
    seen = outcomes(summary)
    assert seen[RUN_FIT.name] == "imported"
    messages = {Path(f.name).name: f.message for f in summary.files}
    for path in invalid:
        # Several invalid files are damaged copies of one activity: once one is salvaged, the
        # others are duplicates of it, and their repair is still reported.
        assert seen[path.name] in ("rejected", "repaired", "duplicate"), path.name
        if seen[path.name] == "duplicate":
            assert "already stored" in messages[path.name]
            assert len(messages[path.name].split("; ")) >= 2, messages[path.name]
    rejected = [f for f in summary.files if f.outcome == "rejected"]
    assert all(f.message for f in rejected)


STRONG = (
    (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n"
    )
    + """\
2026-11-02 18:00:00,Legs,45m,Squat (Barbell),W,40,10,0,0,,,
2026-11-02 18:00:00,Legs,45m,Squat (Barbell),1,80,5,0,0,,,8
2026-11-02 18:00:00,Legs,45m,Squat (Barbell),Rest Timer,0,0,0,90,,,
2026-11-02 18:00:00,Legs,45m,Zercher Carry Thing,1,30,0,0,40,,,
"""
)


def test_strong_export_keeps_unknown_names_and_can_be_remapped(db_url: str, tmp_path: Path) -> None:
    from runlift.app.exercise_mapping import remap_existing

    store = set_up(db_url)
    (tmp_path / "strong.csv").write_text(STRONG)
    summary = import_paths(store, [tmp_path / "strong.csv"], Options(), workers=1)
    assert outcomes(summary)["strong.csv"] == "imported"
    assert summary.mapping["Squat (Barbell)"] == "back-squat"
    custom = summary.mapping["Zercher Carry Thing"]
    assert custom.startswith("custom-")
    (session,) = history(store)["strength_sessions"]
    ids = [s["exercise_id"] for s in session["sets"]]
    assert ids == ["back-squat", "back-squat", custom]  # rest timer skipped, nothing dropped
    assert session["sets"][0]["warmup"] is True
    assert remap_existing(store, {"Zercher Carry Thing": "farmers-carry"}) == 1
    (session,) = history(store)["strength_sessions"]
    assert session["sets"][2]["exercise_id"] == "farmers-carry"


@pytest.mark.parametrize("name", ["a.fit", "b.gpx", "c.tcx", "d.csv"])
def test_garbage_is_refused_by_every_format(db_url: str, tmp_path: Path, name: str) -> None:
    store = set_up(db_url)
    (tmp_path / name).write_bytes(b"this is not an activity\x00\x01\x02" * 10)
    summary = import_paths(store, [tmp_path / name], Options(), workers=1)
    assert summary.files[0].outcome in ("rejected", "skipped")
    assert history(store)["runs"] == []
