"""The HTML report: one offline, deterministic, escaped page with a drawn chart per section."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from runlift.analytics.model import (
    Asymmetry,
    DayMetrics,
    E1rmPoint,
    ExerciseTrend,
    Flag,
    Report,
    RunWeek,
    WeekBalance,
)
from runlift.formats.report_html import render_html

START = dt.date(2026, 9, 28)  # a Monday; ten weeks to 2026-12-06
TODAY = dt.date(2026, 12, 7)
CHARTS = ("chart-load", "chart-muscles", "chart-asymmetry", "chart-e1rm", "running")
SECTIONS = ("summary", *CHARTS, "notes")
# The only URLs an inline SVG may carry: its XML namespaces, which are names, not fetches.
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def sample_report(name: str = "Back Squat") -> Report:
    """Ten weeks of a runner who lifts twice a week (Tue, Fri) and runs four times."""
    daily, ctl, atl = [], 230.0, 250.0
    for i in range(70):
        on = START + dt.timedelta(days=i)
        run = (0, 300, 0, 360, 0, 240, 540)[on.weekday()] * (1 + 0.005 * i)
        strength = 200.0 if on.weekday() in (1, 4) else 0.0
        tsb = ctl - atl
        ctl += (run + strength - ctl) * (1 - math.exp(-1 / 42))
        atl += (run + strength - atl) * (1 - math.exp(-1 / 7))
        daily.append(
            DayMetrics(
                on,
                run,
                strength,
                estimated=i % 9 == 0,
                ctl=ctl,
                atl=atl,
                tsb=tsb,
                acwr=None if i < 27 else 0.9 + 0.3 * math.sin(i / 6),
                monotony=None if i < 6 else 1.3,
                strain=None if i < 6 else 2400.0,
            )
        )
    weeks = [START + dt.timedelta(weeks=w) for w in range(10)]
    sets = {"quadriceps": 6.0, "hamstrings": 4.5, "glutes": 7.0, "calves": 6.0, "core": 3.0}
    weekly = [
        WeekBalance(
            w,
            40000.0 + 2000 * i,
            sets if i >= 8 else dict.fromkeys(sets, 0.0),
            push_sets=6 if i >= 8 else 0,
            pull_sets=4 if i >= 8 else 0,
            knee_dominant_sets=6 if i >= 8 else 0,
            hip_dominant_sets=5 if i >= 8 else 0,
            adherence=1.0,
        )
        for i, w in enumerate(weeks)
    ]
    asymmetry = (
        Asymmetry("single-leg-rdl", 0.84, "left", 6, 0.04, flag=True, measure="volume-load"),
        Asymmetry("split-squat", 0.95, "right", 7, None, flag=False, measure="reps"),
    )
    trends = (
        ExerciseTrend(
            "back-squat",
            name,
            tuple(E1rmPoint(w + dt.timedelta(days=1), 100 + 2 * i) for i, w in enumerate(weeks)),
            best_e1rm_kg=118,
            best_e1rm_on=weeks[-1],
            sessions=10,
            change_pct=18.0,
        ),
        ExerciseTrend(
            "romanian-deadlift",
            "Romanian deadlift",
            tuple(E1rmPoint(w + dt.timedelta(days=4), 90 + 1.5 * i) for i, w in enumerate(weeks)),
            best_e1rm_kg=103.5,
            best_e1rm_on=weeks[-1],
            sessions=10,
            change_pct=15.0,
        ),
    )
    running = tuple(
        RunWeek(w, 40000.0 + 2000 * i, 4, 360.0 - i, 142.0, 1.10 + 0.01 * i)
        for i, w in enumerate(weeks)
    )
    flags = (
        Flag(
            TODAY - dt.timedelta(days=1),
            "acwr-high",
            "Load rose fast this week.",
            "Keep next week's volume flat.",
            adjustment="maintenance-week",
        ),
        Flag(
            TODAY - dt.timedelta(days=1),
            "asymmetry",
            "Left single-leg RDL trails the right.",
            "Add one unilateral set on the left.",
            severity="info",
        ),
    )
    notes = ("9 sessions' load was estimated from heart rate.", "CTL starts from zero.")
    return Report(
        START,
        weeks[-1] + dt.timedelta(days=6),
        tuple(daily),
        tuple(weekly),
        asymmetry,
        flags,
        trends,
        running,
        coverage_gaps=("hip-abductors",),
        notes=notes,
    )


def empty_report() -> Report:
    """A report with load but nothing else: no sets, no sides, no e1RM, no runs, no notes."""
    full = sample_report()
    return dataclasses.replace(
        full,
        weekly=(),
        asymmetry=(),
        flags=(),
        trends=(ExerciseTrend("plank", "Plank", longest_hold_s=90),),
        running=(),
        coverage_gaps=(),
        notes=(),
    )


class Outline(HTMLParser):
    """Sections by id, with how many SVGs and drawn shapes each holds; and each section's text."""

    def __init__(self) -> None:
        super().__init__()
        self.section: str | None = None
        self.shapes: dict[str, dict[str, int]] = {}
        self.text: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.section = dict(attrs)["id"]
            self.shapes[self.section] = {}
            self.text[self.section] = ""
        elif self.section is not None:
            counts = self.shapes[self.section]
            counts[tag] = counts.get(tag, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self.section = None

    def handle_data(self, data: str) -> None:
        if self.section is not None:
            self.text[self.section] += data


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(sample_report(), athlete="Ana", generated_on=TODAY)


def test_page_is_a_parseable_document_with_every_section(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<section") == page.count("</section>") == len(SECTIONS)
    assert list(outline(page).shapes) == list(SECTIONS)
    assert '<meta name="viewport"' in page


@pytest.mark.parametrize("section", CHARTS)
def test_each_chart_section_has_a_drawn_svg(page: str, section: str) -> None:
    shapes = outline(page).shapes[section]
    assert shapes.get("svg") == 1
    assert shapes.get("path", 0) + shapes.get("rect", 0) >= 10
    svg = re.search(rf'<section id="{section}">.*?(<svg[^>]*>)', page, re.S)
    assert svg is not None
    assert "viewBox=" in svg.group(1)
    assert "width=" not in svg.group(1)  # the CSS scales it to 100%


def test_no_external_urls_only_svg_namespaces(page: str) -> None:
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert urls <= NAMESPACES
    assert "<?xml" not in page
    assert "<!DOCTYPE svg" not in page
    assert "<link" not in page
    assert "<script" not in page
    assert "@import" not in page
    assert "url(" not in page.replace("url(#", "")  # only references within the page


def test_ids_are_unique_across_charts(page: str) -> None:
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    for ref in re.findall(r'(?:url\(#|href="#)([^)"]+)', page):
        assert ref in ids


def test_same_report_gives_same_bytes(page: str) -> None:
    again = render_html(sample_report(), athlete="Ana", generated_on=TODAY)
    assert again.encode() == page.encode()


def test_the_text_stays_text_and_the_file_stays_small(page: str) -> None:
    assert "<text" in page  # svg.fonttype none: labels are text, not glyph outlines
    assert "font-family" in page
    assert len(page.encode()) < 600_000


def test_metric_units(page: str) -> None:
    text = outline(page).text
    assert "e1RM [kg]" in page
    assert "Distance [km]" in page
    assert "Best e1RM [kg]" in text["chart-e1rm"]
    assert "118.0" in text["chart-e1rm"]
    assert "58.0" in text["running"]  # the last week: 58 km
    assert "5:51" in text["running"]  # at 351 s/km
    assert "[lb]" not in page
    assert "[mi]" not in page


def test_imperial_units() -> None:
    page = render_html(sample_report(), athlete="Ana", generated_on=TODAY, units="imperial")
    text = outline(page).text
    assert "e1RM [lb]" in page
    assert "Distance [mi]" in page
    assert "260.1" in text["chart-e1rm"]  # 118 kg
    assert "36.0" in text["running"]  # 58 km
    assert "9:25" in text["running"]  # 351 s/km
    assert "[kg]" not in page
    assert "[km]" not in page


def test_unknown_units_are_refused() -> None:
    with pytest.raises(ValueError, match="units"):
        render_html(sample_report(), athlete="Ana", generated_on=TODAY, units="furlongs")


def test_hostile_text_is_escaped() -> None:
    hostile = "<script>alert(1)</script>"
    page = render_html(sample_report(name=hostile), athlete=hostile, generated_on=TODAY)
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert outline(page).text["chart-e1rm"].count(hostile) >= 2  # the table and the SVG legend


def test_dollar_signs_are_not_mathtext() -> None:
    page = render_html(sample_report(name="$5 squat$"), athlete="A $ B", generated_on=TODAY)
    assert "$5 squat$" in page


def test_acwr_is_a_descriptive_trend_not_a_risk(page: str) -> None:
    assert "descriptive trend, not an injury risk" in outline(page).text["chart-load"]
    assert "probability" not in page.lower()


def test_summary_shows_form_flags_and_actions(page: str) -> None:
    text = outline(page).text["summary"]
    last = sample_report().daily[-1]
    for label, value in (("CTL", last.ctl), ("ATL", last.atl), ("TSB", last.tsb)):
        assert label in text
        assert f"{value:.1f}" in text
    assert f"{last.acwr:.2f}" in text
    assert "1.30" in text  # monotony
    assert "Keep next week's volume flat." in text
    assert "maintenance-week" in text
    assert "hip-abductors" in text


def test_muscle_balance_table_and_notes(page: str) -> None:
    text = outline(page).text
    assert "Push:pull" in text["chart-muscles"]
    assert "1.50" in text["chart-muscles"]  # push 6 ÷ pull 4, highlighted
    assert '<td class="off">1.50</td>' in page
    assert "1.20" in text["chart-muscles"]  # knee 6 ÷ hip 5
    assert "CTL starts from zero." in text["notes"]
    assert "single-leg-rdl" in text["chart-asymmetry"]  # no trend gives it a name
    assert "Back Squat" in text["chart-e1rm"]


def test_empty_parts_say_so_instead_of_drawing() -> None:
    page = render_html(empty_report(), athlete="Ana", generated_on=TODAY)
    shapes, text = outline(page).shapes, outline(page).text
    assert shapes["chart-load"].get("svg") == 1
    for section, sentence in (
        ("chart-muscles", "No strength sets in this period."),
        ("chart-asymmetry", "No left/right comparisons yet"),
        ("chart-e1rm", "No e1RM estimates yet"),
        ("running", "No runs in this period."),
        ("notes", "No caveats for this period."),
    ):
        assert "svg" not in shapes[section], section
        assert sentence in text[section], section
    assert "No flags in this period." in text["summary"]


def test_a_report_without_days_renders() -> None:
    bare = dataclasses.replace(empty_report(), daily=())
    page = render_html(bare, athlete="Ana", generated_on=TODAY)
    text = outline(page).text
    assert "No training days in this period." in text["summary"]
    assert "No load recorded in this period." in text["chart-load"]
    assert "<svg" not in page


def test_long_tables_fold_away() -> None:
    full = sample_report()
    weeks = tuple(
        dataclasses.replace(full.weekly[-1], week_start=START + dt.timedelta(weeks=i))
        for i in range(20)
    )
    page = render_html(dataclasses.replace(full, weekly=weeks), athlete="A", generated_on=TODAY)
    muscles = page.split('<section id="chart-muscles">')[1].split("</section>")[0]
    assert "<details><summary>Show all 20 rows</summary>" in muscles
    assert page.count("<details>") == 1  # the other tables are short and stay open


def test_importing_the_renderer_does_not_load_matplotlib() -> None:
    """The CLI imports the formats at start-up; matplotlib loads only when a report is drawn."""
    code = (
        "import sys, runlift.formats.report_html; "
        "print(sorted(m for m in ('matplotlib', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
