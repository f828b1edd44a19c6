# Rhizome developer tasks. `make help` lists the targets.
#
# Everything runs from the repository root. Variables can be overridden on the
# command line, e.g. `make run VAULT=~/notes` or `make bench BENCH_ARGS="--help"`.

.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

# Debian packages needed to build and test. `make setup` installs the missing ones.
# Build: the Tauri v2 / WebKitGTK 4.1 toolchain. Headless run and test: Xvfb,
# the WebKit WebDriver and ImageMagick (`import` takes screenshots). Audio and
# video in the reader play through WebKitGTK's GStreamer backend: base and good
# (demuxers, Ogg/Vorbis/Opus, WAV, FLAC, WebM/VP8/VP9, MP4, MP3), libav (H.264
# and AAC decoders), bad (extra parsers) and gl (video frames to the view).
DEB_PACKAGES := build-essential pkg-config curl wget file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev \
	libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver imagemagick \
	gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav \
	gstreamer1.0-gl

# Vault opened by `make run`.
VAULT ?= seeds
# Extra arguments passed to the benchmark binaries by `make bench`.
BENCH_ARGS ?=
LAYOUT_BENCH_ARGS ?=
SEARCH_BENCH_ARGS ?=
MENTION_BENCH_ARGS ?=
# Seconds each fuzz target runs for in `make fuzz`, and which targets run.
FUZZ_TIME ?= 600
FUZZ_TARGETS ?= parse render paths

CARGO ?= cargo
NPM ?= npm

# One set of cargo flags for build, test and lint: mixing `-p` with
# `--workspace` or changing features re-resolves shared dependencies and
# rebuilds most of Tauri. `custom-protocol` embeds ui/dist in the binary.
CARGO_FLAGS := --workspace --all-targets --features rhizome-app/custom-protocol
# Cargo's target folder: CARGO_TARGET_DIR when the developer set it, as cargo does.
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
# The optimised app and CLI (`make run`, `make install`, `make package`): the
# build the benchmarks measure. Its own cargo invocation, always the same
# flags, so the three share one build.
RELEASE_FLAGS := --release -p rhizome-app -p rhizome-cli --features rhizome-app/custom-protocol
# Where `make install` puts the app, for the current user (the XDG layout:
# $(PREFIX)/bin on PATH, the desktop entry and icon where app menus look).
PREFIX ?= $(HOME)/.local
# Where `make package` leaves the .deb.
DEB_DIR = $(TARGET_DIR)/release/bundle/deb
# Where `make screenshot` writes its PNG.
SHOT ?= /tmp/rhizome-shot.png

# rustup installs into ~/.cargo/bin, which non-login shells often lack on PATH.
ifneq ($(wildcard $(HOME)/.cargo/bin),)
export PATH := $(HOME)/.cargo/bin:$(PATH)
endif

# Prefix privileged commands with sudo only when not already root.
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300

# Marks a `npm ci` that is at least as new as ui/package-lock.json.
UI_STAMP := ui/node_modules/.stamp

.PHONY: help setup ui run release install uninstall package package-check package-install-check screenshot test e2e bench fuzz fmt lint clean _system-packages _tools _ripgrep

help: ## List the targets
	@echo "Usage: make <target> [VAULT=path] [BENCH_ARGS=...]"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z][a-zA-Z0-9_-]*:.*## / {printf "  %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: _system-packages _tools $(UI_STAMP) ## Install what is missing: Debian packages, checks cargo and npm, ui/node_modules

# Installs only the DEB_PACKAGES that dpkg does not report as installed.
_system-packages:
	@missing=""; \
	for pkg in $(DEB_PACKAGES); do \
		dpkg -s "$$pkg" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "setup: installing Debian packages:$$missing"; \
		$(APT_GET) update && \
		$(APT_GET) install -y $$missing; \
	fi

# Fails clearly when the Rust or Node toolchain is missing.
_tools:
	@if ! command -v $(CARGO) >/dev/null 2>&1; then \
		echo "setup: error: cargo not found." >&2; \
		echo "  Install Rust with rustup, then open a new shell (or run: . \"\$$HOME/.cargo/env\"):" >&2; \
		echo "    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y" >&2; \
		exit 1; \
	fi
	@if ! command -v $(NPM) >/dev/null 2>&1; then \
		echo "setup: error: npm not found. Install Node.js 20 or newer (https://nodejs.org/en/download)." >&2; \
		exit 1; \
	fi

