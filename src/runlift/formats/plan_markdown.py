"""The plan as Markdown: phases, then a table per week, then each session in full."""

from __future__ import annotations

from itertools import groupby

from runlift.planning.model import Plan, PlanDay, PlannedExercise, Session


def dose_text(planned: PlannedExercise) -> str:
    """'3 × 5 @ RPE 8 (~80% 1RM), rest 180 s' for one planned exercise."""
    d = planned.dose
    if d.reps is not None:
        amount = f"{d.reps}"
    elif d.duration_s is not None:
        amount = f"{d.duration_s} s"
    else:
        amount = f"{d.contacts} contacts"
    side = " per side" if d.per_side else ""
    rpe = f" @ RPE {d.rpe:g}" if d.rpe is not None else ""
    pct = f" (~{d.pct_1rm * 100:.0f}% 1RM)" if d.pct_1rm is not None else ""
    rest = f", rest {d.rest_s} s" if d.rest_s else ""
    return f"{d.sets} × {amount}{side}{rpe}{pct}{rest}"


def _session_md(day: PlanDay, session: Session) -> list[str]:
    out = [
        f"#### {day.date} ({day.weekday}, {day.run} run): {session.title}",
        f"*{session.intensity}, about {session.duration_min} min, {session.timing}.* "
        f"{session.rationale}",
        "",
        "| # | block | exercise | dose | first cue |",
        "|---|---|---|---|---|",
    ]
    for e in session.exercises:
        cue = e.exercise.cues[0] if e.exercise.cues else ""
        out.append(
            f"| {e.order} | {e.block} | {e.exercise.name} (`{e.exercise.id}`) | "
            f"{dose_text(e)} | {cue} |"
        )
    return [*out, ""]


def render_plan_markdown(plan: Plan) -> str:
    p = plan.profile
    race = f"{p.race} on {p.race_date}" if p.race_date else "no race"
    lines = [
        f"# Strength plan for {p.name}",
        "",
        f"{race}; focus **{plan.focus}**. {plan.focus_reason}",
        "",
        "## Phases",
        "",
    ]
    lines += [f"- **{ph.name}** {ph.start} – {ph.end}: {ph.goal}" for ph in plan.phases]
    lines += ["", "## Notes", ""] + [f"- {n}" for n in plan.notes] + [""]
    for week, days_iter in groupby(plan.days, key=lambda d: d.week):
        days = list(days_iter)
        deload = " (deload)" if days[0].deload else ""
        lines += [
            f"## Week {week + 1}: {days[0].phase}{deload}, {days[0].date} – {days[-1].date}",
            "",
            "| day | run | strength |",
            "|---|---|---|",
        ]
        for d in days:
            s = d.strength
            lines.append(
                f"| {d.weekday} {d.date} | {d.run} | "
                f"{f'{s.title} ({s.intensity}, {s.duration_min} min)' if s else '—'} |"
            )
        lines.append("")
        for d in days:
            if d.strength:
                lines += _session_md(d, d.strength)
    lines += ["## Checks", ""]
    lines += [f"- {'✔' if c['ok'] else '✘'} **{c['rule']}**: {c['detail']}" for c in plan.checks]
    return "\n".join(lines) + "\n"
