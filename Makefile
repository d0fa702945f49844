# BinaASN: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VAR := var
HOST ?= 127.0.0.1
PORT ?= 8000

# Local defaults for `make run`: plain HTTP on this machine. Production sets these itself.
RUN_ENV = DEBUG=0 SECRET_KEY="$$(cat $(VAR)/secret_key)" ALLOWED_HOSTS=127.0.0.1,localhost \
	SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0

.PHONY: run test translations install install-dev lint format migrate demo messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VAR)/secret_key:
	mkdir -p $(VAR)
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: install $(VAR)/secret_key
	mkdir -p $(VAR)/static $(VAR)/media
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py createcachetable
	$(RUN_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv -v 0 || true
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --no-input -v 0
	$(RUN_ENV) $(BIN)/python manage.py seed_demo --if-empty
	$(RUN_ENV) HOST=$(HOST) PORT=$(PORT) BIN=$(BIN) scripts/serve.sh

# Test processes: 2 by default (pytest-xdist); PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= 2

test: install-dev translations
	mkdir -p $(VAR)/static
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Compile the .po catalogues (if any) so tests see the translations; needs GNU gettext's msgfmt.
translations: install
	@if [ -n "$$(find binaasn -name '*.po' -not -path '*/static/*' | head -1)" ]; then \
		command -v msgfmt >/dev/null || { echo "msgfmt not found: apt-get install gettext"; exit 1; }; \
		BINAASN_TESTING=1 $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var -v 0; \
	fi

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(find binaasn -name '*.html' -not -path '*/vendor/*')

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install-dev
	cd binaasn && ../$(BIN)/python ../manage.py makemessages -l id -l en --no-obsolete --ignore='static/*'
	cd binaasn && ../$(BIN)/python ../manage.py compilemessages

bench: install-dev
	$(BIN)/python bench/import_bench.py --rows 100000

clean:
	rm -rf $(VENV) $(VAR)
