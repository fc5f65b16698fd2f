# district-standard — every command a technician or CI needs.
#   make demo    the sample district's groups and sheet check, then the demo
#                school's servers as lab containers: dry run, enforce, dry run
#   make test    lint + the whole test suite (what CI runs)
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
# the browser the HTML report is tested in.
SYSTEM_PACKAGES := podman runc debootstrap uidmap slirp4netns fuse-overlayfs chromium chromium-driver
export CONTAINERS_CONF := $(CURDIR)/scripts/lab/containers.conf
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
export PATH := $(BIN):$(PATH)

.PHONY: help setup system-packages demo test unit lint molecule bench check-sheet lab-up lab-down clean

help:
	@echo "make setup        create .venv and install the pinned requirements (quick when done)"
	@echo "make demo         the sample district (groups, sheet check), then the demo school's servers"
	@echo "                  as lab containers: compliance dry run, enforce, print queues, dry run again"
	@echo "make test         lint and run every test (what CI runs)"
	@echo "make lint         ansible-lint (production profile) and yamllint"
	@echo "make molecule [SCENARIOS=backup]  role scenarios on lab containers (part of make test)"
	@echo "make bench        inventory and lab benchmarks (not part of make test)"
	@echo "make check-sheet SHEET=path [SHEET_NAME=name]   list every problem of an asset sheet"
	@echo "make lab-up N=10  a lab of N systemd containers reached over SSH, and its asset sheet"
	@echo "make lab-down [LAB_NAME=demo]  remove that lab (or the demo's)"

setup: $(STAMP) system-packages

system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing (apt)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

# Debian's python3 has no venv module until python3-venv is installed.
$(STAMP): requirements.txt
	@python3 -c 'import venv, ensurepip' 2>/dev/null || { \
	  echo "installing python3-venv (apt)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv python3-pip; }
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

demo: setup
	@echo "== The sample district as Ansible sees it ($(SAMPLE)) =="
	ansible-inventory -i $(SAMPLE) --graph
	@echo
	@echo "== The sheet check of the same sheets =="
	$(PY) scripts/check_sheet.py $(SAMPLE)/district.asset_sheet.yml --report-only
	@echo
	@echo "== The demo school's servers (inventories/demo) as lab containers =="
	$(LAB) up --name demo --inventory inventories/demo
	@echo
	@echo "== Dry run: how far the new servers are from the district standard (changes nothing) =="
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

test: setup lint unit molecule

unit: setup
	$(BIN)/pytest -q tests

lint: setup
	$(BIN)/yamllint -s .
	$(BIN)/ansible-lint --offline --profile production

molecule: setup
	@export LAB_IMAGE=$$($(LAB) image) && for s in $(SCENARIOS); do \
	  echo "== molecule test -s $$s =="; molecule test -s $$s || exit 1; done

bench: setup
	$(PY) tests/benchmarks/bench_inventory.py
	$(PY) tests/benchmarks/bench_lab.py

check-sheet: setup
	@test -n "$(SHEET)" || { echo "usage: make check-sheet SHEET=path/to/assets.xlsx [SHEET_NAME=name]"; exit 2; }
	$(PY) scripts/check_sheet.py "$(SHEET)" $(if $(SHEET_NAME),--sheet-name "$(SHEET_NAME)")

lab-up: setup
	$(LAB) up --name $(LAB_NAME) --hosts $(N)

lab-down: setup
	$(LAB) down --name $(LAB_NAME)

clean:
	rm -rf .cache reports tests/benchmarks/out .pytest_cache
