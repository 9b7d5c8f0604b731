# The two commands a new machine needs (see README):
#   make demo   install everything into .venv and run the nightly job on the bundled sample tickets
#   make test   install everything plus the test tools into .venv and run the test suite
#   make app    open the review app on the database of analyser.toml, on 127.0.0.1 only
#               (make app APP_ADDRESS=0.0.0.0 APP_PORT=8501 to choose: README, "Deploying for a team")
PYTHON ?= python3.11
# Where `make app` listens: loopback unless the operator chooses otherwise.
APP_ADDRESS ?= 127.0.0.1
APP_PORT ?= 8501
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: install install-test browser demo app test bench sample clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch first, pinned: any other torch spec makes pip fetch the CUDA build (gigabytes).
install: $(BIN)/python
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e .

install-test: $(BIN)/python browser
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e ".[test]"

# The browser journey test drives Debian's headless Chromium (CI runs as root on Debian).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver)

demo: install
	$(BIN)/analyser run --config analyser.toml; code=$$?; [ $$code -le 1 ] || exit $$code
	$(BIN)/analyser status --config analyser.toml
	@echo "Open the review app with: make app"

app: install
	$(BIN)/streamlit run app.py --server.address $(APP_ADDRESS) --server.port $(APP_PORT) --server.headless true \
		--browser.gatherUsageStats false --client.toolbarMode minimal

test: install-test
	$(BIN)/python -m pytest

bench: install-test
	$(PIP) install --quiet -e ".[test,bench]"
	$(BIN)/python bench/ingest_throughput.py
	$(BIN)/python bench/redaction_quality.py
	$(BIN)/python bench/pipeline_scale.py --sizes 10000

sample:
	$(PYTHON) data/samples/generate_tickets.py

clean:
	rm -rf $(VENV) data/analyser.duckdb data/analyser.duckdb.wal
