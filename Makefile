# Two commands on a fresh machine: `make run` (install, then start the web app)
# and `make test` (install, then run the tests). Everything goes into .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# The CPU build of torch; a bare `torch` requirement would pull a multi-GB CUDA build.
# Where pip's own index offers the CUDA build, add PyTorch's CPU index:
# make TORCH_INDEX=https://download.pytorch.org/whl/cpu
TORCH_PIN ?= torch==2.13.0
TORCH_INDEX ?=
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast browser-deps tiny-models clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet "$(TORCH_PIN)" $(if $(TORCH_INDEX),--extra-index-url $(TORCH_INDEX))
	$(PIP) install --quiet -e ".[test,ray]"
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests (never `playwright install`).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; fi; \
	fi

run: install
	$(PY) app.py

test: install browser-deps
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q

test-fast: install
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q -m "not browser"

tiny-models: install
	$(PY) -m summarizer.testing models/

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache test-artifacts
