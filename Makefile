# The two commands a reader needs are `make serve` and `make test`; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve test build offline outputs data bench lock java chromium clean new lint

# The environment is exactly the lock file: recreated from scratch whenever the lock changes.
$(VENV)/.installed: requirements.lock
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

# Lighthouse (the accessibility, best-practices and SEO audits), exactly as package-lock.json pins it.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

chromium:
	@command -v chromium >/dev/null || { \
	  echo "The browser tests need Chromium: install it (Debian: apt-get install chromium) and run make again."; \
	  exit 1; }

java:
	@java -version 2>&1 | head -n 1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])' || { \
	  echo "PySpark needs Java 17 or newer: install it (Debian: apt-get install openjdk-17-jre-headless) and run make again."; \
	  exit 1; }

# Live preview while writing: rebuilds only the edited page (--dirty, which the strict mode
# would refuse) and skips the print page; make build and make test stay strict and complete.
ADDR ?= 127.0.0.1:8000
serve: $(VENV)/.installed
	STRICT=false PRINT_PAGE=false $(BIN)/python -m mkdocs serve --dirty --dev-addr $(ADDR)

test: $(VENV)/.installed node_modules/.installed java chromium
	$(BIN)/python -m pytest -n 2 --dist loadfile

# Strict build into a fresh folder, moved into place only when it succeeded.
build: $(VENV)/.installed
	rm -rf site.partial
	$(BIN)/python -m mkdocs build --strict --site-dir site.partial
	rm -rf site && mv site.partial site

offline: $(VENV)/.installed
	rm -rf site-offline
	OFFLINE=true $(BIN)/python -m mkdocs build --strict --site-dir site-offline
	rm -f site-offline.zip && $(BIN)/python -m zipfile -c site-offline.zip site-offline/

outputs: $(VENV)/.installed java
	$(BIN)/python -m pytest docs -q --update-outputs

# A new page from a template, registered in the nav: make new kind=topic page=SECTION/NAME title="Title"
new: $(VENV)/.installed
	$(BIN)/python -m hooks.scaffold "$(kind)" "$(page)" "$(title)"

# ruff on code and page snippets, Markdown style, spelling (also the pre-commit hook)
lint: $(VENV)/.installed
	$(BIN)/python -m hooks.lint

data: $(VENV)/.installed
	$(BIN)/python docs/data/generate.py

bench: $(VENV)/.installed node_modules/.installed java chromium
	$(BIN)/python tests/bench.py

# Maintainers only: re-resolve the pins after editing pyproject.toml.
lock:
	$(PYTHON) -m venv /tmp/field-guide-lock && /tmp/field-guide-lock/bin/pip install --quiet uv
	/tmp/field-guide-lock/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --no-header -o requirements.lock

clean:
	rm -rf site site.partial site-offline site-offline.zip .cache
