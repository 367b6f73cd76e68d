"""The shipped catalog: coverage of the vocabularies, the favourites and the runner essentials."""

from __future__ import annotations

import pytest

from runlift.catalog import Catalog, Exercise, Query, load_default_catalog, vocab


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_default_catalog()


def ids(exercises: list[Exercise]) -> set[str]:
    return {ex.id for ex in exercises}


# --- coverage -----------------------------------------------------------------------------------


def test_catalog_has_at_least_80_exercises(shipped: Catalog) -> None:
    assert len(shipped) >= 80
    assert len({ex.id for ex in shipped}) == len(shipped)


@pytest.mark.parametrize(
    ("attribute", "vocabulary"),
    [("pattern", vocab.PATTERNS), ("level", vocab.LEVELS)],
)
def test_every_pattern_and_level_is_used(
    shipped: Catalog, attribute: str, vocabulary: tuple[str, ...]
) -> None:
    used = {getattr(ex, attribute) for ex in shipped}
    assert used == set(vocabulary)


def test_every_equipment_item_is_used(shipped: Catalog) -> None:
    used = {item for ex in shipped for item in ex.equipment}
    assert used == set(vocab.EQUIPMENT)


# --- the user's favourites ----------------------------------------------------------------------


def test_back_squat(shipped: Catalog) -> None:
    squat = shipped.get("back-squat")
    assert squat.primary_muscles == ("quadriceps",)
    assert set(squat.secondary_muscles) == {"core", "hamstrings", "glutes"}
    assert squat.pattern == "squat"
    assert shipped.resolve("squat") is squat


def test_reverse_lunge(shipped: Catalog) -> None:
    lunge = shipped.get("reverse-lunge")
    assert lunge.variation_of == "back-squat"
    assert lunge.unilateral is True
    assert lunge.pattern == "lunge"


def test_sumo_deadlift(shipped: Catalog) -> None:
    sumo = shipped.get("sumo-deadlift")
    assert set(sumo.primary_muscles) == {"quadriceps", "glutes", "adductors", "hamstrings"}
    assert "core" in sumo.secondary_muscles
    assert sumo.pattern == "hinge"


def test_single_leg_deadlift(shipped: Catalog) -> None:
    sldl = shipped.get("single-leg-deadlift")
    assert sldl.variation_of == "sumo-deadlift"
    assert set(sldl.primary_muscles) == {"glutes", "hamstrings"}
    assert sldl.unilateral is True


def test_plank_variations(shipped: Catalog) -> None:
    planks = [ex for ex in shipped if "plank" in ex.id]
    assert len(planks) >= 4
    assert {"front-plank", "side-plank", "copenhagen-plank"} <= ids(planks)
    assert {ex.pattern for ex in planks} >= {
        "core-anti-extension",
        "core-anti-lateral",
        "core-anti-rotation",
    }


def test_push_up_has_an_easier_and_a_harder_version(shipped: Catalog) -> None:
    push_up = shipped.get("push-up")
    assert "incline-push-up" in push_up.regressions
    assert len(push_up.progressions) >= 1


def test_rows(shipped: Catalog) -> None:
    assert shipped.get("dumbbell-row").pattern == "pull-horizontal"
    assert shipped.get("barbell-row").pattern == "pull-horizontal"
    loaded = {ex.id for ex in shipped if ex.pattern == "pull-horizontal" and ex.externally_loaded}
    assert {"dumbbell-row", "barbell-row"} <= loaded
    assert loaded - {"dumbbell-row", "barbell-row"}


def test_rows_and_push_ups_cover_the_upper_body(shipped: Catalog) -> None:
    group = [ex for ex in shipped if ex.id.endswith("-row") or "push-up" in ex.id]
    worked = {m for ex in group for m in ex.muscles}
    assert "chest" in worked
    assert "shoulders" in worked
    assert worked & {"upper-back", "lats"}


# --- what every runner needs ----------------------------------------------------------------------

ESSENTIALS = [
    "tibialis-raise",
    "nordic-hamstring-curl",
    "hip-thrust",
    "glute-bridge",
    "lateral-band-walk",
    "side-lying-hip-abduction",
    "step-up",
    "split-squat",
    "bulgarian-split-squat",
    "pallof-press",
    "dead-bug",
    "bird-dog",
    "farmers-carry",
    "a-skip",
    "pogo-hops",
    "bounding",
    "single-leg-hops",
    "box-jump",
    "depth-jump",
]


@pytest.mark.parametrize("ex_id", ESSENTIALS)
def test_runner_essential_is_present(shipped: Catalog, ex_id: str) -> None:
    assert ex_id in shipped


def test_straight_and_bent_knee_calf_raises(shipped: Catalog) -> None:
    calf = [ex for ex in shipped if ex.pattern == "calf"]
    straight = [ex for ex in calf if "calves" in ex.primary_muscles]
    bent = [ex for ex in calf if "soleus" in ex.primary_muscles]
    assert straight, "no straight-knee (gastrocnemius) calf raise"
    assert bent, "no bent-knee (soleus) calf raise"
    assert "soleus" not in shipped.get("straight-knee-calf-raise").primary_muscles
    assert "calves" in shipped.get("straight-knee-calf-raise").primary_muscles
    assert shipped.get("bent-knee-calf-raise").primary_muscles == ("soleus",)


