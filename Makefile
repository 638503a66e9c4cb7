# Two entry points: `make run` (set up, index the seeds, serve) and `make test` (set up, run every test).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test index bench quality chromium tesseract clean

# constraints.txt pins every package, direct and transitive, to the versions tested here.
$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

run: $(BIN)/.installed tesseract
	$(BIN)/searchsvc index
	$(BIN)/searchsvc serve

index: $(BIN)/.installed
	$(BIN)/searchsvc index

# The browser test drives Debian's Chromium; install it when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Scanned PDFs are read by Debian's Tesseract (Dutch, German, English); install it when it is missing.
tesseract:
	@command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -q '^nld$$' || { \
	  echo "installing Debian's tesseract-ocr (nld, deu, eng) to read scans"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    tesseract-ocr tesseract-ocr-nld tesseract-ocr-deu tesseract-ocr-eng >/dev/null; }

test: $(BIN)/.installed chromium tesseract
	$(BIN)/python -m pytest -W error

# Issue 8's benchmark table (bench/README.md); long at 100,000 documents, resumable. E.g. BENCH_ARGS='--docs 1000,10000'.
bench: $(BIN)/.installed
	$(BIN)/python bench/suite.py $(BENCH_ARGS)

quality: $(BIN)/.installed
	$(BIN)/python bench/quality.py

clean:
	rm -rf $(VENV) index/CURRENT index/builds
