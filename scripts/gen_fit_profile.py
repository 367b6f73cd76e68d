"""Generate runlift's FIT profile subset from the Garmin FIT SDK (a dev dependency).

    .venv/bin/python scripts/gen_fit_profile.py

writes ``src/runlift/formats/fit/profile_data.py`` (messages, fields and the small enum types the
decoder needs) and ``src/runlift/formats/fit/exercise_names.tsv`` (the exercise names of every
exercise category, read only when a file holds strength sets). Run it again after upgrading
garmin-fit-sdk and commit both files; the runtime never imports garmin_fit_sdk.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from garmin_fit_sdk import Profile
from garmin_fit_sdk.fit import BASE_TYPE_DEFINITIONS, BASE_TYPE_TO_FIELD_TYPE

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "runlift" / "formats" / "fit"

LICENCE = """\
Copyright 2026 Garmin International, Inc.
Licensed under the Flexible and Interoperable Data Transfer (FIT) Protocol License; you
may not use this file except in compliance with the Flexible and Interoperable Data
Transfer (FIT) Protocol License."""

# message name -> the fields kept (None: all of them)
MESSAGES: dict[str, tuple[str, ...] | None] = {
    "file_id": None,
    "sport": None,
    "session": (
        "message_index",
        "timestamp",
        "event",
        "event_type",
        "start_time",
        "sport",
        "sub_sport",
        "total_elapsed_time",
        "total_timer_time",
        "total_distance",
        "avg_heart_rate",
        "max_heart_rate",
        "total_ascent",
        "first_lap_index",
        "num_laps",
    ),
    "lap": (
        "message_index",
        "timestamp",
        "event",
        "event_type",
        "start_time",
        "total_elapsed_time",
        "total_timer_time",
        "total_distance",
        "avg_heart_rate",
        "max_heart_rate",
        "total_ascent",
        "sport",
        "sub_sport",
    ),
    "record": ("timestamp", "heart_rate", "distance", "compressed_speed_distance", "speed"),
    "event": ("timestamp", "event", "event_type", "data16", "data", "event_group"),
    "activity": None,
    "set": None,
    "exercise_title": None,
    "developer_data_id": None,
    "field_description": None,
}
TYPES = ("file", "sport", "sub_sport", "event", "event_type", "set_type", "exercise_category")


def scalar(values: Any) -> float:
    value = values[0] if isinstance(values, list) else values
    return float(value) if float(value) != int(value) else int(value)


def units(value: Any) -> str:
    return str(value[0] if isinstance(value, list) else value)


def wrap(items: list[str], indent: str, width: int = 99) -> list[str]:
    lines: list[str] = []
    line = indent
    for item in items:
        piece = item + ","
        if len(line) + len(piece) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = indent
        line += piece + " "
    if line.strip():
        lines.append(line.rstrip())
    return lines


def profile_module() -> str:
    messages = {m["name"]: (num, m) for num, m in Profile["messages"].items()}
    version = "{major}.{minor}.{patch}".format(**Profile["version"])
    out: list[str] = [
        f'"""The FIT profile subset runlift decodes: generated from garmin-fit-sdk {version}.',
        "",
        "Do not edit: run ``scripts/gen_fit_profile.py``. Field tuples are",
        "``(name, type, base type, scale, offset, units)``; a value is ``raw / scale - offset``.",
        "",
        "The data below comes from the FIT SDK profile, under this notice:",
        "",
        *LICENCE.splitlines(),
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f'PROFILE_VERSION = "{version}"',
        "",
        "# base type number -> (name, size in bytes, struct code, invalid value)",
        "BASE_TYPES: dict[int, tuple[str, int, str, int]] = {",
    ]
    for num, d in BASE_TYPE_DEFINITIONS.items():
        name = BASE_TYPE_TO_FIELD_TYPE[num]
        code, invalid = d["type_code"], d["invalid"]
        out.append(f'    0x{num:02X}: ("{name}", {d["size"]}, "{code}", {invalid:#x}),')
    out += ["}", "", "MESG_NUM: dict[str, int] = {"]
    for name in MESSAGES:
        out.append(f'    "{name}": {messages[name][0]},')
    out += [
        "}",
        "",
        "Field = tuple[str, str, str, float, float, str]",
        "",
        "# fmt: off",
        "FIELDS: dict[int, dict[int, Field]] = {",
    ]
    components: list[str] = []
    for name, keep in MESSAGES.items():
        num, mesg = messages[name]
        out.append(f"    {num}: {{  # {name}")
        fields = {f["name"]: f for f in mesg["fields"].values()}
        for fname in keep or list(fields):
            f = fields[fname]
            row = (
                f'        {f["num"]}: ("{fname}", "{f["type"]}", "{f["base_type"]}", '
                f'{scalar(f["scale"])}, {scalar(f["offset"])}, "{units(f["units"])}"),'
            )
            out.append(row)
            if f["components"]:
                by_num = {g["num"]: g for g in mesg["fields"].values()}
                parts = []
                for c, bits, scale in zip(f["components"], f["bits"], f["scale"], strict=True):
                    target = by_num[c]
                    accumulated = target["is_accumulated"]
                    parts.append(f'("{target["name"]}", {bits}, {scalar(scale)}, {accumulated})')
                components.append(f"    ({num}, {f['num']}): ({', '.join(parts)},),  # {fname}")
        out.append("    },")
    out += [
        "}",
        "# fmt: on",
        "",
        "# (message, field) -> its components: (name, bits, scale, accumulated)",
        "COMPONENTS: dict[tuple[int, int], tuple[tuple[str, int, float, bool], ...]] = {",
        *components,
        "}",
    ]
    for tname in TYPES:
        values = Profile["types"][tname]
        out += ["", "# fmt: off", f"{tname.upper()}: dict[int, str] = {{"]
        out += wrap([f'{k}: "{v}"' for k, v in values.items()], "    ")
        out += ["}", "# fmt: on"]
    return "\n".join(out) + "\n"


def exercise_names() -> str:
    lines = ["# FIT exercise names by category, generated by scripts/gen_fit_profile.py."]
    lines += ["# " + line for line in LICENCE.splitlines()]
    lines.append("# category\tnumber\tname")
    types = Profile["types"]
    for cat_num, cat in types["exercise_category"].items():
        names = types.get(f"{cat}_exercise_name")
        if not names:
            continue
        lines += [f"{cat_num}\t{num}\t{name}" for num, name in names.items()]
    return "\n".join(lines) + "\n"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "profile_data.py"
    target.write_text(profile_module(), encoding="utf-8")
    (OUT / "exercise_names.tsv").write_text(exercise_names(), encoding="utf-8")
    ruff = ROOT / ".venv" / "bin" / "ruff"
    if ruff.exists():
        subprocess.run([str(ruff), "format", "--quiet", str(target)], check=True)
    print(f"wrote {target} and exercise_names.tsv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
