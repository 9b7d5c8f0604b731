"""A reviewer's morning in a real browser: headless Chromium (Debian's) driving the app served on loopback.

Open the app, pick the top signal, rename it, validate it, promote it, fill the use-case grid; then run
the nightly pipeline again WHILE THE APP IS UP and check that every decision is still there. Screenshots
of each page are saved in a folder the test prints. `make test` installs chromium and chromium-driver.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from apptest_support import last_run_id, sql
from browser_support import Page, chromium, screenshot_folder, served_app
from conftest import SAMPLES

REVIEWER = "Camille Test"
NEW_TITLE = "Commandes livrées en retard sans nouvelles du vendeur"
GRID_SCORES = (5, 4, 3, 2, 4, 3, 2, 5)


@pytest.fixture
def app_on_sample(sample_database_copy: Path, tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """The app on 127.0.0.1 over a private copy of the sample database; yields (url, database, config)."""
    config = tmp_path / "analyser.toml"
    config.write_text(
        f'database = "{sample_database_copy}"\n[ingest]\nsources = ["{SAMPLES / "tickets.csv"}"]\n', encoding="utf-8"
    )
    with served_app(tmp_path, {"ANALYSER_CONFIG": str(config)}) as url:
        yield url, sample_database_copy, config


@pytest.fixture
def browser() -> Iterator[object]:
    with chromium() as driver:
        yield driver


def test_reviewer_journey_survives_a_second_pipeline_run(app_on_sample: tuple[str, Path, Path], browser: object) -> None:
    url, database, config = app_on_sample
    page = Page(browser, screenshot_folder("analyser-app-screenshots"))
    first_run = last_run_id(database)

    browser.get(url)  # the landing page: what changed this week
    page.wait_text("Ce qui a changé du ")
    page.wait_text("Angles morts du parcours client")
    page.shot("0-week")
    browser.get(f"{url}/signals")
    page.wait_text("clusters affichés sur")
    page.wait.until(lambda d: "Ouvrir le cluster" in page.body())
    page.shot("1-signals")
    page.fill("Votre nom (obligatoire avant toute action)", REVIEWER)

    # the top signal is preselected: open it
    page.button("Ouvrir le cluster")
    page.wait_text("Décisions")
    cluster_id = browser.current_url.split("cluster=")[-1]
    assert cluster_id.startswith("C"), browser.current_url
    page.shot("2-cluster")

    page.fill("Nouveau titre", NEW_TITLE)
    page.button("Renommer")
    page.wait_text("Enregistré : Renommer")
    page.button("Valider comme irritant")
    page.wait_text("Enregistré : Valider comme irritant")
    page.button("Promouvoir en cas d'usage")
    page.wait_text("Enregistré : Promouvoir en cas d'usage")
    page.shot("3-cluster-decided")

    page.nav("Cas d'usage candidats")
    page.wait_text("Grille de priorisation (1 à 5)")
    labels = [
        "Valeur métier stratégique", "Impact expérience client", "Potentiel financier", "Maturité des données et des processus",
        "Complexité technique (moins = mieux)", "Impact sur l'image de marque", "Risque conformité et opérationnel (moins = mieux)",
        "Alignement avec les initiatives clés",
    ]
    for index, (label, score) in enumerate(zip(labels, GRID_SCORES)):
        page.fill(label, str(score), enter=False)
        page.fill("Justification", f"justification {index + 1}", index=index, enter=False)
    page.fill("Qui cela sert-il ?", "Aux clients qui attendent leur véhicule", enter=False)
    page.fill("Responsable", "Équipe livraison", enter=False)
    page.button("Enregistrer le cas d'usage")
    page.wait_text("Enregistré : Enregistrer le cas d'usage")
    page.shot("4-candidates")

    for title, name in (("Carte", "5-map"), ("Parcours client", "6-journey"), ("File de revue", "7-queue")):
        page.nav(title)
        page.wait_text("Dernière exécution")
        time.sleep(2)  # let charts draw before the picture
        page.shot(name)

    # the nightly batch runs while the app is open
    analyser = Path(sys.executable).parent / "analyser"
    command = [str(analyser)] if analyser.exists() else [sys.executable, "-c", "from analyser.cli.main import app; app()"]
    # --force: the export did not change, and a night with nothing new would keep the first run's results
    completed = subprocess.run([*command, "run", "--config", str(config), "--force"], capture_output=True, text=True, timeout=900)
    assert completed.returncode in (0, 1), completed.stdout + completed.stderr
    second_run = last_run_id(database)
    assert second_run != first_run

    browser.get(f"{url}/cluster?cluster={cluster_id}")
    page.wait_text(second_run)  # the freshness header moved on to the new run
    body = page.body()
    assert NEW_TITLE in body
    assert "cas d'usage candidat" in body  # status after promotion
    assert (cluster_id,) in sql(database, "SELECT cluster_id FROM clusters WHERE run_id = ?", [second_run])  # stable id
    page.shot("8-cluster-after-second-run")
    browser.get(f"{url}/candidates")
    page.wait_text("Grille de priorisation (1 à 5)")
    deadline = time.monotonic() + 30  # the form's saved values arrive a moment after its headings on a loaded machine
    while "Équipe livraison" not in page.driver.page_source and time.monotonic() < deadline:
        time.sleep(0.5)
    assert "Équipe livraison" in page.driver.page_source
    assert "justification 8" in page.driver.page_source
    page.shot("9-candidates-after-second-run")
