# Two entry points: `make run` (set up the runtime only, index the seeds, serve) and `make test` (set up the
# runtime plus the test tools, run every test). Both share .venv; `make test` adds to what `make run` installed.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PIP = $(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: run test index bench quality chromium wheel clean

# constraints.txt pins every package, direct and transitive, to the versions tested here.
$(BIN)/.installed-run: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed-run
	$(PIP) -e '.[test]'
	touch $@

run: $(BIN)/.installed-run
	$(BIN)/searchsvc index
	$(BIN)/searchsvc serve

index: $(BIN)/.installed-run
	$(BIN)/searchsvc index

# A wheel (with the templates, static files and word lists inside) in dist/, for `pip install dist/*.whl`.
wheel: $(BIN)/.installed-run
	$(BIN)/pip wheel --quiet --disable-pip-version-check --no-deps -w dist .

# The browser test drives Debian's Chromium; install it when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(BIN)/.installed-test chromium
	$(BIN)/python -m pytest -W error

# Issue 8's benchmark table (bench/README.md); long at 100,000 documents, resumable. E.g. BENCH_ARGS='--docs 1000,10000'.
bench: $(BIN)/.installed-test
	$(BIN)/python bench/suite.py $(BENCH_ARGS)

quality: $(BIN)/.installed-run
	$(BIN)/python bench/quality.py

clean:
	rm -rf $(VENV) index/CURRENT index/builds dist build
