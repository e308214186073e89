# Two commands on a fresh machine: `make run` and `make test`.
# Both create the virtual environment when missing and install the project.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test bench eval check clean

$(PY):
	python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/dateline

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m bench

# Coverage intelligence on real news labelled by people ($DATELINE_EVAL,
# else ../shared/eval); skipped with one line where the sets are absent.
eval: $(STAMP)
	$(PY) -m bench.realnews

check: $(STAMP)
	$(VENV)/bin/ruff check store tui tests bench
	$(VENV)/bin/ruff format --check store tui tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

clean:
	rm -rf $(VENV) build *.egg-info
