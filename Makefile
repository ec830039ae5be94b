# Two commands for a newcomer: `make book` and `make test`. Both create .venv if it is missing
# and (re)install when requirements.txt, requirements-dev.txt or pyproject.toml change.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard book/*.ipynb))

.PHONY: help book student autograders test execute lint bench clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(INSTALLED): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

book: $(INSTALLED)  ## build the HTML book into _build/html from the stored notebook outputs
	$(BIN)/jupyter-book build . --builder html -W -n --keep-going
	@echo "Open $(CURDIR)/_build/html/index.html"

student: $(INSTALLED)  ## build the student edition (no solutions) into _build/student: notebooks/ and html/
	$(BIN)/python scripts/student_edition.py --output _build/student

autograders: $(INSTALLED)  ## build one Gradescope autograder zip per chapter into _build/autograders
	$(BIN)/python -m grading.gradescope build --output _build/autograders

test: $(INSTALLED)  ## run every test: ruff, mctools, notebooks (nbval), editions, book, browser, Binder
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

execute: $(INSTALLED)  ## for authors: re-run every notebook in place (from book/), storing outputs
	$(BIN)/python scripts/execute_notebooks.py $(NOTEBOOKS)

lint: $(INSTALLED)  ## ruff only
	$(BIN)/ruff check .

bench: $(INSTALLED)  ## time the mctools kernels and the notebooks (~3 min); report in _build/bench/report.md
	$(BIN)/python benchmarks/run.py $(BENCH)

clean:  ## remove build outputs (keeps .venv)
	rm -rf _build .pytest_cache .hypothesis
