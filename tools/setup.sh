# setup.sh: sourced by tools/demo and tools/test.  Installs whatever of the
# build and test dependencies is missing (Debian 12, as root, apt-get), then
# builds into $1 (default build/) with any further CMake arguments.
set -euo pipefail

CW_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

cw_packages() {
    local hs=libhyperscan-dev
    # Hyperscan is x86-only; Vectorscan is its portable fork with the same API.
    [ "$(dpkg --print-architecture)" = amd64 ] || hs=libvectorscan-dev
    # systemd: systemd-analyze checks the unit; file (CPack's dpkg-shlibdeps
    # step) and man-db (verify's man page check) for the packaging tests.
    echo build-essential cmake pkg-config libevent-dev librdkafka-dev libpcre2-dev \
        libcjson-dev libyaml-dev "$hs" libicu-dev libsystemd-dev libcmocka-dev \
        kcat curl python3 python3-jsonschema procps \
        systemd file man-db "$@"
}

cw_install() {
    local missing=()
    for p in $(cw_packages "$@"); do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "== installing: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null; then SUDO=sudo; else
            echo "missing packages (${missing[*]}); run this as root" >&2
            exit 1
        fi
    fi
    ${SUDO:-} env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    ${SUDO:-} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

cw_build() {
    local dir=$1
    shift
    echo "== building in $dir"
    cmake -S "$CW_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$dir" -j"$(nproc)"
}
