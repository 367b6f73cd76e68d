"""A suggested 1–5 technique rating for the logged set, with the reasons behind it.

Start from 5 and take off per fault [practice]: 1 for a likely fault, ½ for a possible one,
halved again when it shows in fewer than half the reps. Possible faults weigh less because
they may be camera artefacts; the athlete, who felt the set, has the last word.
"""

from __future__ import annotations

from collections.abc import Sequence

from runlift.formcheck.result import Fault

START = 5.0
PENALTY = {"likely": 1.0, "possible": 0.5}


def technique(faults: Sequence[Fault], rep_count: int, is_hold: bool) -> tuple[int, list[str]]:
    """The rating (1–5) and one reason per deduction, or why there was nothing to rate.

    >>> technique([], 3, False)
    (5, ['no faults seen in 3 reps'])
    >>> technique([Fault("depth", (1, 2), "likely", "", "")], 2, False)
    (4, ['-1: depth (likely, 2 of 2 reps)'])
    """
    if rep_count == 0 and not is_hold:
        return 3, ["no reps were counted, so there was nothing to rate; 3 is a neutral placeholder"]
    score = START
    reasons: list[str] = []
    for fault in faults:
        cost = PENALTY[fault.confidence]
        if is_hold or not fault.reps:
            seen = "during the hold" if is_hold else "across the set"
        else:
            if 2 * len(fault.reps) < rep_count:
                cost /= 2
            seen = f"{len(fault.reps)} of {rep_count} reps"
        score -= cost
        reasons.append(f"-{cost:g}: {fault.kind} ({fault.confidence}, {seen})")
    rating = max(1, min(5, int(score + 0.5)))
    if not reasons:
        reasons.append(
            "no faults seen during the hold" if is_hold else f"no faults seen in {rep_count} reps"
        )
    return rating, reasons
