# Two commands a new user needs (see README):
#   make run    install the app's packages into .venv and start it
#   make test   install the test tools (and Chromium if missing) and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# `make run` listens on this computer only; ADDRESS=0.0.0.0 make run opens it to the network.
ADDRESS ?= localhost

.PHONY: run test lint unit app e2e bench screenshots mutate mutation-score clean

$(BIN)/python:
	@$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.app-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.app-installed $@

run: $(VENV)/.app-installed
	$(BIN)/streamlit run streamlit_app.py --server.port $(PORT) --server.address $(ADDRESS)

test: $(VENV)/.dev-installed
	bash scripts/ensure_chromium.sh
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# Pieces of `make test`, handy while working on one part.
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
unit: $(VENV)/.dev-installed
	$(BIN)/python -m pytest tests/unit
app: $(VENV)/.dev-installed
	$(BIN)/python -m pytest tests/app
e2e: $(VENV)/.dev-installed
	bash scripts/ensure_chromium.sh
	$(BIN)/python -m pytest tests/e2e

# Regenerates the README screenshots in docs/ from the running app.
screenshots: $(VENV)/.dev-installed
	bash scripts/ensure_chromium.sh
	REGENERATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/e2e/test_screenshots.py \
		tests/e2e/test_player.py::test_player_screenshots

# Every benchmark prints its figures; the peers (torch, scikit-learn) are bench-only.
BENCHMARKS := train_speed population_speed consensus_speed init_population app_latency chart_draw load player \
	model_file_checks playground deals_speed five_questions bytes_sent tap_latency
bench: $(VENV)/.dev-installed
	$(BIN)/pip install --quiet -r bench/requirements.txt
	for b in $(BENCHMARKS); do echo "== bench/$$b.py"; $(BIN)/python bench/$$b.py || exit 1; done

# Mutation testing with mutmut (what it mutates: [tool.mutmut] in pyproject.toml). Slow, so
# not part of `make test`: one package at a time with MUTATE=laptop (or nncore, learn); workers
# with MUTATE_CHILDREN (1 by default: the machine is shared). Prints the score at the end;
# `make mutation-score` prints it again, with every survivor. See docs/mutation.md.
MUTATE ?=
MUTATE_CHILDREN ?= 1
mutate: $(VENV)/.dev-installed
	$(BIN)/mutmut run --max-children $(MUTATE_CHILDREN) $(foreach p,$(MUTATE),"$(p).*")
	$(BIN)/python scripts/mutation_score.py
mutation-score:
	$(BIN)/python scripts/mutation_score.py --survivors

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/e2e/artifacts mutants
