"""The HTML report's charts: matplotlib figures turned into inline ``<svg>`` for an offline file.

matplotlib is imported inside the functions so that only ``runlift report`` pays for it. Figures
are built from ``Figure`` and ``FigureCanvasSVG`` rather than pyplot, so no global figure manager
or backend is touched; the style and SVG options apply only inside an ``rc_context``. Text stays
text (``svg.fonttype = none``) to keep the file small, and ids come from a fixed salt so that the
same report gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from runlift.analytics.model import Asymmetry, DayMetrics, ExerciseTrend, RunWeek, WeekBalance
from runlift.catalog.vocab import MUSCLES
from runlift.units import LB_PER_KG, M_PER_MI

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

RUN = "#2f7ebc"
STRENGTH = "#e8912d"
CTL = "#1d7a46"
ATL = "#c2372f"
BAND = "#7fbf7f"
FLAGGED = "#d1495b"
NEUTRAL = "#8fa3b3"
LINES = ("#2f7ebc", "#e8912d", "#1d7a46", "#c2372f", "#7b4fa0", "#5b6770")
WIDTH_IN = 6.4
ACWR_LABEL = "descriptive trend, not an injury risk"

_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "runlift-report",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial"],
    "font.size": 9,
    "text.parse_math": False,  # exercise names may hold "$"; they are never TeX
    "axes.titlesize": 9,
    "axes.titlelocation": "left",
    "axes.labelsize": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#9aa5b1",
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": "#e4e8ec",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "xtick.color": "#4a5560",
    "ytick.color": "#4a5560",
}
_NO_METADATA: dict[str, Any] = {"Date": None, "Creator": None, "Format": None, "Type": None}


def _render(draw: Callable[[Figure], None], height_in: float, label: str, prefix: str) -> str:
    """Draw one figure under the report's style, and return it as inline SVG."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(WIDTH_IN, height_in), layout="constrained")
        FigureCanvasSVG(fig)
        draw(fig)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata=_NO_METADATA)
    return _inline(buf.getvalue(), label, prefix)


