#!/usr/bin/env bash
# CI for the Windows installer, under Wine on Debian 12 (called from .ci/run after the .deb step):
#   build setup.exe (python3 packaging/build.py windows: the Windows bundle built under Wine from the one spec)
#   -> a fresh Wine prefix -> install silently -> shortcuts, uninstaller entry, plan file type ->
#   the installed app: --version, compute and export of every example compared with the Linux run
#   (JSON equal; PDF text equal but for the "made <date>"), the GUI headless to its first paint, the
#   self-test (open, edit, autosave, save, reopen, export through the real wizard) ->
#   uninstall silently -> list what is left. Prints "N passed, N failed"; exits 1 on any failure.
# Every Wine call's output goes through a pipe: Windows Python aborts when stdout/stderr is a regular file.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
t_start=$(date +%s)
work=$(mktemp -d /tmp/rothwizard-ci-win.XXXXXX)
passed=0
failed=0
ok() { echo "PASS: $*"; passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
step() { echo; echo "== $*"; }
finish() {
  echo
  echo "Windows CI: build ${build_s:-?} s, install-to-uninstall checks $(( $(date +%s) - ${t_tests:-$t_start} )) s," \
       "whole run $(( $(date +%s) - t_start )) s; work folder $work"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] || { echo "CI-WINDOWS FAILED" >&2; exit 1; }
  rm -rf "$work"
  echo "CI-WINDOWS PASSED"
  exit 0
}
abort() { bad "$*"; finish; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo

# Tools: Wine, NSIS and mingw (build.py installs those too), poppler for the PDF text.
tools=(wine wine64 nsis gcc-mingw-w64-x86-64-win32 poppler-utils)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing: ${missing[*]}"
  t0=$(date +%s)
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || abort "apt-get install ${missing[*]}"
  echo "apt-get install took $(( $(date +%s) - t0 )) s"
fi

step "build: python3 packaging/build.py windows"
t0=$(date +%s)
python3 packaging/build.py windows ${ROTHWIZARD_CI_REUSE_BUNDLE:+--reuse-bundle} 2>&1 | tee "$work/build.log"
rc=${PIPESTATUS[0]}
build_s=$(( $(date +%s) - t0 ))
[ "$rc" -eq 0 ] || abort "packaging/build.py windows exited $rc"
setup=$(tail -n 1 "$work/build.log")
[ -f "$setup" ] && [ "$(head -c 2 "$setup")" = "MZ" ] || abort "build.py's last line is not a setup.exe: $setup"
ok "built $(basename "$setup") ($(( $(stat -c %s "$setup") / 1000000 )) MB) in ${build_s} s"
bundle="$repo/packaging/dist/windows/rothwizard"
echo "bundle: $(du -sb "$bundle" | awk '{printf "%.1f MB", $1/1e6}'), $(find "$bundle" -type f | wc -l) files"
for f in opengl32sw.dll _avif bcryptprimitives.dll icuuc.dll; do
  check "the bundle has no $f" bash -c "! find '$bundle' -iname '*$f*' | grep -q ."
done

step "a fresh Wine prefix for the test (the build prefix stays clean)"
version=$(grep -oP '__version__ = "\K[^"]+' rothwizard/__init__.py)
cache=$(python3 packaging/windows/wine.py cache)
eval "$(python3 packaging/windows/wine.py shell-env)"
export HOME="$work/home" WINEPREFIX="$work/prefix"
mkdir -p "$HOME"
t0=$(date +%s)
python3 packaging/windows/wine.py test-prefix "$WINEPREFIX" 2>&1 | cat
[ "${PIPESTATUS[0]}" -eq 0 ] || abort "could not make a Wine prefix"
echo "prefix made in $(( $(date +%s) - t0 )) s"
w() { wine "$@" 2>&1 | cat; return "${PIPESTATUS[0]}"; }
killed() { [ "$1" -eq 124 ] && { echo "timed out: ending this prefix's Wine processes"; wineserver -k; }; return 0; }
touch "$work/before-install"

t_tests=$(date +%s)
step "install: setup.exe /S"
w "$setup" /S; rc=$?
wineserver -w
check "setup.exe /S exited 0 (got $rc)" test "$rc" -eq 0
inst=$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData/Local/Programs/RothWizard 2>/dev/null | head -n 1)
[ -n "$inst" ] && [ -f "$inst/rothwizard.exe" ] || abort "nothing installed in %LOCALAPPDATA%\\Programs\\RothWizard"
ok "installed in $inst"
user_dir=$(dirname "$(dirname "$(dirname "$(dirname "$inst")")")")
winuser=$(basename "$user_dir")
cli="$inst/rothwizard-cli.exe"
gui="$inst/rothwizard.exe"
check "rothwizard-cli.exe installed" test -f "$cli"
check "uninstall.exe installed" test -f "$inst/uninstall.exe"
check "Start-menu shortcut" bash -c "ls '$user_dir'/AppData/Roaming/Microsoft/Windows/'Start Menu'/Programs/RothWizard.lnk"
check "desktop shortcut" bash -c "ls '$user_dir'/Desktop/RothWizard.lnk '$HOME'/Desktop/RothWizard.lnk 2>/dev/null | grep -q ."

