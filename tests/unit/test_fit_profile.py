"""The generated FIT profile subset matches the FIT SDK's profile, and the runtime needs no SDK."""

from __future__ import annotations

import subprocess
import sys

import pytest
from garmin_fit_sdk import Profile

from runlift.formats.fit import profile_data
from runlift.formats.fit.strength import exercise_names


def first(value: object) -> object:
    return value[0] if isinstance(value, list) else value


@pytest.mark.parametrize("name", sorted(profile_data.MESG_NUM))
def test_messages_and_fields_match_the_sdk(name: str) -> None:
    num = profile_data.MESG_NUM[name]
    sdk = Profile["messages"][num]
    assert sdk["name"] == name
    for field_num, (fname, ftype, base, scale, offset, units) in profile_data.FIELDS[num].items():
        field = sdk["fields"][field_num]
        assert (field["name"], field["type"], field["base_type"]) == (fname, ftype, base)
        assert (first(field["scale"]), first(field["offset"])) == (scale, offset)
        assert first(field["units"]) == units


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("FILE", "file"),
        ("SPORT", "sport"),
        ("SUB_SPORT", "sub_sport"),
        ("EVENT", "event"),
        ("EVENT_TYPE", "event_type"),
        ("SET_TYPE", "set_type"),
        ("EXERCISE_CATEGORY", "exercise_category"),
    ],
)
def test_types_match_the_sdk(ours: str, theirs: str) -> None:
    assert getattr(profile_data, ours) == Profile["types"][theirs]


def test_exercise_names_match_the_sdk() -> None:
    types = Profile["types"]
    expected = {
        (cat, num): name
        for cat, cat_name in types["exercise_category"].items()
        for num, name in types.get(f"{cat_name}_exercise_name", {}).items()
    }
    assert exercise_names() == expected


def test_the_generated_files_keep_the_sdk_licence_notice() -> None:
    notice = "Flexible and Interoperable Data Transfer (FIT) Protocol License"
    assert notice in (profile_data.__doc__ or "")
    from importlib import resources

    names = resources.files("runlift.formats.fit").joinpath("exercise_names.tsv").read_text()
    assert notice in names


def test_decoding_does_not_import_the_sdk() -> None:
    code = (
        "import sys, runlift.formats.fit as f, runlift.formats.fit.strength as s; "
        "s.exercise_names(); print('garmin_fit_sdk' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
