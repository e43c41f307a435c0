#!/bin/sh
# odcsim compare / sweep / montecarlo / grid on the reference scenarios:
# JSON sheets add up; the breakeven launch price re-evaluates to orbit =
# ground; a swept price moves orbit cost linearly and leaves ground fixed;
# grid sizes; same seed same output; percentiles ordered; the grid study's
# initial RoCoF equals dP f0 / (2 H S) with the reference grid's data and
# the LVRT lock-out time; bad scenarios and --param give FILE:LINE:COL /
# field errors and exit 2.
# usage: sh test_decide.sh <odcsim> <shared-dir>   (run from the repo root)
set -u
ODCSIM=$1
PY=/usr/bin/python3
D=tests/data/scenarios
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # description, status
    if [ "$2" -ne 0 ]; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi
}

# ---- compare ----
"$ODCSIM" compare scenarios/compare-suncatcher.yaml >"$tmp/c.txt" 2>&1
check "compare text exit 0" $?
grep -q "USD per GPU-hour" "$tmp/c.txt" && grep -q "breakeven launch price" "$tmp/c.txt"
check "compare text rows" $?
for s in scenarios/compare-suncatcher.yaml $D/compare-breakeven.yaml; do
    "$ODCSIM" compare --json "$s" >"$tmp/c.json" 2>"$tmp/err"
    check "compare --json $s exit 0" $?
    $PY - "$tmp/c.json" <<'PYEOF'
import json, math, sys
j = json.load(open(sys.argv[1]))
for side in ("orbit", "ground"):
    o = j[side]
    cap = sum(i["usd"] for i in o["capex_items"])
    assert abs(cap - o["capex_usd"]) <= 1e-9 * cap, (side, cap, o["capex_usd"])
    opx = sum(i["usd"] for i in o["opex_items"])
    assert abs(opx - o["opex_usd_per_yr"]) <= 1e-9 * max(opx, 1), side
    assert abs(o["annual_usd"] - o["annual_capex_usd"] - o["opex_usd_per_yr"]) <= 1e-9 * o["annual_usd"]
    assert abs(o["usd_per_gpu_hour"] - o["annual_usd"] / o["chip_hours_per_yr"]) <= 1e-12 * o["usd_per_gpu_hour"]
b = j["breakeven"]
if b["status"] == "found":
    g = j["ground"]["usd_per_gpu_hour"]
    rel = abs(b["orbit_usd_per_gpu_hour_at_breakeven"] - g) / g
    assert rel < 1e-9, rel
    print("breakeven", b["usd_per_kg"], "USD/kg, relative mismatch", rel)
    ly = j["learning"]
    k = int(ly["crossing_year"] - ly["start_year"])
    p = ly["usd_per_kg_by_year"]
    assert p[k] <= b["usd_per_kg"] and (k == 0 or p[k - 1] > b["usd_per_kg"])
else:
    assert b["usd_per_kg"] is None
PYEOF
    check "compare --json $s: sheets add up, breakeven re-evaluates" $?
done
grep -q '"status":[[:space:]]*"found"' "$tmp/c.json"
check "compare-breakeven has a root" $?

# ---- sweep ----
"$ODCSIM" sweep scenarios/compare-suncatcher.yaml >"$tmp/s.csv" 2>"$tmp/err"
check "sweep exit 0" $?
[ "$(wc -l <"$tmp/s.csv")" -eq 17 ]
check "sweep: 8 x 2 grid + header = 17 lines" $?
"$ODCSIM" sweep $D/compare-breakeven.yaml --param economics.launch.price_per_kg_usd=0:1000:11 \
    --param terrestrial.pue=1.1,1.3 >"$tmp/s2.csv" 2>"$tmp/err"