reg() { wine reg query "$@" 2>&1 | cat; }
uninst='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\RothWizard'
reg "$uninst" > "$work/uninst.txt"
cat "$work/uninst.txt"
check "uninstaller entry: DisplayVersion $version" grep -qE "DisplayVersion\s+REG_SZ\s+$version" "$work/uninst.txt"
size_kb=$(grep -oP 'EstimatedSize\s+REG_DWORD\s+0x\K[0-9a-fA-F]+' "$work/uninst.txt" || true)
check "uninstaller entry: EstimatedSize ($(( 16#${size_kb:-0} )) KB, expected over 50 MB)" \
  test "$(( 16#${size_kb:-0} ))" -gt 50000
check "uninstaller entry: QuietUninstallString" grep -q "QuietUninstallString" "$work/uninst.txt"
reg 'HKCU\Software\Classes\RothWizard.Plan\shell\open\command' > "$work/progid.txt"
check "plan file type RothWizard.Plan opens with rothwizard.exe" grep -qi 'rothwizard.exe" "%1"' "$work/progid.txt"
reg 'HKCU\Software\Classes\.json\OpenWithProgids' > "$work/owp.txt"
check ".json files offer RothWizard under Open with" grep -q "RothWizard.Plan" "$work/owp.txt"
reg 'HKCU\Software\Classes\.json' /ve > "$work/json-default.txt"
check ".json's default handler is not taken over" bash -c "! grep -q 'RothWizard' '$work/json-default.txt'"

