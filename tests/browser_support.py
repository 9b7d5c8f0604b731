"""Helpers for the browser tests: the real app served by `streamlit run` on loopback, and Debian's headless Chromium
driven by Selenium. `make test` installs chromium and chromium-driver (`make browser`)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import REPO

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--window-size=1400,1100", "--lang=fr-FR",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served_app(folder: Path, env: Mapping[str, str], port: int | None = None) -> Iterator[str]:
    """`streamlit run app.py` on 127.0.0.1, started in `folder` (where a .streamlit/secrets.toml is read); yields its URL."""
    port = port or free_port()
    log_path = folder / "streamlit.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.port", str(port), "--server.address",
             "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
             "--client.toolbarMode", "minimal"],
            cwd=folder, env={**os.environ, "PYTHONPATH": str(REPO), **env}, stdout=log, stderr=subprocess.STDOUT,
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
                        raise AssertionError(log_path.read_text()) from None
                    time.sleep(0.5)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


@contextmanager
def chromium() -> Iterator[object]:
    """Headless Chromium with a throwaway profile."""
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

    def has_button(self, label: str) -> bool:
        from selenium.webdriver.common.by import By

        return bool(self.driver.find_elements(By.XPATH, f"//button[normalize-space(.)={_xpath_literal(label)}]"))

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


def screenshot_folder(name: str) -> Path:
    """Outside pytest's temp folders, which pytest deletes after a few sessions: the pictures are for people to look at."""
    folder = Path(tempfile.gettempdir()) / name / time.strftime("%Y%m%dT%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


def _xpath_literal(text: str) -> str:
    return f'"{text}"' if '"' not in text else "concat('" + text.replace("'", "', \"'\", '") + "')"


def _css_literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
