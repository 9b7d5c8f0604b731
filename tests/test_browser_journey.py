"""A reviewer's morning in a real browser: headless Chromium (Debian's) driving the app served on loopback.

Open the app, pick the top signal, rename it, validate it, promote it, fill the use-case grid; then run
the nightly pipeline again WHILE THE APP IS UP and check that every decision is still there. Screenshots
of each page are saved in a folder the test prints. `make test` installs chromium and chromium-driver.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from apptest_support import last_run_id, sql
from conftest import REPO, SAMPLES

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--window-size=1400,1100", "--lang=fr-FR",
)
REVIEWER = "Camille Test"
NEW_TITLE = "Commandes livrées en retard sans nouvelles du vendeur"
GRID_SCORES = (5, 4, 3, 2, 4, 3, 2, 5)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served_app(sample_database_copy: Path, tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """`streamlit run app.py` on 127.0.0.1 over a private copy of the sample database; yields (url, database, config)."""
    config = tmp_path / "analyser.toml"
    config.write_text(
        f'database = "{sample_database_copy}"\n[ingest]\nsources = ["{SAMPLES / "tickets.csv"}"]\n', encoding="utf-8"
    )
    port = _free_port()
    env = {**os.environ, "ANALYSER_CONFIG": str(config), "PYTHONPATH": str(REPO)}
    log = (tmp_path / "streamlit.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         "--client.toolbarMode", "minimal"],
        cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((tmp_path / "streamlit.log").read_text()) from None
                time.sleep(0.5)
        yield url, sample_database_copy, config
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture
def browser() -> Iterator[object]:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed. Fix: `make browser` (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class Page:
    """Small helpers over Selenium for Streamlit's DOM (labels are aria-labels, buttons carry their text)."""

    def __init__(self, driver: object, screenshots: Path) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver = driver
        self.screenshots = screenshots
        self.wait = WebDriverWait(driver, 90, poll_frequency=0.3)

    def body(self) -> str:
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.TAG_NAME, "body").text

    def settled(self) -> None:
        """Streamlit shows a running indicator while the script runs; wait until it is gone."""
        from selenium.webdriver.common.by import By

        time.sleep(0.5)
        self.wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-testid="stStatusWidget"]'))

    def wait_text(self, text: str) -> None:
        self.wait.until(lambda d: text in self.body(), message=f"text not shown: {text!r}")
        self.settled()

    def button(self, label: str) -> None:
        from selenium.webdriver.common.by import By

        xpath = f"//button[normalize-space(.)={_xpath_literal(label)}]"
        self.wait.until(lambda d: d.find_elements(By.XPATH, xpath), message=f"no button {label!r}")
        element = self.driver.find_element(By.XPATH, xpath)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()
        self.settled()

    def fill(self, label: str, value: str, index: int = 0, enter: bool = True) -> None:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        css = f'input[aria-label={_css_literal(label)}], textarea[aria-label={_css_literal(label)}]'
        self.wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, css)) > index, message=f"no field {label!r}")
        element = self.driver.find_elements(By.CSS_SELECTOR, css)[index]
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.send_keys(Keys.CONTROL, "a")
        element.send_keys(Keys.DELETE)
        element.send_keys(value)
        if enter and element.tag_name == "input":
            element.send_keys(Keys.ENTER)
        else:
            element.send_keys(Keys.TAB)
        self.settled()

    def nav(self, title: str) -> None:
        from selenium.webdriver.common.by import By

        link = self.driver.find_element(By.XPATH, f'//a[@data-testid="stSidebarNavLink"][normalize-space(.)={_xpath_literal(title)}]')
        link.click()
        self.settled()

    def shot(self, name: str) -> Path:
        path = self.screenshots / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path


def _xpath_literal(text: str) -> str:
    return f'"{text}"' if '"' not in text else "concat('" + text.replace("'", "', \"'\", '") + "')"


def _css_literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_reviewer_journey_survives_a_second_pipeline_run(served_app: tuple[str, Path, Path], browser: object, tmp_path: Path) -> None:
    url, database, config = served_app
    # outside pytest's temp folders, which pytest deletes after a few sessions: the pictures are for people to look at
    screenshots = Path(tempfile.gettempdir()) / "analyser-app-screenshots" / time.strftime("%Y%m%dT%H%M%S")
    screenshots.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {screenshots}")
    page = Page(browser, screenshots)
    first_run = last_run_id(database)

    browser.get(url)
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
    completed = subprocess.run([*command, "run", "--config", str(config)], capture_output=True, text=True, timeout=900)
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
    assert "Équipe livraison" in page.driver.page_source
    assert "justification 8" in page.driver.page_source
    page.shot("9-candidates-after-second-run")
