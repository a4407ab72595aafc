#!/usr/bin/env bash
# RothWizard's one set-up script, for Debian 12 and Ubuntu 24.04.
#   scripts/dev.sh run [PLAN]   install what is needed, then open the app
#   scripts/dev.sh test [ARGS]  install what is needed, then run ruff and the test suite
# It installs the Debian packages Qt needs (with sudo when not root), makes .venv and installs the
# project into it. Running it again only installs what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() {
  cat <<'USAGE'
usage: scripts/dev.sh run [PLAN]          set up what is missing, then open RothWizard (with PLAN: that plan)
       scripts/dev.sh test [PYTEST ARGS]  set up what is missing, then run ruff and the tests (offscreen)
       scripts/dev.sh --help              this text (installs nothing)

Set-up: the Debian packages Qt needs (apt-get, with sudo when not root) and .venv with the project in it.
The first run downloads about 150 MB and takes 1-3 minutes; later runs only check (a second or two).
USAGE
}

action=${1:-run}
[ $# -gt 0 ] && shift
case "$action" in
  run|test) ;;
  -h|--help|help) usage; exit 0 ;;
  *) echo "dev.sh: unknown command '$action'" >&2; usage >&2; exit 2 ;;
esac

apt_packages=(
  python3 python3-venv python3-pip
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3
  fontconfig-config fonts-dejavu-core fonts-wqy-zenhei fonts-symbola
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1
)
if [ "$action" = test ]; then
  apt_packages+=(xvfb xauth poppler-utils)
fi

install_system_packages() {
  command -v dpkg-query >/dev/null || { echo "dev.sh: not a Debian-like system; install Qt's libraries by hand" >&2; return 0; }
  local missing=() p
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "dev.sh: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

make_venv() {
  local py=${PYTHON:-python3}
  if [ ! -x .venv/bin/python ]; then
    "$py" -m venv .venv
  fi
  local stamp=.venv/.rothwizard-installed
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test]"
    touch "$stamp"
  fi
}

install_system_packages
make_venv

case "$action" in
  run)
    exec .venv/bin/rothwizard "$@"
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    .venv/bin/ruff check rothwizard tests
    set +e
    .venv/bin/python -m pytest "$@"
    rc=$?
    set -e
    if [ $rc -eq 5 ]; then
      echo "dev.sh: pytest collected no tests: that is a failure" >&2
    fi
    exit $rc
    ;;
esac
