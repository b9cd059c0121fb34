# Dongxihu civil-affairs self-service.
#   make run   — install what is missing, build the release site, serve http://127.0.0.1:3000
#   make test  — unit, golden, API (SQLite + PostgreSQL) and Chromium end-to-end tests
# Every install step lives here; nothing is installed by hand.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
OHA_VERSION := 1.16.0
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
# cargo-leptos puts the site at site-root (Cargo.toml), relative to the workspace.
SITE_ROOT := $(CURDIR)/target/site
SERVER_BIN := $(TARGET_DIR)/release/server
# wasm-opt must be npm's binaryen (Debian's is too old and breaks hydration).
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export LEPTOS_SITE_ROOT := $(SITE_ROOT)
PG_ADMIN_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: help run test tools build unit e2e api-fuzz bench bench-tools soak bench-load bench-donations fmt clean-data

help:
	@echo "make run    build and serve on http://127.0.0.1:3000 (ADDR=host:port, DATABASE_URL=...)"
	@echo "make test   every test (REQUIRE_POSTGRES=1 fails instead of skipping PostgreSQL)"
	@echo "make bench  benchmarks into bench/RESULTS.md (engine, HTTP load, memory, page speed, wasm)"
	@echo "make soak   ten minutes at half the measured peak"
	@echo "make fuzz   each fuzz target for FUZZ_SECONDS (default 300); not part of make test or CI"

## ---- installs (idempotent) ------------------------------------------------------------
tools: .tools/apt .tools/rust .tools/cargo-leptos .tools/wasm-bindgen-$(WASM_BINDGEN_VERSION) end2end/node_modules/.installed

.tools/apt:
	@mkdir -p .tools
	@missing=""; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	  command -v cc >/dev/null || missing="$$missing build-essential"; \
	  command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	  command -v brotli >/dev/null || missing="$$missing brotli"; \
	  python3 -c "import venv, ensurepip" 2>/dev/null || missing="$$missing python3-venv"; \
	  command -v pdftotext >/dev/null || missing="$$missing poppler-utils poppler-data"; \
	  fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	  if [ -n "$$missing" ]; then \
	    echo "installing Debian packages:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing || \
	      { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; }; \
	  fi
	@touch $@

.tools/rust:
	@mkdir -p .tools
	rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@touch $@

.tools/cargo-leptos:
	@mkdir -p .tools
	@if ! cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)"; then \
	  echo "installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 12 minutes on 2 cores)"; \
	  cargo install cargo-leptos --locked --version $(CARGO_LEPTOS_VERSION) --features no_downloads; \
	fi
	@touch $@

.tools/wasm-bindgen-$(WASM_BINDGEN_VERSION):
	@mkdir -p .tools
	@if ! wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$"; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (the version in Cargo.lock)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi
	@touch $@

end2end/node_modules/.installed: end2end/package.json end2end/package-lock.json .tools/apt
	cd end2end && npm ci --no-audit --no-fund
	@touch $@

## ---- build and run ----------------------------------------------------------------------
# --split: each group of pages is its own wasm module (app/src/routes.rs). The pkg files are then
# compressed once at the strongest levels (scripts/precompress.sh) and served as they are.
build: tools
	cargo leptos build --release --split
	scripts/precompress.sh $(SITE_ROOT)/pkg

# Development mode (PRODUCTION=false): demo data, the sandbox gateway and the development outbox,
# on a loopback address only. A server started any other way is in production mode.
run: build
	@mkdir -p data
	PRODUCTION=false $(SERVER_BIN)

## ---- tests ----------------------------------------------------------------------------------
# e2e and api-fuzz in one make run: the release site is built once for both (cargo leptos
# regenerates its JavaScript on every build, about 4 minutes on 2 cores).
test: tools
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory e2e api-fuzz

# Unit, golden and API integration tests (SQLite always; PostgreSQL when reachable).
unit:
	@if python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',5432),2)" 2>/dev/null; then \
	  echo "PostgreSQL reachable: running the PostgreSQL suite too"; \
	  export TEST_POSTGRES_URL="$(PG_ADMIN_URL)"; \
	elif [ "$${REQUIRE_POSTGRES:-0}" = "1" ]; then \
	  echo "error: PostgreSQL is required (REQUIRE_POSTGRES=1) but 127.0.0.1:5432 does not answer"; exit 1; \
	else \
	  echo "******** PostgreSQL not reachable on 127.0.0.1:5432: the PostgreSQL suite is SKIPPED ********"; \
	fi; \
	cargo test --workspace --exclude frontend
	@# No module import loops (issue #20): the layers below the features import none of them.
	@python3 scripts/module-loops.py server/src server && python3 scripts/module-loops.py policy/src policy

