"""Calendar subscription use cases: make, replace and revoke an athlete's secret feed URL.

A calendar app polls the feed with no cookie, so the token in the URL is the whole credential.
Like API tokens (``app.accounts``) it is random, shown once when made, and only its SHA-256 is
stored; lookups compare hashes. Each athlete has at most one live feed: a new link replaces the
old one, so a leaked URL is fixed by making a new link or revoking it.
"""

from __future__ import annotations

import datetime as dt
import secrets

from runlift.app.accounts import digest
from runlift.app.athlete import plan_calendar
from runlift.store.repos import utc_now
from runlift.store.uow import Store


def feed_created_at(store: Store, athlete_id: int) -> dt.datetime | None:
    """When the athlete's live feed was made (the token itself cannot be shown again)."""
    with store.unit_of_work() as uow:
        return uow.feeds.created_at(athlete_id)


def create_feed(store: Store, athlete_id: int) -> str:
    """A new feed token for the athlete, replacing any older one; the clear token, shown once."""
    token = secrets.token_urlsafe(32)
    with store.unit_of_work() as uow:
        uow.feeds.replace(athlete_id, digest(token), utc_now())
        uow.commit()
    return token


def revoke_feed(store: Store, athlete_id: int) -> bool:
    """Stop the athlete's feed; False when there was none."""
    with store.unit_of_work() as uow:
        found = uow.feeds.delete(athlete_id)
        uow.commit()
    return found


def feed_calendar(store: Store, token: str) -> bytes | None:
    """The calendar (the same ICS as the signed-in download) of the athlete whose live feed
    ``token`` is; None for an unknown or revoked token, so the caller answers 404."""
    with store.unit_of_work() as uow:
        athlete_id = uow.feeds.athlete_for(digest(token))
    return None if athlete_id is None else plan_calendar(store, athlete_id)