# `npm ci` when ui/node_modules is missing or older than the lock file.
$(UI_STAMP): ui/package-lock.json | _tools
	@echo "setup: npm ci in ui/"
	cd ui && $(NPM) ci
	@touch $@

ui: setup ## Build the front-end into ui/dist (the app embeds it at compile time)
	cd ui && $(NPM) run build

run: release ## Build the optimised desktop app and open it on VAULT (default: seeds)
	$(TARGET_DIR)/release/rhizome "$(VAULT)"

release: ui ## Build the optimised app and CLI (what run, install and package use)
	$(CARGO) build $(RELEASE_FLAGS)

install: release ## Install the app and CLI for the current user: PREFIX/bin, a desktop entry and the icon
	install -Dm755 $(TARGET_DIR)/release/rhizome "$(PREFIX)/bin/rhizome"
	install -Dm755 $(TARGET_DIR)/release/rhizome-cli "$(PREFIX)/bin/rhizome-cli"
	install -Dm644 src-tauri/icons/icon.png "$(PREFIX)/share/icons/hicolor/512x512/apps/rhizome.png"
	mkdir -p "$(PREFIX)/share/applications"
	sed 's|^Exec=.*|Exec=$(PREFIX)/bin/rhizome %F|' packaging/rhizome.desktop > "$(PREFIX)/share/applications/rhizome.desktop"
	-command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$(PREFIX)/share/applications"
	-command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$(PREFIX)/share/icons/hicolor"
	@echo "install: $(PREFIX)/bin/rhizome and rhizome-cli; Rhizome is in the app menu (add $(PREFIX)/bin to PATH if it is not)"

uninstall: ## Remove what `make install` put under PREFIX
	rm -f "$(PREFIX)/bin/rhizome" "$(PREFIX)/bin/rhizome-cli" \
		"$(PREFIX)/share/icons/hicolor/512x512/apps/rhizome.png" "$(PREFIX)/share/applications/rhizome.desktop"