def _inline(svg: str, label: str, prefix: str) -> str:
    """Make a standalone SVG file fit inside HTML: no prolog, scalable, unique ids, a title."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    # Ids repeat from chart to chart (figure_1, axes_1…): give each chart its own.
    svg = re.sub(r'(\bid="|url\(#|href="#)', rf"\g<1>{prefix}-", svg)
    svg = re.sub(r" \n", " ", svg)  # matplotlib breaks path data into lines
    root_end = svg.index(">") + 1
    root = re.sub(r'\s(width|height)="[^"]*"', "", svg[:root_end])
    label = html.escape(label)
    root = root[:-1] + f' role="img" aria-label="{label}">'
    return f"{root}<title>{label}</title>{svg[root_end:]}"


def _date_axis(ax: Axes, first: dt.date, last: dt.date) -> None:
    """Monday ticks (at most about 8, so labels never overlap) on an axis of ordinal days."""
    days = (last - first).days + 1
    if days <= 21:
        step, start = max(1, math.ceil(days / 7)), first
    else:
        step, start = 7 * math.ceil(days / 7 / 8), first + dt.timedelta(days=-first.weekday() % 7)
    ticks = [start + dt.timedelta(days=i) for i in range(0, (last - start).days + 1, step)]
    ax.set_xticks([d.toordinal() for d in ticks], [_day_label(d) for d in ticks])
    ax.set_xlim(first.toordinal() - 1, last.toordinal() + 1)


def _nan(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else v for v in values]


def _day_label(d: dt.date) -> str:
    return f"{d:%d %b}"


def _legend_label(text: str) -> str:
    return text.lstrip("_") or "?"  # matplotlib hides labels that start with "_"


def load_chart(daily: Sequence[DayMetrics]) -> str:
    """Daily load with fitness/fatigue, form, and the ACWR as a descriptive trend."""
    return _render(
        partial(_draw_load, daily),
        5.0,
        "Daily load by running and strength, fitness, fatigue, form and ACWR",
        "load",
    )


def _draw_load(daily: Sequence[DayMetrics], fig: Figure) -> None:
    load_ax, tsb_ax, acwr_ax = fig.subplots(
        3, 1, sharex=True, gridspec_kw={"height_ratios": [3.2, 1.3, 1.3]}
    )
    days = [d.on.toordinal() for d in daily]
    run = [d.load_run for d in daily]
    load_ax.bar(days, run, width=0.8, color=RUN, label="Running")
    load_ax.bar(
        days,
        [d.load_strength for d in daily],
        bottom=run,
        width=0.8,
        color=STRENGTH,
        label="Strength",
    )
    load_ax.plot(days, [d.ctl for d in daily], color=CTL, lw=1.8, label="Fitness (CTL, 42 d)")
    load_ax.plot(days, [d.atl for d in daily], color=ATL, lw=1.8, label="Fatigue (ATL, 7 d)")
    load_ax.set_ylabel("Load [AU]")
    load_ax.set_ylim(bottom=0)
    load_ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=4, borderaxespad=0.2)

    tsb = [d.tsb for d in daily]
    tsb_ax.axhline(0, color="#6b7680", lw=0.8)
    tsb_ax.fill_between(days, tsb, 0, where=[t >= 0 for t in tsb], color=CTL, alpha=0.35, lw=0)
    tsb_ax.fill_between(days, tsb, 0, where=[t < 0 for t in tsb], color=ATL, alpha=0.35, lw=0)
    tsb_ax.plot(days, tsb, color="#3d4852", lw=1.2)
    tsb_ax.set_ylabel("Form")
    tsb_ax.set_title("Form (TSB): yesterday's fitness − fatigue", pad=3)

    acwr = _nan([d.acwr for d in daily])
    acwr_ax.axhspan(0.8, 1.3, color=BAND, alpha=0.22, lw=0)
    acwr_ax.plot(days, acwr, color="#3d4852", lw=1.5)
    known = [a for a in acwr if not math.isnan(a)]
    low, high = min([0.6, *known]) - 0.05, max([1.5, *known]) + 0.05
    acwr_ax.set_ylim(low, high)
    acwr_ax.set_ylabel("ACWR")
    acwr_ax.set_title(f"Acute:chronic load ratio (ACWR), {ACWR_LABEL}", pad=3)
    acwr_ax.text(
        0.005,
        1.05,
        "0.8–1.3",
        transform=acwr_ax.get_yaxis_transform(),
        fontsize=7.5,
        color="#2f6b2f",
        va="center",
    )
    if not known:
        acwr_ax.text(
            0.5,
            0.5,
            "not enough history yet for the ratio",
            transform=acwr_ax.transAxes,
            ha="center",
            va="center",
            color="#6b7680",
        )
    _date_axis(acwr_ax, daily[0].on, daily[-1].on)


def muscle_chart(weekly: Sequence[WeekBalance]) -> str:
    """Hard sets per muscle per week as a heatmap (only muscles trained in the window)."""
    muscles = _trained_muscles(weekly)
    return _render(
        partial(_draw_muscles, weekly, muscles),
        0.9 + 0.24 * len(muscles),
        "Hard sets per muscle per week",
        "muscles",
    )


def _trained_muscles(weekly: Sequence[WeekBalance]) -> list[str]:
    seen = {m for w in weekly for m, n in w.muscle_sets.items() if n > 0}
    return [m for m in MUSCLES if m in seen] + sorted(seen - set(MUSCLES))


def _draw_muscles(weekly: Sequence[WeekBalance], muscles: list[str], fig: Figure) -> None:
    import numpy as np
    from matplotlib.colors import BoundaryNorm

    ax = fig.subplots()
    grid = [[w.muscle_sets.get(m, 0.0) for w in weekly] for m in muscles]
    top = max(10.0, *(v for row in grid for v in row))
    # Steps, not a gradient: easier to read, and few enough that the colour bar stays vector.
    size = 2 if top <= 24 else math.ceil(top / 12)
    bounds = [size * i for i in range(math.ceil(top / size) + 1)]
    norm = BoundaryNorm(bounds, ncolors=256)
    cells = np.ma.masked_equal(np.array(grid), 0.0)  # an untrained cell stays blank
    mesh = ax.pcolormesh(cells, cmap="Blues", norm=norm, edgecolors="white", linewidth=1)
    ax.set_facecolor("#f3f5f7")
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    every = max(1, math.ceil(len(weekly) / 12))
    ax.set_xticks(
        [i + 0.5 for i in range(0, len(weekly), every)],
        [_day_label(w.week_start) for w in weekly][::every],
    )
    ax.set_yticks([i + 0.5 for i in range(len(muscles))], muscles)
    ax.invert_yaxis()
    ax.set_xlabel("week starting")
    if len(weekly) <= 16:
        for r, row in enumerate(grid):
            for c, v in enumerate(row):
                if v > 0:
                    ink = "white" if v >= 0.5 * top else "#1f2a33"
                    ax.text(
                        c + 0.5, r + 0.5, f"{v:g}", ha="center", va="center", fontsize=7, color=ink
                    )
    fig.colorbar(mesh, ax=ax, label="hard sets", fraction=0.04, pad=0.01, aspect=30)


def asymmetry_chart(asymmetry: Sequence[Asymmetry], names: Mapping[str, str]) -> str:
    """LSI per exercise against the usual 90% line; flagged ones in colour."""
    return _render(
        partial(_draw_asymmetry, asymmetry, names),
        max(1.8, 0.9 + 0.36 * len(asymmetry)),
        "Left/right limb symmetry index per exercise",
        "asymmetry",
    )


def _draw_asymmetry(asymmetry: Sequence[Asymmetry], names: Mapping[str, str], fig: Figure) -> None:
    ax = fig.subplots()
    rows = sorted(asymmetry, key=lambda a: a.lsi)  # the weakest on top
    pct = [a.lsi * 100 for a in rows]
    ys = range(len(rows))
    ax.barh(ys, pct, height=0.6, color=[FLAGGED if a.flag else NEUTRAL for a in rows])
    low = max(0.0, min(80.0, 5 * math.floor((min(pct) - 5) / 5)))
    ax.set_xlim(low, 100 + (100 - low) * 0.5)
    step = 5 if 100 - low <= 30 else 10
    ax.set_xticks([t for t in range(0, 101, step) if t >= low])
    ax.axvline(90, color="#3d4852", lw=1, ls="--")
    ax.text(
        90,
        1.0,
        "90%",
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="bottom",
        fontsize=7.5,
        color="#3d4852",
    )
    for y, a, p in zip(ys, rows, pct, strict=True):
        note = f"{p:.0f}%, {a.weaker_side} weaker" + (", flagged" if a.flag else "")
        ax.text(101.5, y, note, va="center", fontsize=7.5, color=FLAGGED if a.flag else "#1f2a33")
    ax.set_yticks(list(ys), [names.get(a.exercise_id, a.exercise_id) for a in rows])
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.spines["bottom"].set_bounds(low, 100)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("LSI: weaker side ÷ stronger side [%]", loc="left")


def e1rm_chart(trends: Sequence[ExerciseTrend], units: str) -> str:
    """Estimated 1RM over time for up to six exercises, in kg or lb."""
    return _render(
        partial(_draw_e1rm, trends, units),
        3.2,
        "Estimated one-repetition maximum over time",
        "e1rm",
    )


def _draw_e1rm(trends: Sequence[ExerciseTrend], units: str, fig: Figure) -> None:
    ax = fig.subplots()
    factor, unit = (LB_PER_KG, "lb") if units == "imperial" else (1.0, "kg")
    days = [p.on for t in trends for p in t.e1rm]
    for colour, t in zip(LINES, trends, strict=False):
        change = f" ({t.change_pct:+.0f}%)" if t.change_pct is not None else ""
        ax.plot(
            [p.on.toordinal() for p in t.e1rm],
            [p.e1rm_kg * factor for p in t.e1rm],
            color=colour,
            marker="o",
            ms=3.5,
            lw=1.6,
            label=_legend_label(f"{t.name}{change}"),
        )
    ax.set_ylabel(f"e1RM [{unit}]")
    fig.legend(loc="outside lower left", ncols=2)
    _date_axis(ax, min(days), max(days))


def running_chart(running: Sequence[RunWeek], units: str) -> str:
    """Weekly distance and, on easy runs, metres per heartbeat (higher is more economical)."""
    economy = any(w.m_per_beat is not None for w in running)
    return _render(
        partial(_draw_running, running, units, economy),
        3.8 if economy else 2.4,
        "Weekly running distance and easy-run metres per heartbeat",
        "running",
    )


def _draw_running(running: Sequence[RunWeek], units: str, economy: bool, fig: Figure) -> None:
    axes = fig.subplots(2 if economy else 1, 1, sharex=True, squeeze=False)[:, 0]
    dist_ax = axes[0]
    per, unit = (M_PER_MI, "mi") if units == "imperial" else (1000.0, "km")
    xs = list(range(len(running)))
    dist = [w.distance_m / per for w in running]
    bars = dist_ax.bar(xs, dist, width=0.7, color=RUN)
    if len(running) <= 16:
        dist_ax.bar_label(bars, [f"{d:.0f}" if d else "" for d in dist], fontsize=7, padding=2)
    dist_ax.set_ylabel(f"Distance [{unit}]")
    dist_ax.margins(y=0.15)
    if economy:
        eco_ax = axes[1]
        eco_ax.plot(xs, _nan([w.m_per_beat for w in running]), color=CTL, marker="o", ms=3.5)
        eco_ax.set_ylabel("m per beat")
        eco_ax.set_title("Easy runs: metres per heartbeat (higher is more economical)", pad=3)
        eco_ax.margins(y=0.25)
    step = max(1, math.ceil(len(running) / 12))
    axes[-1].set_xticks(xs[::step], [_day_label(w.week_start) for w in running][::step])
    axes[-1].set_xlabel("week starting")
