"""The [signals] settings: windows, thresholds and weights of the weak-signal components (see analyser/stages/signals/)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator, model_validator

from analyser.section import Section

__all__ = ["SignalSettings", "SignalWeights"]


class SignalWeights(Section):
    """Weights of the combined weak-signal score (a weighted mean of the components, each in [0, 1])."""

    emerging: float = Field(0.35, ge=0.0)
    novelty: float = Field(0.10, ge=0.0)
    intensity: float = Field(0.30, ge=0.0)
    hidden: float = Field(0.15, ge=0.0)
    reach: float = Field(0.10, ge=0.0)

    @model_validator(mode="after")
    def _some_weight(self) -> SignalWeights:
        if sum(self.model_dump().values()) <= 0:
            raise ValueError("at least one signal weight must be above 0")
        return self


class SignalSettings(Section):
    """Weak signals per cluster (see analyser/stages/signals/compute.py). Windows end at the newest ticket date."""

    recent_days: int = Field(14, ge=1, description="The recent window, in days up to the newest ticket date.")
    baseline_weeks: int = Field(12, ge=1, description="The baseline: this many weeks before the recent window.")
    min_history_days: int = Field(
        56, ge=1, description="Below this many days from the oldest to the newest ticket, emerging flags and recent pockets are "
        "not yet reliable (the recent window is too large a share of the history): none is raised (nor a 'new' badge "
        "for a mostly recent cluster), and the run says so.",
    )
    alert_level: float = Field(
        0.05, gt=0.0, lt=1.0, description="Emerging alerts are calibrated on the run's own tickets with shuffled dates: on a night when "
        "nothing grows, the chance that any cluster or region is flagged emerging is at most this.",
    )
    alert_shuffles: int = Field(99, ge=19, description="How many date shuffles calibrate the alerts (more: finer, slower).")
    growth_windows: list[int] = Field(
        default_factory=lambda: [7, 14], description="Growth is tested over each of these last-N-day windows (each at most recent_days).",
    )
    growth_scales: list[int] = Field(
        default_factory=lambda: [20, 40, 80, 160],
        description="Local growth: around each recent ticket, its nearest N tickets (cosine, embeddings) for each N here.",
    )
    growth_max_centres: int = Field(
        4000, ge=10, description="At most this many recent tickets are tested as centres (evenly spread over the window).",
    )
    emerging_min_ratio: float = Field(
        1.5, gt=1.0, description="Emerging also needs tickets at least this many times the rate before the window (observed/expected).",
    )
    emerging_full_ratio: float = Field(8.0, gt=1.0, description="A ratio's lower bound at this gives the full emerging component.")
    credible_level: float = Field(0.95, gt=0.5, lt=1.0, description="Two-sided level of the rate-ratio credible interval.")
    min_recent_tickets: int = Field(8, ge=1, description="Fewer tickets than this in a window are never called emerging.")
    new_recent_share: float = Field(0.5, gt=0.0, le=1.0, description="New when this share of a cluster's tickets is recent.")
    intensity_lexicon: Path | None = Field(None, description="Your own lexicon file (default: the bundled French/English one).")
    intense_ticket_score: float = Field(1.0, gt=0.0, description="A ticket is intense when its lexicon weights add up to this.")
    intense_share: float = Field(0.35, gt=0.0, le=1.0, description="A cluster is intense when its intensity component reaches this.")
    repeat_days: int = Field(30, ge=1, description="Two tickets of one customer in one cluster within this many days: a repeat contact.")
    catch_all_categories: list[str] = Field(
        default_factory=lambda: ["Autre", "Divers", ""], description="Categories that say 'no place for this'; '' is empty."
    )
    hidden_catch_all_share: float = Field(0.5, gt=0.0, le=1.0, description="Hidden when this share of tickets is in catch-alls.")
    hidden_max_top_category_share: float = Field(
        0.2, gt=0.0, le=1.0, description="Hidden also when no real category holds more than this share (spread)."
    )
    blind_spot_catch_all_share: float = Field(
        0.4, gt=0.0, le=1.0, description="A journey stage is a blind spot when this share of its tickets is in catch-alls."
    )
    blind_spot_hidden_share: float = Field(
        0.1, gt=0.0, le=1.0, description="... or when clusters flagged hidden hold this share of its tickets."
    )
    weights: SignalWeights = Field(default_factory=SignalWeights)
    series_days: int = Field(90, ge=7, description="Daily series kept for the last this many days (weekly: the whole history).")
    noise_max_distance: float = Field(0.3, gt=0.0, lt=2.0, description="Cosine distance within a group of recent unclustered tickets.")
    noise_min_tickets: int = Field(5, ge=2, description="A group of at least this many recent unclustered tickets is reported.")
    pocket_neighbours: int = Field(
        15, ge=2, description="Recent pockets: how many nearest neighbours (cosine, embeddings) each recent ticket looks at."
    )
    pocket_min_recent_share: float = Field(
        0.6, gt=0.0, le=1.0, description="... a recent ticket belongs to a pocket when this share of its neighbours is recent too."
    )
    pocket_min_tickets: int = Field(
        6, ge=2, description="... and linked recent tickets from at least this many distinct customers are reported as a pocket."
    )
    pocket_gather: bool = Field(
        True, description="Gather each pocket's tickets into one cluster (and keep it together in later runs while it is active)."
    )
    pocket_home_share: float = Field(
        0.5, gt=0.0, le=1.0,
        description="... a pocket joins the cluster holding most of it when it makes up this share of that cluster; else it becomes a cluster.",
    )
    journey_min_confidence: float = Field(0.4, ge=0.0, le=1.0, description="Below this confidence a cluster's stage is 'unclear'.")
    journey_temperature: float = Field(0.5, gt=0.0, description="Softmax temperature over standardised stage similarities (lower: sharper).")
    top: int = Field(10, ge=1, description="Signals printed at the end of `analyser run`.")

    @field_validator("growth_windows", "growth_scales")
    @classmethod
    def _positive_list(cls, values: list[int]) -> list[int]:
        if not values or min(values) < 2:
            raise ValueError("give at least one whole number, each 2 or more")
        return sorted(set(values))

