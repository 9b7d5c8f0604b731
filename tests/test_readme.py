"""The README is the contract with a new user: its commands must work exactly as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from analyser.cli.main import app
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
BASH_BLOCKS = [block.strip() for block in re.findall(r"```bash\n(.*?)```", README, flags=re.S)]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    assert "make test" in BASH_BLOCKS
    ci_commands = [
        line.strip()
        for line in (REPO / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith(("set ", "cd "))
    ]
    assert ci_commands == ["make test"]


def test_readme_main_command_is_a_make_target_that_runs_the_job() -> None:
    assert "make demo" in BASH_BLOCKS
    makefile = (REPO / "Makefile").read_text()
    demo = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "analyser run --config analyser.toml" in demo
    install = makefile.split("\ninstall:", 1)[1].split("\n\n", 1)[0]
    assert install.index("torch==2.13.0") < install.index("-e .")


def test_every_cli_command_is_documented_and_every_documented_one_exists() -> None:
    commands = {command.name or command.callback.__name__ for command in app.registered_commands}
    documented = set(re.findall(r"^\| `analyser (\w+)", README, flags=re.M))
    assert commands == documented


def test_the_readme_shell_examples_work(tmp_path: Path) -> None:
    """Runs every README shell block except the make targets (CI runs `make test` itself)."""
    bin_dir = str(Path(sys.executable).parent) + "/"
    examples = [block for block in BASH_BLOCKS if not block.startswith("make ")]
    assert len(examples) >= 3
    for block in examples:
        script = (  # /tmp/ first: the checkout itself may live under /tmp
            block.replace("/tmp/", f"{tmp_path}/")
            .replace(".venv/bin/", bin_dir)
            .replace("'data/analyser.duckdb'", f"'{tmp_path}/tickets.duckdb'")
        )
        # a README example may end with exit code 1 (rows quarantined) but never 2
        completed = subprocess.run(["bash", "-c", script], cwd=REPO, capture_output=True, text=True, timeout=600)
        assert completed.returncode in (0, 1), f"{block}\n{completed.stdout}\n{completed.stderr}"
        if "broken.csv" in block:  # the user reads why each row was refused
            assert "unparseable_date" in completed.stdout and "missing_id" in completed.stdout
    assert (tmp_path / "tickets.duckdb").exists()