# From here on, the installed app only (run from a scratch folder, never the checkout).
cases="$work/cases"
mkdir -p "$cases"
cp "$repo"/examples/*.rothplan.json "$cases/"
cd "$cases"
linux=("$repo/.venv/bin/rothwizard")
[ -x "${linux[0]}" ] || linux=(env PYTHONPATH="$repo" python3 -m rothwizard)

step "--version"
out=$(w "$cli" --version | tr -d '\r')
check "rothwizard-cli.exe --version prints 'rothwizard $version' (got '$out')" test "$out" = "rothwizard $version"
w "$gui" --version > /dev/null; rc=$?
check "rothwizard.exe (windowed) --version exits 0 (got $rc)" test "$rc" -eq 0

norm_pdf() { pdftotext -layout "$1" - | sed -E 's/made [A-Z][a-z]+ [0-9]{1,2}, [0-9]{4}/made <date>/'; }
step "compute and export every example, compared with the Linux run"
# Where the Linux run itself fails (a plan RothWizard cannot export yet, say), Windows must fail the same
# way: same exit code, same message. The Linux behaviour is the tests' and ci-deb.sh's business.
same_failure() {  # what, windows rc, linux rc, windows stderr file, linux stderr file
  local wmsg lmsg
  wmsg=$(tr -d '\r' < "$4" | tail -n 1); lmsg=$(tail -n 1 "$5")
  echo "NOTE: $1 fails on Linux too (exit $3: $lmsg)"
  check "$1: fails as on Linux (exit $2 vs $3)" test "$2" -eq "$3" -a "$wmsg" = "$lmsg"
}
for plan in *.rothplan.json; do
  name=${plan%.rothplan.json}
  wine "$cli" compute "$plan" 2> >(cat > "$work/$name.win.err") | cat > "$work/$name.win.json"
  rc=${PIPESTATUS[0]}
  "${linux[@]}" compute "$plan" > "$work/$name.linux.json" 2> "$work/$name.linux.err"; lrc=$?
  if [ "$lrc" -ne 0 ]; then
    same_failure "$name: compute" "$rc" "$lrc" "$work/$name.win.err" "$work/$name.linux.err"
  else
    check "$name: compute exits 0 (got $rc)" test "$rc" -eq 0
    check "$name: compute prints UTF-8 JSON equal to the Linux run's" python3 -c '
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
sys.exit(a != b)' "$work/$name.win.json" "$work/$name.linux.json"
  fi
  wine "$cli" export "$plan" -o "$name.win.pdf" 2>&1 | cat > "$work/$name.export.log"; rc=${PIPESTATUS[0]}
  "${linux[@]}" export "$plan" -o "$work/$name.linux.pdf" > "$work/$name.linux-export.log" 2>&1; lrc=$?
  if [ "$lrc" -ne 0 ]; then
    same_failure "$name: export" "$rc" "$lrc" "$work/$name.export.log" "$work/$name.linux-export.log"
    continue
  fi
  check "$name: export exits 0 (got $rc)" test "$rc" -eq 0
  if [ -f "$name.win.pdf" ]; then
    norm_pdf "$name.win.pdf" > "$work/$name.win.txt"
    norm_pdf "$work/$name.linux.pdf" > "$work/$name.linux.txt"
    check "$name: PDF text equals the Linux run ($(wc -w < "$work/$name.win.txt") words)" \
      diff -u "$work/$name.linux.txt" "$work/$name.win.txt"
  else
    bad "$name: export wrote no PDF"; cat "$work/$name.export.log"
  fi
done
w "$gui" export spec-example.rothplan.json -o gui-export.pdf > /dev/null; rc=$?
check "rothwizard.exe (windowed) export writes a PDF too" bash -c "[ $rc -eq 0 ] && head -c 5 gui-export.pdf | grep -q '%PDF-'"
w "$cli" compute no-such-plan.json > "$work/missing.txt"; rc=$?
check "a missing plan exits 2 with one line (got $rc: $(head -c 120 "$work/missing.txt"))" test "$rc" -eq 2
check "no .tmp file left in the export folder" bash -c "! ls -a | grep -q '\.tmp$'"

step "the GUI, headless: first paint (WINEQT_QPA_PLATFORM=offscreen: Wine passes WINEQT_* to Windows programs as QT_*)"
export WINEQT_QPA_PLATFORM=offscreen
export WINEQT_QPA_FONTDIR='C:\users\'"$winuser"'\AppData\Local\Programs\RothWizard\_internal\resources\fonts'
ROTHWIZARD_EXIT_AFTER_FIRST_PAINT=1 timeout 120 wine "$cli" 2>&1 | cat > "$work/firstpaint.txt"
rc=${PIPESTATUS[0]}
killed "$rc"
tr -d '\r' < "$work/firstpaint.txt"
check "rothwizard-cli.exe paints its first page and quits (exit $rc)" \
  bash -c "[ $rc -eq 0 ] && grep -q '^first-paint ' '$work/firstpaint.txt'"
check "no traceback from the GUI" bash -c "! grep -q Traceback '$work/firstpaint.txt'"
ROTHWIZARD_EXIT_AFTER_FIRST_PAINT=1 timeout 120 wine "$gui" 2>&1 | cat > "$work/firstpaint-gui.txt"
rc=${PIPESTATUS[0]}
killed "$rc"
check "rothwizard.exe (windowed) paints and quits (exit $rc)" test "$rc" -eq 0

step "self-test in the installed app: open, edit, autosave, save, reopen, export (C:\\ paths, %APPDATA%)"
docs="$user_dir/Documents"
mkdir -p "$docs/plans"
cp "$cases/spec-example.rothplan.json" "$docs/plans/my plan.rothplan.json"
win_docs='C:\users\'"$winuser"'\Documents\plans'
ROTHWIZARD_SELFTEST=1 timeout 180 wine "$cli" "$win_docs\\my plan.rothplan.json" "$win_docs\\out" 2>&1 \
  | cat > "$work/selftest.txt"
rc=${PIPESTATUS[0]}
killed "$rc"
tr -d '\r' < "$work/selftest.txt" | grep -v '^selftest: [0-9]* passed'
while IFS= read -r line; do
  case "$line" in
    "selftest: ok "*) ok "${line#selftest: ok }" ;;
    "selftest: FAIL "*) bad "${line#selftest: FAIL }" ;;
  esac
done < <(tr -d '\r' < "$work/selftest.txt")
check "the self-test exits 0 (got $rc)" test "$rc" -eq 0
# What the installed app painted (Modern wizard style, the bundled fonts): kept to look at.
if [ -f "$docs/plans/out/first-page.png" ]; then
  cp "$docs/plans/out/first-page.png" "$repo/packaging/dist/ci-windows-first-page.png"
  echo "first page as painted under Wine: packaging/dist/ci-windows-first-page.png"
fi
unset WINEQT_QPA_PLATFORM WINEQT_QPA_FONTDIR

step "uninstall: uninstall.exe /S"
w "$inst/uninstall.exe" /S; rc=$?
wineserver -w
check "uninstall.exe /S exited 0 (got $rc)" test "$rc" -eq 0
check "the program folder is gone" test ! -e "$inst"
check "the Start-menu shortcut is gone" bash -c "! ls '$user_dir'/AppData/Roaming/Microsoft/Windows/'Start Menu'/Programs/RothWizard.lnk 2>/dev/null"
check "the desktop shortcut is gone" bash -c "! ls '$user_dir'/Desktop/RothWizard.lnk '$HOME'/Desktop/RothWizard.lnk 2>/dev/null | grep -q ."
check "the uninstaller entry is gone" bash -c "! wine reg query '$uninst' 2>&1 | grep -q DisplayName"
check "the plan file type is gone" bash -c "! wine reg query 'HKCU\\Software\\Classes\\RothWizard.Plan' 2>&1 | grep -q REG_"
check "RothWizard is no longer offered for .json" \
  bash -c "! wine reg query 'HKCU\\Software\\Classes\\.json\\OpenWithProgids' 2>&1 | grep -q RothWizard"
wineserver -w

step "what is left (files made since the install, outside the test's own plans folder)"
plans_real=$(realpath "$docs/plans")  # Wine links Documents to $HOME
find "$WINEPREFIX/drive_c" "$HOME" -newer "$work/before-install" \( -type f -o -type l \) 2>/dev/null \
  | grep -vF -e "$docs/plans/" -e "$plans_real/" | sed "s|$WINEPREFIX/drive_c|C:|" | sort | tee "$work/left.txt"
check "nothing of the program is left (only the user's data folder and the uninstaller's temp file)" \
  bash -c "! grep -vE '/AppData/Roaming/RothWizard/|/Temp/~nsu[^/]*\\.tmp|\\.reg\$|/windows/' '$work/left.txt' | grep -q ."
cd "$repo"
finish
