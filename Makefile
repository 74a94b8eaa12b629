# Two commands on a fresh machine: `make site` then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
STAMP := $(VENV)/.installed

.PHONY: site test test-fast serve validate clean bench offline

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[site,test]'
	touch $(STAMP)

EDITIONS := mkdocs.yml mkdocs.es.yml mkdocs.fr.yml

# English first: its build empties site/, then each other edition fills site/<lang>/.
site: $(STAMP)  ## build every edition (English at site/, Spanish and French at site/es/, site/fr/)
	for config in $(EDITIONS); do $(BIN)/mkdocs build --strict -q -f $$config || exit 1; done

# The npm tools the HTML and accessibility tests use; where npm is missing those tests
# skip with a reason (and fail under CI, whose .ci/run installs npm).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

test: $(STAMP) $(if $(shell command -v npm),$(NODE_STAMP))  ## run the whole test suite
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/lint-imports --no-cache pyproject.toml
	$(BIN)/pytest -n 2

test-fast: $(STAMP)  ## the library's unit tests only, in seconds, while you edit
	$(BIN)/pytest -q tests/unit -m 'not build and not browser'

offline: $(STAMP)  ## build the offline edition and zip it as odhub-offline.zip
	$(BIN)/python scripts/build_offline.py

serve: $(STAMP)
	$(BIN)/mkdocs serve

validate: $(STAMP)
	$(BIN)/odhub validate

bench: $(STAMP)  ## build synthetic hubs of 100-3000 pages; print timings (docs/contribute/performance.md)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf site site-offline odhub-offline.zip $(VENV) node_modules
