"""The report as one self-contained HTML page: inline CSS and inline SVG charts, nothing fetched.

The file must open offline and years later, so it links to nothing (no CDN, fonts or images) and
a Content-Security-Policy forbids the browser from loading anything. Every piece of text goes
through :func:`html.escape`. The ACWR is shown as a descriptive trend, never as an injury risk
(``docs/science.md``, "Monitoring load").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape

from runlift.analytics.model import DayMetrics, ExerciseTrend, Report, RunWeek, WeekBalance
from runlift.formats import report_charts as charts
from runlift.units import LB_PER_KG, M_PER_MI

UNITS = ("metric", "imperial")
MAX_TRENDS = 6
FOLD_ROWS = 16  # longer tables fold away (a year of weeks would bury the next chart)

_CSS = """
:root{--ink:#1f2a33;--muted:#5b6770;--line:#dde3e8;--warn:#b3261e;--info:#2f7ebc;--ok:#1d7a46}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
color:var(--ink);background:#f4f6f8}
main{max-width:880px;margin:0 auto;padding:12px}
header{max-width:880px;margin:0 auto;padding:20px 12px 4px}
h1{font-size:1.5rem;margin:0 0 4px}
h2{font-size:1.15rem;margin:0 0 8px}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 16px;
margin:0 0 14px}
.meta,.caption,.empty{color:var(--muted);font-size:.9rem}
.empty{font-style:italic}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px;margin:8px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 10px}
.card b{display:block;font-size:1.35rem}
.card span{font-size:.8rem;color:var(--muted)}
.flags{list-style:none;padding:0;margin:8px 0}
.flags li{border-left:4px solid var(--warn);padding:4px 10px;margin:0 0 8px;background:#fbf3f2}
.flags li.info{border-color:var(--info);background:#f1f6fb}
.chart{overflow-x:auto}
.chart svg{display:block;width:100%;height:auto}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:.85rem;margin:8px 0;min-width:100%}
th,td{padding:3px 8px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
td.off{color:var(--warn);font-weight:600}
summary{cursor:pointer;color:var(--muted);font-size:.9rem;margin:8px 0}
@media (max-width:600px){body{font-size:15px}main{padding:6px}section{padding:10px}
.chart svg{min-width:540px}th,td{padding:3px 5px}}
@media print{body{background:#fff}section{break-inside:avoid;border:0}}
"""


def render_html(
    report: Report, *, athlete: str, generated_on: dt.date, units: str = "metric"
) -> str:
    """The whole report page; the same report and arguments give the same bytes."""
    if units not in UNITS:
        raise ValueError(f"units must be one of {', '.join(UNITS)}, not {units!r}")
    names = {t.exercise_id: t.name for t in report.trends}
    title = f"runlift report: {athlete}, {report.start} – {report.end}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>Training report: {escape(athlete)}</h1>",
        f'<p class="meta">{report.start} – {report.end} · generated {generated_on} · '
        f"{escape(units)} units</p></header><main>",
        _summary(report),
        _load(report.daily),
        _muscles(report.weekly),
        _asymmetry(report, names),
        _e1rm(report.trends, units),
        _running(report.running, units),
        _notes(report.notes),
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _section(id_: str, heading: str, *body: str) -> str:
    return f'<section id="{id_}"><h2>{escape(heading)}</h2>\n' + "\n".join(body) + "</section>"


def _p(text: str, cls: str = "caption") -> str:
    return f'<p class="{cls}">{escape(text)}</p>'


def _chart(svg: str) -> str:
    return f'<div class="chart">{svg}</div>'


class _Off(str):
    """A table cell outside its usual range (highlighted)."""


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table from already escaped cells."""
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = [
        "<tr>"
        + "".join(
            f'<td class="off">{c}</td>' if isinstance(c, _Off) else f"<td>{c}</td>" for c in row
        )
        + "</tr>"
        for row in rows
    ]
    table = (
        f'<div class="table-wrap"><table><thead><tr>{th}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )
    if len(body) <= FOLD_ROWS:
        return table
    return f"<details><summary>Show all {len(body)} rows</summary>{table}</details>"


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _card(label: str, value: str, hint: str) -> str:
    return (
        f'<div class="card"><span>{escape(label)}</span><b>{escape(value)}</b>'
        f"<span>{escape(hint)}</span></div>"
    )


def _summary(report: Report) -> str:
    body: list[str] = []
    if report.daily:
        last = report.daily[-1]
        body.append(_p(f"Form on {last.on}, the last day of the period:"))
        body.append(
            '<div class="cards">'
            + _card("Fitness (CTL)", _num(last.ctl), "42-day load average [AU]")
            + _card("Fatigue (ATL)", _num(last.atl), "7-day load average [AU]")
            + _card("Form (TSB)", _num(last.tsb), "fitness − fatigue, yesterday")
            + _card("ACWR", _num(last.acwr, 2), charts.ACWR_LABEL)
            + _card("Monotony", _num(last.monotony, 2), "7-day mean ÷ SD; above 2.0 is flagged")
            + "</div>"
        )
    else:
        body.append(_p("No training days in this period.", "empty"))
    if report.flags:
        items = []
        for f in report.flags:
            cls = "info" if f.severity == "info" else "warn"
            adjust = (
                f"<br><small>To apply it to your plan ({escape(f.adjustment)}): "
                f"<code>runlift flags accept {escape(f.id)}</code></small>"
                if f.adjustment
                else ""
            )
            items.append(
                f'<li class="{cls}"><b>{f.on}: {escape(f.message)}</b><br>'
                f"Suggested: {escape(f.action)}{adjust}</li>"
            )
        body.append(f'<ul class="flags">{"".join(items)}</ul>')
    else:
        body.append(_p("No flags in this period.", "empty"))
    if report.coverage_gaps:
        gaps = ", ".join(report.coverage_gaps)
        body.append(_p(f"Not trained in the last 14 days: {gaps}."))
    return _section("summary", "Summary", *body)


def _load(daily: Sequence[DayMetrics]) -> str:
    heading = "Training load"
    if not daily:
        return _section("chart-load", heading, _p("No load recorded in this period.", "empty"))
    estimated = sum(d.estimated for d in daily)
    caption = (
        "Session-RPE load (RPE × minutes, arbitrary units). The ACWR band 0.8–1.3 is where the "
        "ratio usually sits; the ratio is a descriptive trend, not an injury risk."
    )
    if estimated:
        caption += f" {estimated} of {len(daily)} days include estimated load (see notes)."
    return _section("chart-load", heading, _chart(charts.load_chart(daily)), _p(caption))


def _ratio(a: float, b: float, low: float, high: float) -> str:
    if b == 0:
        return "—"
    r = a / b
    return f"{r:.2f}" if low <= r <= high else _Off(f"{r:.2f}")


def _muscles(weekly: Sequence[WeekBalance]) -> str:
    heading = "Weekly muscle volume"
    if not any(n > 0 for w in weekly for n in w.muscle_sets.values()):
        return _section("chart-muscles", heading, _p("No strength sets in this period.", "empty"))
    rows = [
        (
            str(w.week_start),
            f"{w.push_sets:g}",
            f"{w.pull_sets:g}",
            _ratio(w.push_sets, w.pull_sets, 0.0, 1.0),
            f"{w.knee_dominant_sets:g}",
            f"{w.hip_dominant_sets:g}",
            _ratio(w.knee_dominant_sets, w.hip_dominant_sets, 0.5, 2.0),
        )
        for w in weekly
    ]
    table = _table(("Week", "Push", "Pull", "Push:pull", "Knee", "Hip", "Knee:hip"), rows)
    caption = (
        "Hard sets per week: a primary muscle counts 1, a secondary one ½. Highlighted ratios: "
        "more push than pull sets, or knee:hip outside 0.5–2.0."
    )
    unmapped = sum(w.unmapped_sets for w in weekly)
    if unmapped:
        caption += f" {unmapped} sets of exercises the catalog does not know are not counted."
    return _section(
        "chart-muscles", heading, _chart(charts.muscle_chart(weekly)), _p(caption), table
    )


def _asymmetry(report: Report, names: dict[str, str]) -> str:
    heading = "Left/right balance"
    if not report.asymmetry:
        empty = "No left/right comparisons yet: log unilateral exercises per side to see them."
        return _section("chart-asymmetry", heading, _p(empty, "empty"))
    rows = [
        (
            escape(names.get(a.exercise_id, a.exercise_id)),
            _Off(f"{a.lsi * 100:.0f}%") if a.flag else f"{a.lsi * 100:.0f}%",
            escape(a.weaker_side),
            escape(a.measure),
            str(a.sessions),
            "—" if a.noise is None else f"{a.noise * 100:.0f}%",
        )
        for a in report.asymmetry
    ]
    table = _table(("Exercise", "LSI", "Weaker", "Compared", "Sessions", "Noise (CV)"), rows)
    caption = (
        "Limb symmetry index, weaker ÷ stronger side. Below 90% is the usual flag, judged against "
        "your own set-to-set noise; the answer is more unilateral work."
    )
    svg = charts.asymmetry_chart(report.asymmetry, names)
    return _section("chart-asymmetry", heading, _chart(svg), _p(caption), table)


def _top_trends(trends: Sequence[ExerciseTrend]) -> list[ExerciseTrend]:
    """The exercises with the most e1RM points, then the strongest, then by name."""
    with_points = [t for t in trends if t.e1rm]
    with_points.sort(key=lambda t: (-len(t.e1rm), -max(p.e1rm_kg for p in t.e1rm), t.name))
    return with_points[:MAX_TRENDS]


def _e1rm(trends: Sequence[ExerciseTrend], units: str) -> str:
    heading = "Strength trends (estimated 1RM)"
    top = _top_trends(trends)
    if not top:
        empty = "No e1RM estimates yet: log weighted sets with reps to see strength trends."
        return _section("chart-e1rm", heading, _p(empty, "empty"))
    factor, unit = (LB_PER_KG, "lb") if units == "imperial" else (1.0, "kg")
    rows = [
        (
            escape(t.name),
            _num(None if t.best_e1rm_kg is None else t.best_e1rm_kg * factor),
            "—" if t.best_e1rm_on is None else str(t.best_e1rm_on),
            "—" if t.change_pct is None else f"{t.change_pct:+.1f}%",
            str(t.sessions),
        )
        for t in top
    ]
    table = _table(("Exercise", f"Best e1RM [{unit}]", "On", "Change", "Sessions"), rows)
    caption = "e1RM is estimated from the heaviest sets with reps; change is last vs first session."
    svg = charts.e1rm_chart(top, units)
    return _section("chart-e1rm", heading, _chart(svg), _p(caption), table)


def _pace(s_per_km: float | None, units: str) -> str:
    if s_per_km is None:
        return "—"
    seconds = round(s_per_km * M_PER_MI / 1000 if units == "imperial" else s_per_km)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _running(running: Sequence[RunWeek], units: str) -> str:
    heading = "Running"
    if not any(w.runs for w in running):
        return _section("running", heading, _p("No runs in this period.", "empty"))
    per, unit = (M_PER_MI, "mi") if units == "imperial" else (1000.0, "km")
    rows = [
        (
            str(w.week_start),
            f"{w.distance_m / per:.1f}",
            str(w.runs),
            _pace(w.easy_pace_s_per_km, units),
            _num(w.easy_hr_bpm, 0),
            _num(w.m_per_beat, 2),
        )
        for w in running
    ]
    head = ("Week", f"Distance [{unit}]", "Runs", f"Easy pace [/{unit}]", "Easy HR", "m/beat")
    caption = (
        "Metres per heartbeat on easy runs is a rough economy proxy: higher means more distance "
        "for the same heart work. Heat, hills and fatigue move it too."
    )
    svg = charts.running_chart(running, units)
    return _section("running", heading, _chart(svg), _p(caption), _table(head, rows))


def _notes(notes: Sequence[str]) -> str:
    if not notes:
        return _section("notes", "Notes", _p("No caveats for this period.", "empty"))
    items = "".join(f"<li>{escape(n)}</li>" for n in notes)
    return _section("notes", "Notes", f"<ul>{items}</ul>")