# Chromium end-to-end tests against the release build on a free loopback port.
e2e: build
	@port=$$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'); \
	dir=$$(mktemp -d); \
	echo "end-to-end: serving the release build on 127.0.0.1:$$port with a fresh database"; \
	(cd end2end && E2E_PORT=$$port E2E_SERVER="$(SERVER_BIN)" E2E_DB="sqlite://$$dir/e2e.db" \
	  E2E_LOG="$$dir/server.log" npx playwright test); status=$$?; \
	if [ $$status = 0 ]; then scripts/pii-scan.sh "$$dir"; status=$$?; fi; \
	rm -rf "$$dir"; exit $$status

# Schemathesis fuzzes /api/v1 from its OpenAPI document against the release build: no 5xx,
# every answer as documented, no panic (scripts/api-fuzz.sh).
api-fuzz: build
	@SERVER_BIN="$(SERVER_BIN)" scripts/api-fuzz.sh

# Every figure of issue #8 (engine, HTTP load on SQLite and PostgreSQL, memory, start-up, page
# speed in Chromium, wasm per page) into bench/RESULTS.md. Not part of `make test`.
bench: build bench-tools
	@SERVER_BIN="$(SERVER_BIN)" PG_ADMIN_URL="$(PG_ADMIN_URL)" scripts/bench.sh

# Ten minutes at half the measured peak: zero errors, memory flat within 10 %.
soak: build bench-tools
	@SERVER_BIN="$(SERVER_BIN)" scripts/soak.sh

bench-tools: tools .tools/oha-$(OHA_VERSION)

.tools/oha-$(OHA_VERSION):
	@mkdir -p .tools
	@if ! oha --version 2>/dev/null | grep -q " $(OHA_VERSION)$$"; then \
	  echo "installing oha $(OHA_VERSION), the HTTP load generator"; \
	  cargo install oha --locked --version $(OHA_VERSION); \
	fi
	@touch $@

# Check-in load: 500 volunteers scan one activity's QR code within 10 s, release build, SQLite and
# PostgreSQL (skipped loudly when 127.0.0.1:5432 does not answer; REQUIRE_POSTGRES=1 fails).
bench-load: build
	@SERVER_BIN="$(SERVER_BIN)" PG_ADMIN_URL="$(PG_ADMIN_URL)" scripts/load-checkin.sh

# Donations load: concurrent orders paid through the sandbox gateway's signed notifications, each
# delivered twice; SQLite and PostgreSQL; the reconciliation must pass afterwards.
bench-donations: build
	@SERVER_BIN="$(SERVER_BIN)" PG_ADMIN_URL="$(PG_ADMIN_URL)" scripts/load-donations.sh

## ---- fuzzing (not in CI) ------------------------------------------------------------------
# cargo-fuzz drives libFuzzer targets in fuzz/ (its own workspace). It passes -Z flags to rustc
# and cargo, which the stable toolchain takes only with RUSTC_BOOTSTRAP=1: set here, for these
# commands alone. Seeds are fuzz/corpus/<target>/ (committed, only read); what the fuzzer adds
# goes to fuzz/work/<target>/ and crashes to fuzz/artifacts/<target>/ (both ignored by git).
CARGO_FUZZ_VERSION := 0.13.2
FUZZ_SECONDS ?= 300
FUZZ_SANITIZER ?= address
FUZZ_TARGETS := id_number eligibility_check payment_notify
FUZZ := RUSTC_BOOTSTRAP=1 cargo fuzz

.PHONY: fuzz

.tools/cargo-fuzz:
	@mkdir -p .tools
	@if ! cargo fuzz --version 2>/dev/null | grep -q " $(CARGO_FUZZ_VERSION)$$"; then \
	  echo "installing cargo-fuzz $(CARGO_FUZZ_VERSION)"; \
	  cargo install cargo-fuzz --locked --version $(CARGO_FUZZ_VERSION); \
	fi
	@touch $@

# Fails when any target crashes, leaks, hangs (-timeout) or runs out of memory.
fuzz: .tools/cargo-fuzz
	$(FUZZ) build --sanitizer $(FUZZ_SANITIZER)
	@failed=""; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/work/$$t; \
	  echo "==== fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ) run --sanitizer $(FUZZ_SANITIZER) $$t fuzz/work/$$t fuzz/corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
	    || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzzing found crashes in:$$failed (inputs in fuzz/artifacts/)"; exit 1; fi

fmt:
	cargo fmt --all

clean-data:
	rm -rf data
