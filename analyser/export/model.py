"""Plain data the export renderers work on: no database, no I/O.

The gathering layer (`gather.py`) builds these from DuckDB; the renderers (`tables.py`, `cards.py`,
`charts.py`) turn them into bytes. Every text field here is already redacted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ExportContext:
    """What every export states: the run it reads, the tickets' date range, when it was made, and the selection."""

    run_id: str | None
    first_ticket_at: datetime | None
    last_ticket_at: datetime | None
    exported_at: datetime
    language: str = "fr"
    filters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Kvis:
    """Key value indicators of one friction, over three 30-day windows ending at the newest ticket."""

    tickets_per_month: tuple[int, int, int]  # oldest window first
    trend: float | None  # last window vs the mean of the two before (0.25 = +25 %); None when that mean is 0
    distinct_customers: int
    repeat_contact_share: float | None  # share of tickets from a customer who already wrote on it (signals), when signals exist
    intensity: float | None  # share of tickets with anger/urgency/escalation words (signals lexicon), when signals exist
    tickets_total: int

    @property
    def monthly_average(self) -> float:
        return sum(self.tickets_per_month) / 3


@dataclass(frozen=True)
class FrictionRow:
    cluster_id: str
    title: str
    summary: str
    journey_stage: str  # display name (or key when unknown)
    status: str  # validated | promoted | rejected | unreviewed ...
    tags: tuple[str, ...]
    kvis: Kvis
    signal_score: float | None
    components: dict[str, float]  # emerging, novelty, intensity, hidden, reach
    explanation: tuple[str, ...]  # the score in words
    verbatims: tuple[str, ...]
    validated_by: str | None
    validated_at: datetime | None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class GridScore:
    key: str
    score: int | None
    justification: str


@dataclass(frozen=True)
class CandidateCard:
    candidate_id: str
    friction: FrictionRow
    grid: tuple[GridScore, ...]
    stance: str | None  # automate | assist | keep_human
    ethics: tuple[tuple[str, str], ...]  # (question key, answer)
    owner: str | None
    status: str | None
    updated_by: str | None = None
    updated_at: datetime | None = None

    def score(self, key: str) -> int | None:
        return next((item.score for item in self.grid if item.key == key), None)

    @property
    def scores(self) -> dict[str, int | None]:
        return {item.key: item.score for item in self.grid}


@dataclass(frozen=True)
class JourneyRow:
    stage_key: str
    stage_name: str
    tickets_per_month: tuple[int, int, int]
    trend: float | None
    clusters: int
    validated_frictions: int
    intensity: float | None  # share of intense tickets
    catch_all_share: float | None
    growth: float | None = None  # weak signals' rate ratio: recent weekly rate over the baseline's
    blind_spot: bool = False
    reasons: tuple[str, ...] = ()  # why it is a blind spot (signals' reason keys)


@dataclass(frozen=True)
class ExportFile:
    """What the CLI writes and the app's download buttons serve."""

    name: str
    mime: str
    data: bytes
    items: int = 0
    export_id: str | None = None