check "sweep --param exit 0" $?
$PY - "$tmp/s2.csv" <<'PYEOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 22, len(rows)
for pue in ("1.1", "1.3"):
    r = [x for x in rows if x["terrestrial.pue"] == pue]
    p = [float(x["economics.launch.price_per_kg_usd"]) for x in r]
    o = [float(x["orbit_usd_per_gpu_h"]) for x in r]
    g = {x["ground_usd_per_gpu_h"] for x in r}
    assert p == [100.0 * i for i in range(11)], p
    assert len(g) == 1, g                      # ground does not depend on launch price
    d = [o[i + 1] - o[i] for i in range(10)]
    assert max(d) - min(d) < 1e-9 * max(o), d  # orbit is affine in the launch price
    be = {x["breakeven_usd_per_kg"] for x in r}
    assert len(be) == 1                        # breakeven does not depend on the swept price
    b = float(be.pop()); g0 = float(g.pop())
    # linear interpolation of the sweep at the breakeven price gives ground
    oi = o[0] + (o[1] - o[0]) / 100.0 * b
    assert abs(oi - g0) < 1e-9 * g0, (oi, g0)
print("sweep: 22 rows, orbit affine in price, breakeven consistent")
PYEOF
check "sweep: linear effect and breakeven consistent" $?
"$ODCSIM" sweep $D/compare-breakeven.yaml --param economics.launch.price_per_kg=1:2:3 >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "did you mean 'economics.launch.price_per_kg_usd'" "$tmp/err"
check "sweep: unknown path exit 2 with suggestion" $?
"$ODCSIM" sweep $D/compare-breakeven.yaml --param terrestrial.pue=0.5:1.5:3 >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "terrestrial.pue" "$tmp/err"
check "sweep: out-of-range value exit 2" $?

# ---- montecarlo ----
"$ODCSIM" montecarlo scenarios/compare-suncatcher.yaml --samples 3000 --seed 5 >"$tmp/m1.txt" 2>&1
check "montecarlo exit 0" $?
"$ODCSIM" montecarlo scenarios/compare-suncatcher.yaml --samples 3000 --seed 5 >"$tmp/m2.txt" 2>&1
cmp -s "$tmp/m1.txt" "$tmp/m2.txt"
check "montecarlo: same seed, same output" $?
"$ODCSIM" montecarlo scenarios/compare-suncatcher.yaml --samples 3000 --seed 6 >"$tmp/m3.txt" 2>&1
! cmp -s "$tmp/m1.txt" "$tmp/m3.txt"
check "montecarlo: another seed, another output" $?
"$ODCSIM" montecarlo scenarios/compare-suncatcher.yaml --samples 500 --json --out "$tmp/mc.csv" >"$tmp/m.json" 2>"$tmp/err"
check "montecarlo --json --out exit 0" $?
$PY - "$tmp/m.json" "$tmp/mc.csv" <<'PYEOF'
import csv, json, sys
j = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
assert len(rows) == 500
for s in ("orbit", "ground"):
    assert j[s]["p5"] <= j[s]["p50"] <= j[s]["p95"], j[s]
o = [float(r["orbit_usd_per_gpu_h"]) for r in rows]
g = [float(r["ground_usd_per_gpu_h"]) for r in rows]
p = sum(a < b for a, b in zip(o, g)) / 500
assert abs(p - j["p_orbit_cheaper"]) < 1e-12
assert abs(sum(o) / 500 - j["orbit"]["mean"]) < 1e-6 * j["orbit"]["mean"]
t = j["tornado"]["rows"]
assert [r["swing"] for r in t] == sorted((r["swing"] for r in t), reverse=True)
assert len(t) == 7
PYEOF
check "montecarlo: JSON percentiles ordered, CSV agrees, tornado sorted" $?
"$ODCSIM" montecarlo scenarios/compare-suncatcher.yaml --samples 0 >/dev/null 2>&1
[ $? -eq 2 ]
check "montecarlo: --samples 0 exit 2" $?

