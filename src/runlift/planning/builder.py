"""Build a periodised plan from a profile: phases, then each week's days, sessions and doses.

The builder is deterministic (no clock, no randomness): the same profile and catalog give the same
plan, byte for byte. It never produces an impossible plan; where the week forbids what a rule
wants, it takes the least bad option and says why in the rationale or the notes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

from runlift.catalog import Catalog, Exercise
from runlift.catalog.vocab import KNEE_DOMINANT, HIP_DOMINANT
from runlift.planning import narrative
from runlift.planning.audit import audit
from runlift.planning.dosing import Dose, Setting, dose, session_seconds
from runlift.planning.model import Plan, PlanDay, PlannedExercise, Session
from runlift.planning.phases import Week, layout, phases_of
from runlift.planning.placement import Slot, place, weekday
from runlift.planning.profile import Profile
from runlift.planning.selection import Context, select
from runlift.planning.slots import SLOTS, TITLES, slot_keys, templates_for

LEG_SET_CAP = 24  # hard lower-body sets a week (docs/science.md, Balance)
LEG_PATTERNS = KNEE_DOMINANT | HIP_DOMINANT | {"calf"}
NEAR_RACE = dt.timedelta(days=21)  # no new exercises in the last three weeks

# Sessions a week by phase and focus, before the athlete's own cap (docs/science.md, Periodisation).
SESSIONS = {
    "technique": {"power": 2, "endurance": 2, "form": 3},
    "base": {"power": 2, "endurance": 3, "form": 3},
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
        return "form", ("Focus form (auto): you are new to lifting, so learning the movements "
                        "comes first; heavier work follows once they are solid.")
    if profile.race in ("5k", "10k", "half-marathon", "marathon"):
        return "power", ("Focus power (auto): heavy and explosive work give the largest "
                         "running-economy gain for road races (Eihara 2022 [MA]; Barrio 2023 [MA]).")
    if profile.race == "ultra":
        return "endurance", ("Focus endurance (auto): an ultra rewards fatigue resistance, so "
                             "higher-rep work leads, with a heavy base kept for economy "
                             "(Blagrove 2018 [MA]).")
    if profile.lifting_experience == "experienced":
        return "power", "Focus power (auto): with no race, an experienced lifter keeps heavy work."
    return "form", "Focus form (auto): with no race, the time is best spent building sound movement."


@dataclass
class _Item:
    slot: str
    exercise: Exercise
    dose: Dose


def build_plan(
    profile: Profile, catalog: Catalog, *, weeks: int | None = None, version: str = "0.1.0"
) -> Plan:
    """The plan for ``profile``; ``weeks`` cuts a race plan short or sets an open plan's length."""
    focus, focus_reason = resolve_focus(profile)
    race = profile.race_date
    plan_weeks = layout(profile, weeks)
    late_start = race is not None and profile.start_date > race - NEAR_RACE
    ctx = Context(profile.equipment, profile.lifting_experience, focus, profile.concerns)

    def run_on(date: dt.date) -> str:
        return "race" if date == race else profile.week[weekday(date)]

    days: list[PlanDay] = []
    notes = narrative.plan_notes(profile, focus, late_start)
    week_reasons: list[str] = []
    chosen: dict[str, str] = {}
    phase_choice: dict[str, str] = {}
    for week in plan_weeks:
        if week.week_in_phase == 1:
            wanted = _wanted(week.phase, focus, profile)
            keys = sorted({k for t in templates_for(min(wanted, 3), week.phase) or ["F"]
                           for k in slot_keys(t, profile.concerns)})
            may_introduce = race is None or week.start < race - NEAR_RACE or not chosen
            phase_choice = select(catalog, keys, ctx, week.phase, chosen, may_introduce)
            chosen = {**chosen, **phase_choice}
        wanted = _wanted(week.phase, focus, profile)
        if not week.full:
            wanted = min(wanted, len(week.days) // 3)
        placement = place(week.days, wanted, run_on, profile.available_days, race)
        for reason in placement.reasons:
            week_reasons.append(f"Week {week.index + 1} ({week.start}): {reason}")
        sessions = _week_sessions(catalog, week, placement.slots, phase_choice, ctx, profile,
                                  late_start, race)
        for date in week.days:
            days.append(PlanDay(date, weekday(date), week.phase, run_on(date), week.index,
                                week.deload, sessions.get(date)))
    notes.extend(week_reasons)
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


def _wanted(phase: str, focus: str, profile: Profile) -> int:
    return min(SESSIONS[phase][focus], profile.sessions_per_week)


def _week_sessions(
    catalog: Catalog,
    week: Week,
    slots: tuple[Slot, ...],
    choice: dict[str, str],
    ctx: Context,
    profile: Profile,
    late_start: bool,
    race: dt.date | None,
) -> dict[dt.date, Session]:
    templates = templates_for(len(slots), week.phase)
    ordered = _heavy_on_clear_day(list(slots), templates)
    drafts: list[tuple[Slot, str, list[_Item]]] = []
    for slot, template in zip(ordered, templates, strict=True):
        items = _draft(catalog, template, choice, ctx, week, profile, late_start)
        drafts.append((slot, template, items))
    _cap_leg_sets([items for _, _, items in drafts])
    out: dict[dt.date, Session] = {}
    for slot, template, items in drafts:
        _fit_time(items, profile.session_minutes)
        out[slot.date] = _session(slot, template, items, week, profile, late_start, race)
    return out


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
) -> list[_Item]:
    items: list[_Item] = []
    no_plyo = week.phase in ("technique", "race", "recovery")
    first_main = True
    for key in slot_keys(template, profile.concerns):
        if key not in choice or (key == "plyo" and no_plyo):
            continue
        ex = catalog.get(choice[key])
        block = SLOTS[key].block
        setting = Setting(week.phase, ctx.focus, ctx.experience, week.week_in_phase, week.deload,
                          first_main and block == "main", late_start, ctx.concerns)
        if block == "main":
            first_main = False
        items.append(_Item(key, ex, dose(ex, block, setting)))
    if ctx.focus != "power" and template in ("B", "C"):
        items = [i for i in items if i.slot != "plyo"]  # plyometrics once a week off-focus
    return items