def test_farmers_carry_is_a_carry(shipped: Catalog) -> None:
    assert shipped.get("farmers-carry").pattern == "carry"


def test_plyometric_ladder_never_gets_easier(shipped: Catalog) -> None:
    for ex_id in ("a-skip", "pogo-hops", "bounding", "single-leg-hops", "box-jump", "depth-jump"):
        ex = shipped.get(ex_id)
        assert ex.pattern == "plyometric", ex_id
        assert ex.dose == "contacts", ex_id
    rank = {ex.id: ex.level_rank for ex in shipped}
    for start in ("a-skip", "pogo-hops"):
        ladder = [start, "bounding", "single-leg-hops", "depth-jump"]
        levels = [rank[i] for i in ladder]
        assert levels == sorted(levels), (ladder, levels)
    assert rank["depth-jump"] > rank["pogo-hops"]


# --- references and coaching content ------------------------------------------------------------


def test_every_reference_exists(shipped: Catalog) -> None:
    for ex in shipped:
        for ref in (*ex.regressions, *ex.progressions):
            assert ref in shipped, (ex.id, ref)
        if ex.variation_of is not None:
            assert ex.variation_of in shipped, (ex.id, ex.variation_of)


def test_regressions_and_progressions_are_symmetric(shipped: Catalog) -> None:
    broken = []
    for ex in shipped:
        broken += [
            (ex.id, "->", p) for p in ex.progressions if ex.id not in shipped.get(p).regressions
        ]
        broken += [
            (ex.id, "<-", r) for r in ex.regressions if ex.id not in shipped.get(r).progressions
        ]
    assert broken == []


def test_every_exercise_has_coaching_content(shipped: Catalog) -> None:
    for ex in shipped:
        assert 2 <= len(ex.cues) <= 4, ex.id
        assert len(ex.faults) >= 1, ex.id
        assert len(ex.runner_benefits) >= 1, ex.id
        assert all(c.strip() for c in ex.cues + ex.faults), ex.id


# --- the runner's questions ---------------------------------------------------------------------


def test_dumbbells_only_for_my_calves(shipped: Catalog) -> None:
    found = shipped.find(Query(muscle="calves", equipment=("dumbbells",)))
    assert found
    primaries = [set(ex.primary_muscles) for ex in found]
    assert any("soleus" in p for p in primaries), "no bent-knee (soleus) raise"
    assert any("calves" in p for p in primaries), "no straight-knee (gastrocnemius) raise"
    assert ids(found) >= {"straight-knee-calf-raise", "bent-knee-calf-raise"}
    for ex in found:
        assert set(ex.equipment) <= {"dumbbells", "bodyweight"}, ex.id
        assert set(ex.primary_muscles) & {"calves", "soleus"}, ex.id
    assert "machine-calf-raise" not in ids(found)
    assert "dumbbell-seated-calf-raise" not in ids(found)  # needs a bench too


def test_easier_version_of_bulgarian_split_squat(shipped: Catalog) -> None:
    assert "split-squat" in shipped.get("bulgarian-split-squat").regressions
    assert shipped.resolve("Bulgarian Split Squat") is shipped.get("bulgarian-split-squat")


def test_level_filter(shipped: Catalog) -> None:
    beginner = shipped.find(Query(level="beginner"))
    assert beginner
    assert {ex.level for ex in beginner} == {"beginner"}
    up_to_intermediate = shipped.find(Query(level="intermediate"))
    assert {ex.level for ex in up_to_intermediate} == {"beginner", "intermediate"}
    expected = [ex for ex in shipped if ex.level in ("beginner", "intermediate")]
    assert up_to_intermediate == expected
    assert len(shipped.find(Query(level="advanced"))) == len(shipped)


# --- the §3 contract -----------------------------------------------------------------------------

CONTRACT_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "name": str,
    "pattern": str,
    "compound": bool,
    "unilateral": bool,
    "primary_muscles": list,
    "secondary_muscles": list,
    "equipment": list,
    "level": str,
    "dose": str,
    "variation_of": (str, type(None)),
    "regressions": list,
    "progressions": list,
    "cues": list,
    "faults": list,
    "runner_benefits": list,
    "fit_category": (str, type(None)),
}


def test_to_contract_has_every_key_of_section_3(shipped: Catalog) -> None:
    for ex in shipped:
        doc = ex.to_contract()
        assert set(CONTRACT_TYPES) <= set(doc), ex.id
        for key, kind in CONTRACT_TYPES.items():
            assert isinstance(doc[key], kind), (ex.id, key, doc[key])
            if isinstance(doc[key], list):
                assert all(isinstance(v, str) for v in doc[key]), (ex.id, key)
        assert doc["dose"] in vocab.DOSES
        assert doc["level"] in vocab.LEVELS
        assert doc["fit_category"] is None or doc["fit_category"] in vocab.FIT_CATEGORIES


def test_reverse_lunge_contract_matches_the_documented_example(shipped: Catalog) -> None:
    doc = shipped.get("reverse-lunge").to_contract()
    assert doc["id"] == "reverse-lunge"
    assert doc["name"] == "Reverse Lunge"
    assert doc["pattern"] == "lunge"
    assert doc["compound"] is True
    assert doc["unilateral"] is True
    assert doc["variation_of"] == "back-squat"
    assert doc["equipment"] == ["bodyweight"]
    assert shipped.get("back-squat").to_contract()["variation_of"] is None
