"""The nightly batch: one run id, stages in order, one writer.

ingest -> clean + redact -> embed (cached) -> reduce + cluster -> guidance (review decisions, analyser/stages/guide.py)
-> gather recent pockets -> describe -> stable identities -> signals -> write -> label -> publish.
Long stages hold no database connection. `write` stores the results in one short transaction but
unpublished; `label` titles them (analyser/stages/label/run.py); `publish` makes clusters, signals and
labels visible to readers at once. Until then readers see the previous complete run, and a run that
fails or is killed changes nothing they see; what it computed that is worth keeping (ingested
tickets, embeddings, the map fit, the label cache) is reused by the next run.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from analyser.config import Settings
from analyser.db import OpenSession, opener, transaction
from analyser.errors import ConfigError
from analyser.lock import run_lock
from analyser.numba_cache import enable_numba_cache
from analyser.progress import ProgressReporter
from analyser.queries import runs as queries
from analyser.review.guidance import Guidance
from analyser.review.service import guidance as review_guidance
from analyser.runs import RunRecord, close_interrupted_runs, code_version, failure_recorded, recorded_run
from analyser.stages.cluster import NOISE, Clustering, centroids, label_tickets, pca_2d
from analyser.stages.cluster_store import (
    ClusterRow,
    RunResults,
    issued_cluster_ids,
    previous_gathered_groups,
    previous_members,
    publish_run_results,
    write_run_results,
)
from analyser.stages.describe import cluster_keywords, representatives
from analyser.stages.embed import build_embedder
from analyser.stages.embed_store import TicketVectors, embed_missing, load_ticket_vectors
from analyser.stages.guide import TicketGuidance, apply_guidance, group_labels, umap_targets
from analyser.stages.identity import IdentityResult, NewCluster, PreviousCluster, assign_identities, lineage_counts
from analyser.stages.ingest import FileReport
from analyser.stages.ingest_store import ingest_recipe, ingest_source, open_sources
from analyser.stages.label.prompt import ChatProvider
from analyser.stages.label.providers import build_chat_provider
from analyser.stages.label.run import LabelReport, label_run
from analyser.stages.redact import RedactionRules, compile_rules
from analyser.stages.reduce import apply_reduction, fit_reduction, needs_refit, reduction_key
from analyser.stages.reduce_store import decode_fit, latest_fit_rows, store_coordinates, store_fit
from analyser.stages.signals.components import SIGNAL_FLAGS
from analyser.stages.signals.pockets import Gathering, gather_recent_pockets
from analyser.stages.signals.run import RunSignals, TicketAttributes, build_run_signals
from analyser.stages.signals.store import load_ticket_attributes, write_signals
from analyser.stages.sources import SourceFile

log = logging.getLogger("analyser")


@dataclass(frozen=True)
class JobResult:
    run_id: str
    status: str
    files: list[FileReport]
    counts: dict[str, Any] = field(default_factory=dict)

    @property
    def quarantined(self) -> int:
        return sum(report.quarantined_total for report in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "status": self.status, "files": [report.as_dict() for report in self.files],
                **{key: value for key, value in self.counts.items() if key != "files"}}


class StageTimer:
    """Seconds per stage, for the run record. `stop_after` (runs.fault_stop_after, a testing hook) names the stage
    after which the process kills itself, as a crash would, so tests can see what a killed run leaves."""

    def __init__(self, stop_after: str | None = None) -> None:
        self.seconds: dict[str, float] = {}
        self.stop_after = stop_after

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = round(time.perf_counter() - started, 3)
        if stage == self.stop_after:
            log.warning("runs.fault_stop_after = %r: killing this run now (testing hook)", stage)
            os.kill(os.getpid(), signal.SIGKILL)


def ingest_job(paths: Sequence[Path], settings: Settings, progress: ProgressReporter, command: str = "ingest") -> JobResult:
    """Ingest files under one recorded run. Unreadable files stop the job before the database is touched."""
    sources = open_sources(paths, settings.ingest)
    rules = compile_rules(settings.redaction.kinds, settings.redaction.custom_patterns)
    with run_lock(settings.database, command):
        open_session = opener(settings)
        with open_session() as conn:
            close_interrupted_runs(conn)
        with recorded_run(open_session, command, settings) as run:
            reports = _ingest(open_session, sources, settings, rules, run, progress)
            run.counts = _ingest_counts(reports)
            run.status = "partial" if run.counts["quarantined"] else run.status
    return JobResult(run.run_id, run.status, reports, run.counts)


def run_nightly(settings: Settings, progress: ProgressReporter, *, force: bool = False) -> JobResult:
    """`analyser run`: ingest the configured sources, then embed, cluster and track identities.

    When nothing changed since the last complete run its results stand and the run ends after ingest (`force` redoes all)."""
    if not settings.ingest.sources:
        raise ConfigError(
            "no input configured for `analyser run`. Fix: list your export files under [ingest] sources "
            "in analyser.toml, or use `analyser ingest FILE`."
        )
    open_session = opener(settings)
    with failure_recorded(open_session, "run", settings):  # a missing export on a scheduled night shows in `status`
        sources = open_sources(settings.ingest.sources, settings.ingest)
        rules = compile_rules(settings.redaction.kinds, settings.redaction.custom_patterns)
        embedder = build_embedder(settings.embedding.model, settings.embedding.model_path)
        chat = build_chat_provider(settings.llm, os.environ)  # a missing API key or llama-cpp fails here, before any work
    with run_lock(settings.database, "run"):
        with open_session() as conn:
            close_interrupted_runs(conn)
        with recorded_run(open_session, "run", settings) as run:
            timer = StageTimer(settings.runs.fault_stop_after)
            with timer("ingest"):
                reports = _ingest(open_session, sources, settings, rules, run, progress)
            run.counts = _ingest_counts(reports)
            with timer("embed"), progress.counter(f"embed ({embedder.model_id})") as advance:
                newly_embedded = embed_missing(
                    open_session, embedder, chunk_size=settings.embedding.chunk_size,
                    max_chars=settings.embedding.max_input_chars, on_chunk=advance,
                )
            with open_session() as conn:
                guidance = review_guidance(conn, settings) if settings.clustering.guidance else Guidance()
            standing = None if force else _results_standing(
                open_session, run.counts, newly_embedded, settings, embedder.model_id, guidance.digest(),
            )
            if standing is not None:  # nothing new since the last complete run: its results stand, nothing to redo
                run.counts.update(
                    nothing_new=True, results_of=standing["run_id"], tickets=standing["tickets"], clusters=standing["clusters"],
                    unclustered=standing["unclustered"], newly_embedded=0, seconds=timer.seconds,
                )
                run.status = "partial" if run.counts["quarantined"] else run.status
                log.info("nothing new since run %s: its results stand", standing["run_id"])
                return JobResult(run.run_id, run.status, reports, run.counts)
            with timer("load"), open_session() as conn:
                data = load_ticket_vectors(conn, embedder.model_id, settings.embedding.max_input_chars)
                previous_tickets = previous_members(conn)
                followed = previous_gathered_groups(conn)
                issued = issued_cluster_ids(conn)
                attributes = _aligned(load_ticket_attributes(conn), data.ticket_ids)
                guide = TicketGuidance.of(guidance, data.ticket_ids)
            with timer("reduce"):
                reduced, layout, refitted = _reduce(open_session, data, settings, embedder.model_id, run.run_id, guide)
            with timer("cluster"):
                clustering = label_tickets(reduced, data.vectors, layout, settings.clustering)
                guided = apply_guidance(clustering, data.vectors, guide, settings.clustering.min_cluster_size)
                clustering = guided.clustering
            with timer("pockets"):
                gathering = gather_recent_pockets(
                    clustering, data.ticket_ids, [moment.date() for moment in data.created_at], attributes.customers,
                    data.vectors, followed, settings.signals, fixed=guide.fixed,
                )
                clustering = gathering.clustering
            with timer("describe"):
                keywords = cluster_keywords(data.texts, clustering.labels, settings.clustering.keywords)
                chosen = representatives(clustering.labels, data.vectors, data.texts, settings.clustering.representatives)
            with timer("identity"):
                identity = assign_identities(
                    _previous_clusters(previous_tickets, data), _new_clusters(data, clustering),
                    existing_ids=issued, settings=settings.identity,
                    current_ticket_ids=frozenset(data.ticket_ids), claimed=group_labels(clustering.labels, guide),
                )
            results = _run_results(run.run_id, embedder.model_id, data, clustering, keywords, chosen, identity, gathering)
            with timer("signals"):
                signals = build_run_signals(
                    run.run_id, settings, embedder, attributes, data.created_at,
                    results.cluster_of_ticket, data.vectors, results.clusters,
                    no_ancestor={e.cluster_id for e in identity.events if e.event == "new"} if previous_tickets else None,
                    pockets=gathering.pockets, stable_ids=identity.stable_ids, calibration=gathering.calibration,
                )
            with timer("write"), open_session() as conn:
                write_run_results(
                    conn, results, settings.runs.keep_assignment_runs,
                    also_write=(lambda c: write_signals(c, signals)) if signals else None, publish=False,
                )
            with timer("label"):
                labels = _label(
                    open_session, run.run_id, settings, chat, embedder, data, clustering, identity, progress,
                    order=[s.cluster_id for s in sorted(signals.clusters, key=lambda s: s.rank)] if signals else None,
                )
            with timer("publish"), open_session() as conn:
                publish_run_results(conn, results, settings.runs.keep_assignment_runs)
            if settings.digest.after_run:
                with timer("digest"):
                    run.counts["digest"] = send_digest(open_session, settings)
            run.counts.update(
                tickets=len(data.ticket_ids), newly_embedded=newly_embedded, clusters=len(results.clusters),
                unclustered=sum(cluster is None for cluster in results.cluster_of_ticket),
                signals=_signal_counts(signals), labels=labels.as_dict(),
                lineage=lineage_counts(identity.events), umap_refitted=refitted, seconds=timer.seconds,
                guidance={**guidance.counts(), "digest": guidance.digest(), "tickets_moved": guided.moved},
            )
            run.status = "partial" if run.counts["quarantined"] else run.status
    return JobResult(run.run_id, run.status, reports, run.counts)


def send_digest(open_session: OpenSession, settings: Settings) -> list[dict[str, Any]]:
    """The briefing of the last complete run to every [digest] channel; failures are logged and returned, never raised."""
    from analyser import views
    from analyser.digest import Delivery, deliver

    digest = settings.digest
    try:
        found = views.briefing(open_session, settings, digest.since_days, digest.language or settings.app.language, settings.app.base_url)
    except Exception as exc:  # noqa: BLE001 - the run's results stand whatever the briefing does
        log.warning("digest: the briefing could not be built: %s", exc)
        return [Delivery("briefing", False, f"the briefing could not be built: {exc}").as_dict()]
    return [result.as_dict() for result in deliver(found, digest, os.environ)] if found is not None else []


def _results_standing(
    open_session: OpenSession, counts: dict[str, Any], newly_embedded: int, settings: Settings, model_id: str,
    guidance_digest: str,
) -> dict[str, Any] | None:
    """The last complete run when nothing it depends on changed since: no ticket ingested, edited or embedded, the same
    settings, code version, model and review guidance. Its clusters, signals and labels would come out the same."""
    if counts["inserted"] or counts["updated"] or newly_embedded:
        return None
    with open_session() as conn:
        last = queries.last_complete_run(conn)
        made_from = queries.changes_since(conn, last["run_id"]) if last else None
    if last is None or made_from is None or last["model_id"] != model_id:
        return None
    same_inputs = made_from["tickets"] == last["tickets"] and made_from["changed_since"] == 0
    same_recipe = _recipe(made_from["settings"]) == _recipe(json.loads(json.dumps(settings.public_dict())))
    same_guidance = (made_from["counts"].get("guidance") or {}).get("digest", Guidance().digest()) == guidance_digest
    return last if same_inputs and same_recipe and same_guidance and made_from["code_version"] == code_version() else None


# Settings that change where the file is, what a person sees or may do, not what a run computes: changing them redoes nothing.
_NOT_RESULTS = ("database", "app", "export", "review", "runs", "digest")


def _recipe(public_settings: dict[str, Any] | None) -> dict[str, Any]:
    return {key: value for key, value in (public_settings or {}).items() if key not in _NOT_RESULTS}


def _label(
    open_session: OpenSession, run_id: str, settings: Settings, chat: ChatProvider | None, embedder: Any,
    data: TicketVectors, clustering: Clustering, identity: IdentityResult, progress: ProgressReporter,
    order: Sequence[str] | None = None,
) -> LabelReport:
    """Titles and summaries for this run's clusters; `order`: most important cluster ids first (weak-signal score)."""
    chosen = representatives(clustering.labels, data.vectors, data.texts, settings.llm.representatives)
    reps = {identity.stable_ids[label]: [data.ticket_ids[index] for index in indices] for label, indices in chosen.items()}
    with progress.counter(f"label ({chat.provider if chat else 'extractive'})", total=len(reps)) as advance:
        return label_run(
            open_session, run_id, settings, chat, embed=embedder.embed, order=order, representatives=reps, on_label=advance,
        )


