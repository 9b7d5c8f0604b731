"""What a person reads first about a cluster: its keywords (class-based TF-IDF) and representative tickets."""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
from scipy import sparse

NOISE = -1
_PLACEHOLDER = re.compile(r"<[A-Z_]+>")
# words of 2+ letters (accents included), digits alone are not keywords
_TOKEN = r"(?u)\b[^\W\d_][^\W\d_'’-]+\b"


@lru_cache(maxsize=1)
def keyword_stop_words() -> frozenset[str]:
    """French and English stop words (stop-words package) plus ticket filler words (editable resource file)."""
    from stop_words import get_stop_words

    extra = resources.files("analyser.resources").joinpath("keyword_stopwords.txt").read_text(encoding="utf-8")
    words = {line.strip().lower() for line in extra.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(get_stop_words("french")) | frozenset(get_stop_words("english")) | words


def cluster_keywords(texts: Sequence[str], labels: np.ndarray, top_n: int = 10) -> dict[int, list[str]]:
    """Top words and two-word phrases per cluster by class-based TF-IDF (BERTopic's c-TF-IDF)."""
    from sklearn.feature_extraction.text import CountVectorizer

    keys = sorted(int(label) for label in np.unique(labels) if label != NOISE)
    if not keys:
        return {}
    mask = labels != NOISE
    documents = [_PLACEHOLDER.sub(" ", text) for text, keep in zip(texts, mask) if keep]
    vectorizer = CountVectorizer(
        ngram_range=(1, 2), stop_words=sorted(keyword_stop_words()), token_pattern=_TOKEN,
        min_df=2 if len(documents) >= 50 else 1, lowercase=True,
    )
    try:
        with warnings.catch_warnings():
            # the stop-word lists hold contractions ("shan't") that the tokenizer splits: harmless
            warnings.filterwarnings("ignore", message="Your stop_words may be inconsistent")
            counts = vectorizer.fit_transform(documents)
    except ValueError:  # nothing but stop words
        return {key: [] for key in keys}
    member_labels = labels[mask]
    rows = np.searchsorted(keys, member_labels)
    membership = sparse.csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(len(keys), len(rows)))
    per_class = sparse.csr_matrix(membership @ counts, dtype=np.float64)  # clusters x vocabulary, sparse: bounded memory
    per_class.sort_indices()
    class_words = np.asarray(per_class.sum(axis=1)).ravel()
    average_words = per_class.sum() / len(keys)
    idf = np.log(1.0 + average_words / np.maximum(np.asarray(per_class.sum(axis=0)).ravel(), 1.0))
    vocabulary = vectorizer.get_feature_names_out()
    result = {}
    for row, key in enumerate(keys):
        start, end = per_class.indptr[row], per_class.indptr[row + 1]
        terms = per_class.indices[start:end]  # ascending: a stable sort breaks ties by vocabulary order, as a dense argsort
        scores = per_class.data[start:end] / max(class_words[row], 1.0) * idf[terms]
        best = np.argsort(-scores, kind="stable")[: top_n * 3]
        result[key] = _drop_redundant([vocabulary[terms[i]] for i in best if scores[i] > 0], top_n)
    return result


def _drop_redundant(terms: list[str], top_n: int) -> list[str]:
    """Skip a single word already shown inside a better-ranked phrase, so ten keywords say ten things."""
    kept: list[str] = []
    for term in terms:
        if any(term in other.split() for other in kept if " " in other):
            continue
        kept.append(term)
        if len(kept) == top_n:
            break
    return kept


def representatives(
    labels: np.ndarray, vectors: np.ndarray, texts: Sequence[str], count: int = 10, diversity: float = 0.3
) -> dict[int, list[int]]:
    """Indices of tickets close to each cluster's centre yet different from each other (maximal marginal relevance)."""
    result: dict[int, list[int]] = {}
    for label in sorted(int(value) for value in np.unique(labels) if value != NOISE):
        members = np.flatnonzero(labels == label)
        centre = vectors[members].mean(axis=0)
        centre /= max(np.linalg.norm(centre), 1e-12)
        closeness = vectors[members] @ centre
        pool = members[np.argsort(-closeness, kind="stable")[: max(count * 5, 50)]]
        pool_closeness = vectors[pool] @ centre
        chosen: list[int] = []
        seen_texts: set[str] = set()
        while len(chosen) < min(count, len(pool)):
            if chosen:
                redundancy = (vectors[pool] @ vectors[chosen].T).max(axis=1)
            else:
                redundancy = np.zeros(len(pool))
            score = (1 - diversity) * pool_closeness - diversity * redundancy
            for position in np.argsort(-score, kind="stable"):
                index = int(pool[position])
                if index not in chosen and texts[index].strip().lower() not in seen_texts:
                    chosen.append(index)
                    seen_texts.add(texts[index].strip().lower())
                    break
            else:
                break
        result[label] = chosen
    return result
