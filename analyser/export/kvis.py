"""Key value indicators, computed from plain ticket facts (pure).

Windows are relative to the newest ticket of the run, not the wall clock, like the weak signals: three
30-day windows, M-3 (oldest) .. M-1 (the 30 days ending at the newest ticket).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from analyser.export.model import Kvis

WINDOW = timedelta(days=30)


def window_start(newest: datetime) -> datetime:
    """Start of the 90 days the indicators cover (M-3 begins here)."""
    return _end(newest) - 3 * WINDOW


def _end(newest: datetime) -> datetime:
    return newest + timedelta(microseconds=1)  # the newest ticket belongs to M-1


def monthly_counts(created: Sequence[datetime], newest: datetime) -> tuple[int, int, int]:
    """Tickets in M-3, M-2, M-1."""
    end = _end(newest)
    counts = [0, 0, 0]
    for when in created:
        age = end - when
        if timedelta(0) < age <= 3 * WINDOW:
            index = 2 - min(2, int((age - timedelta(microseconds=1)) / WINDOW))
            counts[index] += 1
    return counts[0], counts[1], counts[2]


def trend(counts: tuple[int, int, int]) -> float | None:
    """M-1 against the mean of M-3 and M-2 (0.5 = +50 %); None when there is nothing to compare with."""
    before = (counts[0] + counts[1]) / 2
    if before == 0:
        return None
    return counts[2] / before - 1


def kvis_for(created: Sequence[datetime], customers: Sequence[str | None], newest: datetime, *, intensity: float | None,
             repeat_contact_share: float | None, tickets_total: int) -> Kvis:
    """The indicators of one friction from its tickets of the last 90 days (dates and customer ids, same order).

    Intensity and repeat contacts come from the weak signals (same numbers as the score's explanation
    next to them on a card); the volumes and customers are counted here over the 90 days.
    """
    start = window_start(newest)
    in_window = [(when, customer) for when, customer in zip(created, customers) if when >= start]
    counts = monthly_counts([when for when, _ in in_window], newest)
    return Kvis(
        tickets_per_month=counts,
        trend=trend(counts),
        distinct_customers=len({customer for _, customer in in_window if customer}),
        repeat_contact_share=repeat_contact_share,
        intensity=intensity,
        tickets_total=tickets_total,
    )
