# Two commands on a fresh machine: `make site` then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The documented switches of two banners that are not build warnings but say WARNING:
# Material's about MkDocs 2, and ProperDocs' (a dependency of mkdocs-redirects) that asks
# `mkdocs` users to switch. The warning-free checks read stderr, so both stay off.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
STAMP := $(VENV)/.installed

.PHONY: site site-properdocs site-zensical site-source test test-fast serve validate clean \
	bench offline

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[site,engines,test]'
	touch $(STAMP)

EDITIONS := mkdocs.yml mkdocs.es.yml mkdocs.fr.yml

# English first: its build empties site/, then each other edition fills site/<lang>/.
site: $(STAMP)  ## build every edition (English at site/, Spanish and French at site/es/, site/fr/)
	for config in $(EDITIONS); do $(BIN)/mkdocs build --strict -q -f $$config || exit 1; done

# The same site with the other engines (README: "Engines"). ProperDocs runs the hooks as
# MkDocs does; Zensical runs none, so it builds the complete source odhub writes.
site-properdocs: $(STAMP)  ## build every edition with ProperDocs into site-properdocs/
	$(BIN)/properdocs build --strict -q -d site-properdocs
	for lang in es fr; do \
	  $(BIN)/properdocs build --strict -q -f mkdocs.$$lang.yml -d site-properdocs/$$lang || exit 1; done

site-source: $(STAMP)  ## write the complete site source for engines without hooks
	$(BIN)/odhub build-source build/site-source --config mkdocs.zensical.yml

site-zensical: site-source  ## build the English edition with Zensical (classic look) into site-zensical/
	$(BIN)/zensical build --strict -f mkdocs.zensical.yml
	$(BIN)/odhub fix-markup site-zensical

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
	rm -rf site site-properdocs site-zensical build/site-source .cache site-offline \
		odhub-offline.zip $(VENV) node_modules
