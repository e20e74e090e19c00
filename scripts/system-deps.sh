#!/usr/bin/env bash
# Debian packages Madani needs. As root: installs the missing ones. Otherwise: prints the exact
# apt-get line and stops. Usage: scripts/system-deps.sh runtime|test
set -euo pipefail
want=(libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-hosny-amiri)
if [ "${1:-runtime}" = "test" ]; then
  want+=(chromium nginx-light)  # nginx: the deploy configuration test (tests/test_deploy.py)
fi
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  want+=(python3-venv)
fi
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Madani needs these Debian packages. Run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
