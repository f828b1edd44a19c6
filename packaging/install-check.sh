#!/usr/bin/env bash
# Installs a built .deb on a fresh Debian 12 root and starts it there: the
# check that `make package` makes something a new Debian 12 machine can
# install and run, without a second machine.
#
#   packaging/install-check.sh target/release/bundle/deb/Rhizome_0.1.0_amd64.deb [shot.png]
#
# What it does, in a throwaway directory that is removed afterwards:
# 1. mmdebstrap builds a minimal bookworm root from Debian's mirror (the
#    `apt` variant: what `debootstrap --variant=minbase` gives, plus apt),
#    with Xvfb and the X tools the check uses. Nothing from this machine's
#    own packages goes in.
# 2. `apt-get install ./Rhizome.deb` inside it: the package's Depends must
#    resolve from Debian 12 alone.
# 3. The packaged CLI reads a small vault, and the packaged app starts under
#    Xvfb on it; the check waits for the "Rhizome" window, saves a screenshot
#    (xwd, turned into a PNG here when ImageMagick's `convert` is present) and
#    requires the app to be still running after 10 s.
#
# Needs root (chroot, mounts) and Debian's mirror; installs mmdebstrap when
# it is missing. About 400 MB is downloaded into the throwaway root.
set -euo pipefail

deb=$(realpath "${1:?usage: install-check.sh PACKAGE.deb [SCREENSHOT.png]}")
shot=${2:-}
[ "$(id -u)" = 0 ] || { echo "install-check: needs root (chroot and mounts)" >&2; exit 2; }
command -v mmdebstrap >/dev/null || { echo "install-check: installing mmdebstrap"; apt-get install -y -q mmdebstrap >/dev/null; }

root=$(mktemp -d /tmp/rhizome-deb12.XXXXXX)
cleanup() {
  for m in dev/shm dev/pts dev proc sys; do umount -l "$root/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT

echo "install-check: a fresh Debian 12 root in $root"
# The mirror may be a snapshot whose Release files are past their date, as this machine's is.
mmdebstrap --quiet --variant=apt --aptopt='Acquire::Check-Valid-Until "false"' \
  --include=xvfb,xauth,x11-utils,x11-apps,procps bookworm "$root"
grep -q '^VERSION_ID="12"' "$root/etc/os-release" || { echo "install-check: the root is not Debian 12" >&2; exit 1; }

mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"

# mmdebstrap leaves no package lists behind: read them again, as a new machine's first apt-get update.
cp /etc/resolv.conf "$root/etc/resolv.conf"
chroot "$root" apt-get update -q > /dev/null
cp "$deb" "$root/tmp/rhizome.deb"
echo "install-check: apt-get install ./rhizome.deb (its dependencies come from Debian 12)"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/rhizome.deb > "$root/tmp/apt.log" 2>&1 ||
  { tail -n 30 "$root/tmp/apt.log" >&2; echo "install-check: the package did not install" >&2; exit 1; }
chroot "$root" dpkg -s rhizome | grep -E '^(Package|Status|Version):'

mkdir -p "$root/tmp/vault"
printf '# Welcome\n\nSee [[Second note]] and #tag.\n' > "$root/tmp/vault/Welcome.md"
printf '# Second note\n\nBack to [[Welcome]].\n' > "$root/tmp/vault/Second note.md"
chroot "$root" rhizome-cli stats /tmp/vault

echo "install-check: starting /usr/bin/rhizome under Xvfb"
cat > "$root/tmp/run.sh" <<'EOF'
#!/bin/sh
export HOME=/tmp/home XDG_RUNTIME_DIR=/tmp/runtime
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
rhizome /tmp/vault > /tmp/app.log 2>&1 &
app=$!
for _ in $(seq 1 60); do
  xwininfo -root -tree 2>/dev/null | grep -q '"Rhizome"' && break
  sleep 1
done
xwininfo -root -tree | grep '"Rhizome"' || { echo "no Rhizome window"; cat /tmp/app.log; exit 1; }
sleep 10
kill -0 "$app" || { echo "the app stopped"; cat /tmp/app.log; exit 1; }
xwd -root -silent > /tmp/shot.xwd
kill "$app"
EOF
chmod +x "$root/tmp/run.sh"
chroot "$root" xvfb-run -a -s "-screen 0 1280x800x24" /tmp/run.sh
if [ -n "$shot" ]; then
  if command -v convert >/dev/null; then convert "xwd:$root/tmp/shot.xwd" "$shot"; else cp "$root/tmp/shot.xwd" "${shot%.png}.xwd"; fi
  echo "install-check: screenshot in $shot"
fi
echo "install-check: ok (installed on a fresh Debian 12 root, the CLI ran and the app started)"
