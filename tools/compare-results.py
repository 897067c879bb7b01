#!/usr/bin/python3
"""Compares two folders of chainsim HDF5 results, dataset by dataset.

Every numeric dataset of /series and /kpi must agree within rtol x max(1, |reference|), a value
must be NaN in both files or in neither, and an infinite value must be the same in both. Prints
the largest deviation per file and exits with 1 when any file deviates beyond the tolerance (2 on
missing files).

  tools/compare-results.py REFERENCE_DIR CANDIDATE_DIR [--rtol 1e-9]
"""
import argparse
import pathlib
import sys

import h5py
import numpy as np


def datasets(group, prefix=""):
    for name, item in group.items():
        path = f"{prefix}/{name}"
        if isinstance(item, h5py.Dataset):
            yield path, item
        else:
            yield from datasets(item, path)


def compare(ref_file, new_file, rtol):
    worst = (0.0, "")
    problems = []
    with h5py.File(ref_file, "r") as ref, h5py.File(new_file, "r") as new:
        for root in ("series", "kpi"):
            if root not in ref:
                continue
            for path, data in datasets(ref[root], "/" + root):
                if data.dtype.kind not in "fiu":
                    continue
                if path not in new:
                    problems.append(f"{path} missing")
                    continue
                a = np.asarray(data[()], dtype=float)
                b = np.asarray(new[path][()], dtype=float)
                if a.shape != b.shape:
                    problems.append(f"{path} shape {a.shape} vs {b.shape}")
                    continue
                nan_a, nan_b = np.isnan(a), np.isnan(b)
                if np.any(nan_a != nan_b):
                    problems.append(f"{path}: {int(np.sum(nan_a != nan_b))} NaN flips")
                # Infinities must be the same infinity in both files; they take no part in the
                # relative deviation (inf/inf would be NaN and hide every other value).
                inf_a, inf_b = np.isinf(a), np.isinf(b)
                inf_mismatch = (inf_a | inf_b) & ~(nan_a | nan_b) & (a != b)
                if np.any(inf_mismatch):
                    problems.append(f"{path}: {int(np.sum(inf_mismatch))} infinite values differ")
                ok = np.isfinite(a) & np.isfinite(b)
                if not np.any(ok):
                    continue
                dev = np.abs(a[ok] - b[ok]) / np.maximum(1.0, np.abs(a[ok]))
                d = float(dev.max())
                if d > worst[0]:
                    worst = (d, path)
                if d > rtol:
                    problems.append(f"{path}: relative deviation {d:.3g}")
    return worst, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference")
    parser.add_argument("candidate")
    parser.add_argument("--rtol", type=float, default=1e-9)
    args = parser.parse_args()
    refs = sorted(pathlib.Path(args.reference).glob("*.h5"))
    if not refs:
        print(f"no .h5 files in {args.reference}", file=sys.stderr)
        return 2
    failed = False
    overall = (0.0, "")
    for ref in refs:
        new = pathlib.Path(args.candidate) / ref.name
        if not new.exists():
            print(f"{ref.name}: missing in {args.candidate}", file=sys.stderr)
            return 2
        worst, problems = compare(ref, new, args.rtol)
        if worst[0] > overall[0]:
            overall = (worst[0], f"{ref.name}:{worst[1]}")
        if problems:
            failed = True
            print(f"{ref.name}: " + "; ".join(problems[:5]) + (" ..." if len(problems) > 5 else ""))
    print(f"{len(refs)} files, largest relative deviation {overall[0]:.3g} ({overall[1] or 'none'})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