# ---- grid ----
"$ODCSIM" grid scenarios/grid-1gw.yaml --json --out "$tmp/g.csv" >"$tmp/g.json" 2>"$tmp/err"
check "grid --json --out exit 0" $?
$PY - "$tmp/g.json" "$tmp/g.csv" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().splitlines()
assert lines[0] == "t_s,it_mw,site_mw,grid_mw,batt_mw,soc"
assert len(lines) == 1 + 900 / 0.05 + 1, len(lines)
g = json.load(open("data/grids.json"))["grids"]["eastern"]
f0, S, H = g["f0_hz"]["value"], g["s_base_mva"]["value"], g["h_s"]["value"]
dp = j["load_loss"]["load_lost_mw"]
r0 = dp * f0 / (2 * H * S)
assert abs(j["load_loss"]["without_battery"]["rocof_init_hz_s"] - r0) < 1e-12 * r0
b = j["battery"]
assert b["grid_ramp_max_mw_s"] <= 10 * (1 + 1e-9), b
assert b["steps_limited"] == 0
assert j["lvrt"]["disconnect_s"] == 30 and j["lvrt"]["transfers"] == 3
# the battery trace: site = grid + battery at every sample
for ln in lines[1::997]:
    t, it, site, grid, batt, soc = map(float, ln.split(","))
    assert abs(site - grid - batt) < 1e-6 * site, ln
PYEOF
check "grid: CSV rows, RoCoF closed form, ramp held, LVRT lock-out at 30 s" $?

"$ODCSIM" sweep scenarios/grid-1gw.yaml --param grid.battery.units=0,300 \
    --param grid.network.h_s=2,4 >"$tmp/gs.csv" 2>"$tmp/err"
check "sweep of grid parameters exit 0" $?
$PY - "$tmp/gs.csv" <<'PYEOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 4, len(rows)
r = {(x["grid.battery.units"], x["grid.network.h_s"]): x for x in rows}
# initial RoCoF = dP f0 / (2 H S): halves when H doubles
a, b = float(r[("0", "2")]["rocof_init_hz_s"]), float(r[("0", "4")]["rocof_init_hz_s"])
assert abs(a - 2 * b) < 1e-12 * a, (a, b)
assert r[("0", "2")]["grid_ramp_max_mw_s"] == ""          # no plant
assert float(r[("300", "4")]["grid_ramp_max_mw_s"]) <= 10 * (1 + 1e-9)
assert float(r[("300", "4")]["safe_loss_with_sink_mw"]) > float(r[("300", "4")]["safe_loss_mw"])
PYEOF
check "sweep of grid parameters: RoCoF ~ 1/H, ramp held with 300 units" $?
"$ODCSIM" sweep scenarios/grid-1gw.yaml --param grid.it_mw=1,2 --param terrestrial.pue=1.2 >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "one kind" "$tmp/err"
check "sweep: mixed axes exit 2" $?

# ---- errors ----
"$ODCSIM" compare $D/decide-bad.yaml >/dev/null 2>"$tmp/err"
[ $? -eq 2 ]
check "bad scenario: exit 2" $?
grep -q "^$D/decide-bad.yaml:7:69: field 'economics.satellite.volum_eff': expected a known key, got unknown key 'volum_eff' (did you mean 'economics.satellite.volume_eff'?)" "$tmp/err" &&
grep -q "^$D/decide-bad.yaml:11:38: field 'uncertainty.economics.launch.price_per_kg_usd': expected a lognormal distribution with median > 0" "$tmp/err" &&
grep -q "^$D/decide-bad.yaml:12:3: field 'uncertainty.economics.chip.pflop'.*did you mean 'economics.chip.pflops'" "$tmp/err" &&
grep -q "^$D/decide-bad.yaml:14:37: field 'sweep\[0\].range': expected \[start, stop, n\]" "$tmp/err" &&
grep -q "^$D/decide-bad.yaml: 5 problems" "$tmp/err"
check "bad scenario: every problem with line, column, field" $?
"$ODCSIM" grid scenarios/compare-suncatcher.yaml >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "grid" "$tmp/err"
check "grid without a grid section: exit 2" $?
for c in compare sweep montecarlo grid; do
    "$ODCSIM" $c --help | grep -q "usage: odcsim $c"
    check "$c --help" $?
    "$ODCSIM" $c >/dev/null 2>&1
    [ $? -eq 2 ]
    check "$c without a file: exit 2" $?
done
exit $fail
