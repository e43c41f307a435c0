#!/bin/sh
# odcsim size: the reference scenarios run (text and JSON); JSON keys are
# present and consistent (total = sum of subsystems, mass per IT kW =
# mass / IT kW, sunlit fraction in (0,1]); every validation error comes
# with FILE:LINE:COL and the field, exit 2; a model failure exits 1.
# usage: sh test_size.sh <odcsim> <shared-dir>   (run from the repo root)
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

for s in size-starcloud-1mw size-suncatcher; do
    "$ODCSIM" size "scenarios/$s.yaml" >"$tmp/$s.txt" 2>&1
    rc=$?
    [ $rc -eq 0 ] && grep -q "per IT kW" "$tmp/$s.txt" && grep -q "sunlit fraction" "$tmp/$s.txt"
    check "$s: text breakdown" $?
    "$ODCSIM" size --json "scenarios/$s.yaml" >"$tmp/$s.json" 2>"$tmp/err"
    check "$s: --json exit 0" $?
    $PY - "$tmp/$s.json" <<'PYEOF'
import json, math, sys
j = json.load(open(sys.argv[1]))
need = ["it_power_w", "pv_area_m2", "radiator_area_m2", "battery_energy_wh", "mass_kg",
        "mass_by_subsystem_kg", "mass_per_it_kw_kg", "sunlit_fraction", "dose_krad_mission",
        "eclipse_max_s", "lifetime_years", "beta_min_deg", "beta_max_deg", "tid_margin"]
missing = [k for k in need if k not in j]
assert not missing, missing
sub = j["mass_by_subsystem_kg"]
for k in ["solar_array", "battery", "radiator", "structure", "compute", "isl", "avionics",
          "propulsion", "propellant", "shielding"]:
    assert k in sub and sub[k] >= 0, k
tot = sum(sub.values())
assert abs(tot - j["mass_kg"]) <= 1e-9 * j["mass_kg"], (tot, j["mass_kg"])
assert abs(j["mass_per_it_kw_kg"] - j["mass_kg"] / (j["it_power_w"] / 1000)) <= 1e-9 * j["mass_per_it_kw_kg"]
assert 0 < j["sunlit_fraction"] <= 1
assert j["pv_area_m2"] > 0 and j["radiator_area_m2"] > 0 and j["dose_krad_mission"] > 0
assert abs(sub["structure"] - 0.2 * j["mass_dry_kg"]) <= 1e-9 * j["mass_dry_kg"]
c = j["constellation"]
assert c["satellites"] in (1, 81)
assert abs(c["mass_kg"] - c["satellites"] * j["mass_kg"]) <= 1e-9 * c["mass_kg"]
assert abs(c["it_power_w"] - c["satellites"] * j["it_power_w"]) <= 1e-9 * c["it_power_w"]
PYEOF
    check "$s: JSON keys present, total = sum of subsystems, kg/kW = mass/IT kW" $?
done

# Dawn-dusk reference cases: high sunlight.
$PY -c "import json,sys; j=json.load(open(sys.argv[1])); assert j['sunlit_fraction'] > 0.95 and j['orbit']['sso']" "$tmp/size-suncatcher.json"
check "suncatcher: dawn-dusk SSO sunlit fraction > 0.95" $?

# Chip catalog: IT power = count x tdp_w, throughput = count x dense rate
# (nvidia-h100-sxm: 700 W, 989.4 TFLOP/s BF16 in data/chips.json).
"$ODCSIM" size --json $D/size-chips.yaml >"$tmp/chips.json" 2>"$tmp/err"
$PY -c "
import json,sys
j=json.load(open(sys.argv[1])); c=json.load(open('data/chips.json'))
h=[x for x in c['chips'] if x['name']=='nvidia-h100-sxm'][0]
assert j['chip_count']==64 and j['chip_power_w']==h['tdp_w']
assert abs(j['it_power_w']-64*h['tdp_w'])<1e-9
assert abs(j['bf16_dense_pflops']-64*h['bf16_dense_tflops']/1000)<1e-9
assert j['tid_margin'] is None   # H100 has no radiation data" "$tmp/chips.json"
check "chip catalog: IT power = 64 x tdp_w, PFLOP/s = 64 x dense BF16" $?

