#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what Izhikevich Explorer needs to build and test on Debian 12, and
# nothing twice: packages already present are skipped, and apt's lists are
# refreshed only when something is missing. Run as root (or with sudo present).
#
#   packaging/install-deps.sh          build, run and test (the README's commands)
#   packaging/install-deps.sh --ci     also what .ci/run needs beyond the tests:
#                                      a clean Debian root, the package checker,
#                                      the fuzzers' compiler, a virtual X server
set -euo pipefail

packages=(
    build-essential cmake pkg-config          # toolchain (GCC 12, CMake 3.25)
    qt6-base-dev qt6-charts-dev qt6-svg-dev   # Qt 6.4: widgets, charts, SVG export
    libqt6opengl6-dev                         # Qt6Charts' CMake package requires Qt6OpenGL's,
                                              # and qt6-charts-dev does not depend on it
    libgl-dev                                 # Qt6Gui's CMake package needs OpenGL headers
    nlohmann-json3-dev                        # parameter files (core, header-only)
    fonts-dejavu-core                         # text in offscreen renders and exports
    python3 python3-numpy python3-brian       # independent references in the tests
    desktop-file-utils appstream dpkg-dev file  # packaging: validators; dpkg-shlibdeps and
                                              # file, which CPack's DEB generator runs
)
ci_packages=(
    debootstrap                               # the clean Debian 12 root of .ci/run
    lintian                                   # Debian's own checks of the .deb
    clang libclang-rt-14-dev                  # libFuzzer targets (fuzz/)
    xvfb xauth                                # the window on a real X server
)

case "${1:-}" in
    "") ;;
    --ci) packages+=("${ci_packages[@]}") ;;
    *) echo "usage: $0 [--ci]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: everything is installed"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
