"""A class's English lessons as a sequence of slots: (date, period) pairs on the weekdays
and periods of its timetable. Pure arithmetic, no database: the timetable model
(schools/models/timetable.py) hands its weekly pattern here, and "bump" and "schedule a
unit" (lessons/calendar/) walk it.

Our own small code rather than a recurrence library (dateutil's rrule): a timetable is a
handful of (weekday, period) pairs, and what we need — the first slot strictly after a
given one — is a short loop over at most two weeks of days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DAYS_IN_WEEK = 7


@dataclass(frozen=True, order=True)
class Slot:
    """One lesson time: a date and a period (校時). Ordered by date, then period."""

    day: date
    period: int

    @property
    def monday(self) -> date:
        return self.day - timedelta(days=self.day.weekday())


class NoTimetable(ValueError):
    """The class has no English periods in its timetable: there is no next slot."""


@dataclass(frozen=True)
class WeeklyPattern:
    """The weekly (weekday, period) pairs a class has English: 0 is Monday."""

    pairs: frozenset[tuple[int, int]]

    @classmethod
    def of(cls, pairs) -> WeeklyPattern:
        return cls(frozenset((int(weekday), int(period)) for weekday, period in pairs))

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def periods_on(self, weekday: int) -> list[int]:
        return sorted(period for day, period in self.pairs if day == weekday)

    def next_after(self, slot: Slot) -> Slot:
        """The first timetable slot strictly after `slot` (the same day at a later period,
        or a later day). `slot` itself need not be on the timetable."""
        if not self.pairs:
            raise NoTimetable("This class has no English periods in its timetable.")
        for offset in range(DAYS_IN_WEEK + 1):
            try:
                day = slot.day + timedelta(days=offset)
            except OverflowError:
                raise NoTimetable("There is no English period after that date.") from None
            for period in self.periods_on(day.weekday()):
                if offset or period > slot.period:
                    return Slot(day, period)
        raise AssertionError("unreachable: a non-empty weekly pattern repeats every week")

    def slots_from(self, start: Slot, count: int, *, include_start: bool = True) -> list[Slot]:
        """`count` consecutive slots from `start` (itself first when it is on the
        timetable and `include_start`)."""
        found: list[Slot] = []
        current = start
        if include_start and (start.day.weekday(), start.period) in self.pairs:
            found.append(start)
        while len(found) < count:
            current = self.next_after(current if not found else found[-1])
            found.append(current)
        return found[:count]


def shifted_by_one(pattern: WeeklyPattern, slots: list[Slot]) -> list[Slot]:
    """Each of `slots` (in order) moved to the class's next timetable slot, keeping their
    order and never putting two lessons in one slot: a lesson off the timetable (moved by
    hand to another period) moves to the first slot after it, and if that slot is already
    taken by the lesson moved before it, to the next one after that."""
    moved: list[Slot] = []
    for slot in sorted(slots):
        after = slot if not moved or slot > moved[-1] else moved[-1]
        moved.append(pattern.next_after(after))
    return moved