# Tauri's bundler packs the release build (`tauri bundle`, no second compile);
# the CLI goes in as a plain file. Nothing is downloaded: the .deb bundler
# needs no external tool.
package: release ## Build a .deb with Tauri's bundler (app, CLI, desktop entry, icon, dependencies) into target/release/bundle/deb
	TAURI_APP_PATH=src-tauri ui/node_modules/.bin/tauri bundle --bundles deb \
		--config '{"bundle":{"active":true,"linux":{"deb":{"files":{"/usr/bin/rhizome-cli":"$(abspath $(TARGET_DIR))/release/rhizome-cli"}}}}}'
	@ls -1 $(DEB_DIR)/*.deb

# What the .deb holds (dpkg-deb -c): both binaries, the desktop entry and the
# icon; its desktop entry checked when desktop-file-validate is installed.
package-check: ## Check the built .deb: its binaries, desktop entry and icon (dpkg-deb -c) and its metadata
	@deb=$$(ls -t $(DEB_DIR)/*.deb | head -n1); echo "package-check: $$deb"; \
	dpkg-deb -c "$$deb" > $(TARGET_DIR)/deb-contents.txt; \
	for entry in usr/bin/rhizome usr/bin/rhizome-cli usr/share/applications/Rhizome.desktop \
		usr/share/icons/hicolor/512x512/apps/rhizome.png; do \
		grep -Eq "[ /]$$entry$$" $(TARGET_DIR)/deb-contents.txt || { echo "package-check: $$entry is missing" >&2; exit 1; }; \
	done; \
	dpkg-deb -f "$$deb" Package Version Depends; \
	tmp=$$(mktemp -d); dpkg-deb -x "$$deb" "$$tmp"; \
	"$$tmp/usr/bin/rhizome-cli" stats seeds > /dev/null || { echo "package-check: the packaged CLI does not run" >&2; exit 1; }; \
	if command -v desktop-file-validate >/dev/null 2>&1; then desktop-file-validate "$$tmp/usr/share/applications/Rhizome.desktop"; fi; \
	rm -rf "$$tmp"; echo "package-check: ok"

# Installs the built .deb on a fresh Debian 12 root made by mmdebstrap and
# starts it there (needs root and Debian's mirror; see the script).
package-install-check: ## Install the built .deb on a throwaway fresh Debian 12 root and start the app there (root, network)
	@deb=$$(ls -t $(DEB_DIR)/*.deb | head -n1); packaging/install-check.sh "$$deb" $(TARGET_DIR)/deb12-install.png

screenshot: ui ## Run the app on VAULT under a virtual X display and save a screenshot to SHOT
	$(CARGO) build $(CARGO_FLAGS)
	xvfb-run -a -s "-screen 0 1280x800x24" sh -c '\
		WEBKIT_DISABLE_DMABUF_RENDERER=1 $(TARGET_DIR)/debug/rhizome "$(VAULT)" & app=$$!; \
		sleep 8; import -window root "$(SHOT)"; status=$$?; kill $$app; exit $$status'
	@echo "screenshot: $(SHOT)"

test: ui ## Run all Rust tests (engine, app, tidy), then the ui/ tests, then the end-to-end tests
	$(CARGO) test $(CARGO_FLAGS)
	cd ui && $(NPM) test
	$(MAKE) --no-print-directory -o ui e2e

# The app is built with CARGO_FLAGS (ui/dist embedded); `--test e2e` picks the
# one test target, and dev-dependencies keep the same features as --all-targets.
e2e: ui ## Run the end-to-end tests: the real app under Xvfb, driven by WebKitWebDriver
	$(CARGO) build $(CARGO_FLAGS)
	RHIZOME_E2E=1 $(CARGO) test $(filter-out --all-targets,$(CARGO_FLAGS)) --test e2e -- --test-threads=1 --nocapture

bench: setup _ripgrep ## Run the index (BENCH_ARGS), layout against d3-force (LAYOUT_BENCH_ARGS), search against ripgrep (SEARCH_BENCH_ARGS) and unlinked mentions (MENTION_BENCH_ARGS) benchmarks
	$(CARGO) build --release -p rhizome-cli
	$(CARGO) run --release -p rhizome-bench --bin rhizome-bench -- $(BENCH_ARGS)
	cd crates/rhizome-bench/d3 && $(NPM) ci --no-audit --no-fund
	$(CARGO) run --release -p rhizome-bench --bin rhizome-layout-bench -- $(LAYOUT_BENCH_ARGS)
	$(CARGO) run --release -p rhizome-bench --bin rhizome-search-bench -- $(SEARCH_BENCH_ARGS)
	$(CARGO) run --release -p rhizome-bench --bin rhizome-mention-bench -- $(MENTION_BENCH_ARGS)

# The search benchmark compares with ripgrep: Debian's package, installed when missing.
_ripgrep:
	@command -v rg >/dev/null 2>&1 || { \
		echo "bench: installing Debian's ripgrep package (the search benchmark's reference)"; \
		$(APT_GET) update && $(APT_GET) install -y ripgrep; \
	}

# cargo-fuzz needs nightly; the fuzz crate is its own workspace. Corpora grow
# in crates/rhizome-fuzz/corpus/<target> (not in git), seeded from the sample
# vault and the render test data; crashes land in crates/rhizome-fuzz/artifacts.
fuzz: ## Run each cargo-fuzz target (FUZZ_TARGETS) for FUZZ_TIME seconds, installing cargo-fuzz if missing
	@command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked
	@for target in $(FUZZ_TARGETS); do \
		mkdir -p crates/rhizome-fuzz/corpus/$$target; \
		seeds=""; [ "$$target" = paths ] || seeds="seeds crates/rhizome-render/tests/data"; \
		echo "fuzz: $$target for $(FUZZ_TIME)s"; \
		nice -n 10 $(CARGO) +nightly fuzz run --fuzz-dir crates/rhizome-fuzz $$target \
			crates/rhizome-fuzz/corpus/$$target $$seeds -- \
			-max_total_time=$(FUZZ_TIME) -timeout=10 -max_len=16384 -print_final_stats=1 || exit 1; \
	done

fmt: _tools ## Check Rust formatting (cargo fmt --all --check)
	$(CARGO) fmt --all --check

lint: _tools ## Run clippy on the workspace, warnings are errors
	$(CARGO) clippy $(CARGO_FLAGS) -- -D warnings

clean: ## Remove build outputs (target/ and ui/dist; keeps ui/node_modules)
	$(CARGO) clean
	rm -rf ui/dist
