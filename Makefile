# district-standard — every command a technician or CI needs.
#   make demo    the sample district's groups and sheet check, then the demo
#                school's servers as lab containers: dry run, enforce, dry run
#   make test    lint + the whole test suite (what CI runs, after make demo)
#   make help    every target
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
BIN     := $(CURDIR)/$(VENV)/bin
PY      := $(BIN)/python
STAMP   := $(VENV)/.installed
SAMPLE  := inventories/sample
LAB     := $(PY) scripts/lab/lab.py
N       ?= 10
LAB_NAME ?= lab
DEMO_INV := .cache/lab/demo/inventory
VAULT_PASS := --vault-password-file inventories/sample/demo-vault-password.txt
# Molecule scenarios run by make test (each: check, converge, idempotence, verify on lab containers).
SCENARIOS ?= backup app_server print_server
# System packages: the lab (Podman with runc, debootstrap for the offline image) and
# the browser the HTML report is tested in; shellcheck for ansible-test sanity.
SYSTEM_PACKAGES := podman runc debootstrap uidmap slirp4netns fuse-overlayfs chromium chromium-driver shellcheck
export CONTAINERS_CONF := $(CURDIR)/scripts/lab/containers.conf
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
export PATH := $(BIN):$(PATH)

.PHONY: help setup lock system-packages demo test unit integration lab-tests lint ruff sanity ee-context molecule bench check-sheet lab-up lab-down clean

help: ## this list
	@echo "district-standard: make <target>   (the README's two commands: make demo, make test)"
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 20

setup: $(STAMP) system-packages ## create .venv with the pinned packages, and the system packages (quick when done)

system-packages: ## install the Debian packages the lab and the browser tests need (apt, when missing)
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing (apt)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

