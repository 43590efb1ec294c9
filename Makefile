# podium — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test test-browser browser lint eval clean

install: $(STAMP)

# torch first, pinned to the local CPU build: an unpinned torch pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev,eval]'
	touch $(STAMP)

HOST ?= 127.0.0.1
PORT ?= 7860

run: install
	HF_HUB_OFFLINE=1 $(BIN)/podium serve --demo --host $(HOST) --port $(PORT) $(if $(AUTH),--auth $(AUTH))

# The browser tests drive Debian's Chromium (never `playwright install`: no downloads).
browser:
	test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver)

test-browser: install browser
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -m browser tests/ui

test: install
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
