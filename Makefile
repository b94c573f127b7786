# Two set-up commands for a fresh machine (see README): `make serve` and `make test`.
# Every dependency is pinned: Python in requirements.txt, npm in package-lock.json,
# Debian's chromium and Java below.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
CHROMIUM_VERSION ?= 156.0.8078.114-1~deb12u1
JAVA_VERSION     ?= 17.0.15+6-1~deb12u1
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build offline test test-fast bench-search bench-build chromium java clean

$(STAMP): requirements.txt pyproject.toml package.json package-lock.json
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	# --ignore-scripts: vnu-jar would download a Java of its own; Debian's is used (`make java`).
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests (Playwright cannot download browsers here).
# The pinned version is installed when the mirror still has it; Debian replaces
# security releases, so fall back to the current one rather than fail a fresh machine.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium=$(CHROMIUM_VERSION) \
	  || $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi
	@/usr/bin/chromium --version

# Debian's Java for the Nu Html Checker (npm vnu-jar) in the HTML tests; same policy as above.
java:
	@if ! command -v java >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless=$(JAVA_VERSION) \
	  || $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless; \
	fi
	@java -version 2>&1 | head -1

# --dirty rebuilds only the pages you edit (about 2 s instead of a full build); a bad edit shows
# its message in the terminal and on the page and the last good pages stay served.
# (`mkdocs serve` without --dirty rebuilds everything, for a change to navigation or titles.)
serve: install
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

# A publishing build: needs SITE_URL (the address the site will have). It builds into
# site.new/ and replaces site/ only when the strict build succeeded.
build: install
	@rm -rf site.new
	@if KB_PUBLISH=true $(BIN)/mkdocs build --strict --site-dir site.new; then \
	  rm -rf site.old; if [ -d site ]; then mv site site.old; fi; mv site.new site; rm -rf site.old; \
	  echo "Built the site in site/."; \
	else \
	  rm -rf site.new; echo "The build failed: site/ is unchanged. Fix the messages above and build again." >&2; exit 1; \
	fi

# Two workers on a 2-core machine; worksteal evens out the few long browser sweeps.
PYTEST_WORKERS ?= -n 2 --dist worksteal

test: install chromium java
	$(BIN)/python -m pytest $(PYTEST_WORKERS)

# HTML and content tests only, without the browser.
test-fast: install java
	$(BIN)/python -m pytest $(PYTEST_WORKERS) -m "not browser"

# A copy that works from a folder, e.g. on a USB stick or a school computer without internet:
# open site-offline/index.html in a browser.
offline: install
	rm -rf site-offline
	KB_OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline
	@echo "Open site-offline/index.html in a browser; it needs no server and no internet."

# Search benchmark: this site's search against Pagefind and Material's built-in search, on the
# real site and a synthetic 2,000-page Dutch corpus. Prints a table; see README, Performance.
bench-search: install chromium
	$(BIN)/python bench/search_bench.py --pages 2000 --runs 5

# Build benchmark: this site against Material alone on the real site and on 100, 500 and
# 2,000 pages per language, plus the time an edit takes to show during `mkdocs serve`.
bench-build: install
	$(BIN)/python bench/build_bench.py --runs 3

clean:
	rm -rf site $(VENV) node_modules
