# ZI Tracker: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the tests use: Chromium for browser tests, poppler-utils (pdftotext, pdftoppm)
# and libharfbuzz-subset0 for the PDF work; gettext compiles our wording of a few messages.
DEB_PACKAGES := chromium poppler-utils libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 libmagic1 gettext
# What the app itself needs from Debian: libmagic reads uploaded files' content type, pango and
# harfbuzz are WeasyPrint's text layout, poppler-utils draws the document previews.
RUN_PACKAGES := libmagic1 gettext poppler-utils libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
# `make run PORT=8080` serves on another port; the links the app prints (QR codes, emails)
# follow it unless ZI_PUBLIC_URL is given.
PORT ?= 8000
ZI_PUBLIC_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test lint install install-test system-deps run-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-test.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run-deps:
	@$(MAKE) --no-print-directory system-deps DEB_PACKAGES="$(RUN_PACKAGES)"

system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Memasang paket Debian:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# Our wording of a few of Django's Indonesian messages (see locale/id/LC_MESSAGES/django.po).
MO := locale/id/LC_MESSAGES/django.mo
$(MO): locale/id/LC_MESSAGES/django.po
	msgfmt --check -o $@ $<

run: install run-deps $(MO)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_evidence
	$(BIN)/python manage.py snapshot_progress
	@# Served as users see it (DEBUG off: the app's own error pages, hashed static files), with a
	@# key of this machine; plain HTTP on 127.0.0.1, so no HTTPS redirect or secure cookies.
	@# Static files come from whitenoise, as in production: Django's own static handler
	@# (runserver --insecure) knows only the unhashed names and answered 404 for every page's
	@# CSS and script.
	@[ -f $(VENV)/dev-secret ] || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $(VENV)/dev-secret
	DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_SECRET_KEY="$$(cat $(VENV)/dev-secret)" \
	  $(BIN)/python manage.py collectstatic --noinput -v0
	@echo "ZI Tracker berjalan di $(ZI_PUBLIC_URL)/  (Ctrl+C untuk berhenti)"
	DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_SECRET_KEY="$$(cat $(VENV)/dev-secret)" \
	  ZI_PUBLIC_URL="$(ZI_PUBLIC_URL)" \
	  $(BIN)/python manage.py runserver --nostatic 127.0.0.1:$(PORT)

test: install-test system-deps $(MO)
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media .pytest_cache
