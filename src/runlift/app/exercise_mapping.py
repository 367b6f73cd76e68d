"""The user's own names for exercises in imported logs: ``--map`` pairs and a mapping file,
and applying them to sets already imported under those names."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from runlift.app.athlete import require_athlete
from runlift.app.catalog import catalog
from runlift.errors import BadInput
from runlift.store.uow import Store


def user_mapping(pairs: list[str], mapping_file: os.PathLike[str] | None) -> dict[str, str]:
    """The user's exercise-name mapping from --map pairs and a mapping file (pairs win)."""
    from runlift.formats.exercise_names import load_mapping_file, parse_mapping_arg

    out: dict[str, str] = {}
    if mapping_file is not None:
        path = Path(mapping_file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BadInput(f"cannot read the mapping file: {exc.strerror}", str(path)) from None
        out.update(load_mapping_file(data, catalog()))
    for pair in pairs:
        name, exercise_id = parse_mapping_arg(pair, catalog())
        out[name] = exercise_id
    return out


def remap_existing(store: Store, user_map: Mapping[str, str]) -> int:
    """Apply the user's mapping to sets already imported under those names."""
    if not user_map:
        return 0
    from runlift.formats.exercise_names import name_key

    with store.unit_of_work() as uow:
        athlete_id = require_athlete(uow).id
        stored = uow.log.source_names(athlete_id)
        count = 0
        for name, exercise_id in user_map.items():
            same = [s for s in stored if name_key(s) == name_key(name)]
            count += uow.log.remap(athlete_id, same, exercise_id)
        uow.commit()
    return count
