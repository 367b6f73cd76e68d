"""Interactive logging: walk today's planned session set by set, targets pre-filled.

Enter logs a set as planned (one keystroke). Otherwise type what was done in the set syntax
without the exercise and the set count: ``4@62.5kg rpe9``, ``30s``, ``8 left tech 2``. ``s`` skips a
set, ``n`` skips the rest of the exercise, ``q`` stops; everything typed so far is stored at the end
in one transaction, so an interrupted walk stores nothing.

It reads lines from a stream, so it works the same in a terminal, through a pseudo-terminal in the
tests, or with answers piped in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TextIO

from runlift.app.log import check_date, log_sets
from runlift.app.today import Targeted, day_view
from runlift.cli.today_cmds import load_text
from runlift.errors import BadInput
from runlift.formats.set_syntax import parse_load, parse_set_line
from runlift.store.uow import Store
from runlift.training.model import LoggedSet

HELP = (
    "Enter = as planned · or type e.g. '4@62.5kg rpe9', '30s', '8 left tech 2' · "
    "s = skip set · n = next exercise · q = finish"
)


def _planned_set(t: Targeted, side: str, order: int) -> LoggedSet:
    target = t.target
    assert target is not None
    return LoggedSet(
        exercise_id=t.exercise.id,
        order=order,
        reps=target.reps,
        duration_s=float(target.duration_s) if target.duration_s else None,
        contacts=target.contacts,
        load_kg=target.load_kg,
        rpe=target.rpe,
        side=side,
    )


def _typed_set(
    t: Targeted, text: str, side: str, order: int, planned_load: float | None
) -> LoggedSet:
    parsed = parse_set_line(f"{t.exercise.id} 1x{text}")
    load = planned_load if "@" not in text else parsed.load_kg  # not typed: as planned
    return LoggedSet(
        exercise_id=t.exercise.id,
        order=order,
        reps=parsed.reps,
        duration_s=parsed.duration_s,
        contacts=parsed.contacts,
        load_kg=load,
        rpe=parsed.rpe,
        side=parsed.side if parsed.side != "both" else side,
        technique=parsed.technique,
    )


def _ask(stdin: TextIO, stdout: TextIO, prompt: str) -> str | None:
    stdout.write(prompt)
    stdout.flush()
    line = stdin.readline()
    return None if line == "" else line.strip()


def walk(
    store: Store,
    on: dt.date,
    today: dt.date,
    minutes: float | None,
    srpe: float | None,
    stdin: TextIO,
    stdout: TextIO,
) -> None:
    check_date(on, today)
    view = day_view(store, on, today)
    if view.session is None:
        raise BadInput(
            f"no planned session on {on}; log sets by giving them, e.g. "
            "runlift log strength 'squat 3x5@60kg rpe8'"
        )
    stdout.write(f"{view.session['title']} on {on:%a %d %b}. {HELP}\n")
    logged: list[LoggedSet] = []
    stop = False
    for t in view.exercises:
        if stop:
            break
        if t.target is None:
            continue
        load = t.target.load_kg
        if load is None and t.exercise.externally_loaded:
            answer = _ask(
                stdin,
                stdout,
                f"{t.exercise.name}: no history yet. Load for the "
                "first set (e.g. 20kg), Enter for bodyweight: ",
            )
            if answer is None:
                break
            load = parse_load(answer, answer) if answer else None
        sides = (
            ("left", "right") if t.planned.get("per_side") and t.exercise.unilateral else ("both",)
        )
        for number in range(1, t.target.sets + 1):
            skip_exercise = False
            for side in sides:
                planned = replace(_planned_set(t, side, len(logged) + 1), load_kg=load)
                what = _describe(planned, view.units)
                label = f" ({side})" if side != "both" else ""
                while True:
                    answer = _ask(
                        stdin,
                        stdout,
                        f"{t.exercise.name} set {number}/{t.target.sets}{label}: {what} > ",
                    )
                    if answer is None or answer == "q":
                        stop = True
                        break
                    if answer == "n":
                        skip_exercise = True
                        break
                    if answer == "s":
                        break
                    try:
                        done = (
                            planned
                            if answer == ""
                            else _typed_set(t, answer, side, len(logged) + 1, load)
                        )
                    except BadInput as exc:
                        stdout.write(f"  {exc.problems[0]}\n")
                        continue
                    logged.append(done)
                    if done.load_kg is not None:
                        load = done.load_kg  # the next set starts from what was lifted
                    break
                if stop or skip_exercise:
                    break
            if stop or skip_exercise:
                break
    if not logged:
        stdout.write("Nothing logged.\n")
        return
    result = log_sets(store, logged, on, today, minutes, srpe)
    stdout.write(f"Logged {result.sets} set(s) on {on} (id {result.id}).\n")


def _describe(s: LoggedSet, units: str) -> str:
    amount = (
        f"{s.reps} reps"
        if s.reps is not None
        else f"{s.duration_s:g} s"
        if s.duration_s is not None
        else f"{s.contacts} contacts"
    )
    load = f" @ {load_text(s.load_kg, units)}" if s.load_kg is not None else ""
    rpe = f", RPE {s.rpe:g}" if s.rpe is not None else ""
    return amount + load + rpe
