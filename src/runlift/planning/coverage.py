"""What an exercise counts toward in the weekly must-haves (``docs/science.md``, Balance).

One definition serves the builder (which may drop an item only when the rest of the session still
covers what it covered) and the audit (which checks each week), so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from runlift.catalog.vocab import HIP_DOMINANT, KNEE_DOMINANT

MUST_HAVES: dict[str, str] = {
    "hamstrings": "hamstring work",
    "calf-straight": "straight-knee calf raise",
    "calf-bent": "bent-knee (soleus) calf raise",
    "hip-abductors": "hip-abductor work",
    "core-anti-extension": "anti-extension core",
    "core-anti-rotation": "anti-rotation core",
    "core-lateral": "lateral core",
    "single-leg": "single-leg work",
}


def tags(pattern: str, primary_muscles: Iterable[str], unilateral: bool) -> frozenset[str]:
    """The must-haves one exercise satisfies."""
    primary = set(primary_muscles)
    out: set[str] = set()
    if pattern in HIP_DOMINANT or "hamstrings" in primary:
        out.add("hamstrings")
    if pattern == "calf" and "soleus" in primary:
        out.add("calf-bent")
    elif pattern == "calf" and "calves" in primary:
        out.add("calf-straight")
    if pattern == "hip-abduction" or "hip-abductors" in primary:
        out.add("hip-abductors")
    if pattern in ("core-anti-extension", "core-anti-rotation"):
        out.add(pattern)
    if pattern in ("core-anti-lateral", "carry"):
        out.add("core-lateral")
    if unilateral and pattern in KNEE_DOMINANT | HIP_DOMINANT:
        out.add("single-leg")
    return frozenset(out)


def missing(covered: Iterable[frozenset[str]]) -> list[str]:
    """The must-haves, in words, that none of ``covered`` satisfies."""
    have: set[str] = set().union(*covered)
    return [words for tag, words in MUST_HAVES.items() if tag not in have]
