#!/usr/bin/env bash
# Installs what Compound GIS needs and is missing. Usage: install-deps.sh runtime|test|bench
#   runtime: Java 17 JDK, Maven, PostgreSQL 15 with PostGIS 3, a CJK TrueType font (PDF reports)
#   test:    the same, plus GDAL (ogrinfo/ogr2ogr, the reference reader), Chromium with its driver and CJK fonts
#   bench:   runtime, plus GDAL (the import's reference) and curl (the HTTP client the benchmarks time)
# On Debian/Ubuntu it uses apt-get (through sudo when not root); elsewhere it prints what to install.
set -euo pipefail
purpose=${1:-runtime}

missing=()
have() { command -v "$1" >/dev/null 2>&1; }
java_ok() { have javac && [ "$(javac -version 2>&1 | sed -E 's/javac ([0-9]+).*/\1/')" -ge 17 ] 2>/dev/null; }
postgis_ok() { compgen -G "/usr/share/postgresql/*/extension/postgis.control" >/dev/null && compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }

java_ok || missing+=(openjdk-17-jdk-headless)
have mvn || missing+=(maven)
postgis_ok || missing+=(postgresql-15 postgresql-15-postgis-3)
# a TrueType font with Chinese glyphs for the server's PDF dig reports (PDFBox embeds TrueType, not Noto CJK's CFF)
compgen -G "/usr/share/fonts/truetype/wqy/wqy-*.ttc" >/dev/null || missing+=(fonts-wqy-microhei)
if [ "$purpose" = test ] || [ "$purpose" = bench ]; then
  have ogrinfo || missing+=(gdal-bin)
fi
if [ "$purpose" = bench ]; then
  have curl || missing+=(curl)
fi
if [ "$purpose" = test ]; then
  have chromium || missing+=(chromium)
  have chromedriver || missing+=(chromium-driver)
  # Chinese glyphs for the browser tests' screenshots (without them the labels render as boxes)
  compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK*" >/dev/null || missing+=(fonts-noto-cjk)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if ! have apt-get; then
  echo "Compound GIS needs these packages (Debian names): ${missing[*]}" >&2
  echo "Install them with your system's package manager, then run this again." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  have sudo || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing: ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
