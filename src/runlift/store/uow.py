"""The store and its unit of work: one transaction per command, committed once by the use case.

Repositories never commit. A use case opens ``store.unit_of_work()``, does its reads and writes
through the repositories, and calls ``commit()`` once; leaving the block any other way (an error,
bad input found half-way) rolls everything back, so nothing is ever half-written.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from runlift.store.accounts_repo import AccountRepo
from runlift.store.db import make_engine, migrate
from runlift.store.edit_repo import EditRepo
from runlift.store.feeds_repo import FeedRepo
from runlift.store.form_checks_repo import FormCheckRepo
from runlift.store.import_jobs_repo import ImportJobRepo
from runlift.store.import_repo import ImportRepo
from runlift.store.repos import AthleteRepo, LogRepo, PlanRepo
from runlift.store.trash_repo import TrashRepo


class UnitOfWork:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self._committed = False

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        self.athletes = AthleteRepo(self.session)
        self.plans = PlanRepo(self.session)
        self.log = LogRepo(self.session)
        self.imports = ImportRepo(self.session)
        self.accounts = AccountRepo(self.session)
        self.trash = TrashRepo(self.session)
        self.edits = EditRepo(self.session)
        self.feeds = FeedRepo(self.session)
        self.import_jobs = ImportJobRepo(self.session)
        self.form_checks = FormCheckRepo(self.session)
        return self

    def commit(self) -> None:
        self.session.commit()
        self._committed = True

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self._committed:
            self.session.rollback()
        self.session.close()


class Store:
    """An opened, migrated database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = make_engine(url)
        migrate(self.engine)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self._factory)

    def close(self) -> None:
        self.engine.dispose()
