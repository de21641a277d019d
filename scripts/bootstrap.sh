#!/usr/bin/env bash
# Sets up everything Gongkai needs on a fresh Debian machine (as root) or a developer machine:
# a Python ≥ 3.11 virtual environment in .venv with the pinned dependencies, LibreOffice (headless) for legacy office
# files, and — for tests — Chromium and CJK fonts.
# Idempotent and quick when nothing changed (a stamp file records the installed pyproject.toml).
#   scripts/bootstrap.sh          runtime + dev dependencies
#   scripts/bootstrap.sh --browser  also Chromium, the CJK fonts and poppler: the browser tests, the site inspection's
#                                   accessibility check and the PDFs (make run and make test use it)
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "缺少系统软件包：$*。请以 root 运行，或执行：sudo apt-get install -y $*" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if [ ! -f /var/lib/apt/periodic/gongkai-updated ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock)" ]; then
    apt-get update -q
    mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/gongkai-updated
  fi
  apt-get install -y -q --no-install-recommends "$@"
}

PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      PY=$(command -v "$candidate"); break
    fi
  done
fi
if [ -z "$PY" ]; then
  apt_install python3 python3-venv python3-dev
  PY=$(command -v python3)
fi

if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt_install python3-venv
    "$PY" -m venv .venv
  fi
fi

stamp=.venv/.gongkai-installed
digest=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ] || ! .venv/bin/python -c 'import gongkai' 2>/dev/null; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip setuptools wheel
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
  echo "$digest" > "$stamp"
fi

# LibreOffice (headless, no GUI) converts .doc/.wps/.xls/.et for scanning and import (core.convert); the tests
# need it too. Without root it is named, not installed: conversions then fail with a message saying so.
office_packages=(libreoffice-core-nogui libreoffice-writer-nogui libreoffice-calc-nogui)
if ! command -v soffice >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt_install "${office_packages[@]}"
  else
    echo "提示：未安装 LibreOffice，.doc/.wps/.xls/.et 文件将无法转换；请执行：sudo apt-get install -y ${office_packages[*]}" >&2
  fi
fi

if [ "$want_browser" -eq 1 ]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
  [ -e /usr/lib/x86_64-linux-gnu/libharfbuzz-subset.so.0 ] || ls /usr/lib/*/libharfbuzz-subset.so.0 >/dev/null 2>&1 || missing+=(libharfbuzz-subset0)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
fi
