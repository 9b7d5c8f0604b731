"""The analyst notebook runs headless against the sample run, so it never rots."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="install the test extra: pip install -e '.[test]'")
nbclient = pytest.importorskip("nbclient", reason="install the test extra: pip install -e '.[test]'")

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "weak_signals.ipynb"


def test_the_weak_signals_notebook_runs_on_the_sample_run(
    sample_run: tuple[dict, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANALYSER_NOTEBOOK_DB", str(sample_run[1]))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = "\n".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    )
    assert not [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs if output.output_type == "error"]
    assert "emerging" in outputs and "tickets/semaine" in outputs  # the signals table and the explanations
    assert "journey_stage" in outputs and "blind spot" in outputs
