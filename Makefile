# Two entry points: `make run` (set up the runtime only, index the seeds, serve) and `make test` (set up the
# runtime plus the test tools, run every test). Both share .venv; `make test` adds to what `make run` installed.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PIP = $(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt
# Bytecode for src/, as pip writes it for an installed package: under PYTHONDONTWRITEBYTECODE an editable
# install would compile every module at every start (~0.13 s of each `searchsvc index`). Skips fresh files.
COMPILE = $(BIN)/python -m compileall -q src >/dev/null

.PHONY: run test index bench quality chromium dictionaries system-run system-test tesseract wheel clean

# constraints.txt pins every package, direct and transitive, to the versions tested here.
$(BIN)/.installed-run: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(PIP) -e .
	$(COMPILE)
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed-run
	$(PIP) -e '.[test]'
	touch $@

# Debian packages searchsvc reads at run time, installed when missing (one apt run for all of them):
# FreeDict dictionaries for cross-language search (GPL: installed here, never copied into the repo) and
# Tesseract for scanned PDFs. Without them searchsvc still runs, with translation or OCR off.
FREEDICT = nld-eng eng-nld nld-deu deu-nld deu-eng eng-deu
RUN_DEBS = $(addprefix dict-freedict-,$(FREEDICT)) tesseract-ocr tesseract-ocr-nld tesseract-ocr-deu tesseract-ocr-eng
# The browser tests drive Debian's Chromium.
TEST_DEBS = $(RUN_DEBS) chromium

define apt_missing
	@missing=""; for pkg in $(1); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; done; \
	[ -z "$$missing" ] || { echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }
endef

system-run:
	$(call apt_missing,$(RUN_DEBS))

system-test:
	$(call apt_missing,$(TEST_DEBS))

dictionaries: system-run
tesseract: system-run
chromium: system-test

run: $(BIN)/.installed-run system-run
	$(COMPILE)
	$(BIN)/searchsvc index
	$(BIN)/searchsvc serve

index: $(BIN)/.installed-run
	$(COMPILE)
	$(BIN)/searchsvc index

# A wheel (with the templates, static files and word lists inside) in dist/, for `pip install dist/*.whl`.
wheel: $(BIN)/.installed-run
	$(BIN)/pip wheel --quiet --disable-pip-version-check --no-deps -w dist .

test: $(BIN)/.installed-test system-test
	$(BIN)/python -m pytest -W error

# Issue 8's benchmark table (bench/README.md); long at 100,000 documents, resumable. E.g. BENCH_ARGS='--docs 1000,10000'.
bench: $(BIN)/.installed-test
	$(BIN)/python bench/suite.py $(BENCH_ARGS)
	$(BIN)/python bench/formats.py

quality: $(BIN)/.installed-run
	$(BIN)/python bench/quality.py

clean:
	rm -rf $(VENV) index/CURRENT index/builds dist build
