# Two commands for a newcomer: `make book` and `make test`. Both create .venv if it is missing
# and (re)install when a requirements file or pyproject.toml changes. Every install goes
# through uv (about ten times faster than pip here); pip only bootstraps uv into the venv.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
# Compile every installed module to bytecode at install time (uv does not by default). Where
# PYTHONDONTWRITEBYTECODE is set, as on some CI images, Python would otherwise compile sympy,
# scipy and altair from source at every import: 9 s of each notebook's imports cell instead of 2.
export UV_COMPILE_BYTECODE := 1
# What each target needs: the book (requirements.txt) or the book and the test stack.
BOOK_READY := $(VENV)/.book-installed
TEST_READY := $(VENV)/.test-installed
NOTEBOOKS := $(sort $(wildcard book/*.ipynb))
# pytest-xdist workers: one per core. A notebook's cells, and the tests sharing a built book,
# stay on one worker (--dist loadscope groups by module and by notebook); modules are handed
# out longest first, in the order conftest.py gives them (--no-loadscope-reorder).
JOBS ?= auto
# One process per core already: each test process and each notebook kernel it starts keeps
# to one BLAS thread. With OpenBLAS's default (a thread per core) two processes on two cores
# spin four threads, which burn CPU waiting on each other on the chapters' small matrices
# (measured: a least-squares cell of chapter 2, 1.1 s of CPU against 0.15 s on one thread).
PYTEST := OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m pytest -n $(JOBS) --dist loadscope --no-loadscope-reorder

.PHONY: help book pdf student autograders test test-fast execute lint format bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(UV):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip --default-pip >/dev/null
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(BOOK_READY): requirements.txt pyproject.toml | $(UV)
	$(UV) pip install --quiet --python $(BIN)/python -r requirements.txt
	touch $@

$(TEST_READY): $(BOOK_READY) requirements-dev.txt
	$(UV) pip install --quiet --python $(BIN)/python -r requirements.txt -r requirements-dev.txt
	touch $@

book: $(BOOK_READY)  ## build the HTML book into _build/html from the stored notebook outputs
	$(BIN)/jupyter-book build . --builder html -W -n --keep-going
	@echo "Open $(CURDIR)/_build/html/index.html"

pdf: $(TEST_READY)  ## the print editions, _build/pdf/mode-collapse{,-student}.pdf, then their tests (needs XeLaTeX: see README)
	$(BIN)/jupyter-book build . --builder pdflatex -W -n --keep-going --path-output _build/print
	mkdir -p _build/pdf && cp _build/print/_build/latex/mode-collapse.pdf _build/pdf/
	$(BIN)/python scripts/student_edition.py --pdf --output _build/student
	cp _build/student/mode-collapse-student.pdf _build/pdf/
	$(BIN)/python -m pytest -p no:cacheprovider -m pdf tests/test_pdf.py
	@echo "Wrote $(CURDIR)/_build/pdf/mode-collapse.pdf"

student: $(BOOK_READY)  ## build the student edition (no solutions) into _build/student: notebooks/ and html/
	$(BIN)/python scripts/student_edition.py --output _build/student

autograders: $(BOOK_READY)  ## for instructors: one Gradescope autograder zip per chapter into _build/autograders
	$(BIN)/python -m grading.gradescope build --output _build/autograders

test: $(TEST_READY)  ## run every test: ruff, mctools, notebooks twice (native, generic CPU), editions, book, browsers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PYTEST) -m "not pdf"

test-fast: $(TEST_READY)  ## for authors: ruff and the mctools tests, no notebooks, book, browser or Binder (< 60 s)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PYTEST) tests -m "not slow and not pdf"

execute: $(BOOK_READY)  ## for authors: re-run every notebook in place (from book/), storing outputs
	$(BIN)/python scripts/execute_notebooks.py $(NOTEBOOKS)

lint: $(TEST_READY)  ## ruff only
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_READY)  ## for authors: ruff format code and notebooks, then copy solution code into its dropdowns
	$(BIN)/ruff format .
	$(BIN)/python scripts/sync_solution_code.py $(NOTEBOOKS)

bench: $(TEST_READY)  ## time the mctools kernels and the notebooks (~5 min); report in _build/bench/report.md
	$(BIN)/python benchmarks/run.py $(BENCH)

clean:  ## remove build outputs (keeps .venv)
	rm -rf _build .pytest_cache .hypothesis
