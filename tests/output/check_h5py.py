#!/usr/bin/python3
"""Reads a result file written by output_fixture_writer with h5py, as a Python user would.

Usage: /usr/bin/python3 check_h5py.py FILE.h5   (exit status 0 when every check passes)
Checks docs/hdf5-layout.md: root attributes as str, /scenario, /time, /dims, every /series/*
dataset with its attributes and shape, and /kpi. Expected values are those of
tests/output/sample_results.cpp.
"""
import math
import sys

import h5py
import numpy as np

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def main(path):
    with h5py.File(path, "r") as f:
        # Root attributes: strings come back as str, format_version and seed as integers.
        a = f.attrs
        check(int(a["format_version"]) == 1, f"format_version {a['format_version']!r}")
        for name, value in [("chainsim_version", "0.1.0"), ("git_commit", "0123456789ab"),
                            ("created_utc", "2026-11-23T19:30:00Z"), ("scenario_name", "tiny"),
                            ("scenario_file", "scenarios/examples/tiny.yaml")]:
            check(isinstance(a[name], str), f"attribute {name} is {type(a[name]).__name__}, not str")
            check(a[name] == value, f"attribute {name} = {a[name]!r}, expected {value!r}")
        check(int(a["seed"]) == 18446744073709551557, f"seed {a['seed']!r}")

        scenario = f["scenario"][()]
        scenario = scenario.decode("utf-8") if isinstance(scenario, bytes) else scenario
        check(scenario.startswith("schema_version: 1\nname: tiny\n") and "é ü" in scenario,
              f"/scenario {scenario!r}")
        check(isinstance(f["scenario"].asstr()[()], str), "/scenario .asstr() is not str")

        time = f["time"][:].astype(str)
        check(list(time) == ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30"], f"/time {time!r}")
        dates = f["time"][:].astype("datetime64[D]")
        check(dates[1] == np.datetime64("2025-02-28"), f"/time as datetime64 {dates!r}")
        check(isinstance(f["time"].attrs["description"], str), "/time description is not str")

        labels = {k: list(f["dims"][k].asstr()[:]) for k in ("segment", "origin", "profile", "pool")}
        check(labels["segment"] == ["high_recognition/single_man", "high_recognition/family",
                                    "safe_country/single_man"], f"/dims/segment {labels['segment']}")
        check(labels["origin"] == ["high_recognition", "safe_country"], f"/dims/origin {labels['origin']}")
        check(labels["profile"] == ["single_man", "family"], f"/dims/profile {labels['profile']}")
        check(labels["pool"] == ["collective", "individual"], f"/dims/pool {labels['pool']}")

        expected = {
            # name: (unit, kind, dims, shape)
            "applications": ("persons", "flow", "time", (4,)),
            "waiting_list_mean_wait": ("days", "rate", "time", (4,)),
            "cgrs_backlog": ("persons", "stock", "time,segment", (4, 3)),
            "occupancy": ("persons", "stock", "time,pool", (4, 2)),
        }
        names = list(f["series"])
        check(sorted(names) == sorted(expected), f"/series holds {names}")
        for name in names:
            ds = f["series"][name]
            values = ds[()]
            check(ds.dtype == np.float64, f"{name}: dtype {ds.dtype}")
            for attr in ("unit", "kind", "dims", "description"):
                check(isinstance(ds.attrs[attr], str), f"{name}: attribute {attr} is not str")
            if name not in expected:
                continue
            unit, kind, dims, shape = expected[name]
            check(ds.attrs["unit"] == unit, f"{name}: unit {ds.attrs['unit']!r}")
            check(ds.attrs["kind"] == kind, f"{name}: kind {ds.attrs['kind']!r}")
            check(ds.attrs["dims"] == dims, f"{name}: dims {ds.attrs['dims']!r}")
            check(values.shape == shape, f"{name}: shape {values.shape}")
            check(len(ds.attrs["description"]) > 0, f"{name}: empty description")

        check(list(f["series/applications"][:]) == [120.0, 95.5, 1.0 / 3.0, 0.0], "applications values")
        wait = f["series/waiting_list_mean_wait"][:]
        check(math.isnan(wait[0]) and wait[1] == 12.25, f"waiting_list_mean_wait {wait}")
        backlog = f["series/cgrs_backlog"][:]
        check(backlog[3, 2] == 32.5 and backlog[0, 1] == 1.5, f"cgrs_backlog {backlog}")
        check(f["series/occupancy"][1, 1] == 260.0, "occupancy[1, 1]")
        # Column labels of a segment series come from /dims/segment.
        column = labels["segment"].index("safe_country/single_man")
        check(backlog[1, column] == 12.5, "cgrs_backlog by label")

        kpis = {k: (float(f["kpi"][k][()]), f["kpi"][k].attrs["unit"]) for k in f["kpi"]}
        check(kpis == {"peak_occupancy": (1310.0, "persons"), "person_days_waiting": (4567.5, "person-days")},
              f"/kpi {kpis}")

    for message in failures:
        print(f"FAIL: {message}", file=sys.stderr)
    if not failures:
        print(f"{path}: all h5py checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
