"""The training rules a plan follows, each with its source (``docs/science.md``).

Rationales and the plan's self-audit cite rules by id from here, so the wording and the evidence
grade live in one place. Rules with ``practice=True`` are coaching heuristics with no trial behind
them; :func:`cite` says so in the text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    text: str
    source: str
    practice: bool = False


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "strength-for-economy",
            "Heavy and explosive strength work improves running economy by about 2–8%",
            "Blagrove 2018 [MA]; Eihara 2022 [MA]",
        ),
        Rule(
            "injury-reduction",
            "Strength programmes cut sports injuries to about a third",
            "Lauersen 2014 [MA]",
        ),
        Rule(
            "heavy-strength",
            "Heavy work is ≥ 80% 1RM, 3–6 reps, 3–5 sets, 1–3 reps in reserve, 2–5 min rest",
            "ACSM 2009 (Ratamess)",
        ),
        Rule(
            "plyometric-dose",
            "Plyometrics are counted in foot contacts: beginners 80–100 a "
            "session, progressing skips and pogos → bounds → hops → depth jumps",
            "NSCA",
        ),
        Rule(
            "muscular-endurance",
            "High reps (12–20 at 50–70% 1RM, not to failure) build local "
            "fatigue resistance but help economy less than heavy work",
            "Blagrove 2018 [MA]",
        ),
        Rule(
            "isometric-tendon",
            "Isometric holds of 30–45 s build tendon stiffness and calf capacity",
            "Albracht & Arampatzis 2013",
        ),
        Rule(
            "technique-first",
            "A new lifter spends 2–4 weeks on technique: bodyweight and light "
            "loads at RPE ≤ 7, 8–12 reps",
            "ACSM 2009",
            practice=True,
        ),
        Rule(
            "coaching",
            "Supervised training gives larger strength gains, so a new lifter should "
            "see a qualified coach",
            "Fisher 2022 [MA]",
        ),
        Rule(
            "base-phase",
            "Base: 2 (up to 3) sessions a week, technique then strength-endurance "
            "toward basic strength",
            "Blagrove & Hooper; Bazyler 2015",
        ),
        Rule(
            "build-phase", "Build: 2 sessions a week of maximal strength", "Rønnestad & Mujika 2014"
        ),
        Rule(
            "peak-phase",
            "Peak: 1–2 sessions converting strength to power, lower volume, intensity kept",
            "Rønnestad & Mujika 2014",
        ),
        Rule(
            "maintenance",
            "One session a week kept strength and muscle for 13 weeks in season",
            "Rønnestad 2010",
        ),
        Rule(
            "taper",
            "Taper about 2 weeks: volume −41–60%, intensity and frequency kept",
            "Bosquet 2007 [MA]",
        ),
        Rule(
            "race-week",
            "Race week: very light or no strength, none in the last 2 days",
            "docs/science.md",
            practice=True,
        ),
        Rule(
            "recovery",
            "After the race: rest, then 0–1 light session a week",
            "docs/science.md",
            practice=True,
        ),
        Rule(
            "last-heavy",
            "The last heavy or novel lower-body session comes 7–10 days before an A-race",
            "docs/science.md",
            practice=True,
        ),
        Rule(
            "deload",
            "A lighter week every 3–4 weeks: volume −30–50%, intensity kept",
            "Bell 2023 Delphi",
            practice=True,
        ),
        Rule(
            "hard-days-hard",
            "Strength goes on quality-run days, at least 3 h (ideally 6 h) "
            "after the run, so easy days stay easy",
            "Schumann 2022 [MA]; Sporer & Wenger 2003",
            practice=True,
        ),
        Rule(
            "not-before-key",
            "No strength the day before a long run, a quality session or a race",
            "docs/science.md",
            practice=True,
        ),
        Rule(
            "48h-before-key",
            "Heavy or novel lower-body work needs 48 h before a key session",
            "docs/science.md",
            practice=True,
        ),
        Rule(
            "new-exercises-early",
            "New exercises come in base phases, not near races, because "
            "unaccustomed eccentric work impairs economy for days (repeated-bout effect)",
            "docs/science.md",
        ),
        Rule(
            "compound-first",
            "Multi-joint lifts come first, while fresh",
            "ACSM 2009",
            practice=True,
        ),
        Rule(
            "pull-push",
            "At least as many pulling as pushing sets each week",
            "docs/science.md",
            practice=True,
        ),
        Rule(
            "knee-hip-balance",
            "Knee- and hip-dominant lower-body sets roughly balanced (0.5–2.0)",
            "docs/science.md",
            practice=True,
        ),
        Rule(
            "coverage",
            "Every week: hamstrings (Nordic or hinge), calves straight- and bent-knee, "
            "hip abductors, and anti-extension, anti-rotation and lateral core",
            "docs/science.md",
        ),
        Rule(
            "unilateral",
            "Single-leg work every week, for pelvis and knee control",
            "docs/science.md",
        ),
        Rule(
            "leg-volume-cap",
            "At most about 24 hard lower-body sets a week: runners need far less than bodybuilders",
            "docs/science.md; Schoenfeld 2017",
        ),
        Rule(
            "nordic",
            "The Nordic hamstring exercise roughly halves hamstring injuries",
            "van Dyk 2019 [MA]",
        ),
        Rule(
            "tendon-slow",
            "Tendons adapt more slowly than muscle, so impact progresses slowly",
            "Bohm 2015 [MA]",
        ),
        Rule(
            "rpe-chart",
            "Target loads come from RPE via the RTS chart (RPE = 10 − reps in reserve)",
            "Zourdos 2016; Helms 2016",
        ),
    )
}


def cite(rule_id: str) -> str:
    """A rule's text with its source, marked as practice where it has no trial behind it."""
    rule = RULES[rule_id]
    grade = "; practice, not proven" if rule.practice else ""
    return f"{rule.text} ({rule.source}{grade})."
