"""Calendar subscription feeds: one secret URL per athlete, kept only as its SHA-256.

A calendar app fetches the feed without a cookie, so the URL's token is the whole credential.
The table keeps its hash, never the token, and lookups go by hash: a copy of the database gives
no working feed URL. Adds and queries; never commits.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runlift.store.repos import _utc
from runlift.store.tables import CalendarFeedRow


class FeedRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def created_at(self, athlete_id: int) -> dt.datetime | None:
        """When the athlete's live feed was made; None when they have none."""
        row = self.s.get(CalendarFeedRow, athlete_id)
        return None if row is None else _utc(row.created_at)

    def replace(self, athlete_id: int, token_hash: str, at: dt.datetime) -> None:
        """Make ``token_hash`` the athlete's only feed: an older token stops working at once."""
        row = self.s.get(CalendarFeedRow, athlete_id)
        if row is None:
            self.s.add(CalendarFeedRow(athlete_id=athlete_id, token_hash=token_hash, created_at=at))
        else:
            row.token_hash = token_hash
            row.created_at = at
        self.s.flush()

    def delete(self, athlete_id: int) -> bool:
        """Revoke the athlete's feed; False when there was none."""
        result = self.s.execute(
            delete(CalendarFeedRow).where(CalendarFeedRow.athlete_id == athlete_id)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def athlete_for(self, token_hash: str) -> int | None:
        """The athlete whose live feed has this hash; None for an unknown or revoked one."""
        query = select(CalendarFeedRow.athlete_id).where(CalendarFeedRow.token_hash == token_hash)
        return self.s.scalars(query).first()
