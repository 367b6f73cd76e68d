"""`runlift check` for the stored plan: the same audit the command line runs on a plan file.

``app.planning.check_plan_file`` audits a plan document against the profile it carries; this
does exactly that for the athlete's active plan (which a coach may have annotated since it was
built), so the Plan page and ``runlift check`` never disagree. The audit's verdicts are only
grouped and labelled here for reading; no rule is re-implemented.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from runlift.app.athlete import active_plan
from runlift.app.catalog import catalog
from runlift.planning import audit, profile_from_dict
from runlift.planning.rules import RULES
from runlift.store.uow import Store

# The audit's sections, in its order; a rule added to the audit later lands in "other" until
# it is named here, and is still shown.
GROUPS: dict[str, tuple[str, ...]] = {
    "placement": ("available-days", "not-before-key", "within-dates", "sessions-per-week"),
    "content": ("equipment-and-level", "block-order", "compound-first", "fits-time", "dose"),
    "balance": ("pull-push", "knee-hip-balance", "unilateral", "coverage", "leg-volume-cap"),
    "volume": ("deload-lighter", "taper-volume"),
    "safety": (
        "technique-rpe",
        "plyometric-contacts",
        "race-week-light",
        "no-new-near-race",
        "coaching-advice",
    ),
}
_GROUP_OF = {rule: group for group, rules in GROUPS.items() for rule in rules}


@dataclass(frozen=True)
class CheckResult:
    rule: str
    ok: bool
    detail: str  # what passed, or the first places it failed
    group: str  # placement | content | balance | volume | safety | other
    severity: str  # "ok" or "fail": the command line exits 1 on any failure, so all weigh alike
    source: str  # the rule's evidence from planning.rules, "" when the rule cites none


def _result(check: dict[str, object]) -> CheckResult:
    rule = str(check["rule"])
    ok = bool(check["ok"])
    cited = RULES.get(rule)
    parts: list[str] = []
    if cited is not None:
        # The repository's own notes are no reference a reader can look up.
        parts = [p for p in cited.source.split("; ") if p != "docs/science.md"]
        parts += ["practice, not proven"] if cited.practice else []
    source = "; ".join(parts)
    return CheckResult(
        rule, ok, str(check["detail"]), _GROUP_OF.get(rule, "other"), "ok" if ok else "fail", source
    )


def check_plan_doc(doc: dict[str, Any]) -> list[CheckResult]:
    """Every audit rule's verdict on a plan document, failures first, else in the audit's order."""
    profile = profile_from_dict(doc["profile"], "stored plan: profile")
    results = [_result(c) for c in audit(doc, profile, catalog())]
    return sorted(results, key=lambda r: r.ok)  # stable: the audit's order within each


def check_active_plan(store: Store, athlete_id: int) -> list[CheckResult]:
    """The verdicts on the athlete's active plan."""
    return check_plan_doc(active_plan(store, athlete_id))
