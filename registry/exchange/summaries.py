"""The six 汇总表 of a package, from its records: per 发包方 and a county total; areas in mu (2 decimals)."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

CENT = Decimal("0.01")


def _mu(r: dict) -> Decimal:
    value = r.get("SCMJM")
    if type(value) is Decimal:
        return value
    if value is not None:
        return Decimal(str(value))
    return (Decimal(str(r.get("SCMJ") or 0)) * Decimal("0.0015")).quantize(CENT)


def _table(fbf: list[dict], columns: list[str], cell) -> list[list]:
    """One row per 发包方 (code, name, values…) and the 合计 row."""
    rows, total = [], [Decimal(0)] * len(columns)
    for f in sorted(fbf, key=lambda x: x["FBFBM"]):
        values = [cell(f["FBFBM"], c) for c in columns]
        total = [t + v for t, v in zip(total, values, strict=True)]
        rows.append([f["FBFBM"], f.get("FBFMC")] + _out(columns, values))
    rows.append(["合计", ""] + _out(columns, total))
    return rows


def _out(columns: list[str], values: list) -> list:
    """Areas (亩) with two decimals, counts (块, 个, 份, 人) as integers."""
    return [Decimal(v).quantize(CENT) if "亩" in c else int(v) for c, v in zip(columns, values, strict=True)]


def summaries(tables: dict[str, list[dict]], dk: list[dict]) -> dict[str, tuple[list[str], list[list]]]:
    fbf = tables.get("FBF", [])
    by = defaultdict(Decimal)
    groups: dict[tuple, list] = defaultdict(lambda: [0, Decimal(0)])  # parcels by 发包方 and class first
    for r in dk:
        group = groups[(r["DKBM"][:14], r.get("DKLB"), r.get("TDYT"), r.get("SFJBNT") == "1")]
        group[0] += 1
        group[1] += _mu(r)
    for (f, lb, use, jbnt), (n, area) in groups.items():
        contract = lb == "10"
        by[(f, "dk_n", contract)] += n
        by[(f, "dk_mu", contract)] += area
        if contract:
            by[(f, "use", use)] += area
            by[(f, "jbnt", jbnt)] += area
        else:
            by[(f, "lb_n", lb)] += n
            by[(f, "lb_mu", lb)] += area
    for (code, kind), n in Counter((r["CBFBM"][:14], r.get("CBFLX")) for r in tables.get("CBF", [])).items():
        by[(code, "cbf", kind)] += n
    for code, n in Counter(r["CBFBM"][:14] for r in tables.get("CBF_JTCY", [])).items():
        by[(code, "cy", None)] += n
    certified = {r["CBJYQZBM"] for r in tables.get("CBJYQZ", [])}
    for r in tables.get("CBHT", []):
        if r["CBHTBM"] in certified:
            by[(r["FBFBM"], "qz_n", None)] += 1
            by[(r["FBFBM"], "qz_mu", None)] += Decimal(str(r.get("HTZMJM") or 0))
    specs = {
        "按地块汇总表": (
            ["承包地块数（块）", "承包地面积（亩）", "非承包地块数（块）", "非承包地面积（亩）"],
            lambda f, c: by[(f, "dk_n" if "数" in c else "dk_mu", c.startswith("承包"))],
        ),
        "按承包地土地用途汇总表": (
            ["种植业（亩）", "林业（亩）", "畜牧业（亩）", "渔业（亩）", "非农业用途（亩）"],
            lambda f, c: by[
                (
                    f,
                    "use",
                    str(
                        [
                            "种植业（亩）",
                            "林业（亩）",
                            "畜牧业（亩）",
                            "渔业（亩）",
                            "非农业用途（亩）",
                        ].index(c)
                        + 1
                    ),
                )
            ],
        ),
        "按承包地是否基本农田汇总表": (
            ["基本农田（亩）", "非基本农田（亩）"],
            lambda f, c: by[(f, "jbnt", c.startswith("基本"))],
        ),
        "按承包方汇总表": (
            ["农户（个）", "个人（个）", "单位（个）", "家庭成员（人）"],
            lambda f, c: (
                by[(f, "cy", None)]
                if c.startswith("家庭")
                else by[(f, "cbf", str(["农户（个）", "个人（个）", "单位（个）"].index(c) + 1))]
            ),
        ),
        "按权证信息汇总表": (
            ["颁发权证（份）", "权证面积（亩）"],
            lambda f, c: by[(f, "qz_n" if "份" in c else "qz_mu", None)],
        ),
        "按非承包地地块类别汇总表": (
            [
                "自留地（块）",
                "自留地（亩）",
                "机动地（块）",
                "机动地（亩）",
                "开荒地（块）",
                "开荒地（亩）",
                "其他集体土地（块）",
                "其他集体土地（亩）",
            ],
            lambda f, c: by[
                (
                    f,
                    "lb_n" if "块" in c else "lb_mu",
                    {"自留": "21", "机动": "22", "开荒": "23", "其他": "99"}[c[:2]],
                )
            ],
        ),
    }
    return {
        name: (["发包方编码", "发包方名称"] + cols, _table(fbf, cols, cell))
        for name, (cols, cell) in specs.items()
    }
