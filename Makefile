# Two entry points, both self-contained on a fresh machine:
#   make demo   create .venv on first use, analyse the bundled example
#   make test   create .venv on first use, run the whole test suite: the fast tests,
#               then the slow ones (model retraining, a local Ray cluster; ~90 s more)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test test-fast lint typecheck bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements.lock -e '.[dev,web,web-test,corpus,llm,ray]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/onrecord analyze src/onrecord/examples/bush_news_conference_1989-07-06.txt

test: $(STAMP)
	$(PY) -m pytest -q
	$(PY) -m pytest -q -m slow

test-fast: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) bench/structure_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