def _leg_sets(items: list[_Item]) -> int:
    return sum(i.dose.sets for i in items
               if i.exercise.pattern in LEG_PATTERNS and SLOTS[i.slot].block != "warmup")


def _cap_leg_sets(sessions: list[list[_Item]]) -> None:
    """Trim sets until the week holds at most LEG_SET_CAP hard lower-body sets."""
    while sum(_leg_sets(s) for s in sessions) > LEG_SET_CAP:
        candidates = [
            (SLOTS[i.slot].block == "main", -i.dose.sets, -n, k)
            for n, s in enumerate(sessions)
            for k, i in enumerate(s)
            if i.exercise.pattern in LEG_PATTERNS and i.dose.sets > (2 if SLOTS[i.slot].block == "main" else 1)
        ]
        if not candidates:
            return
        _, _, neg_n, k = min(candidates)
        item = sessions[-neg_n][k]
        item.dose = replace(item.dose, sets=item.dose.sets - 1)


def _fit_time(items: list[_Item], minutes: int) -> None:
    """Shorten a session that runs over its minutes, mildest cut first; coverage is kept."""
    budget = minutes * 60

    def total() -> float:
        return session_seconds([i.dose for i in items])

    def small(i: _Item) -> bool:
        return SLOTS[i.slot].block in ("accessory", "core", "prehab")

    steps = [
        lambda i: replace(i.dose, sets=2) if small(i) and i.dose.sets > 2 else None,
        lambda i: replace(i.dose, rest_s=min(i.dose.rest_s, 30)) if small(i) else None,
        lambda i: replace(i.dose, sets=3) if SLOTS[i.slot].block == "main" and i.dose.sets > 3 else None,
        lambda i: replace(i.dose, sets=max(1, i.dose.sets - 1)) if SLOTS[i.slot].block == "power" else None,
        lambda i: replace(i.dose, rest_s=min(i.dose.rest_s, 120)) if SLOTS[i.slot].block == "main" else None,
        lambda i: replace(i.dose, sets=2) if SLOTS[i.slot].block == "main" and i.dose.sets > 2 else None,
        lambda i: replace(i.dose, sets=1) if small(i) else None,
        lambda i: replace(i.dose, rest_s=min(i.dose.rest_s, 90)) if SLOTS[i.slot].block == "main" else None,
    ]
    for step in steps:
        if total() <= budget:
            return
        for item in reversed(items):
            new = step(item)
            if new is not None:
                item.dose = new
                if total() <= budget:
                    return
    for drop in ("warmup-2", "plyo", "abduction-2", "pull-extra"):
        if total() <= budget:
            return
        items[:] = [i for i in items if i.slot != drop]


def _session(
    slot: Slot,
    template: str,
    items: list[_Item],
    week: Week,
    profile: Profile,
    late_start: bool,
    race: dt.date | None,
) -> Session:
    planned = tuple(
        PlannedExercise(n + 1, SLOTS[i.slot].block, i.exercise, i.dose,
                        narrative.exercise_rationale(i.slot, i.exercise, i.dose, profile, week.phase))
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
        rationale=narrative.session_rationale(slot, week, lower_heavy, template, race),
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
