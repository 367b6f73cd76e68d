"""Dosing: %1RM from the RTS chart, checked against the chart as printed in docs/science.md."""

from __future__ import annotations

import pytest

from runlift.catalog import Catalog
from runlift.planning.dosing import CONTACT_CAP, Dose, Setting, contact_cap, dose, pct_1rm_rts


@pytest.mark.parametrize(
    ("reps", "rpe", "expected"),
    [
        (1, 10.0, 1.000),  # effective reps 1
        (5, 8.0, 0.811),  # 5 + (10 - 8) = 7 -> 81.1%
        (3, 9.0, 0.892),  # 4 -> 89.2%
        (6, 8.0, 0.786),  # 8 -> 78.6%
        (10, 8.0, 0.680),  # 12 -> 68.0%
        (5, 8.5, 0.824),  # 6.5: halfway between 83.7 and 81.1
    ],
)
def test_rts_chart(reps: int, rpe: float, expected: float) -> None:
    assert pct_1rm_rts(reps, rpe) == pytest.approx(expected, abs=5e-4)


def test_beyond_the_chart_is_not_load_based() -> None:
    assert pct_1rm_rts(12, 7.0) is None  # 15 effective reps
    assert pct_1rm_rts(15, 7.5) is None


def test_time_estimate_counts_sides_and_rest() -> None:
    d = Dose(sets=3, reps=8, per_side=True, rest_s=60)
    assert d.seconds() == 3 * (8 * 3.0 * 2 + 60) + 20


def setting(
    phase: str,
    focus: str = "power",
    week: int = 1,
    experience: str = "some",
    concerns: tuple[str, ...] = (),
) -> Setting:
    return Setting(phase, focus, experience, week, True, False, concerns)


def test_heavy_build_lift_is_in_the_heavy_range(catalog: Catalog) -> None:
    d = dose(catalog.get("back-squat"), "main", setting("build", week=2))
    assert d.reps is not None
    assert 3 <= d.reps <= 6
    assert d.rpe is not None
    assert d.rpe >= 8
    assert d.pct_1rm is not None
    assert d.pct_1rm >= 0.78
    assert d.rest_s >= 120


def test_technique_block_stays_at_or_below_rpe_7(catalog: Catalog) -> None:
    for week in (1, 2, 3, 4):
        d = dose(catalog.get("goblet-squat"), "main", setting("technique", week=week))
        assert d.rpe is not None
        assert d.rpe <= 7
        assert d.reps is not None
        assert 8 <= d.reps <= 12


def test_endurance_keeps_a_heavy_first_lift_and_high_reps_elsewhere(catalog: Catalog) -> None:
    heavy = dose(catalog.get("back-squat"), "main", setting("build", "endurance"))
    second = dose(
        catalog.get("back-squat"), "main", Setting("build", "endurance", "some", 1, False, False)
    )
    assert heavy.reps is not None
    assert heavy.reps <= 6
    assert second.reps is not None
    assert second.reps >= 10


def test_plyometric_contacts_respect_the_caps(catalog: Catalog) -> None:
    ex = catalog.get("pogo-hops")
    for phase in ("base", "build", "peak"):
        for experience in ("new", "some", "experienced"):
            s = setting(phase, experience=experience, week=4)
            d = dose(ex, "power", s)
            total = d.sets * (d.contacts or 0) * (2 if d.per_side else 1)
            assert total <= CONTACT_CAP[experience]
    assert contact_cap(setting("base", concerns=("achilles-calf",))) == CONTACT_CAP["some"] // 2
