# tifa — run `make help` for the list of targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
#: The last annotation round the kind model is trained on (tests/gold/rounds.csv).
KIND_ROUND ?= 20

.DEFAULT_GOAL := help
.PHONY: help venv figures test test-fast notebooks benchmarks kind-model clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install tifa with its dependencies

figures: $(STAMP) ## the main job: every figure and table from the shipped corpora into figures/
	$(BIN)/tifa figures

test: $(STAMP) ## run the whole test suite (doctests, gold accuracy, notebooks)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## the test suite without slow and notebook tests
	$(BIN)/python -m pytest -m "not slow and not notebook"

benchmarks: $(STAMP) ## throughput benchmarks (ratios against jieba, one run)
	$(BIN)/python benchmarks/run_all.py

kind-model: $(STAMP) ## retrain the kind model of quoted formulations on the annotated reports (KIND_ROUND=last round)
	$(BIN)/python -m tifa.kind_model --through-round $(KIND_ROUND)

clean: ## remove the virtual environment and caches (never figures/ or data/)
	rm -rf $(VENV) .pytest_cache .hypothesis

notebooks: $(STAMP) ## regenerate the paired .ipynb files (no outputs) from notebooks/*.py
	for f in notebooks/[0-9][0-9]_*.py; do $(BIN)/jupytext --quiet --update --to ipynb "$$f"; done
