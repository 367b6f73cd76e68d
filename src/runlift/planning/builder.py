"""Build a periodised plan from a profile: phases, then each week's days, sessions and doses.

The builder is deterministic (no clock, no randomness): the same profile and catalog give the same
plan, byte for byte. It never produces an impossible plan; where the week forbids what a rule
wants, it takes the least bad option and says why in the rationale or the notes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from runlift.catalog import Catalog
from runlift.planning import narrative
from runlift.planning.audit import audit
from runlift.planning.dosing import Setting, dose, session_seconds
from runlift.planning.model import Plan, PlanDay, PlannedExercise, Session
from runlift.planning.phases import NEAR_RACE, Week, is_late_start, layout, phases_of
from runlift.planning.placement import Slot, place, weekday
from runlift.planning.profile import Profile
from runlift.planning.selection import Context, select
from runlift.planning.shaping import (
    Draft,
    balance_knee_hip,
    balance_push_pull,
    cap_leg_sets,
    deload,
    fit_time,
    taper,
    volume,
)
from runlift.planning.slots import SLOTS, TITLES, slot_keys, templates_for

# Sessions a week by phase and focus, before the athlete's own cap (docs/science.md, Periodisation).
SESSIONS = {
    "technique": {"power": 2, "endurance": 2, "form": 3},
    "base": {"power": 3, "endurance": 3, "form": 3},
    "build": {"power": 2, "endurance": 2, "form": 2},
    "peak": {"power": 2, "endurance": 1, "form": 2},
    "maintenance": {"power": 1, "endurance": 1, "form": 1},
    "taper": {"power": 1, "endurance": 1, "form": 1},
    "race": {"power": 1, "endurance": 1, "form": 1},
    "recovery": {"power": 0, "endurance": 0, "form": 0},
}


def resolve_focus(profile: Profile) -> tuple[str, str]:
    """The plan's focus and why: the runner's choice, or one chosen from race and experience."""
    if profile.focus != "auto":
        return profile.focus, f"You chose the {profile.focus} focus."
    if profile.lifting_experience == "new":
        return "form", (
            "Focus form (auto): you are new to lifting, so learning the movements "
            "comes first; heavier work follows once they are solid."
        )
    if profile.race in ("5k", "10k", "half-marathon", "marathon"):
        return "power", (
            "Focus power (auto): heavy and explosive work give the largest "
            "running-economy gain for road races (Eihara 2022 [MA]; Barrio 2023 [MA])."
        )
    if profile.race == "ultra":
        return "endurance", (
            "Focus endurance (auto): an ultra rewards fatigue resistance, so "
            "higher-rep work leads, with a heavy base kept for economy "
            "(Blagrove 2018 [MA])."
        )
    if profile.lifting_experience == "experienced":
        return "power", "Focus power (auto): with no race, an experienced lifter keeps heavy work."
    return (
        "form",
        "Focus form (auto): with no race, the time is best spent building sound movement.",
    )


def build_plan(
    profile: Profile, catalog: Catalog, *, weeks: int | None = None, version: str = "0.1.0"
) -> Plan:
    """The plan for ``profile``; ``weeks`` cuts a race plan short or sets an open plan's length."""
    focus, focus_reason = resolve_focus(profile)
    race = profile.race_date
    plan_weeks = layout(profile, weeks)
    late_start = is_late_start(profile.start_date, race)
    ctx = Context(profile.equipment, profile.lifting_experience, focus, profile.concerns)

    def run_on(date: dt.date) -> str:
        return "race" if date == race else profile.week[weekday(date)]

    days: list[PlanDay] = []
    notes = narrative.plan_notes(profile, focus, late_start)
    chosen: dict[str, str] = {}
    phase_choice: dict[str, str] = {}
    performed: set[str] = set()
    peak_volumes: dict[str, list[int]] = {"peak": [], "build": []}
    for week in plan_weeks:
        wanted = min(SESSIONS[week.phase][focus], profile.sessions_per_week)
        near = race is not None and week.end >= race - NEAR_RACE and not late_start
        known = frozenset(performed) if near and performed else None
        if week.week_in_phase == 1:
            keys = sorted(
                {
                    k
                    for t in templates_for(wanted, week.phase) or ["F"]
                    for k in slot_keys(t, profile.concerns, focus)
                }
            )
            phase_choice = select(catalog, keys, ctx, week.phase, chosen, known)
            chosen = {**chosen, **phase_choice}
        if not week.full:
            wanted = min(wanted, len(week.days) // 3)
        placement = place(week.days, wanted, run_on, profile.available_days, race)
        notes.extend(f"Week {week.index + 1} ({week.start}): {r}" for r in placement.reasons)
        reference = peak_volumes["peak"] or peak_volumes["build"]
        peak = sum(reference) / len(reference) if reference else None
        usable = {k: v for k, v in phase_choice.items() if known is None or v in known}
        drafts = _week_drafts(
            catalog, week, placement.slots, usable, ctx, profile, late_start, peak
        )
        if week.full and week.phase in peak_volumes:
            peak_volumes[week.phase].append(volume([items for _, _, items, _ in drafts]))
        sessions: dict[dt.date, Session] = {}
        for slot, template, items, dropped in drafts:
            performed.update(d.exercise.id for d in items)
            sessions[slot.date] = _session(
                slot, template, items, week, profile, late_start, race, dropped
            )
        for date in week.days:
            days.append(
                PlanDay(
                    date,
                    weekday(date),
                    week.phase,
                    run_on(date),
                    week.index,
                    week.deload,
                    sessions.get(date),
                )
            )
    plan = Plan(
        generated_by=f"runlift {version}",
        profile=profile,
        focus=focus,
        focus_reason=focus_reason,
        phases=tuple(phases_of(plan_weeks)),
        days=tuple(days),
        notes=tuple(notes),
    )
    checks = audit(plan.to_contract(with_checks=False), profile, catalog)
    return replace(plan, checks=tuple(checks))


def _week_drafts(
    catalog: Catalog,
    week: Week,
    slots: tuple[Slot, ...],
    choice: dict[str, str],
    ctx: Context,
    profile: Profile,
    late_start: bool,
    peak_volume: float | None,
) -> list[tuple[Slot, str, list[Draft], list[str]]]:
    """Each placed session's exercises, shaped to the week's rules (see ``shaping``)."""
    templates = templates_for(len(slots), week.phase)
    ordered = _heavy_on_clear_day(list(slots), templates)
    sessions = [_draft(catalog, t, choice, ctx, week, profile, late_start) for t in templates]
    cap_leg_sets(sessions)
    dropped = [fit_time(items, profile.session_minutes) for items in sessions]
    if week.deload:
        deload(sessions)
    if week.phase == "taper":
        taper(sessions, peak_volume)
    balance_knee_hip(sessions)
    balance_push_pull(sessions)
    return list(zip(ordered, templates, sessions, dropped, strict=True))


def _heavy_on_clear_day(slots: list[Slot], templates: list[str]) -> list[Slot]:
    """Give session A (the heaviest lower-body day) a day with 48 h before the next key run."""
    if "A" in templates and slots and not slots[templates.index("A")].clear_48h:
        clear = [i for i, s in enumerate(slots) if s.clear_48h]
        if clear:
            a = templates.index("A")
            slots[a], slots[clear[0]] = slots[clear[0]], slots[a]
    return slots


def _draft(
    catalog: Catalog,
    template: str,
    choice: dict[str, str],
    ctx: Context,
    week: Week,
    profile: Profile,
    late_start: bool,
) -> list[Draft]:
    items: list[Draft] = []
    no_plyo = week.phase in ("technique", "race", "recovery")
    if ctx.focus != "power" and template in ("B", "C"):
        no_plyo = True  # plyometrics once a week off the power focus
    first_main = True
    for key in slot_keys(template, profile.concerns, ctx.focus):
        if key not in choice or (key == "plyo" and no_plyo):
            continue
        ex = catalog.get(choice[key])
        block = SLOTS[key].block
        setting = Setting(
            week.phase,
            ctx.focus,
            ctx.experience,
            week.week_in_phase,
            first_main and block == "main",
            late_start,
            ctx.concerns,
        )
        if block == "main":
            first_main = False
        items.append(Draft(key, ex, dose(ex, block, setting)))
    return items


def _session(
    slot: Slot,
    template: str,
    items: list[Draft],
    week: Week,
    profile: Profile,
    late_start: bool,
    race: dt.date | None,
    dropped: list[str],
) -> Session:
    planned = tuple(
        PlannedExercise(
            n + 1,
            SLOTS[i.slot].block,
            i.exercise,
            i.dose,
            narrative.exercise_rationale(i.slot, i.exercise, i.dose, profile, week.phase),
        )
        for n, i in enumerate(items)
    )
    intensity = _intensity(planned, week.phase, late_start)
    lower_heavy = any(p.block == "main" for p in planned) and intensity != "light"
    title = TITLES[template]
    if week.phase in ("technique", "recovery"):
        title = f"{week.phase.capitalize()}: {title}"
    return Session(
        id=f"{slot.date.isoformat()}-a",
        title=title,
        intensity=intensity,
        duration_min=math.ceil(session_seconds([p.dose for p in planned]) / 60),
        timing=slot.timing,
        rationale=narrative.session_rationale(slot, week, lower_heavy, template, race, dropped),
        exercises=planned,
        template=template,
    )


def _intensity(planned: tuple[PlannedExercise, ...], phase: str, late_start: bool) -> str:
    if phase in ("technique", "race", "recovery") or late_start:
        return "light"
    mains = [p for p in planned if p.block == "main"]
    if any(p.dose.rpe and p.dose.rpe >= 8 and (p.dose.reps or 99) <= 6 for p in mains):
        return "heavy"
    if not mains or all((p.dose.rpe or 0) <= 6.5 for p in mains):
        return "light"
    return "moderate"
