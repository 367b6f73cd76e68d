"""Athlete use cases: set up from a profile, replan when the profile changes, show the profile."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from runlift import __version__
from runlift.app.catalog import catalog
from runlift.app.planning import load_profile
from runlift.errors import BadInput
from runlift.planning import Plan, Profile, build_plan, profile_from_dict
from runlift.store.db import reads_without_transaction
from runlift.store.tables import AthleteRow
from runlift.store.uow import Store, UnitOfWork

NOT_SET_UP = "no athlete yet: run 'runlift init PROFILE.toml' first"
NO_PLAN = "no active plan: run 'runlift replan'"
PLAN_CACHE_SIZE = 16  # plans' JSON kept per process (about 300 kB each)


@dataclass(frozen=True)
class Planned:
    athlete: str
    plan: Plan
    replaced: bool
    plan_id: int | None = None  # the stored plan's row id


def require_athlete(uow: UnitOfWork, athlete_id: int | None = None) -> AthleteRow:
    """The given athlete (the web names one), or the command line's only athlete."""
    athlete = uow.athletes.the_athlete() if athlete_id is None else uow.athletes.get(athlete_id)
    if athlete is None:
        raise BadInput(NOT_SET_UP)
    return athlete


def current_profile(uow: UnitOfWork, athlete: AthleteRow) -> Profile:
    doc = uow.athletes.current_profile(athlete.id)
    if doc is None:
        raise BadInput(NOT_SET_UP)
    return profile_from_dict(doc, "stored profile")


@lru_cache(maxsize=32)
def profile_from_json(text: str) -> Profile:
    """A stored profile's JSON text as a ``Profile`` (frozen, so safely shared), parsed once."""
    return profile_from_dict(json.loads(text), "stored profile")


_plans: OrderedDict[tuple[object, int, dt.datetime], bytes] = OrderedDict()
_plans_lock = threading.Lock()


def plan_json(uow: UnitOfWork, plan_id: int, created_at: dt.datetime) -> bytes:
    """A stored plan's JSON as UTF-8, read once per process: a plan row is never changed (see
    ``PlanRepo``), so the database, the id and ``created_at`` name the same text for good. The
    bytes are shared: they are immutable, and ``parsed_plan`` parses each once."""
    key = (uow.session.get_bind().engine.url, plan_id, created_at)
    with _plans_lock:
        data = _plans.get(key)
        if data is not None:
            _plans.move_to_end(key)
            return data
    text = uow.plans.json_of(plan_id)
    if text is None:
        raise BadInput(NO_PLAN)  # replaced and deleted since its id was read
    data = text.encode("utf-8")
    with _plans_lock:
        _plans[key] = data
        while len(_plans) > PLAN_CACHE_SIZE:
            _plans.popitem(last=False)
    return data


@lru_cache(maxsize=8)
def parsed_plan(data: bytes) -> dict[str, Any]:
    """A plan's JSON parsed once per distinct document (about 3 ms for a 300 kB plan); keyed by
    the bytes themselves, which ``plan_json`` hands out as the same object each time, so the
    lookup hashes them once. Shared between callers: read it, never change it."""
    plan: dict[str, Any] = json.loads(data)
    return plan


def active_plan_json(store: Store, athlete_id: int | None = None) -> bytes:
    """The active plan's stored JSON (the plan contract) as UTF-8, as it is stored."""
    with store.unit_of_work() as uow:
        reads_without_transaction(uow.session)
        aid = athlete_id if athlete_id is not None else require_athlete(uow).id
        ref = uow.plans.active_ref(aid)
        if ref is None:
            require_athlete(uow, aid)  # no athlete, rather than no plan
            raise BadInput(NO_PLAN)
        return plan_json(uow, *ref)


def init(store: Store, path: Path, today: dt.date) -> Planned:
    """Store the athlete, their profile and its plan."""
    profile = load_profile(path)
    plan = build_plan(profile, catalog(), version=__version__)
    with store.unit_of_work() as uow:
        if uow.athletes.the_athlete() is not None:
            raise BadInput(
                "an athlete is already set up in this database; change the plan "
                "with 'runlift replan PROFILE.toml' or 'runlift profile edit'"
            )
        athlete = uow.athletes.add(profile.name)
        profile_row = uow.athletes.add_profile(athlete.id, profile.to_contract())
        uow.plans.add(athlete.id, profile_row.id, plan.to_contract())
        if profile.body_mass_kg is not None:
            uow.athletes.set_body_mass(athlete.id, today, profile.body_mass_kg)
        uow.commit()
    return Planned(profile.name, plan, replaced=False)


def replan(
    store: Store,
    today: dt.date,
    path: Path | None = None,
    profile_doc: dict[str, Any] | None = None,
    athlete_id: int | None = None,
) -> Planned:
    """Rebuild the active plan from today with a new (or the stored) profile; history stays."""
    with store.unit_of_work() as uow:
        athlete = require_athlete(uow, athlete_id)
        if path is not None:
            profile = load_profile(path)
        elif profile_doc is not None:
            profile = profile_from_dict(profile_doc, "edited profile")
        else:
            profile = current_profile(uow, athlete)
        if profile.race_date is not None and profile.race_date <= today:
            raise BadInput(
                f"goal.race_date: {profile.race_date} is not after today ({today}); "
                'set the next race, or race = "none"'
            )
        if profile.start_date < today:
            profile = dataclasses.replace(profile, start_date=today)
        plan = build_plan(profile, catalog(), version=__version__)
        profile_row = uow.athletes.add_profile(athlete.id, profile.to_contract())
        plan_row = uow.plans.add(athlete.id, profile_row.id, plan.to_contract())
        if profile.body_mass_kg is not None:
            uow.athletes.set_body_mass(athlete.id, today, profile.body_mass_kg)
        uow.commit()
    return Planned(profile.name, plan, replaced=True, plan_id=plan_row.id)


def stored_profile(store: Store, athlete_id: int | None = None) -> Profile:
    with store.unit_of_work() as uow:
        return current_profile(uow, require_athlete(uow, athlete_id))


def active_plan(store: Store, athlete_id: int | None = None) -> dict[str, Any]:
    with store.unit_of_work() as uow:
        athlete = require_athlete(uow, athlete_id)
        row = uow.plans.active(athlete.id)
        if row is None:
            raise BadInput(NO_PLAN)
        doc: dict[str, Any] = json.loads(row.plan_json)
        return doc


def plan_calendar(store: Store, athlete_id: int | None = None) -> bytes:
    """The active plan's calendar (ICS), rebuilt from the profile that made it."""
    from runlift.formats.plan_ics import render_plan_ics  # icalendar: ~0.2 s to import

    profile = stored_profile(store, athlete_id)
    return render_plan_ics(build_plan(profile, catalog(), version=__version__))
