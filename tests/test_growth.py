"""The local growth test (analyser/stages/signals/growth.py) on small synthetic data: a growing slice inside a stable
cluster is found and gathered, a steady cluster is not, and shuffled dates give (almost) no alert: the calibration
holds its promise over many null nights."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from analyser.config import SignalSettings
from analyser.stages.cluster import Clustering
from analyser.stages.signals.compute import compute_signals
from analyser.stages.signals.explain import explain_signal
from analyser.stages.signals.facts import TicketFacts
from analyser.stages.signals.growth import scan_growth, tail_p, window_masks
from analyser.stages.signals.pockets import gather_recent_pockets, nearest_by_cosine

FIRST = date(2026, 5, 1)
DAYS = 180
SLICE = -5  # topic id of the growing slice, which the clustering puts inside topic 0


def stream(seed: int, growth: float, topics: int = 12, per_day: int = 60) -> tuple[np.ndarray, list[date], np.ndarray]:
    """Topics as blobs in 24 dimensions, uniform dates over 180 days, and a slice of topic 0 at 1 ticket a day whose rate
    is multiplied by `growth` over the last 14 days."""
    rng = np.random.default_rng(seed)
    dim = 24
    centres = rng.normal(size=(topics, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    slice_centre = centres[0] + 0.5 * rng.normal(size=dim) / np.sqrt(dim)
    vectors, days, topic = [], [], []
    for day in range(DAYS):
        for t in rng.integers(0, topics, size=rng.poisson(per_day)):
            vectors.append(centres[t] + 0.35 * rng.normal(size=dim) / np.sqrt(dim))
            days.append(FIRST + timedelta(days=day))
            topic.append(int(t))
        for _ in range(rng.poisson(1.0 * (growth if day >= DAYS - 14 else 1.0))):
            vectors.append(slice_centre + 0.15 * rng.normal(size=dim) / np.sqrt(dim))
            days.append(FIRST + timedelta(days=day))
            topic.append(SLICE)
    return np.array(vectors, dtype=np.float32), days, np.array(topic)


def scan(vectors: np.ndarray, days: list[date], labels: np.ndarray, settings: SignalSettings):
    recent = np.flatnonzero(window_masks(days, [settings.recent_days])[0])
    return scan_growth(days, nearest_by_cosine(vectors, recent, max(settings.growth_scales)), recent, labels, settings)


def clustering_of(labels: np.ndarray) -> Clustering:
    return Clustering(labels=labels.copy(), probabilities=np.ones(len(labels)), reassigned=np.zeros(len(labels), dtype=bool),
                      layout=np.zeros((len(labels), 2)))


def test_the_binomial_tail_is_the_chance_of_at_least_that_many() -> None:
    assert tail_p(np.array([0]), np.array([10]), np.array([0.1]))[0] == 1.0
    assert tail_p(np.array([1]), np.array([10]), np.array([0.1]))[0] == pytest.approx(1 - 0.9 ** 10)
    assert tail_p(np.array([10]), np.array([10]), np.array([0.5]))[0] == pytest.approx(0.5 ** 10)


def test_a_slice_tripling_inside_a_stable_cluster_is_found_and_its_cluster_alone_alerts() -> None:
    vectors, days, topic = stream(seed=3, growth=3.0)
    labels = np.where(topic == SLICE, 0, topic)  # the clustering does not see the slice: it is part of topic 0
    settings = SignalSettings()
    result = scan(vectors, days, labels, settings)
    assert result.regions, "the growing slice is found"
    region = result.regions[0]
    assert (topic[region.rows] == SLICE).mean() >= 0.8  # mostly the slice, not the rest of topic 0
    assert region.observed > 2 * region.expected and region.corrected_p <= settings.alert_level
    # gathered like a pocket: the slice becomes a cluster of its own, which alone is flagged emerging, with words
    customers = [f"C{i}" for i in range(len(days))]
    gathering = gather_recent_pockets(clustering_of(labels), [f"T{i}" for i in range(len(days))], days, customers, vectors, [], settings)
    gathered = gathering.clustering.labels
    home = np.bincount(gathered[topic == SLICE]).argmax()
    assert (gathered[topic == SLICE] == home).mean() >= 0.8 and (topic[gathered == home] == SLICE).mean() >= 0.8
    facts = TicketFacts(
        ticket_ids=[f"T{i}" for i in range(len(days))], days=days, clusters=[f"K{label}" for label in gathered],
        categories=[None] * len(days), customers=customers, channels=[None] * len(days), products=[None] * len(days),
        satisfaction=[None] * len(days), intensity=[0.0] * len(days), phrases=[()] * len(days),
    )
    signals = compute_signals(facts, None, settings, gathering.calibration)
    assert [signal.cluster_id for signal in signals if signal.is_emerging] == [f"K{home}"]
    assert signals[0].cluster_id == f"K{home}"  # an alert ranks first
    emerging = signals[0].details["emerging"]
    assert emerging["observed"] >= 2 * emerging["expected"] and emerging["corrected_p"] <= settings.alert_level
    sentence = explain_signal(signals[0].details, "fr")[0]  # "31 tickets en 7 jours, 9 attendus, x3,4 (IC 95 % : ... ; p corrigé ...)"
    assert sentence.startswith(f"{emerging['observed']} tickets en {emerging['window_days']} jours, ") and "attendus, x" in sentence
    assert "p corrigé" in sentence and "IC 95 %" in sentence


def test_a_steady_stream_gives_no_region() -> None:
    vectors, days, topic = stream(seed=4, growth=1.0)
    assert scan(vectors, days, np.where(topic == SLICE, 0, topic), SignalSettings()).regions == []


def test_shuffled_dates_give_at_most_the_promised_false_alert_rate() -> None:
    """Over 20 null nights (the growing stream with its dates shuffled), the calibrated test alerts on about 5 % of
    them at the default alert_level (0.05): at most 3 of 20 allows for chance, 1 expected."""
    settings = SignalSettings(alert_shuffles=39)
    vectors, days, topic = stream(seed=5, growth=3.0, per_day=30)
    labels = np.where(topic == SLICE, 0, topic)
    rng = np.random.default_rng(0)
    nights_with_alert = 0
    for _ in range(20):
        shuffled = [days[i] for i in rng.permutation(len(days))]
        nights_with_alert += bool(scan(vectors, shuffled, labels, settings).regions)
    assert nights_with_alert <= 3
    assert scan(vectors, days, labels, settings).regions  # the same data, dates in order: found
