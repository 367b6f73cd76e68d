"""The import repository: which files were imported (by content hash), and custom exercises."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runlift.store.repos import utc_now
from runlift.store.tables import CustomExerciseRow, ImportRow


class ImportRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def known(self, athlete_id: int, sha256: str) -> ImportRow | None:
        return self.s.scalars(
            select(ImportRow).where(ImportRow.athlete_id == athlete_id, ImportRow.sha256 == sha256)
        ).first()

    def known_hashes(self, athlete_id: int) -> set[str]:
        return set(
            self.s.scalars(select(ImportRow.sha256).where(ImportRow.athlete_id == athlete_id))
        )

    def add(
        self,
        athlete_id: int,
        sha256: str,
        name: str,
        fmt: str,
        outcome: str,
        message: str,
        runs: int,
        strength_sessions: int,
    ) -> None:
        self.s.add(
            ImportRow(
                athlete_id=athlete_id,
                sha256=sha256,
                name=name[:500],
                format=fmt,
                outcome=outcome,
                message=message,
                runs=runs,
                strength_sessions=strength_sessions,
                imported_at=utc_now(),
            )
        )
        self.s.flush()

    def add_custom_exercise(
        self, athlete_id: int, exercise_id: str, name: str, source: str
    ) -> None:
        exists = self.s.scalars(
            select(CustomExerciseRow).where(
                CustomExerciseRow.athlete_id == athlete_id,
                CustomExerciseRow.exercise_id == exercise_id,
            )
        ).first()
        if exists is None:
            self.s.add(
                CustomExerciseRow(
                    athlete_id=athlete_id, exercise_id=exercise_id, name=name[:200], source=source
                )
            )
            self.s.flush()

    def custom_exercises(self, athlete_id: int) -> dict[str, str]:
        rows = self.s.scalars(
            select(CustomExerciseRow).where(CustomExerciseRow.athlete_id == athlete_id)
        )
        return {r.exercise_id: r.name for r in rows}
