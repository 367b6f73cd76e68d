"""Exercises: the catalog with the command line's filters, and one page per exercise."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import Response

from runlift.app.catalog import catalog, validated_query
from runlift.catalog import vocab
from runlift.errors import BadInput
from runlift.web.pages.common import PageUser, render

router = APIRouter(include_in_schema=False)


@router.get("/exercises", response_model=None)
def exercise_list(
    web: PageUser,
    pattern: str = "",
    muscle: str = "",
    equipment: Annotated[list[str] | None, Query()] = None,
    level: str = "",
    search: str = "",
) -> Response:
    owned = [e for e in equipment or [] if e]
    err = ""
    try:
        query = validated_query(
            pattern or None, muscle or None, owned or None, level or None, search or None
        )
        found = catalog().find(query)
    except BadInput as exc:
        err, found = "; ".join(exc.problems), []
    return render(
        "exercises.html.j2",
        web=web,
        page="exercises",
        found=found,
        chosen={"pattern": pattern, "muscle": muscle, "level": level, "search": search},
        owned=owned,
        vocab=vocab,
        err=err,
    )


@router.get("/exercises/{exercise_id}", response_model=None)
def exercise_page(exercise_id: str, web: PageUser) -> Response:
    if exercise_id not in catalog():
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such exercise")
    ex = catalog().get(exercise_id)
    linked = {
        i: catalog().get(i).name for i in (*ex.regressions, *ex.progressions) if i in catalog()
    }
    return render("exercise.html.j2", web=web, page="exercises", ex=ex, linked=linked)
