# district-standard — every command a technician or CI needs.
#   make demo    the sample district: group tree and sheet summary
#   make test    lint + the whole test suite (what CI runs)
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
BIN     := $(CURDIR)/$(VENV)/bin
PY      := $(BIN)/python
STAMP   := $(VENV)/.installed
SAMPLE  := inventories/sample
LAB     := $(PY) tests/lab/lab.py
N       ?= 10
# Molecule scenarios run by make test (each: check, converge, idempotence, verify on lab containers).
SCENARIOS ?= backup app_server print_server
# System packages the lab needs (Podman with runc, debootstrap for the offline image).
SYSTEM_PACKAGES := podman runc debootstrap uidmap slirp4netns fuse-overlayfs
export CONTAINERS_CONF := $(CURDIR)/tests/lab/containers.conf
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
export PATH := $(BIN):$(PATH)

.PHONY: help setup system-packages demo test unit lint molecule bench check-sheet lab-up lab-down clean

help:
	@echo "make setup        create .venv and install the pinned requirements (quick when done)"
	@echo "make demo         load the sample district: group tree and sheet summary"
	@echo "make test         lint and run every test (what CI runs)"
	@echo "make lint         ansible-lint (production profile) and yamllint"
	@echo "make molecule [SCENARIOS=backup]  role scenarios on lab containers (part of make test)"
	@echo "make bench        inventory benchmarks (not part of make test)"
	@echo "make check-sheet SHEET=path [SHEET_NAME=name]   list every problem of an asset sheet"
	@echo "make lab-up N=10  a lab of N systemd containers reached over SSH, and its asset sheet"
	@echo "make lab-down     remove that lab"

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

check-sheet: setup
	@test -n "$(SHEET)" || { echo "usage: make check-sheet SHEET=path/to/assets.xlsx [SHEET_NAME=name]"; exit 2; }
	$(PY) scripts/check_sheet.py "$(SHEET)" $(if $(SHEET_NAME),--sheet-name "$(SHEET_NAME)")

lab-up: setup
	$(LAB) up --name lab --hosts $(N)

lab-down: setup
	$(LAB) down --name lab

clean:
	rm -rf .cache reports tests/benchmarks/out .pytest_cache