# Debian's python3 has no venv module until python3-venv is installed.
# pip installs requirements.lock: every package (dependencies included) at one
# version, each file checked against its sha256 hash (--require-hashes), made
# from requirements.txt by `make lock`. A pin of requirements.txt missing from
# the lock stops here: run make lock.
$(STAMP): requirements.txt requirements.lock
	@python3 -c 'import venv, ensurepip' 2>/dev/null || { \
	  echo "installing python3-venv (apt)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv python3-pip; }
	@for pin in $$(sed -nE 's/^([A-Za-z0-9_.-]+)(\[[^]]*\])?==([^ ;#]+).*/\1==\3/p' requirements.txt); do \
	  grep -qix "$$pin \\\\" requirements.lock || { \
	    echo "requirements.lock has no $$pin (requirements.txt changed): run make lock"; exit 1; }; done
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

# pip-tools (pinned) in its own throwaway venv, never in .venv.
PIP_TOOLS := .cache/pip-tools
lock: ## regenerate requirements.lock (every package with its hashes) after a change to requirements.txt
	@test -x $(PIP_TOOLS)/bin/pip-compile || { python3 -m venv $(PIP_TOOLS) && \
	  $(PIP_TOOLS)/bin/pip install -q --disable-pip-version-check pip-tools==7.6.2; }
	$(PIP_TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file requirements.lock requirements.txt

demo: setup ## the sample district, then the demo school on lab containers: dry run, enforce, dry run
	@echo "== The sample district as Ansible sees it ($(SAMPLE)) =="
	ansible-inventory -i $(SAMPLE) --graph
	@echo
	@echo "== The sheet check of the same sheets =="
	$(PY) scripts/check_sheet.py $(SAMPLE)/district.asset_sheet.yml --report-only
	@echo
	@echo "== The demo school's servers (inventories/demo) as lab containers =="
	$(LAB) up --name demo --inventory inventories/demo
	@echo
	@echo "== Dry run: how far the demo school is from the district standard (changes nothing) =="
	@echo "   Its two servers run here as containers. Its two Windows lab PCs and its MacBook are rows of the"
	@echo "   sheet with no machine behind them (no Windows or macOS can run on this machine): the report lists"
	@echo "   them as unreachable, with asset tag and room, as it lists a school's PCs that are switched off."
	ansible-playbook -i $(DEMO_INV) playbooks/compliance.yml $(VAULT_PASS)
	@echo
	@echo "== Enforce the standard =="
	ansible-playbook -i $(DEMO_INV) playbooks/servers.yml $(VAULT_PASS)
	@echo
	@echo "== The print queues made from the sheet =="
	ansible-playbook -i $(DEMO_INV) playbooks/print_queues.yml
	@echo
	@echo "== Dry run again: compliant =="
	ansible-playbook -i $(DEMO_INV) playbooks/compliance.yml $(VAULT_PASS) -e compliance_fail_on_drift=true
	@echo
	@echo "Compliance report (HTML): $(CURDIR)/reports/latest/compliance.html (CSV, JSON and JUnit beside it)"
	@echo "The demo lab is still running (ssh details in $(DEMO_INV)); remove it with: make lab-down LAB_NAME=demo"

test: setup lint unit integration lab-tests molecule ## everything CI runs: lint (with sanity), unit, integration and lab tests, molecule

unit: setup ## unit tests only (no Ansible run, no lab; seconds)
	$(BIN)/pytest -q tests/unit

integration: setup ## tests that run Ansible on this machine, without lab containers (the EE test runs in lint)
	$(BIN)/pytest -q -m "not lab" --ignore=tests/integration/test_execution_environment.py tests/integration

lab-tests: setup ## tests on lab containers (lab, compliance, operations; several minutes)
	$(BIN)/pytest -q -m lab --durations=15 tests/integration

lint: setup ruff sanity ## ruff, ansible-test sanity, yamllint, ansible-lint (production profile), the generated docs
	$(BIN)/yamllint -s .
	$(BIN)/ansible-lint --offline --profile production
	$(PY) scripts/role_docs.py --check
	$(PY) scripts/control_catalogue.py --check
	$(BIN)/pytest -q -p no:randomly tests/integration/test_execution_environment.py

ruff: setup ## ruff on every Python file (rules in ruff.toml)
	$(BIN)/ruff check .

sanity: setup ## ansible-test sanity on the built collection, offline (tests/sanity/README.md; ARGS="--test pep8")
	$(PY) scripts/sanity/run.py $(ARGS)

ee-context: setup ## the execution environment's build context in .cache/ee (building the image needs a registry: docs/awx.md)
	rm -rf dist .cache/ee && mkdir -p .cache && printf '[defaults]\n' > .cache/galaxy-build.cfg
	ANSIBLE_CONFIG=$(CURDIR)/.cache/galaxy-build.cfg ansible-galaxy collection build --output-path dist .
	ansible-builder create --file execution-environment.yml --context .cache/ee

molecule: setup ## role scenarios on lab containers [SCENARIOS="backup app_server print_server"]
	@export LAB_IMAGE=$$($(LAB) image) && for s in $(SCENARIOS); do \
	  echo "== molecule test -s $$s =="; molecule test -s $$s || exit 1; done

# The lab benchmarks take the lab lock, so that they never share the machine with another lab run.
LAB_LOCK := flock /tmp/district-lab.lock
bench: setup ## the inventory, lab run, report, AWX and history benchmarks, printing their figures (not part of make test)
	$(PY) tests/benchmarks/bench_inventory.py
	$(LAB_LOCK) $(PY) tests/benchmarks/bench_lab.py
	$(PY) tests/benchmarks/bench_report.py
	$(LAB_LOCK) $(PY) tests/benchmarks/bench_report.py --lab
	$(PY) tests/benchmarks/bench_awx.py
	$(PY) tests/benchmarks/bench_history.py

check-sheet: setup ## list every problem of an asset sheet: SHEET=path [SHEET_NAME=name]
	@test -n "$(SHEET)" || { echo "usage: make check-sheet SHEET=path/to/assets.xlsx [SHEET_NAME=name]"; exit 2; }
	$(PY) scripts/check_sheet.py "$(SHEET)" $(if $(SHEET_NAME),--sheet-name "$(SHEET_NAME)")

lab-up: setup ## a lab of N systemd containers reached over SSH, and its asset sheet [N=10]
	$(LAB) up --name $(LAB_NAME) --hosts $(N)

lab-down: setup ## remove a lab [LAB_NAME=demo]
	$(LAB) down --name $(LAB_NAME)

clean: ## remove caches, reports and benchmark output (not the .venv)
	rm -rf .cache reports dist tests/benchmarks/out .pytest_cache
