#!/usr/bin/env bash
# CI for the Linux installer (called from .ci/run after the tests). As root on Debian 12, no display:
#   build the .deb (python packaging/build.py deb) -> check its size -> apt-get install it ->
#   run the installed app: --version, compute, export (PDF checked for text and embedded fonts),
#   the wizard offscreen (10 s, and to first paint) and under Xvfb (start times measured), the .desktop
#   launch, no network use ->
#   apt-get purge -> check nothing is left. Fails loudly; fails on any "Fontconfig error".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
log=/tmp/rothwizard-ci-deb.log
: > "$log"
work=$(mktemp -d /tmp/rothwizard-ci-deb.XXXXXX)
fail() { echo "CI-DEB FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
plan="$repo/examples/spec-example.rothplan.json"
max_deb_mb=60

# Tools this check uses (validators, Xvfb, PDF and X inspection, strace). Installed only when missing.
tools=(desktop-file-utils appstream xvfb xauth x11-utils poppler-utils strace libglib2.0-bin nsis)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing CI tools: ${missing[*]}"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Leftovers from an earlier run would hide a broken install.
if dpkg-query -W -f='${Status}' rothwizard 2>/dev/null | grep -q "ok installed"; then
  $sudo apt-get purge -y -qq rothwizard >/dev/null
fi

step "build: python3 packaging/build.py deb"
t0=$(date +%s)
python3 packaging/build.py deb ${ROTHWIZARD_CI_REUSE_BUNDLE:+--reuse-bundle} 2>&1 | tee "$work/build.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "packaging/build.py deb exited ${PIPESTATUS[0]}"
deb=$(tail -n 1 "$work/build.log")
[ -f "$deb" ] || fail "build.py's last line is not a file: $deb"
build_s=$(( $(date +%s) - t0 ))
deb_bytes=$(stat -c %s "$deb")
bundle_kb=$(du -sk packaging/dist/rothwizard | cut -f1)
echo "built $deb in ${build_s} s: .deb $(( deb_bytes / 1000000 )) MB, bundle $(( bundle_kb / 1024 )) MiB"
[ "$deb_bytes" -le $(( max_deb_mb * 1000 * 1000 )) ] || fail ".deb is over ${max_deb_mb} MB"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb" > "$work/contents.txt"
grep -q "opt/rothwizard/_internal/resources/fonts/.*\.ttf" "$work/contents.txt" || fail "no fonts in the .deb"

step "apt-get install -y $deb"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" 2>&1 | tee -a "$log"
dpkg -L rothwizard > "$work/files.txt"
echo "$(wc -l < "$work/files.txt") paths installed"
[ "$(command -v rothwizard)" = /usr/bin/rothwizard ] || fail "rothwizard is not /usr/bin/rothwizard on PATH"

cd "$work"  # from here on, nothing may come from the checkout
export QT_QPA_PLATFORM=offscreen
ls -la --time-style=+%s /var/cache/fontconfig > "$work/fc-cache-before.txt" 2>/dev/null || true

step "plan file type: *.rothplan.json is application/x-rothplan+json; other JSON stays application/json"
if command -v update-mime-database >/dev/null && command -v gio >/dev/null; then
  cp "$plan" "$work/t.rothplan.json"; echo '{}' > "$work/other.json"
  type_of() { gio info -a standard::content-type "$1" | sed -n 's/.*standard::content-type: //p'; }
  [ "$(type_of "$work/t.rothplan.json")" = application/x-rothplan+json ] || fail "*.rothplan.json is $(type_of "$work/t.rothplan.json")"
  [ "$(type_of "$work/other.json")" = application/json ] || fail "a plain .json file is $(type_of "$work/other.json")"
  echo "t.rothplan.json: application/x-rothplan+json; other.json: application/json"
else
  echo "shared-mime-info or gio not installed: not checked"
fi

step "rothwizard --version"
out=$(/usr/bin/rothwizard --version 2>&1 | tee -a "$log")
echo "$out"
version=$(grep -oP '__version__ = "\K[^"]+' "$repo/rothwizard/__init__.py")
[ "$out" = "rothwizard $version" ] || fail "--version printed '$out', expected 'rothwizard $version'"

step "rothwizard compute (no network: strace watches every connect/sendto)"
strace -f -qq -e trace=connect,sendto,sendmsg -o "$work/net-compute.trace" \
  rothwizard compute "$plan" > "$work/report.json" 2> "$work/compute.log" || fail "compute exited $?"
cat "$work/compute.log"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/report.json" || fail "compute did not print JSON"
echo "report: $(wc -c < "$work/report.json") bytes of JSON"

step "rothwizard export -o x.pdf"
if [ -d "$repo/rothwizard/report" ]; then
  strace -f -qq -e trace=connect,sendto,sendmsg -o "$work/net-export.trace" \
    rothwizard export "$plan" -o "$work/x.pdf" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || fail "rothwizard export exited ${PIPESTATUS[0]}"
  [ "$(head -c 5 "$work/x.pdf")" = "%PDF-" ] || fail "export did not write a PDF"
  words=$(pdftotext -layout "$work/x.pdf" - | wc -w)
  echo "PDF: $(stat -c %s "$work/x.pdf") bytes, $(pdfinfo "$work/x.pdf" | grep -oP 'Pages:\s+\K\d+') pages, $words words"
  [ "$words" -ge 50 ] || fail "the PDF has almost no text ($words words)"
  pdffonts "$work/x.pdf" | tee -a "$work/fonts.txt"
  # Page text uses the embedded DejaVu (and fallback) fonts; the fillable "Done on" fields name
  # Helvetica, one of the standard 14 fonts every PDF viewer has (reportlab's form fields accept no
  # other). tests/report/test_export.py checks that every font the pages' text uses is embedded.
  if awk 'NR>2 && $(NF-4)=="no" && $1!="Helvetica" && $1!="ZapfDingbats"' "$work/fonts.txt" | grep -q .; then
    fail "the PDF has fonts that are not embedded"
  fi
else
  echo "NOTE: rothwizard/report has not landed yet: export skipped (this check turns on by itself once it has)"
fi

step "wizard offscreen: timeout 10 rothwizard (exit 124 with no traceback = opened and stayed open)"
set +e
strace -f -qq -e trace=connect,sendto,sendmsg -o "$work/net-gui.trace" \
  timeout 10 rothwizard > "$work/gui.log" 2>&1
rc=$?
set -e
cat "$work/gui.log" | tee -a "$log"
[ "$rc" -eq 124 ] || fail "the wizard exited $rc before the 10 s timeout"
grep -q "Traceback" "$work/gui.log" && fail "traceback from the wizard"

step "wizard offscreen, first paint: ROTHWIZARD_EXIT_AFTER_FIRST_PAINT=1 rothwizard (5 runs, exec -> first page painted)"
if [ -f "$repo/rothwizard/gui/firstpaint.py" ]; then
  : > "$work/fp-ms.txt"
  for i in 1 2 3 4 5; do
    t0=$(date +%s.%N)
    ROTHWIZARD_EXIT_AFTER_FIRST_PAINT=1 timeout 30 rothwizard > "$work/fp-$i.out" 2> "$work/fp-$i.log" \
      || { cat "$work/fp-$i.log"; fail "the wizard did not paint and quit (run $i)"; }
    fp=$(awk '/^first-paint /{print $2}' "$work/fp-$i.out")
    [ -n "$fp" ] || fail "no 'first-paint' line from the wizard (run $i)"
    awk -v a="$t0" -v b="$fp" 'BEGIN{printf "%d\n", (b-a)*1000}' >> "$work/fp-ms.txt"
  done
  fp_median=$(sort -n "$work/fp-ms.txt" | sed -n 3p)
  echo "exec to first paint (ms): $(tr '\n' ' ' < "$work/fp-ms.txt")-> median ${fp_median} ms"
else
  fp_median="n/a"
  echo "NOTE: rothwizard/gui/firstpaint.py is gone: first-paint check skipped"
fi

step "no network: any AF_INET/AF_INET6 connect or send in the traces?"
if grep -h -E "AF_INET6?" "$work"/net-*.trace; then
  fail "the app opened a network connection"
fi
echo "none (only $(cat "$work"/net-*.trace | grep -c AF_UNIX || true) AF_UNIX calls)"

step "wizard under Xvfb (the xcb platform a desktop uses); start time until its window is mapped"
unset QT_QPA_PLATFORM
cat > "$work/mapped.sh" <<'EOF'
#!/bin/bash
# Prints the id of a mapped (viewable) top-level window whose WM_CLASS is rothwizard; fails if none.
for id in $(xwininfo -root -tree 2>/dev/null | grep -i '("rothwizard" ' | awk '{print $1}'); do
  xwininfo -id "$id" 2>/dev/null | grep -q "Map State: IsViewable" && { echo "$id"; exit 0; }
done
exit 1
EOF
cat > "$work/start.sh" <<'EOF'
#!/bin/bash
# Prints the milliseconds from exec to a mapped top-level rothwizard window, 5 times.
for i in 1 2 3 4 5; do
  t0=$(date +%s%N)
  rothwizard > "$1/xcb-$i.log" 2>&1 &
  pid=$!
  until bash "$1/mapped.sh" > /dev/null; do
    kill -0 $pid 2>/dev/null || { echo "exited early"; cat "$1/xcb-$i.log"; exit 1; }
    sleep 0.01
  done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
  kill $pid; wait $pid 2>/dev/null
done
exit 0
EOF
xvfb-run -a -s "-screen 0 1280x800x24" bash "$work/start.sh" "$work" > "$work/start-ms.txt" \
  || { cat "$work/start-ms.txt"; fail "the wizard did not open under Xvfb"; }
cat "$work"/xcb-*.log >> "$log"
grep -q "Traceback" "$work"/xcb-*.log && fail "traceback from the wizard under Xvfb"
median=$(sort -n "$work/start-ms.txt" | sed -n 3p)
echo "start to mapped window (ms): $(tr '\n' ' ' < "$work/start-ms.txt")-> median ${median} ms (first is cold-ish)"

step "menu click: gio launch the installed .desktop file under Xvfb"
desktop=$(grep -m1 '^/usr/share/applications/.*\.desktop$' "$work/files.txt")
desktop-file-validate "$desktop"
cat > "$work/gio.sh" <<EOF
#!/bin/bash
# Launch as a menu would, wait for the window, then close that very process (its _NET_WM_PID).
gio launch "$desktop" > "$work/gio.log" 2>&1
for i in \$(seq 1 500); do
  if id=\$(bash "$work/mapped.sh"); then
    pid=\$(xprop -id "\$id" _NET_WM_PID | grep -oE '[0-9]+\$')
    [ -n "\$pid" ] && kill "\$pid"
    exit 0
  fi
  sleep 0.02
done
exit 1
EOF
xvfb-run -a bash "$work/gio.sh" || { cat "$work/gio.log"; fail "gio launch of $desktop opened no window"; }
echo "opened from $desktop"

step "Fontconfig errors?"
if grep -h "Fontconfig error" "$log" "$work"/*.log 2>/dev/null; then
  fail "'Fontconfig error' in the installed app's output: text would render as empty boxes"
fi
echo "none"

step "font caches: nothing written under /var/cache/fontconfig by the app (they go to ~/.cache/rothwizard)"
ls -la --time-style=+%s /var/cache/fontconfig > "$work/fc-cache-after.txt" 2>/dev/null || true
diff "$work/fc-cache-before.txt" "$work/fc-cache-after.txt" || fail "the app wrote font caches under /var/cache"
echo "unchanged"

step "apt-get purge -y rothwizard"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq rothwizard 2>&1 | tail -n 3
left=0
while read -r p; do
  [ -d "$p" ] && continue  # shared directories (/usr/share/...) stay; rothwizard's own are checked below
  if [ -e "$p" ] || [ -L "$p" ]; then echo "left behind: $p"; left=1; fi
done < "$work/files.txt"
for p in /opt/rothwizard /usr/bin/rothwizard /usr/share/doc/rothwizard; do
  if [ -e "$p" ]; then echo "left behind: $p"; left=1; fi
done
dpkg-query -W rothwizard >/dev/null 2>&1 && { echo "dpkg still knows rothwizard"; left=1; }
[ "$left" -eq 0 ] || fail "purge left files behind"
echo "purged: nothing left"

cd "$repo"
step "Windows installer script: makensis against a stand-in folder (ci-windows.sh builds and runs the real one)"
python3 packaging/build.py nsis-check 2>&1 | tail -n 2
rm -rf "$work"
echo "CI-DEB PASSED: .deb $(( deb_bytes / 1000000 )) MB, bundle $(( bundle_kb / 1024 )) MiB, first paint ${fp_median} ms offscreen, window mapped ${median} ms under Xvfb (medians of 5)"
