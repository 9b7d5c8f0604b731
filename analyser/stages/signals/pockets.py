"""Recent pockets: new pain found around the new tickets themselves, then gathered into one cluster.

A weak signal that rewords a big existing topic lands inside that topic's cluster, where the
cluster's own rate hardly moves; a fresh one is often split over small clusters or left as noise,
because nightly runs map new tickets into a UMAP fit that never saw their topic. Around the new
tickets themselves, though, almost every neighbour is recent. `find_recent_pockets` finds those
groups in the embedding space; `gather_pockets` makes each one a single cluster, so that the signal
is scored, labelled and reviewed as one thing instead of being diluted over five clusters.

Pure: arrays in, arrays out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from analyser.config import SignalSettings
from analyser.stages.cluster import NOISE, Clustering, centroids, renumber_by_size
from analyser.stages.signals.growth import GrowthCalibration, GrowthRegion, GrowthScan, scan_growth
from analyser.stages.signals.measures import windows_for

__all__ = [
    "GatheredGroup", "Gathering", "Neighbourhood", "PlacedPocket", "RecentPocket", "find_recent_pockets", "gather_pockets",
    "gather_recent_pockets", "nearest_by_cosine", "pockets_in", "recent_neighbourhood", "unplaced",
]


@dataclass(frozen=True)
class RecentPocket:
    """Recent tickets packed together, with mostly recent neighbours: new pain, clustered or not."""

    rows: list[int]  # indices into the run's tickets
    recent_share: float  # mean share of recent tickets among the members' nearest neighbours
    growth: GrowthRegion | None = None  # set for a growing slice found by the local growth test (growth.py)


@dataclass(frozen=True)
class PlacedPocket:
    """A pocket after gathering: the cluster label its tickets now share, and where the clustering had put them."""

    rows: list[int]
    recent_share: float
    label: int | None  # the cluster gathering it (all its tickets, unless another followed group had some); None: gathering off
    drawn_from: list[tuple[int, int]]  # (label after gathering of the cluster that held them, or NOISE; how many), most first
    growth: GrowthRegion | None = None  # a growing slice (growth.py), not a pocket of mostly recent tickets


@dataclass(frozen=True)
class Neighbourhood:
    """The recent tickets and their nearest neighbours (cosine, embeddings): what pockets and following both read."""

    recent: np.ndarray  # bool per ticket: in the signals' recent window
    rows: np.ndarray  # the recent tickets' rows
    neighbours: np.ndarray  # (len(rows), k): each recent ticket's k nearest tickets, nearest first, itself excluded
    pocket_neighbours: int = 15  # how many of them pockets and followed groups read (the growth test reads them all)

    def nearest(self, k: int) -> np.ndarray:
        """Each recent ticket's `k` nearest tickets (pockets read fewer than the growth test)."""
        return self.neighbours[:, :k]


@dataclass(frozen=True)
class GatheredGroup:
    """Tickets gathered into one cluster this run: a pocket, or a group followed since an earlier run (with what joined it)."""

    rows: np.ndarray
    label: int  # the cluster they are in
    drawn_out: bool  # drawn out of the clustering's own clusters into a cluster of its own (else: joined the one holding it)


@dataclass(frozen=True)
class Gathering:
    """The clustering after gathering, the run's pockets placed, and the groups the next run follows."""

    clustering: Clustering
    pockets: list[PlacedPocket]
    groups: list[GatheredGroup]  # all active: each holds at least one recent ticket
    calibration: GrowthCalibration | None = None  # what date shuffles say (None: too little history or too few tickets)

    @property
    def drawn_out(self) -> frozenset[int]:
        """Labels of the clusters drawn out of the clustering's own."""
        return frozenset(group.label for group in self.groups if group.drawn_out)


def recent_neighbourhood(days: Sequence[date], vectors: np.ndarray, settings: SignalSettings) -> Neighbourhood | None:
    """Each recent ticket's nearest tickets, enough for the pockets (`pocket_neighbours`) and the growth test (the largest of
    `growth_scales`, capped by the number of tickets); None when there are too few tickets to look."""
    if not len(days) or len(vectors) <= settings.pocket_neighbours:
        return None
    k = min(max(settings.pocket_neighbours, *settings.growth_scales), len(vectors) - 1)
    win = windows_for(days, settings)
    recent = np.fromiter((day >= win.recent_start for day in days), dtype=bool, count=len(days))
    rows = np.flatnonzero(recent)
    return Neighbourhood(recent, rows, nearest_by_cosine(vectors, rows, k), min(settings.pocket_neighbours, k))


