"""Track geometry behind the GPX and TCX importers: WGS-84 distances, ascent, time-weighted means.

Expected distances come from published values and from an independent computation (the straight
chord between the points' Earth-centred coordinates), never from the code under test.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.formats.geodesy import (
    WGS84_A_M,
    WGS84_E2,
    ascent_m,
    distance_m,
    haversine_m,
    time_weighted_mean,
    vincenty_inverse_m,
)


def dms(degrees: int, minutes: int, seconds: float) -> float:
    return math.copysign(abs(degrees) + minutes / 60 + seconds / 3600, degrees)


FLINDERS_PEAK = (-dms(37, 57, 3.72030), dms(144, 25, 29.52440))
BUNINYONG = (-dms(37, 39, 10.15610), dms(143, 55, 35.38390))


def test_vincenty_worked_example_flinders_peak_to_buninyong() -> None:
    # Vincenty's inverse worked example, as published by Geoscience Australia: 54,972.271 m.
    assert vincenty_inverse_m(*FLINDERS_PEAK, *BUNINYONG) == pytest.approx(54_972.271, abs=1e-3)
    assert vincenty_inverse_m(*BUNINYONG, *FLINDERS_PEAK) == pytest.approx(54_972.271, abs=1e-3)


def test_quarter_meridian_and_equator_degree() -> None:
    assert vincenty_inverse_m(0.0, 0.0, 90.0, 17.0) == pytest.approx(10_001_965.729, abs=1e-3)
    assert vincenty_inverse_m(0.0, 10.0, 0.0, 11.0) == pytest.approx(WGS84_A_M * math.pi / 180)


def test_coincident_points_and_the_antimeridian() -> None:
    assert vincenty_inverse_m(45.0, 14.0, 45.0, 14.0) == 0.0
    assert distance_m(45.0, 14.0, 45.0, 14.0) == 0.0
    across = distance_m(0.0, 179.9995, 0.0, -179.9995)
    assert across == pytest.approx(WGS84_A_M * math.radians(0.001), rel=1e-9)


def test_nearly_antipodal_points_fall_back_within_half_a_percent() -> None:
    # Vincenty's iteration diverges here; the true geodesic lies between the half meridian
    # (20,003,931.46 m) and half the equator (20,037,508.34 m).
    d = vincenty_inverse_m(0.0, 0.0, 0.5, 179.7)
    assert math.isfinite(d)
    assert 20_003_931.46 * 0.995 < d < 20_037_508.34 * 1.005
    assert d == pytest.approx(haversine_m(0.0, 0.0, 0.5, 179.7))


def ecef(lat: float, lon: float) -> tuple[float, float, float]:
    """Earth-centred coordinates [m] of a point on the WGS-84 ellipsoid."""
    p, la = math.radians(lat), math.radians(lon)
    n = WGS84_A_M / math.sqrt(1 - WGS84_E2 * math.sin(p) ** 2)
    return (
        n * math.cos(p) * math.cos(la),
        n * math.cos(p) * math.sin(la),
        n * (1 - WGS84_E2) * math.sin(p),
    )


def chord_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return math.dist(ecef(lat1, lon1), ecef(lat2, lon2))


steps = st.tuples(
    st.floats(-85, 85), st.floats(-180, 180), st.floats(-0.05, 0.05), st.floats(-0.05, 0.05)
)


@given(steps)
def test_short_steps_match_the_chord_to_the_millimetre(
    step: tuple[float, float, float, float],
) -> None:
    # Arc and chord differ by about d³/(24 R²): under 0.1 mm for the 8 km steps drawn here.
    lat, lon, dlat, dlon = step
    lat2, lon2 = lat + dlat, lon + dlon
    assert distance_m(lat, lon, lat2, lon2) == pytest.approx(
        chord_m(lat, lon, lat2, lon2), abs=1e-3
    )
    assert vincenty_inverse_m(lat, lon, lat2, lon2) == pytest.approx(
        chord_m(lat, lon, lat2, lon2), abs=1e-3
    )


@given(
    st.floats(-89.5, 89.5), st.floats(-180, 180), st.floats(-0.057, 0.057), st.floats(-0.057, 0.057)
)
def test_fast_path_agrees_with_vincenty(lat: float, lon: float, dlat: float, dlon: float) -> None:
    lat2 = max(-90.0, min(90.0, lat + dlat))
    fast, exact = (
        distance_m(lat, lon, lat2, lon + dlon),
        vincenty_inverse_m(lat, lon, lat2, lon + dlon),
    )
    assert fast == pytest.approx(exact, abs=1e-3)


def test_a_real_step_from_the_corpus_region_exactly() -> None:
    # The first two points of gpxpy's Mojstrovka track (Julian Alps), about 11 m apart: the
    # arc-chord difference is 1e-11 m, so they must agree to the micrometre.
    a, b = (46.434981, 13.748273), (46.434890, 13.748333)
    assert distance_m(*a, *b) == pytest.approx(chord_m(*a, *b), abs=1e-6)


@pytest.mark.parametrize(
    ("elevations", "expected"),
    [
        ([], 0.0),
        ([100.0], 0.0),
        ([100, 101, 102, 101, 102, 101], 0.0),  # wiggles inside the band
        ([100, 103], 3.0),  # exactly the band
        ([100, 110, 108, 112], 12.0),  # a dip under the band does not restart the climb
        ([100, 110, 100, 110], 20.0),  # two real climbs
        ([110, 100, 101, 100, 120], 20.0),  # counted from the lowest point
    ],
)
def test_ascent_hysteresis(elevations: list[float], expected: float) -> None:
    assert ascent_m(elevations) == pytest.approx(expected)


@given(st.lists(st.floats(-500, 9000), max_size=200))
def test_ascent_is_between_zero_and_the_sum_of_rises(elevations: list[float]) -> None:
    rises = sum(max(0.0, b - a) for a, b in itertools.pairwise(elevations))
    assert 0.0 <= ascent_m(elevations) <= rises + 1e-6


def test_time_weighted_mean() -> None:
    assert time_weighted_mean([]) is None
    assert time_weighted_mean([[(0.0, 100.0)]]) == 100.0  # no span: the plain mean
    assert time_weighted_mean([[(0.0, 100.0), (10.0, 120.0)], [(500.0, 200.0)]]) == 110.0
    assert time_weighted_mean([[(0.0, 100.0), (1.0, 100.0), (61.0, 160.0)]]) == pytest.approx(
        (100 + 60 * 130) / 61
    )
