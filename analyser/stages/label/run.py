"""The `label` stage of a run: reuse what is cached, label the rest in weak-signal order within the budget.

For each cluster of the run, in order:
1. cached: a successful label exists for the same (provider, model, prompt version, input hash);
2. kept: the cluster's latest label with this configuration was made when its tickets were close to
   today's (1 - Jaccard below llm.relabel_change): a continued cluster that changed a little keeps its title;
3. generated: the configured provider labels it; a failed call or an answer still invalid after one
   retry falls back to the extractive label, stored with fallback = true and the error;
4. budget: clusters beyond llm.max_clusters_per_run or started after llm.time_limit_seconds get the
   extractive label (cached like any other), so every cluster has a title after every run.
No database connection is held while a model works: reads happen first, and each label is written
in its own short transaction as soon as it is ready (a killed run's labels stay in the cache). The
run's choice of labels counts for readers once the pipeline publishes the run (label_store).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from analyser.config import Settings
from analyser.db import OpenSession
from analyser.stages.label.extractive import extractive_label
from analyser.stages.label.prompt import (
    EXTRACTIVE_MODEL,
    PROMPT_VERSION,
    ChatProvider,
    ClusterInput,
    GeneratedLabel,
    LabelAnswer,
    Stage,
    input_hash,
    label_extractively,
    label_with_model,
    membership_change,
)
from analyser.stages.label.store import (
    cached_label_ids,
    cluster_inputs,
    previous_labels,
    signal_order,
    store_generated,
    store_reused,
)

Embed = Callable[[Sequence[str]], np.ndarray]


@dataclass
class LabelReport:
    """What the stage did, for the run record (`runs.counts.labels`)."""

    provider: str
    model: str
    endpoint_host: str | None
    prompt_version: str = PROMPT_VERSION
    clusters: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # generated | cached | kept | budget
    fallback: int = 0
    errors: list[str] = field(default_factory=list)  # first few, for the record
    model_seconds: float = 0.0
    completion_tokens: int = 0
    on_label: Callable[[int], None] | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("on_label")
        return data


def journey_stages(settings: Settings) -> list[Stage]:
    return [Stage(stage.key, stage.name, stage.description) for stage in settings.journey]


def extractive_for(language: str, embed: Embed | None) -> Callable[[ClusterInput], LabelAnswer]:
    """The extractive labeller bound to a language and (thread-safely) to the run's embedder."""
    lock = threading.Lock()

    def locked_embed(texts: Sequence[str]) -> np.ndarray:
        with lock:
            assert embed is not None
            return embed(texts)

    return lambda cluster: extractive_label(cluster, language, locked_embed if embed else None)


def label_run(
    open_session: OpenSession, run_id: str, settings: Settings, provider: ChatProvider | None, *,
    embed: Embed | None = None, order: Sequence[str] | None = None, representatives: dict[str, list[str]] | None = None,
    clock: Callable[[], float] = time.monotonic, on_label: Callable[[int], None] | None = None,
) -> LabelReport:
    """Label every cluster of a complete run. `order`: cluster ids most important first (else signal rank, else size)."""
    llm = settings.llm
    stages = journey_stages(settings)
    name, model = (provider.provider, provider.model) if provider else ("extractive", EXTRACTIVE_MODEL)
    report = LabelReport(provider=name, model=model, endpoint_host=provider.endpoint_host if provider else None)
    report.on_label = on_label
    with open_session() as conn:
        ranked, guesses = signal_order(conn, run_id)
        inputs = cluster_inputs(conn, run_id, llm.language, representatives=representatives, stage_guesses=guesses)
        ordered = _ordered_ids(inputs, order or ranked)
        hashes = {cid: input_hash(inputs[cid], llm.language, stages, llm.max_ticket_chars) for cid in ordered}
        cached = cached_label_ids(conn, name, model, PROMPT_VERSION, list(hashes.values()))
        previous = previous_labels(conn, ordered, name, model, PROMPT_VERSION, llm.language)
    reused, todo = [], []
    for cid in ordered:
        if (cid, hashes[cid]) in cached:
            reused.append((cid, cached[cid, hashes[cid]], "cached"))
        elif cid in previous and membership_change(previous[cid][1], inputs[cid].member_ticket_ids) < llm.relabel_change:
            reused.append((cid, previous[cid][0], "kept"))
        else:
            todo.append(cid)
    if reused:
        with open_session() as conn:
            store_reused(conn, run_id, reused)
        if on_label:
            on_label(len(reused))
    extractive = extractive_for(llm.language, embed)
    over_budget: list[str] = []
    if provider is None:
        generated = [label_extractively(inputs[cid], stages, llm.language, extractive, max_ticket_chars=llm.max_ticket_chars)
                     for cid in todo]
        _store(open_session, run_id, generated, inputs, "generated", report)
    else:
        over_budget = todo[llm.max_clusters_per_run:]
        over_budget += _label_with_model(
            open_session, run_id, [inputs[cid] for cid in todo[: llm.max_clusters_per_run]], provider, stages, settings,
            extractive, report, clock,
        )
    if over_budget:
        _label_over_budget(open_session, run_id, [inputs[cid] for cid in over_budget], stages, settings, extractive, report)
    report.clusters = len(ordered)
    report.reasons = dict(Counter(reason for _, _, reason in reused) + Counter(report.reasons))
    return report