def find_recent_pockets(
    days: Sequence[date], customers: Sequence[str | None], vectors: np.ndarray, settings: SignalSettings
) -> list[RecentPocket]:
    """Groups of recent tickets whose nearest neighbours are mostly recent too, whatever cluster they fall in.

    A recent ticket with at least `pocket_min_recent_share` recent tickets among its `pocket_neighbours`
    nearest is dense-recent; dense-recent tickets that are each other's neighbours are linked, and
    linked groups from at least `pocket_min_tickets` distinct customers (a ticket without a customer
    counts as one) are pockets: one customer writing six times is a repeat contact, not a pocket.
    "Recent" is the signals' recent window (`recent_days`, ending at the newest ticket).

    Neighbours are found by cosine similarity of the embeddings, not in the UMAP space: on nightly
    runs new tickets are mapped into the stored UMAP fit, which places a new topic among the old
    topics nearest to it (measured at 413 tickets a day: a planted issue's 15 nearest neighbours
    were 0 % planted in the UMAP space, 100 % in the embedding space).
    """
    return pockets_in(recent_neighbourhood(days, vectors, settings), customers, settings)


def pockets_in(hood: Neighbourhood | None, customers: Sequence[str | None], settings: SignalSettings) -> list[RecentPocket]:
    """The pockets of a neighbourhood (`find_recent_pockets` does both steps)."""
    if hood is None or len(hood.rows) < settings.pocket_min_tickets:
        return []
    k = hood.pocket_neighbours
    nearest = hood.nearest(k)
    shares = hood.recent[nearest].mean(axis=1)
    dense = shares >= settings.pocket_min_recent_share
    members, member_shares = hood.rows[dense], shares[dense]
    if not len(members):
        return []
    position = np.full(len(hood.recent), -1)
    position[members] = np.arange(len(members))
    linked = position[nearest[dense]].ravel()  # each dense ticket's neighbours that are dense too (-1: not)
    source = np.repeat(np.arange(len(members)), k)
    edge = linked >= 0
    graph = coo_matrix((np.ones(int(edge.sum())), (source[edge], linked[edge])), shape=(len(members), len(members)))
    _, component = connected_components(graph, directed=False)
    pockets = []
    for label in np.flatnonzero(np.bincount(component) >= settings.pocket_min_tickets):  # smaller ones cannot have enough customers
        group = members[component == label]
        if _distinct_customers(group, customers) >= settings.pocket_min_tickets:
            pockets.append(RecentPocket(group.tolist(), float(member_shares[component == label].mean())))
    pockets.sort(key=lambda p: (-len(p.rows), p.rows[0]))
    return pockets


def gather_recent_pockets(
    clustering: Clustering, ticket_ids: Sequence[str], days: Sequence[date], customers: Sequence[str | None],
    vectors: np.ndarray, followed: Sequence[frozenset[str]], settings: SignalSettings, fixed: np.ndarray | None = None,
) -> Gathering:
    """A run's whole step: find its recent pockets and its growing slices (growth.py, which also calibrates the night's
    emerging alerts) and, unless `pocket_gather` is off, gather them, following the groups (ticket ids) the previous
    run gathered. The nightly pipeline and the signal benches call this.
    With less history than `min_history_days` there are neither: most tickets are recent, so they would be chance.
    `fixed`: rows a reviewer placed (guided clustering); gathering never moves them."""
    if not len(days) or windows_for(days, settings).history_too_short(settings):
        return Gathering(clustering, [], [])
    hood = recent_neighbourhood(days, vectors, settings)
    pockets = pockets_in(hood, customers, settings)
    calibration = None
    if hood is not None and len(hood.rows):
        scan = _scan(days, hood, customers, clustering.labels, settings)
        calibration = scan.calibration
        pockets = pockets + [RecentPocket(region.rows.tolist(), float(hood.recent[region.rows].mean()), region) for region in scan.regions
                             if _distinct_customers(region.rows[hood.recent[region.rows]], customers) >= settings.pocket_min_tickets]
    if not settings.pocket_gather:
        return Gathering(clustering, unplaced(pockets, clustering.labels), [], calibration)
    row_of = {ticket_id: row for row, ticket_id in enumerate(ticket_ids)}
    groups = [[row_of[ticket] for ticket in sorted(tickets) if ticket in row_of] for tickets in followed]
    gathering = gather_pockets(clustering, pockets, vectors, settings.pocket_home_share, followed=groups, hood=hood, fixed=fixed)
    return replace(gathering, calibration=calibration)