# More IT power -> more array and radiator area.
sed 's/it_power_kw: 20$/it_power_kw: 40/' scenarios/size-suncatcher.yaml >"$tmp/big.yaml"
"$ODCSIM" size --json "$tmp/big.yaml" >"$tmp/big.json"
$PY -c "
import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
assert b['it_power_w'] == 2*a['it_power_w']
assert b['pv_area_m2'] > 1.9*a['pv_area_m2'] and b['radiator_area_m2'] > 1.9*a['radiator_area_m2']
assert b['mass_kg'] > a['mass_kg']" "$tmp/size-suncatcher.json" "$tmp/big.json"
check "twice the IT power -> ~twice the areas, more mass" $?

# Validation errors: FILE:LINE:COL: field '...': expected ..., exit 2.
expect() { # file, expected line fragment
    "$ODCSIM" size "$1" >/dev/null 2>"$tmp/err"
    rc=$?
    [ $rc -eq 2 ] && grep -qF -- "$2" "$tmp/err"
    check "$(basename "$1"): $2" $?
}
expect $D/size-bad-values.yaml "size-bad-values.yaml:16:16: field 'spacecraft.it_power_kw': expected an IT power in kW > 0"
expect $D/size-bad-values.yaml "size-bad-values.yaml:18:13: field 'spacecraft.orbit.alt_km': expected an altitude >= 150 km"
expect $D/size-bad-values.yaml "size-bad-values.yaml:21:20: field 'spacecraft.technology.solar.eff_ref': expected a value in (0, 1], got 1.3"
expect $D/size-bad-values.yaml "size-bad-values.yaml:22:5: field 'spacecraft.technology.solar.packing_factr'"
expect $D/size-bad-values.yaml "(did you mean 'solar.packing_factor'?)"
expect $D/size-bad-values.yaml "size-bad-values.yaml:23:22: field 'spacecraft.technology.thermal.rad_eps': expected a value in (0, 1], got -0.1"
expect $D/size-bad-refs.yaml "size-bad-refs.yaml:17:15: field 'spacecraft': expected the IT power once"
expect $D/size-bad-refs.yaml "size-bad-refs.yaml:20:20: field 'spacecraft.orbit.constellation': expected the name of one of the scenario's constellations, got 'nope'"
expect $D/size-bad-refs.yaml "size-bad-refs.yaml:21:18: field 'spacecraft.mission_years': expected a mission length in years > 0"
expect $D/size-bad-refs.yaml "size-bad-refs.yaml:22:18: field 'spacecraft.isl_terminals': expected a number of ISL terminals from 0 to 64, got 100"
expect $D/size-bad-refs.yaml "size-bad-refs.yaml:23:19: field 'spacecraft.solar_activity': expected low, mean or high, got 'extreme'"
expect $D/size-bad-orbit.yaml "size-bad-orbit.yaml:18:5: field 'spacecraft.orbit.ltan_h': expected the local time"
expect $D/size-bad-orbit.yaml "size-bad-orbit.yaml:20:15: field 'spacecraft.orbit.incl_deg': expected no inclination with 'sso: true'"
expect $D/size-bad-orbit.yaml "size-bad-orbit.yaml:21:3: field 'spacecraft.widget': expected one of it_power_w"
expect $D/size-bad-chip-tle.yaml "size-bad-chip-tle.yaml:19:20: field 'spacecraft.orbit.constellation': expected a designed constellation"
expect $D/size-bad-chip.yaml "size-bad-chip.yaml:17:9: field 'spacecraft.chip': expected a chip of data/chips.json or data/radiation/chips.csv, got 'no-such-chip'"
expect $D/size-bad-chip-power.yaml "size-bad-chip-power.yaml:17:9: field 'spacecraft.chip': expected chip_power_w, or a chip of data/chips.json that gives its power"
expect $D/size-bad-chip-count.yaml "size-bad-chip-count.yaml:16:3: field 'spacecraft.chip_power_w': expected with chip_count, the power of one chip in W, or 'chip: NAME'"
expect $D/size-bad-more.yaml "size-bad-more.yaml:16:3: field 'spacecraft.it_power_w': expected the IT power"
expect $D/size-bad-more.yaml "size-bad-more.yaml:16:17: field 'spacecraft.chip_power_w': expected chip_power_w together with chip_count"
expect $D/size-bad-more.yaml "size-bad-more.yaml:17:18: field 'spacecraft.chip_tid_krad': expected a TID tolerance in krad(Si) > 0"
expect $D/size-bad-more.yaml "size-bad-more.yaml:20:13: field 'spacecraft.orbit': expected either 'constellation'"
expect $D/size-bad-more.yaml "size-bad-more.yaml:21:18: field 'spacecraft.it_in_eclipse': expected true or false, got 'maybe'"
expect $D/size-bad-more.yaml "size-bad-more.yaml:22:11: field 'spacecraft.shadow': expected conical or cylindrical, got 'square'"
expect $D/size-bad-more.yaml "size-bad-more.yaml:24:23: field 'spacecraft.technology.drag.bus_area_m2': expected a value >= 0 m^2, got -2"
expect $D/size-bad-more.yaml "size-bad-more.yaml:25:20: field 'spacecraft.technology.solar.eff_ref': expected a number, got 'high'"
expect $D/size-bad-more.yaml "size-bad-more.yaml:26:5: field 'spacecraft.technology.solar.eff_ref': expected each key once"
expect $D/size-bad-missing.yaml "size-bad-missing.yaml:17:13: field 'spacecraft.orbit.alt_km': expected an altitude <= 5974 km (no sun-synchronous orbit"
expect $D/size-bad-missing.yaml "size-bad-missing.yaml:19:13: field 'spacecraft.orbit.ltan_h': expected a local time in hours"
expect $D/size-bad-missing.yaml "size-bad-missing.yaml:20:15: field 'spacecraft.technology': expected a mapping of technology keys"
expect $D/size-bad-range.yaml "size-bad-range.yaml:18:13: field 'spacecraft.orbit.alt_km': expected an altitude <= 40000 km"
expect $D/size-bad-range.yaml "size-bad-range.yaml:19:15: field 'spacecraft.orbit.incl_deg': expected an inclination in [0, 180] deg, got 200"
expect $D/size-bad-type.yaml "size-bad-type.yaml:15:13: field 'spacecraft': expected a mapping of keys, got '12'"
expect $D/size-bad-noalt.yaml "size-bad-noalt.yaml:18:5: field 'spacecraft.orbit.alt_km': expected an altitude in km"
# validate reports the same problems (same loader).
"$ODCSIM" validate $D/size-bad-range.yaml >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -qF "size-bad-range.yaml:19:15: field 'spacecraft.orbit.incl_deg'" "$tmp/err"
check "odcsim validate reports spacecraft problems too" $?
"$ODCSIM" validate scenarios/size-suncatcher.yaml scenarios/size-starcloud-1mw.yaml >/dev/null 2>&1
check "odcsim validate: reference size scenarios OK" $?
expect scenarios/default.yaml "field 'spacecraft': expected a spacecraft section"

# A radiator colder than its environment cannot reject heat: model error, exit 1.
cat "scenarios/size-suncatcher.yaml" >"$tmp/cold.yaml"
echo "    thermal.rad_t_k: 150" >>"$tmp/cold.yaml"
"$ODCSIM" size "$tmp/cold.yaml" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "cold.yaml:" "$tmp/err"
check "radiator at 150 K: model error, exit 1, names the scenario" $?

# Usage.
"$ODCSIM" size --help | grep -q "usage: odcsim size"
check "--help" $?
"$ODCSIM" size >/dev/null 2>&1
[ $? -eq 2 ]
check "no file: exit 2" $?
"$ODCSIM" size --bogus scenarios/size-suncatcher.yaml >/dev/null 2>&1
[ $? -eq 2 ]
check "unknown option: exit 2" $?

exit $fail
