#!/usr/bin/env bash
# Installs the Debian and Python packages Perpetual needs, skipping those
# already present. Usage: install-deps.sh "APT PACKAGES" "PYTHON PACKAGES"
# Needs: dpkg, apt-get (as root or through sudo), python3 with pip.
set -euo pipefail

apt_packages=($1)
python_packages=($2)

missing=()
for package in "${apt_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if ((${#missing[@]} > 0)); then
    echo "install-deps: installing Debian packages: ${missing[*]}" >&2
    sudo_command=()
    if [[ $(id -u) -ne 0 ]]; then sudo_command=(sudo); fi
    "${sudo_command[@]}" apt-get update -qq || { echo "install-deps: apt-get update failed" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive "${sudo_command[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || { echo "install-deps: apt-get install ${missing[*]} failed" >&2; exit 1; }
fi

missing=()
for package in "${python_packages[@]}"; do
    # A pinned package (name==version) must be installed at that version.
    name=${package%%==*}
    if [[ $package == *==* ]]; then
        installed=$(python3 -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null || true)
        if [[ $installed != "${package#*==}" ]]; then
            missing+=("$package")
        fi
    elif ! python3 -c "import $name" 2>/dev/null; then
        missing+=("$package")
    fi
done
if ((${#missing[@]} > 0)); then
    echo "install-deps: installing Python packages: ${missing[*]}" >&2
    python3 -m pip install --quiet "${missing[@]}" \
        || { echo "install-deps: pip install ${missing[*]} failed" >&2; exit 1; }
fi
