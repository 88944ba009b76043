#!/usr/bin/env bash
# System packages Bagalau needs, installed only when missing (idempotent; runs apt-get update once):
#   Pango/HarfBuzz for WeasyPrint PDFs, DejaVu fonts for Kazakh glyphs, gettext for translations,
#   and with --browser the Debian Chromium that the browser tests drive.
set -euo pipefail
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core
          fonts-dejavu-extra gettext)
if [[ "${1:-}" == "--browser" ]]; then
  packages+=(chromium)
fi
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
sudo=""
if [[ "$(id -u)" -ne 0 ]]; then
  sudo="sudo"
fi
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
