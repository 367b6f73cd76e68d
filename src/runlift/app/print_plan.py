"""Printable plan use case: the active plan as HTML or PDF, with today's target loads."""

from __future__ import annotations

import datetime as dt

from runlift.app.today import load_context, targets_for
from runlift.errors import BadInput
from runlift.formats.plan_print import plan_view, render_print_html, render_print_pdf
from runlift.store.uow import Store
from runlift.units import LB_PER_KG


def _load_text(load_kg: float, units: str) -> str:
    if units == "imperial":
        return f"{load_kg * LB_PER_KG:.1f} lb"
    return f"{load_kg:g} kg"


def printable(
    store: Store,
    today: dt.date,
    fmt: str,
    paper: str = "A4",
    weeks: int | None = None,
    week: dt.date | None = None,
) -> bytes:
    """The plan from the store, as ``fmt`` (html | pdf); targets from the progression engine."""
    if fmt not in ("html", "pdf"):
        raise BadInput(f"--format: expected html or pdf; got {fmt!r}")
    if weeks is not None and week is not None:
        raise BadInput("give --weeks or --week, not both")
    ctx = load_context(store, today)
    targets: dict[str, str] = {}
    for day in ctx.plan["days"]:
        session = day.get("strength")
        on = dt.date.fromisoformat(day["date"])
        if not session or on < today:
            continue
        for t in targets_for(ctx, session, on):
            if t.target is not None and t.target.load_kg is not None:
                key = f"{session['id']}#{t.planned['order']}"
                targets[key] = _load_text(t.target.load_kg, ctx.profile.units)
    view = plan_view(ctx.plan, weeks=weeks, week=week, targets=targets, units=ctx.profile.units)
    if fmt == "html":
        return render_print_html(view, paper).encode("utf-8")
    return render_print_pdf(view, paper)
