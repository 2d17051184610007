# SPDX-License-Identifier: GPL-3.0-or-later
# A clean Debian 12 root in a temporary folder, for running commands on a
# fresh machine (sourced by .ci/run). CI runs as root on a real machine, so the
# root never sees the host's /dev: it gets a tmpfs with the few device nodes a
# build needs; /proc is mounted only while a command runs; and the folder is
# deleted only after every process in it has stopped and nothing is mounted
# below it, with rm --one-file-system.
#
#   root=$(debian_root_new)             an empty folder for a root
#   debian_root_bootstrap "$root"       debootstrap a minbase bookworm system into it
#   debian_root_copy "$root" "$other"   a second root, as the first is now
#   debian_root_run "$root" CMD...      run CMD in it as a fresh root login would
#   debian_root_remove "$root"          tear down and delete (call it from a trap)

debian_root_parent=${TMPDIR:-/var/tmp}

# The archive this machine's apt uses for bookworm (so the root reaches it the
# same way), from deb822 .sources or one-line .list files.
debian_root_mirror() {
    local uri
    uri=$(awk '/^URIs:/ && !/security/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $3 ~ /^bookworm$/ {print $2; exit}' \
        /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)
    [ -n "$uri" ] || { echo "debian-root: no Debian archive in this machine's apt sources" >&2; return 1; }
    echo "$uri"
}

# Refuses anything but a folder this file created: every destructive step
# below goes through it.
debian_root_check() {
    case "$1" in
        "$debian_root_parent"/izh-debian-root.*) [ -d "$1" ] ;;
        *) echo "debian-root: refusing to touch '$1'" >&2; return 1 ;;
    esac
}

debian_root_new() {
    mktemp -d "$debian_root_parent/izh-debian-root.XXXXXX"
}

debian_root_bootstrap() {
    local root=$1 mirror
    debian_root_check "$root"
    mirror=$(debian_root_mirror)
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 || {
        tail -n 30 "$root.debootstrap.log" >&2
        return 1
    }
    # debootstrap may leave its own mounts; the root starts with none.
    debian_root_unmount "$root"
    # Reach the archive as this machine does: its sources and apt settings.
    rm -f "$root/etc/apt/sources.list"
    cp -L /etc/apt/sources.list "$root/etc/apt/" 2>/dev/null || true
    cp -L /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list \
        "$root/etc/apt/sources.list.d/" 2>/dev/null || true
    cp -L /etc/apt/apt.conf.d/* "$root/etc/apt/apt.conf.d/" 2>/dev/null || true
    cp -L /etc/resolv.conf "$root/etc/resolv.conf"
}

debian_root_copy() {
    local root=$1 copy=$2
    debian_root_check "$root"
    debian_root_check "$copy"
    debian_root_unmount "$root"
    cp -a --one-file-system "$root/." "$copy/"
}

debian_root_mount() {
    local root=$1
    debian_root_check "$root"
    mount -t tmpfs -o mode=755,nosuid,size=64m izh-dev "$root/dev"
    local node
    for node in "null c 1 3" "zero c 1 5" "full c 1 7" "random c 1 8" "urandom c 1 9" "tty c 5 0"; do
        set -- $node
        mknod -m 666 "$root/dev/$1" "$2" "$3" "$4"
    done
    mkdir -m 1777 "$root/dev/shm"
    mkdir "$root/dev/pts"
    ln -s /proc/self/fd "$root/dev/fd"
    ln -s /proc/self/fd/0 "$root/dev/stdin"
    ln -s /proc/self/fd/1 "$root/dev/stdout"
    ln -s /proc/self/fd/2 "$root/dev/stderr"
    mount -t proc -o nosuid,nodev,noexec izh-proc "$root/proc"
}

# Every process whose root is inside $root, stopped; then every mount below
# it, deepest first. Fails if something is still mounted.
debian_root_unmount() {
    local root=$1 pid link attempt mounts
    debian_root_check "$root"
    for attempt in 1 2 3 4 5; do
        local found=0
        for pid in /proc/[0-9]*; do
            link=$(readlink "$pid/root" 2>/dev/null) || continue
            case "$link" in
                "$root" | "$root"/*) kill -KILL "${pid#/proc/}" 2>/dev/null && found=1 ;;
            esac
        done
        [ $found -eq 0 ] && break
        sleep 1
    done
    for attempt in 1 2 3; do
        mounts=$(findmnt -rn -o TARGET | awk -v r="$root" 'index($0, r "/") == 1 || $0 == r' | sort -r)
        [ -z "$mounts" ] && return 0
        local m
        for m in $mounts; do umount "$m" 2>/dev/null || true; done
        sleep 1
    done
    echo "debian-root: still mounted below $root:" >&2
    findmnt -rn -o TARGET | awk -v r="$root" 'index($0, r "/") == 1' >&2
    return 1
}

# Runs a bash command line in the root as a fresh root login would: a clean
# environment, HOME=/root, no locale set. Extra VAR=VALUE words go before it.
debian_root_run() {
    local root=$1
    shift
    debian_root_check "$root"
    debian_root_mount "$root"
    local status=0
    chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@" || status=$?
    debian_root_unmount "$root" || status=1
    return $status
}

debian_root_remove() {
    local root=$1
    [ -n "$root" ] || return 0
    debian_root_check "$root" || return 1
    debian_root_unmount "$root" || { echo "debian-root: left $root in place" >&2; return 1; }
    if findmnt -rn -o TARGET | awk -v r="$root" 'index($0, r "/") == 1 || $0 == r {found=1} END {exit !found}'; then
        echo "debian-root: something is mounted below $root; not deleting it" >&2
        return 1
    fi
    rm -rf --one-file-system "$root"
    rm -f "$root.debootstrap.log"
}
