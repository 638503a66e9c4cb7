# Two entry points: `make run` (set up, index the seeds, serve) and `make test` (set up, run every test).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test index bench quality chromium dictionaries clean

# constraints.txt pins every package, direct and transitive, to the versions tested here.
$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

run: $(BIN)/.installed dictionaries
	$(BIN)/searchsvc index
	$(BIN)/searchsvc serve

index: $(BIN)/.installed
	$(BIN)/searchsvc index

# The browser test drives Debian's Chromium; install it when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Cross-language search reads Debian's FreeDict dictionaries (GPL: installed here, never copied into the repo);
# install the missing ones. Without them searchsvc still runs, with translation off.
FREEDICT = nld-eng eng-nld nld-deu deu-nld deu-eng eng-deu
dictionaries:
	@missing=""; for pair in $(FREEDICT); do \
	  [ -f /usr/share/dictd/freedict-$$pair.index ] || missing="$$missing dict-freedict-$$pair"; done; \
	[ -z "$$missing" ] || { echo "installing Debian's FreeDict dictionaries for cross-language search:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }

test: $(BIN)/.installed chromium dictionaries
	$(BIN)/python -m pytest -W error

# Issue 8's benchmark table (bench/README.md); long at 100,000 documents, resumable. E.g. BENCH_ARGS='--docs 1000,10000'.
bench: $(BIN)/.installed
	$(BIN)/python bench/suite.py $(BENCH_ARGS)

quality: $(BIN)/.installed
	$(BIN)/python bench/quality.py

clean:
	rm -rf $(VENV) index/CURRENT index/builds
