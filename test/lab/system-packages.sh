#!/usr/bin/env bash
# Installs the Debian packages the tests and the lab's real peers need, when any is missing.
# As root on Debian/Ubuntu it runs apt-get; anywhere else it names what to install and fails.
set -euo pipefail

packages=(
  chromium            # the UI tests' browser (Playwright drives it; its own download cannot work here)
  xvfb                # a display for what needs one
  dbus                # a private session bus for the keychain lab
  gnome-keyring       # a real Secret Service
  libsecret-tools     # secret-tool, to look inside the keychain from the tests
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages: ${missing[*]}. Install them (as root: apt-get install ${missing[*]}) and run again." >&2
  exit 1
fi
