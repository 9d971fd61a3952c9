#!/usr/bin/env bash
# Installs the Debian packages the tests and the lab's real peers need, when any is missing.
# As root on Debian/Ubuntu it runs apt-get; anywhere else it names what to install and fails.
set -euo pipefail

packages=(
  chromium            # the UI tests' browser (Playwright drives it; its own download cannot work here)
  xvfb                # a display for what needs one
  dbus                # a private session bus for the keychain lab
  gnome-keyring       # a real Secret Service
  keepassxc           # a second real Secret Service, as many people have it (its database exposed to Secret Service)
  xdotool             # answers KeePassXC's unlock and access windows in the keychain lab
  libsecret-tools     # secret-tool, to look inside the keychain from the tests
  iproute2            # the VPN lab's network namespaces and veth pairs (ip, ss); the route probe's `ip route get`
  openvpn             # the VPN lab's OpenVPN server and client (management interface)
  openssl             # the VPN lab's throw-away CA and certificates
  wireguard-tools     # wg, for the WireGuard lab and driver
  wireguard-go        # userspace WireGuard: this kernel has no wireguard module
  dnsmasq-base        # the VPN lab's intranet DNS
  freerdp2-shadow-x11 # the office PC lab: FreeRDP's shadow server sharing an Xvfb display over RDP (NLA, TLS)
  winpr-utils         # winpr-hash, the NTLM SAM file for the shadow server's NLA
  x11-xserver-utils   # xsetroot: the office PC lab's known root colour
  kamailio            # the phone lab's registrar and proxy (digest auth, answer groups, feature codes)
  kamailio-websocket-modules # SIP over WebSocket (RFC 7118) for the app, with xhttp
  rtpengine-daemon    # the phone lab's media relay: WebRTC (ICE, DTLS-SRTP) to plain RTP, userspace only
  baresip-core        # the phone lab's outside caller and colleague (UDP, ctrl_tcp)
  linphone-cli        # the phone lab's second outside caller: another SIP implementation (liblinphone), offering Opus
  x11-utils           # xwininfo: where the lab's xterm is
  x11-apps            # xwd (the display's own pixels) and ico (an animation for the benchmark)
  xterm               # the office PC lab's terminal to type into
  freerdp2-x11        # xfreerdp, the benchmark's comparison client
  haskell-status-notifier-item-utils # status-notifier-watcher: a desktop with a tray (StatusNotifierItem) on a lab bus
  xdg-utils           # xdg-email and xdg-mime: the diagnostics email with its attachment, to a recorder mail client
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
