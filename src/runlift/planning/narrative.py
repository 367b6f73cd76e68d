"""The words a plan uses to explain itself: notes, session and exercise rationales.

Every sentence that states a rule cites it through :func:`runlift.planning.rules.cite`, so the
evidence and its grade (practice or trial) are the same everywhere.
"""

from __future__ import annotations

import datetime as dt

from runlift.catalog import Exercise
from runlift.planning.dosing import Dose
from runlift.planning.phases import PHASE_GOALS, Week
from runlift.planning.placement import Slot
from runlift.planning.profile import Profile
from runlift.planning.rules import cite
from runlift.planning.selection import FAVOURITES
from runlift.planning.slots import SLOTS

COACHING_NOTE = (
    "You are new to lifting: book a session or two with a qualified strength coach to check your "
    "technique before loads go up. " + cite("coaching")
)
CONCERN_NOTES = {
    "knee": "Knee: extra hip-abductor and hip-extensor work beside the quads; deep loaded knee "
    "bends and depth jumps are kept out of the early phases (Crossley 2016 consensus).",
    "achilles-calf": "Achilles and calf: heavy slow calf raises, straight and bent knee, and "
    "isometric holds; hopping volume stays low early. " + cite("isometric-tendon"),
    "shin": "Shin: calf, soleus and tibialis work, with impact added gradually. "
    + cite("tendon-slow"),
    "hamstring": "Hamstring: Nordic curls, hinges and bridges every week. " + cite("nordic"),
    "hip": "Hip: glute-medius, lateral-chain and single-leg stability work in every week.",
    "lower-back": "Lower back: anti-extension and anti-rotation core, hinges at light loads, and "
    "no heavy spinal loading (barbell squats, deadlifts and rows are swapped for dumbbell or "
    "kettlebell versions) until you are pain free.",
    "foot": "Foot: foot-strength and calf work, with impact added gradually.",
}
RUN_DAY_TEXT = {
    "quality": "After the quality run: " + cite("hard-days-hard"),
    "easy": "On an easy-run day, after the run: no quality day was open to strength here "
    "(each was unavailable, or the day before another key run).",
    "rest": "On a rest day from running: no running day was open to strength here.",
    "long": "After the long run: the least bad day this week, as no other day was open.",
}


def plan_notes(profile: Profile, focus: str, late_start: bool) -> list[str]:
    notes = [
        "Why lift: " + cite("strength-for-economy") + " " + cite("injury-reduction"),
    ]
    if profile.lifting_experience == "new":
        notes.append(COACHING_NOTE)
        notes.append("Technique block first: " + cite("technique-first"))
    notes.extend(CONCERN_NOTES[c] for c in profile.concerns)
    if profile.race_date is None:
        notes.append(
            "No race: rolling 4-week blocks (3 loading weeks and a deload) that end in "
            "maintenance. " + cite("maintenance")
        )
    else:
        notes.append(
            "The last heavy lower-body session falls before the taper. " + cite("last-heavy")
        )
    if late_start:
        notes.append(
            "The race is less than three weeks away, so every exercise here is new to this "
            "plan: loads stay light (RPE ≤ 7) and no hard plyometrics. "
            + cite("new-exercises-early")
        )
    notes.append("Placement: " + cite("not-before-key") + " " + cite("48h-before-key"))
    notes.append(
        "Exercises progress between phases, not at random within them: technique and "
        "base introduce, build moves to harder versions, and later phases keep what "
        "you know. " + cite("new-exercises-early")
    )
    notes.append(
        "Target loads: pick a weight you could lift for the reps with the stated reps in "
        "reserve (RPE = 10 − reps in reserve); %1RM, where shown, is from the RTS chart. "
        + cite("rpe-chart")
    )
    if focus == "endurance":
        notes.append(
            "Endurance focus: accessory, core and prehab work can run as a circuit with "
            "short rests. " + cite("muscular-endurance")
        )
    return notes


def session_rationale(
    slot: Slot,
    week: Week,
    lower_heavy: bool,
    template: str,
    race: dt.date | None,
    dropped: list[str],
) -> str:
    parts = [f"{week.phase.capitalize()} phase: {PHASE_GOALS[week.phase]}"]
    parts.append(RUN_DAY_TEXT.get(slot.run, "") if slot.run in RUN_DAY_TEXT else "")
    if lower_heavy and not slot.clear_48h:
        parts.append(
            "A key run comes within 48 h and no day this week allowed more room, so keep "
            "lower-body lifts at the target RPE, never above. " + cite("48h-before-key")
        )
    if week.deload:
        parts.append("Deload week: fewer sets, same intensity. " + cite("deload"))
    if week.phase == "taper":
        parts.append(cite("taper"))
    if week.phase == "race" and race is not None:
        days_out = (race - slot.date).days
        parts.append(
            f"{days_out} days before the race: light activation only. " + cite("race-week")
        )
    if dropped:
        parts.append(f"To fit your minutes, this session leaves out: {', '.join(dropped)}.")
    if template == "F":
        parts.append("One session this week, so it covers the whole body. " + cite("maintenance"))
    return " ".join(p for p in parts if p)


def exercise_rationale(
    slot_key: str, ex: Exercise, dose: Dose, profile: Profile, phase: str
) -> str:
    spec = SLOTS[slot_key]
    parts = [f"{spec.purpose}."]
    if spec.block == "main":
        parts.append(
            cite("compound-first") if ex.compound else "Single-joint work after the compound lifts."
        )
        if dose.reps is not None and dose.reps <= 6 and (dose.rpe or 0) >= 8:
            parts.append(cite("heavy-strength"))
        elif dose.reps is not None and dose.reps >= 12:
            parts.append(cite("muscular-endurance"))
        if phase == "technique":
            parts.append(cite("technique-first"))
    elif spec.block == "power":
        parts.append(cite("plyometric-dose"))
    elif spec.block in ("core", "prehab") or slot_key.startswith("pull"):
        parts.append(cite("coverage") if spec.block != "accessory" else cite("pull-push"))
    if "nordic" in ex.id:
        parts.append(cite("nordic"))
    matched = [c for c in profile.concerns if c in ex.runner_benefits]
    if matched:
        parts.append(f"Chosen with your {', '.join(matched)} concern in mind.")
    if ex.id in FAVOURITES:
        parts.append("One of your favourite movements.")
    return " ".join(parts)
