"""No planted personal data survives cleaning + redaction of the bundled sample, and names/addresses are mostly caught."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from analyser.stages.clean import clean_ticket_text
from analyser.stages.redact import compile_rules, find_pii, redact

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
FIELDS = ("objet", "message")
MUST_NEVER_LEAK = ("EMAIL", "PHONE", "IBAN", "CARD", "PLATE", "VIN", "CONTRACT", "CUSTOMER_ID")
REFORMATTABLE = ("PHONE", "IBAN", "CARD")  # a partial reformat must not hide a leak of these
RULES = compile_rules()


def sample_fields() -> list[tuple[int, str, str, list[dict]]]:
    """(1-based row, field, raw text, planted PII of that field) for every field of every sample row."""
    with (SAMPLES / "tickets.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    with (SAMPLES / "ground_truth_tickets.jsonl").open(encoding="utf-8") as handle:
        truths = [json.loads(line) for line in handle if line.strip()]
    assert len(rows) == len(truths), "ground truth must have one line per CSV row"
    return [
        (truth["row"], field, row[field] or "", [pii for pii in truth["pii"] if pii["field"] == field])
        for row, truth in zip(rows, truths)
        for field in FIELDS
    ]


FIELDS_OF_SAMPLE = sample_fields()


def alphanumeric(text: str) -> str:
    return re.sub(r"[\W_]", "", text).casefold()


def test_sample_plants_every_kind_that_must_not_leak() -> None:
    planted = Counter(pii["kind"] for *_, pii_list in FIELDS_OF_SAMPLE for pii in pii_list)
    assert all(planted[kind] > 0 for kind in MUST_NEVER_LEAK), planted


def test_no_planted_identifier_survives_the_pipeline() -> None:
    leaks = []
    for row, field, raw, planted in FIELDS_OF_SAMPLE:
        final = redact(clean_ticket_text(raw), RULES).text
        for pii in planted:
            kind, value = pii["kind"], pii["value"]
            if kind not in MUST_NEVER_LEAK:
                continue
            squeezed = alphanumeric(value)
            if value in final or (kind in REFORMATTABLE and len(squeezed) >= 8 and squeezed in alphanumeric(final)):
                leaks.append(f"row {row} {field} {kind} {value!r}")
    assert not leaks, f"{len(leaks)} leaks:\n" + "\n".join(leaks[:20])


def occurrences(text: str, value: str) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in re.finditer(re.escape(value), text)]


def covered(start: int, end: int, spans: list) -> bool:
    position = start
    for span in spans:
        if span.start <= position < span.end:
            position = span.end
    return position >= end


def recall_and_precision() -> tuple[dict[str, float], float]:
    """Recall per kind (every occurrence of a planted value covered) and overall precision, on the raw fields."""
    planted_count, recalled = Counter(), Counter()
    predicted = true_predicted = 0
    for _, _, raw, planted in FIELDS_OF_SAMPLE:
        spans = find_pii(raw, RULES)
        ranges = []
        for pii in planted:
            places = occurrences(raw, pii["value"])
            ranges += places
            planted_count[pii["kind"]] += 1
            recalled[pii["kind"]] += bool(places) and all(covered(start, end, spans) for start, end in places)
        predicted += len(spans)
        true_predicted += sum(any(s.start < end and start < s.end for start, end in ranges) for s in spans)
    return {kind: recalled[kind] / count for kind, count in planted_count.items()}, true_predicted / max(1, predicted)


RECALL, PRECISION = recall_and_precision()


# The brief asked for NAME >= 0.85, ADDRESS >= 0.8 and precision >= 0.9; the floors sit higher, just under what
# the detectors reach (0.998, 1.0, 1.0), so that a regression shows while a regenerated sample still passes.
@pytest.mark.parametrize(("kind", "floor"), [("NAME", 0.97), ("ADDRESS", 0.95)])
def test_names_and_addresses_are_mostly_found(kind: str, floor: float) -> None:
    assert RECALL[kind] >= floor


def test_identifiers_are_all_found() -> None:
    assert {kind: RECALL[kind] for kind in MUST_NEVER_LEAK} == {kind: 1.0 for kind in MUST_NEVER_LEAK}


def test_redaction_rarely_hides_ordinary_text() -> None:
    assert PRECISION >= 0.95
