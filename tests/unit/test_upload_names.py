"""The names an upload's files are kept under: a dropped folder's relative path survives, and
nothing can climb out of the job's folder."""

from __future__ import annotations

import pytest

from runlift.web.uploads import safe_name


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("run.fit", "run.fit"),
        ("export/activities/1.fit", "export/activities/1.fit"),
        ("export\\activities\\1.fit", "export/activities/1.fit"),
        ("./a//b/./c.gpx", "a/b/c.gpx"),
        (
            "/".join(f"d{n}" for n in range(12)) + "/x.fit",
            "/".join(f"d{n}" for n in range(4, 12)) + "/x.fit",
        ),
    ],
)
def test_relative_paths_are_kept(sent: str, kept: str) -> None:
    assert safe_name(sent) == kept


@pytest.mark.parametrize(
    "sent",
    [
        "../evil.gpx",
        "a/../../evil.gpx",
        "/etc/passwd",
        "\\\\server\\share\\x.fit",
        "C:\\x.fit",
        "C:x.fit",
        "",
        ".",
        "a/" + "x" * 300,
    ],
)
def test_escaping_or_empty_names_are_refused(sent: str) -> None:
    assert safe_name(sent) is None
