#!/usr/bin/env bash
# Install the Debian packages the tests need, when they are missing.
# As root this runs apt-get; otherwise it names what to install and fails.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
declare -A needs=(
  [postgresql]="$PG_BIN/initdb"
  [redis-server]="/usr/bin/redis-server"
  [chromium]="/usr/bin/chromium"
  [fonts-noto-core]="/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
  [fonts-noto-cjk]="/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
  [poppler-utils]="/usr/bin/pdftotext"
  [wrk]="/usr/bin/wrk"
  [default-jre-headless]="/usr/bin/java"
  [npm]="/usr/bin/npm"
  [nginx]="/usr/sbin/nginx"
  [gettext]="/usr/bin/msgfmt"
)

missing=()
for package in "${!needs[@]}"; do
  [[ -e ${needs[$package]} ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "==> System packages present."
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "==> Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
