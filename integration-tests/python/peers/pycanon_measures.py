"""Prints, as JSON, what pycanon measures on a CSV table: k-anonymity, distinct and entropy
l-diversity and t-closeness per sensitive attribute, plus the smallest class entropy (so that a
caller can tell pycanon's floating-point truncation of e^H from a real difference) and the risk
figures, computed here with pandas since pycanon has none.

pycanon works on rows. With an entity column, the measures are taken as the issue defines them
per entity: pycanon on one row per entity and class; class sizes and risks counting distinct
entities per class, over all rows.

Usage: pycanon_measures.py TABLE.csv QI[,QI...] SA[,SA...] ENTITY|- K"""

import json
import sys

import numpy as np
import pandas as pd
from pycanon import anonymity


def main() -> None:
    path, qi, sa, entity, k = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(","), sys.argv[4], int(sys.argv[5])
    data = pd.read_csv(path, dtype={c: str for c in qi})
    measured = data if entity == "-" else data.drop_duplicates([entity, *qi]).reset_index(drop=True)
    out = {"k": int(anonymity.k_anonymity(measured, qi)), "attributes": {}}
    for s in sa:
        entropies = []
        for _, group in measured.groupby(qi, dropna=False):
            p = group[s].value_counts(normalize=True).to_numpy()
            entropies.append(float(-np.sum(p * np.log(p))))
        out["attributes"][s] = {
            "l": int(anonymity.l_diversity(measured, qi, [s])),
            "entropy_l": int(anonymity.entropy_l_diversity(measured, qi, [s])),
            "smallest_entropy": min(entropies),
            "t": float(anonymity.t_closeness(measured, qi, [s])),
        }
    grouped = data.groupby(qi, dropna=False)
    size = grouped[entity].transform("nunique") if entity != "-" else grouped[qi[0]].transform("size")
    risk = {
        "prosecutor_max": float(1 / size.min()),
        "prosecutor_avg": float((1 / size).mean()),
        "records_at_risk": float((size < k).mean()),
        "sample_uniques": float((size == 1).mean()),
    }
    if entity != "-":
        at_risk = data.loc[size < k, entity].nunique()
        risk["entities_at_risk"] = float(at_risk / data[entity].nunique())
    out["risk"] = risk
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