def _ordered_ids(inputs: dict[str, ClusterInput], order: Sequence[str]) -> list[str]:
    """The given order first (ids of this run only), then the remaining clusters by size, largest first."""
    first = [cid for cid in dict.fromkeys(order) if cid in inputs]
    rest = sorted((cid for cid in inputs if cid not in set(first)), key=lambda cid: (-inputs[cid].size, cid))
    return first + rest


def _label_with_model(
    open_session: OpenSession, run_id: str, clusters: list[ClusterInput], provider: ChatProvider, stages: list[Stage],
    settings: Settings, extractive: Callable[[ClusterInput], LabelAnswer], report: LabelReport, clock: Callable[[], float],
) -> list[str]:
    """Model labels with `llm.concurrency` requests in flight; returns the ids not started before the time limit."""
    llm = settings.llm
    deadline = clock() + llm.time_limit_seconds
    by_id = {cluster.cluster_id: cluster for cluster in clusters}

    def work(cluster: ClusterInput) -> GeneratedLabel | None:
        if clock() > deadline:
            return None
        try:
            return label_with_model(cluster, provider, stages, llm.language, extractive, max_ticket_chars=llm.max_ticket_chars)
        except Exception as exc:  # a bug in a provider must not lose the run: the extractive label stands in
            answer = extractive(cluster)
            return GeneratedLabel(
                cluster_id=cluster.cluster_id, provider="extractive", model=EXTRACTIVE_MODEL, endpoint_host=provider.endpoint_host,
                prompt_version=PROMPT_VERSION, input_hash=input_hash(cluster, llm.language, stages, llm.max_ticket_chars),
                language=llm.language, answer=answer, fallback=True, error=f"{type(exc).__name__}: {exc}"[:1000],
            )

    skipped = []
    workers = 1 if provider.provider == "local" else llm.concurrency
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="label") as pool:
        futures = {pool.submit(work, cluster): cluster.cluster_id for cluster in clusters}
        for future in as_completed(futures):
            result = future.result()
            if result is None:
                skipped.append(futures[future])
                continue
            _store(open_session, run_id, [result], by_id, "generated", report)
    return [cluster.cluster_id for cluster in clusters if cluster.cluster_id in set(skipped)]


def _label_over_budget(
    open_session: OpenSession, run_id: str, clusters: list[ClusterInput], stages: list[Stage], settings: Settings,
    extractive: Callable[[ClusterInput], LabelAnswer], report: LabelReport,
) -> None:
    llm = settings.llm
    hashes = {c.cluster_id: input_hash(c, llm.language, stages, llm.max_ticket_chars) for c in clusters}
    with open_session() as conn:
        cached = cached_label_ids(conn, "extractive", EXTRACTIVE_MODEL, PROMPT_VERSION, list(hashes.values()))
    keys = {c.cluster_id: (c.cluster_id, hashes[c.cluster_id]) for c in clusters}
    reused = [(cid, cached[key], "budget") for cid, key in keys.items() if key in cached]
    if reused:
        with open_session() as conn:
            store_reused(conn, run_id, reused)
        report.reasons["budget"] = report.reasons.get("budget", 0) + len(reused)
    fresh = [label_extractively(c, stages, llm.language, extractive, max_ticket_chars=llm.max_ticket_chars)
             for c in clusters if keys[c.cluster_id] not in cached]
    _store(open_session, run_id, fresh, {c.cluster_id: c for c in clusters}, "budget", report)


def _store(
    open_session: OpenSession, run_id: str, labels: list[GeneratedLabel], inputs: dict[str, ClusterInput], reason: str,
    report: LabelReport,
) -> None:
    if not labels:
        return
    with open_session() as conn:
        store_generated(conn, run_id, [(label, inputs[label.cluster_id].member_ticket_ids, reason) for label in labels])
    report.reasons[reason] = report.reasons.get(reason, 0) + len(labels)
    if report.on_label:
        report.on_label(len(labels))
    for label in labels:
        if label.fallback:
            report.fallback += 1
            if len(report.errors) < 5 and label.error:
                report.errors.append(f"{label.cluster_id}: {label.error[:300]}")
        if label.provider != "extractive" or label.fallback:
            report.model_seconds += (label.latency_ms or 0.0) / 1000
            report.completion_tokens += label.completion_tokens or 0
