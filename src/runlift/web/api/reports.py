"""History (§4) and report (§5), rendered by the same code as ``--format json``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Response, status

from runlift.app.history import history
from runlift.app.report import report
from runlift.config import today
from runlift.formats.report_json import report_contract
from runlift.web.deps import AthleteAccess, StoreDep, json_response
from runlift.web.schemas import FIRST_DAY, LAST_DAY

router = APIRouter(prefix="/athletes/{aid}", tags=["history"])
Day = Annotated[dt.date | None, Query(ge=FIRST_DAY, le=LAST_DAY)]
# A report holds a row per day: 10 years is about 1 MB and 0.1 s (benchmarks/report_speed.py);
# the whole allowed date range would be 18 MB and seconds of one worker's time.
MAX_REPORT_DAYS = 3653


@router.get("/history", response_model=None)
def get_history(
    aid: AthleteAccess, store: StoreDep, since: Day = None, until: Day = None
) -> Response:
    # Encoded here, as FastAPI's JSONResponse would, minus its jsonable_encoder walk over every
    # set: the contract is plain JSON types already.
    return json_response(history(store, since, until, aid))


@router.get("/report")
def get_report(
    aid: AthleteAccess, store: StoreDep, since: Day = None, until: Day = None
) -> dict[str, Any]:
    end = until or today()
    if since is not None and (end - since).days >= MAX_REPORT_DAYS:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"since: a report covers at most {MAX_REPORT_DAYS} days (10 years); "
            f"got {(end - since).days + 1} from {since} to {end}",
        )
    return report_contract(report(store, today(), since, until, athlete_id=aid).report)