def _scan(days: Sequence[date], hood: Neighbourhood, customers: Sequence[str | None], labels: np.ndarray, settings: SignalSettings) -> GrowthScan:
    """The growth test over the recent tickets, at most `growth_max_centres` of them, evenly spread."""
    step = max(1, -(-len(hood.rows) // settings.growth_max_centres))
    return scan_growth(days, hood.neighbours[::step], hood.rows[::step], labels, settings)


def _distinct_customers(rows: np.ndarray, customers: Sequence[str | None]) -> int:
    """Distinct customers among these tickets (a ticket without a customer counts as one): six tickets of one customer
    are a repeat contact, not a pocket nor growth."""
    return len({customers[row] or f"#{row}" for row in rows.tolist()})


def gather_pockets(
    clustering: Clustering, pockets: Sequence[RecentPocket], vectors: np.ndarray, home_share: float,
    followed: Sequence[Sequence[int]] = (), hood: Neighbourhood | None = None, fixed: np.ndarray | None = None,
) -> Gathering:
    """Put each pocket's tickets in one cluster, and keep together the groups gathered by earlier runs.

    `followed`: the tickets of the groups the previous run gathered (`Gathering.groups`). Each
    followed group keeps its tickets, takes the recent tickets whose nearest neighbours (`hood`) are
    mostly its members (a new ticket of an issue the UMAP fit never saw lands among old topics, but
    its neighbours are the issue's tickets), and takes any pocket that overlaps it. A group is followed
    while it is active: once none of its tickets is recent (the issue went quiet for `recent_days`) it
    is released, and its tickets stay where the clustering puts them. So a weak signal stays one
    cluster, with one id, after its first tickets stop being recent, even on nights when the
    clustering would split it again.

    Each group (followed group, or pocket) then goes into one cluster. When the cluster holding most
    of its tickets is itself mostly that group (at least `home_share` of it), the clustering already
    sees it: its strays (other clusters, noise) join that cluster. Otherwise the group is drawn out
    into a cluster of its own. Gathered tickets get, as membership strength, their cosine similarity
    to the centroid of the cluster they are in (as reassigned noise); labels are then renumbered by
    size, as HDBSCAN's are.
    """
    before = clustering.labels
    groups = _groups(len(before), pockets, followed, hood)
    if fixed is not None:  # a reviewer's placement wins over gathering
        groups = [rows[~fixed[rows]] for rows in groups]
        groups = [rows for rows in groups if len(rows)]
    if not groups:
        return Gathering(clustering, [], [])
    labels = before.copy()
    gathered = np.zeros(len(labels), dtype=bool)
    drawn = []
    for rows in groups:
        held = Counter(int(label) for label in before[rows] if label != NOISE).most_common(1)
        home = held[0][0] if held else NOISE
        dominated = home != NOISE and held[0][1] >= home_share * int((before == home).sum())
        labels[rows] = home if dominated else int(labels.max()) + 1
        drawn.append(not dominated)
        gathered[rows] = True
    labels = renumber_by_size(labels)
    centres = centroids(labels, vectors)
    unit = vectors[gathered] / np.maximum(np.linalg.norm(vectors[gathered], axis=1, keepdims=True), 1e-12)
    strength = clustering.probabilities.copy()
    strength[gathered] = np.einsum("ij,ij->i", unit, np.stack([centres[int(label)] for label in labels[gathered]]))
    result = replace(clustering, labels=labels, probabilities=np.clip(strength, 0.0, 1.0),
                     reassigned=clustering.reassigned & ~gathered)
    return Gathering(
        result, [_placed(pocket, before, labels, gathered) for pocket in pockets],
        [GatheredGroup(rows, int(labels[rows[0]]), out) for rows, out in zip(groups, drawn)],
    )


def unplaced(pockets: Sequence[RecentPocket], labels: np.ndarray) -> list[PlacedPocket]:
    """Pockets left where the clustering put them (gathering turned off)."""
    return [
        PlacedPocket(pocket.rows, pocket.recent_share, None,
                     Counter(int(label) for label in labels[np.asarray(pocket.rows)]).most_common(), pocket.growth)
        for pocket in pockets
    ]


def _groups(
    size: int, pockets: Sequence[RecentPocket], followed: Sequence[Sequence[int]], hood: Neighbourhood | None,
) -> list[np.ndarray]:
    """Active followed groups grown by their recent neighbours and by the pockets they overlap, then the other pockets.

    A recent ticket joins the followed group holding more than half of its nearest neighbours. A
    pocket overlapping followed groups joins the one it overlaps most (tickets already in another
    followed group stay there). A followed group left without any recent ticket is released."""
    owner = np.full(size, -1)
    for index, rows in enumerate(followed):
        owner[np.asarray(rows, dtype=np.int64)] = index
    if followed and hood is not None and len(hood.rows):
        nearest = hood.nearest(hood.pocket_neighbours)
        k = nearest.shape[1]
        free = owner[hood.rows] < 0
        votes = owner[nearest[free]]  # (free recent tickets, k): the followed group of each neighbour, -1 none
        for index in range(len(followed)):
            joins = (votes == index).sum(axis=1) * 2 > k
            owner[hood.rows[free][joins]] = index
    extra = []
    for pocket in pockets:
        rows = np.asarray(pocket.rows)
        overlap = Counter(int(index) for index in owner[rows] if index >= 0).most_common(1)
        if overlap:
            target = overlap[0][0]
        else:
            target = len(followed) + len(extra)
            extra.append(target)
        owner[rows[owner[rows] < 0]] = target
    recent = hood.recent if hood is not None else np.zeros(size, dtype=bool)
    groups = [np.flatnonzero(owner == index) for index in range(len(followed) + len(extra))]
    return [rows for index, rows in enumerate(groups) if index >= len(followed) or recent[rows].any()]  # pockets are recent


def _placed(pocket: RecentPocket, before: np.ndarray, after: np.ndarray, gathered: np.ndarray) -> PlacedPocket:
    """Where the clustering had put a pocket's tickets, named by the labels those clusters have after gathering."""
    rows = np.asarray(pocket.rows)
    label = Counter(int(value) for value in after[rows]).most_common(1)[0][0]
    drawn: Counter[int] = Counter()
    for old, count in Counter(int(value) for value in before[rows]).items():
        if old == NOISE:
            drawn[NOISE] += count
            continue
        rest = after[(before == old) & ~gathered]  # what is left of that cluster
        drawn[int(Counter(rest.tolist()).most_common(1)[0][0]) if len(rest) else label] += count
    return PlacedPocket(pocket.rows, pocket.recent_share, label, drawn.most_common(), pocket.growth)


def nearest_by_cosine(vectors: np.ndarray, rows: np.ndarray, k: int, chunk: int = 128) -> np.ndarray:
    """The `k` most cosine-similar tickets to each of `rows` (itself excluded), exact, in chunks of bounded memory
    (`chunk` x all tickets similarities and their sort indices at a time: about 150 MB at 100,000 tickets)."""
    norms = np.linalg.norm(vectors, axis=1)
    norms[norms == 0] = 1.0
    result = np.empty((len(rows), k), dtype=np.int64)
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        similarity = vectors[part] @ vectors.T  # a row's own norm does not change its order
        similarity /= norms
        similarity[np.arange(len(part)), part] = -np.inf
        top = np.argpartition(similarity, -k, axis=1)[:, -k:]
        order = np.argsort(-np.take_along_axis(similarity, top, axis=1), axis=1, kind="stable")
        result[start:start + len(part)] = np.take_along_axis(top, order, axis=1)
    return result