def _ingest(
    open_session: OpenSession, sources: list[SourceFile], settings: Settings, rules: RedactionRules,
    run: RunRecord, progress: ProgressReporter,
) -> list[FileReport]:
    reports = []
    recipe = ingest_recipe(settings.ingest, settings.redaction, code_version())
    for source in sources:
        with progress.counter(f"ingest {source.path.name}") as advance:
            reports.append(
                ingest_source(
                    open_session, source, settings.ingest, rules, keep_raw_text=settings.redaction.keep_raw_text,
                    run_id=run.run_id, on_row=advance, recipe=recipe,
                )
            )
    return reports


def _ingest_counts(reports: list[FileReport]) -> dict[str, Any]:
    totals = {key: sum(getattr(report, key) for report in reports) for key in ("read", "inserted", "updated", "unchanged")}
    return {**totals, "quarantined": sum(report.quarantined_total for report in reports),
            "files": [report.as_dict() for report in reports]}


def _reduce(
    open_session: OpenSession, data: TicketVectors, settings: Settings, model_id: str, run_id: str, guide: TicketGuidance,
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Reduced and 2-D coordinates for every ticket: reuse the stored fit, or refit (guided by the reviewed tickets)
    when it is stale."""
    clustering = settings.clustering
    if len(data.ticket_ids) < 2 * clustering.min_cluster_size:
        return np.zeros((len(data.ticket_ids), clustering.umap_components), dtype=np.float32), pca_2d(data.vectors), False
    enable_numba_cache(settings.database.parent / ".analyser-cache" / "numba")
    key = reduction_key(clustering, model_id)
    with open_session() as conn:
        stored_rows = latest_fit_rows(conn, key)
    stored = decode_fit(stored_rows) if stored_rows else None  # unpickling UMAP takes seconds: no connection held
    known = stored.coordinates if stored else {}
    unseen = [index for index, text_hash in enumerate(data.text_hashes) if text_hash not in known]
    targets = umap_targets(guide)
    guided = int((targets >= 0).sum()) if clustering.guidance else 0
    if needs_refit(stored.reduction if stored else None, key, len(unseen), len(data.text_hashes), clustering.refit_new_share,
                   guided, clustering.guidance_weight):
        reduction, reduced, layout = fit_reduction(data.vectors, clustering, key, targets)
        with open_session() as conn, transaction(conn):
            store_fit(conn, run_id, reduction, len(data.ticket_ids))
            store_coordinates(conn, run_id, *_unique(data.text_hashes, reduced, layout))
        return reduced, layout, True
    reduced = np.empty((len(data.ticket_ids), clustering.umap_components), dtype=np.float32)
    layout = np.empty((len(data.ticket_ids), 2), dtype=np.float32)
    for index, text_hash in enumerate(data.text_hashes):
        if text_hash in known:
            reduced[index], layout[index, 0], layout[index, 1] = known[text_hash]
    if unseen:
        reduced[unseen], layout[unseen] = apply_reduction(stored.reduction, data.vectors[unseen])
        with open_session() as conn:
            store_coordinates(conn, stored.fit_id, *_unique([data.text_hashes[i] for i in unseen], reduced[unseen], layout[unseen]))
    return reduced, layout, False


def _unique(text_hashes: list[str], reduced: np.ndarray, layout: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
    """One row per text hash (identical texts share coordinates)."""
    first = {}
    for index, text_hash in enumerate(text_hashes):
        first.setdefault(text_hash, index)
    rows = list(first.values())
    return list(first), reduced[rows], layout[rows]


def _previous_clusters(members: dict[str, frozenset[str]], data: TicketVectors) -> list[PreviousCluster]:
    """Last run's clusters with centroids recomputed from tonight's vectors of their tickets (zero if none is left)."""
    row_of = {ticket_id: row for row, ticket_id in enumerate(data.ticket_ids)}
    dimension = data.vectors.shape[1] if data.vectors.ndim == 2 and len(data.vectors) else 1
    clusters = []
    for cluster_id, tickets in members.items():
        rows = [row_of[ticket_id] for ticket_id in tickets if ticket_id in row_of]
        centre = data.vectors[rows].mean(axis=0) if rows else np.zeros(dimension, dtype=np.float32)
        clusters.append(PreviousCluster(cluster_id, tickets, centre))
    return clusters


def _new_clusters(data: TicketVectors, clustering: Clustering) -> list[NewCluster]:
    ids = np.array(data.ticket_ids, dtype=object)
    centres = centroids(clustering.labels, data.vectors)
    return [
        NewCluster(label, frozenset(ids[clustering.labels == label].tolist()), centres[label])
        for label in clustering.cluster_labels
    ]


def _run_results(
    run_id: str, model_id: str, data: TicketVectors, clustering: Clustering,
    keywords: dict[int, list[str]], chosen: dict[int, list[int]], identity: IdentityResult, gathering: Gathering,
) -> RunResults:
    centres = centroids(clustering.labels, data.vectors)
    created = np.array(data.created_at, dtype="datetime64[us]")
    rows = []
    for label in clustering.cluster_labels:
        members = clustering.labels == label
        centre_xy = clustering.layout[members].mean(axis=0)
        rows.append(
            ClusterRow(
                cluster_id=identity.stable_ids[label], size=int(members.sum()),
                reassigned=int((members & clustering.reassigned).sum()), keywords=keywords.get(label, []),
                representative_ticket_ids=[data.ticket_ids[index] for index in chosen.get(label, [])],
                centroid=centres[label], x=float(centre_xy[0]), y=float(centre_xy[1]),
                first_ticket_at=created[members].min().item(), last_ticket_at=created[members].max().item(),
                gathered=label in gathering.drawn_out,
            )
        )
    rows.sort(key=lambda row: row.cluster_id)
    issued_now = {event.cluster_id for event in identity.events if event.event in ("new", "split")}
    return RunResults(
        run_id=run_id, model_id=model_id, clusters=rows, ticket_ids=data.ticket_ids,
        cluster_of_ticket=[identity.stable_ids[int(label)] if label != NOISE else None for label in clustering.labels],
        probabilities=clustering.probabilities, reassigned=clustering.reassigned, layout=clustering.layout,
        lineage=list(identity.events), new_ids=sorted(issued_now),
        gathered_groups=[(identity.stable_ids[group.label], group.drawn_out, [data.ticket_ids[row] for row in group.rows])
                         for group in gathering.groups],
    )


def _aligned(attributes: TicketAttributes, ticket_ids: list[str]) -> TicketAttributes:
    """The attributes in the vectors' order (a ticket without a vector, e.g. an empty text, is left out)."""
    if attributes.ticket_ids == ticket_ids:
        return attributes
    row_of = {ticket_id: row for row, ticket_id in enumerate(attributes.ticket_ids)}
    rows = [row_of[ticket_id] for ticket_id in ticket_ids]
    pick = lambda values: [values[row] for row in rows]  # noqa: E731
    return TicketAttributes(
        ticket_ids=list(ticket_ids), categories=pick(attributes.categories), customers=pick(attributes.customers),
        channels=pick(attributes.channels), products=pick(attributes.products), satisfaction=pick(attributes.satisfaction),
        texts=pick(attributes.texts),
    )


def _signal_counts(signals: RunSignals | None) -> dict[str, int]:
    if signals is None:
        return {}
    clusters = signals.clusters
    flagged = {flag.removeprefix("is_"): sum(s.flags[flag] for s in clusters) for flag in SIGNAL_FLAGS}
    return {**flagged, "noise_groups": len(signals.noise), "recent_pockets": len(signals.pockets)}
