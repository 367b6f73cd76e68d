"""The printable plan's HTML: structure, escaping, nothing external, the one-week page."""

from __future__ import annotations

import copy
import datetime as dt
import re
from html.parser import HTMLParser
from importlib import resources
from typing import Any

import pytest

from runlift.app.catalog import catalog
from runlift.app.planning import load_profile
from runlift.errors import BadInput
from runlift.formats.plan_print import plan_view, render_print_html
from runlift.planning import build_plan
from tests_support import EXAMPLES


@pytest.fixture(scope="module")
def plan() -> dict[str, Any]:
    return build_plan(
        load_profile(EXAMPLES / "sample-runner.toml"), catalog(), version="x"
    ).to_contract()


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text, to look at the page as a browser does."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if name in (a.get("class") or "").split()]


def parse(html: str) -> _Tags:
    tags = _Tags()
    tags.feed(html)
    return tags


def plan_weeks(plan: dict[str, Any]) -> dict[int, list[dict[str, Any]]]:
    weeks: dict[int, list[dict[str, Any]]] = {}
    for day in plan["days"]:
        weeks.setdefault(day["week"], []).append(day)
    return weeks


def test_templates_are_package_data() -> None:
    folder = resources.files("runlift").joinpath("templates", "print")
    assert folder.joinpath("plan.html.j2").is_file()


def test_full_plan_has_a_cover_and_a_page_per_week(plan: dict[str, Any]) -> None:
    html = render_print_html(plan_view(plan, weeks=None, week=None), "A4")
    page = parse(html)
    weeks = plan_weeks(plan)
    assert len(page.with_class("cover")) == 1
    assert len(page.with_class("week-page")) == len(weeks)
    sessions = [d for d in plan["days"] if d["strength"]]
    assert len(page.with_class("card")) == len(sessions)
    assert [a["id"] for a in page.with_class("card")] == [
        f"session-{d['strength']['id']}" for d in sessions
    ]
    assert len(page.with_class("calendar")) == len(weeks)
    text = " ".join(page.text)
    for phase in plan["phases"]:
        assert phase["name"] in text
        assert phase["goal"] in text
    assert "qualified strength coach" in text  # the new lifter's coaching advice
    assert "size: A4" in html
    assert "DejaVu Sans" in html
    assert "page-break-before: always" in html


def test_session_card_shows_dose_target_rest_and_cue(plan: dict[str, Any]) -> None:
    day = next(d for d in plan["days"] if d["strength"])
    html = render_print_html(plan_view(plan, weeks=1, week=None), "A4")
    card = html.split(f'id="session-{day["strength"]["id"]}"')[1].split("</article>")[0]
    for ex in day["strength"]["exercises"]:
        assert ex["name"].replace("'", "&#39;") in card
        if ex["reps"] is not None:
            assert f"{ex['sets']} × {ex['reps']}" in card
        if ex["cues"]:
            assert ex["cues"][0].replace("'", "&#39;") in card
    lifted = next(e for e in day["strength"]["exercises"] if e["rpe"] and e["reps"])
    assert f"pick a load at RPE {lifted['rpe']:g}" in card
    assert card.count("each side") == sum(e["per_side"] for e in day["strength"]["exercises"])
    assert f"{day['strength']['duration_min']} min" in card


def test_given_targets_replace_the_rpe_advice(plan: dict[str, Any]) -> None:
    day = next(d for d in plan["days"] if d["strength"])
    main = next(e for e in day["strength"]["exercises"] if e["block"] == "main")
    view = plan_view(plan, weeks=1, week=None, targets={main["exercise_id"]: "22.5 kg × 10"})
    card = next(c for c in view.weeks[0].sessions if c.id == day["strength"]["id"])
    line = next(e for e in card.exercises if e.order == main["order"])
    assert line.target == "22.5 kg × 10"
    assert "22.5 kg × 10" in render_print_html(view)


def test_hostile_athlete_name_is_escaped(plan: dict[str, Any]) -> None:
    hostile = copy.deepcopy(plan)
    hostile["profile"]["athlete"]["name"] = '<script>alert("x")</script><img src=x onerror=y>&'
    html = render_print_html(plan_view(hostile, weeks=2, week=None), "Letter")
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=y&gt;&amp;" in html
    assert not [t for t, _ in parse(html).tags if t in {"script", "img"}]


def test_nothing_external(plan: dict[str, Any]) -> None:
    for paper in ("A4", "Letter"):
        html = render_print_html(plan_view(plan, weeks=None, week=None), paper)
        assert not re.search(r"https?:|//[a-z]|url\(|@import|file:", html, re.IGNORECASE)
        page = parse(html)
        assert not [a for _, a in page.tags if "src" in a or "href" in a]
        assert [t for t, _ in page.tags].count("link") == 0


def test_paper_sizes(plan: dict[str, Any]) -> None:
    view = plan_view(plan, weeks=1, week=None)
    assert "size: letter" in render_print_html(view, "Letter")
    with pytest.raises(BadInput, match="paper"):
        render_print_html(view, "A5")


def test_weeks_limits_the_pages(plan: dict[str, Any]) -> None:
    view = plan_view(plan, weeks=3, week=None)
    assert [w.number for w in view.weeks] == [1, 2, 3]
    assert len(parse(render_print_html(view)).with_class("week-page")) == 3
    assert len(plan_view(plan, weeks=500, week=None).weeks) == len(plan_weeks(plan))


def test_one_week_mode(plan: dict[str, Any]) -> None:
    on = dt.date(2026, 12, 24)  # a Thursday in week 3
    view = plan_view(plan, weeks=None, week=on)
    assert view.one_week
    assert [w.number for w in view.weeks] == [3]
    html = render_print_html(view, "A4")
    page = parse(html)
    assert not page.with_class("cover")
    assert len(page.with_class("week-page")) == 1
    assert page.with_class("one-week")
    week = plan_weeks(plan)[3]
    assert [d.date for d in view.weeks[0].days] == [
        f"{dt.date.fromisoformat(d['date']).day} {dt.date.fromisoformat(d['date']):%b}"
        for d in week
    ]
    titles = [d["strength"]["title"] for d in week if d["strength"]]
    assert titles
    for title in titles:
        assert title in html
    assert len(page.with_class("card")) == len(titles)


def test_bad_weeks_and_dates(plan: dict[str, Any]) -> None:
    with pytest.raises(BadInput, match="weeks"):
        plan_view(plan, weeks=0, week=None)
    first, last = plan["days"][0]["date"], plan["days"][-1]["date"]
    for outside in (dt.date(2026, 12, 6), dt.date.fromisoformat(last) + dt.timedelta(days=1)):
        with pytest.raises(BadInput) as err:
            plan_view(plan, weeks=None, week=outside)
        assert first in str(err.value)
        assert last in str(err.value)
        assert str(outside) in str(err.value)
    with pytest.raises(BadInput, match="units"):
        plan_view(plan, weeks=None, week=None, units="furlongs")


def test_imperial_running_distance(plan: dict[str, Any]) -> None:
    assert plan_view(plan, weeks=1, week=None).running == "45 km of running a week"
    assert plan_view(plan, weeks=1, week=None, units="imperial").running == (
        "28 mi of running a week"
    )


def test_same_view_same_html(plan: dict[str, Any]) -> None:
    one = render_print_html(plan_view(plan, weeks=None, week=None))
    two = render_print_html(plan_view(plan, weeks=None, week=None))
    assert one == two
