"""The county in memory (numpy, no database): collectives, households, persons and a jittered parcel grid.

Everything is deterministic for a seed. Parcels are cells of one lattice whose vertices are jittered and
SHARED
by neighbouring cells, so the land is contiguous and irregular without overlaps (PAR-02). A residential cell
is
cut into SUB_X × SUB_Y homestead plots by bilinear interpolation of its corners (exact on shared edges).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np


SUB_X, SUB_Y = 4, 3  # homestead plots per residential cell
CELL_M = (30.0, 28.0)  # a contract parcel: about 840 m², 1.26 mu
JITTER = 0.12  # of the cell size, per vertex: keeps every quad convex, plots ≤ 110 m²
HOUSEHOLD_SIZES = (1, 2, 3, 4, 5, 6)
HOUSEHOLD_WEIGHTS = (0.08, 0.20, 0.25, 0.25, 0.14, 0.08)
SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
)
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰志强海燕春")
PLACE = list("东西南北上下前后中新河山李王张刘杨黄岗桥庄寨湾营集店铺楼屯坡沟岭塘")
_WEIGHTS = np.array((7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2))
_CHECK = np.array(list("10X98765432"))


@dataclass
class Layout:
    county: str
    collectives: list[tuple[str, str, str]]  # (code, name, level)
    groups: np.ndarray  # group collective codes
    households: dict  # code, group, head (person index)
    persons: dict  # id_number, name, sex, birth, household, relation
    parcels: dict  # code, collective, kind, household, wkb, east/south/west/north


def _check_chars(first17: np.ndarray) -> np.ndarray:
    digits = first17.view("<U1").reshape(len(first17), 17).astype(int)
    return _CHECK[(digits @ _WEIGHTS) % 11]


def _place(rng, n: int) -> list[str]:
    return ["".join(rng.choice(PLACE, 2)) for _ in range(n)]


def _collectives(rng, county: str, households: int):
    """Townships of 10–20 villages, villages of 6–12 groups, groups of 25–60 households."""
    draws = rng.integers(25, 61, size=households // 25 + 1)
    sizes = draws[: int(np.searchsorted(np.cumsum(draws), households)) + 1].tolist()
    sizes[-1] -= sum(sizes) - households
    collectives, groups = [], []
    g, t = 0, 0
    while g < len(sizes):
        t += 1
        town = f"{county}{100 + t:03d}"
        tname = _place(rng, 1)[0]
        collectives.append((f"{town}00000", f"{tname}镇农村集体经济联合总社", "township"))
        for v in range(1, int(rng.integers(10, 21)) + 1):
            if g >= len(sizes):
                break
            village = f"{town}{200 + v:03d}"
            vname = _place(rng, 1)[0]
            collectives.append((f"{village}00", f"{tname}镇{vname}村股份经济合作社", "village"))
            for k in range(1, int(rng.integers(6, 13)) + 1):
                if g >= len(sizes):
                    break
                code = f"{village}{k:02d}"
                collectives.append((code, f"{vname}村第{k}村民小组经济合作社", "group"))
                groups.append(code)
                g += 1
    return collectives, np.array(groups), np.array(sizes)


def _persons(rng, county: str, sizes: np.ndarray, meeting: date):
    """Head (02), spouse (10), children (20/30), then parents (51/52); birth dates before the meeting."""
    n = int(sizes.sum())
    household = np.repeat(np.arange(len(sizes)), sizes)
    rank = np.arange(n) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    head_year = np.repeat(rng.integers(1950, 1991, len(sizes)), sizes)
    head_sex = np.repeat(rng.choice(["1", "2"], len(sizes), p=[0.85, 0.15]), sizes)
    other_sex = np.where(head_sex == "1", "2", "1")
    sex = np.where(rank == 0, head_sex, np.where(rank == 1, other_sex, rng.choice(["1", "2"], n)))
    year = np.select(
        [rank == 0, rank == 1, rank <= 4],
        [
            head_year,
            head_year + rng.integers(-3, 4, n),
            np.minimum(head_year + rng.integers(22, 36, n), meeting.year - 1),
        ],
        np.maximum(head_year - rng.integers(24, 31, n), 1925),
    )
    relation = np.select(
        [rank == 0, rank == 1, rank <= 4],
        ["02", "10", np.where(sex == "1", "20", "30")],
        np.where(sex == "1", "51", "52"),
    )
    birth = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + rng.integers(0, 365, n)
    birth = np.minimum(birth, np.datetime64(meeting) - np.timedelta64(1, "D"))
    # 3-digit order code: unique per birth date and sex, odd for men (GB 11643)
    key = birth.astype(int) * 2 + (sex == "1")
    order = np.argsort(key, kind="stable")
    first = np.searchsorted(key[order], key[order])
    k = np.empty(n, dtype=int)
    k[order] = np.arange(n) - first
    if k.max() > 498:
        raise ValueError("too many persons born on one day for one county")
    seq = np.where(sex == "1", 2 * k + 1, 2 * k + 2)
    ymd = np.char.replace(birth.astype(str), "-", "")
    first17 = np.char.add(np.char.add(county, ymd), np.char.zfill(seq.astype(str), 3))
    id_number = np.char.add(first17, _check_chars(first17))
    surname = np.repeat(rng.choice(SURNAMES, len(sizes)), sizes)
    surname = np.where(rank == 1, rng.choice(SURNAMES, n), surname)
    name = np.char.add(
        np.char.add(surname, rng.choice(GIVEN, n)), np.where(rng.random(n) < 0.6, rng.choice(GIVEN, n), "")
    )
    return {
        "id_number": id_number,
        "name": name,
        "sex": sex,
        "birth": birth,
        "household": household,
        "relation": relation,
    }


def build_layout(
    county: str,
    parcels: int,
    persons: int,
    *,
    origin=(113.70, 34.40),
    seed: int = 1,
    meeting: date = date(2019, 3, 15),
) -> Layout:
    rng = np.random.default_rng(seed)
    draws = rng.choice(HOUSEHOLD_SIZES, size=persons, p=HOUSEHOLD_WEIGHTS)  # more than enough households
    n = int(np.searchsorted(np.cumsum(draws), persons)) + 1
    sizes = draws[:n].copy()
    sizes[-1] -= int(sizes.sum()) - persons
    collectives, groups, per_group = _collectives(rng, county, len(sizes))
    household_group = np.repeat(np.arange(len(groups)), per_group)
    seq_in_group = np.arange(len(sizes)) - np.repeat(np.cumsum(per_group) - per_group, per_group) + 1
    hcode = np.char.add(groups[household_group], np.char.zfill(seq_in_group.astype(str), 4))
    people = _persons(rng, county, sizes, meeting)
    heads = np.cumsum(sizes) - sizes
    households = {"code": hcode, "group": household_group, "head": heads, "size": sizes}
    land = _parcels(rng, groups, per_group, household_group, parcels, origin)
    land["household"] = np.where(land["hh"] >= 0, hcode[np.maximum(land["hh"], 0)], None)
    return Layout(county, collectives, groups, households, people, land)


def _share(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to `weights` summing to `total` (largest remainder)."""
    raw = total * weights / weights.sum()
    out = np.floor(raw).astype(int)
    out[np.argsort(out - raw)[: total - out.sum()]] += 1
    return out


def _parcels(rng, groups, per_group, household_group, total: int, origin) -> dict:
    n_households = len(household_group)
    n_home = min(n_households, total // 5)
    homes = _share(n_home, per_group.astype(float))
    contract = _share(total - n_home, per_group.astype(float))
    res_cells = -(-homes // (SUB_X * SUB_Y))
    side = max(1, math.ceil(math.sqrt((res_cells + contract).max())))
    bw = math.ceil(math.sqrt(len(groups)))
    bh = math.ceil(len(groups) / bw)
    nx, ny = bw * side, bh * side
    lat = origin[1]
    dx = CELL_M[0] / (111320.0 * math.cos(math.radians(lat)))
    dy = CELL_M[1] / 110574.0
    gx, gy = np.meshgrid(np.arange(nx + 1), np.arange(ny + 1), indexing="ij")
    vx = origin[0] + (gx + rng.uniform(-JITTER, JITTER, gx.shape)) * dx
    vy = origin[1] + (gy + rng.uniform(-JITTER, JITTER, gy.shape)) * dy
    first_hh = np.cumsum(per_group) - per_group
    cols = {k: [] for k in ("group", "kind", "hh", "fx", "fy", "w", "h")}
    for g in range(len(groups)):
        bx, by = (g % bw) * side, (g // bw) * side
        n_cells = res_cells[g] + contract[g]
        cell = np.arange(n_cells)
        ci, cj = bx + cell % side, by + cell // side
        # homestead plots: residential cells first, SUB_X × SUB_Y plots each, as many as there are homes
        r = np.arange(homes[g])
        rc = r // (SUB_X * SUB_Y)
        sub = r % (SUB_X * SUB_Y)
        hh_of_home = first_hh[g] + rng.permutation(per_group[g])[: homes[g]]
        cc = np.arange(contract[g])
        owner = first_hh[g] + cc % per_group[g]
        for key, home_val, contract_val in (
            ("group", np.full(homes[g], g), np.full(contract[g], g)),
            ("kind", np.full(homes[g], "homestead"), np.full(contract[g], "contract")),
            ("hh", hh_of_home, owner),
            ("fx", ci[rc] * SUB_X + sub % SUB_X, ci[res_cells[g] + cc] * SUB_X),
            ("fy", cj[rc] * SUB_Y + sub // SUB_X, cj[res_cells[g] + cc] * SUB_Y),
            ("w", np.ones(homes[g], int), np.full(contract[g], SUB_X)),
            ("h", np.ones(homes[g], int), np.full(contract[g], SUB_Y)),
        ):
            cols[key].append(np.concatenate([home_val, contract_val]))
    p = {k: np.concatenate(v) for k, v in cols.items()}
    p["code"] = _codes(groups, p["group"], p["kind"])
    p["ring"] = _rings(vx, vy, p["fx"], p["fy"], p["w"], p["h"])
    p["sides"] = _sides(nx * SUB_X, ny * SUB_Y, p)
    return p


def _running(keys: np.ndarray) -> np.ndarray:
    """1, 2, 3, … within each run of equal keys, in the order given."""
    order = np.argsort(keys, kind="stable")
    first = np.searchsorted(keys[order], keys[order])
    out = np.empty(len(keys), dtype=int)
    out[order] = np.arange(len(keys)) - first + 1
    return out


def _codes(groups: np.ndarray, group: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """地块编码 collective + 5 digits for contract land; 宗地代码 village (12) + JC + 5 digits for
    homesteads."""
    collective = groups[group]
    home = kind == "homestead"
    scope = np.where(home, np.char.add(collective.astype("<U12"), "JC"), collective)
    seq = np.char.zfill(_running(scope).astype(str), 5)
    return np.char.add(scope, seq)


def _point(vx, vy, fx, fy):
    """A fine-grid point, bilinear inside its cell: exact on an edge shared by two cells."""
    i, a = np.divmod(fx, SUB_X)
    j, b = np.divmod(fy, SUB_Y)
    i1, j1 = np.minimum(i + 1, vx.shape[0] - 1), np.minimum(j + 1, vx.shape[1] - 1)
    u, v = a / SUB_X, b / SUB_Y
    out = []
    for arr in (vx, vy):
        out.append(
            (1 - u) * (1 - v) * arr[i, j]
            + u * (1 - v) * arr[i1, j]
            + u * v * arr[i1, j1]
            + (1 - u) * v * arr[i, j1]
        )
    return np.stack(out, axis=-1)


def _rings(vx, vy, fx, fy, w, h) -> np.ndarray:
    corners = [(fx, fy), (fx + w, fy), (fx + w, fy + h), (fx, fy + h), (fx, fy)]
    return np.stack([_point(vx, vy, x, y) for x, y in corners], axis=1)


def _sides(width: int, height: int, p: dict) -> dict:
    """四至: the parcel across the middle of each side (index, or -1 for none)."""
    owner = np.full((width + 1, height + 1), -1, dtype=np.int64)
    for k in range(len(p["fx"])):
        owner[p["fx"][k] : p["fx"][k] + p["w"][k], p["fy"][k] : p["fy"][k] + p["h"][k]] = k
    fx, fy, w, h = p["fx"], p["fy"], p["w"], p["h"]
    mx, my = fx + (w - 1) // 2, fy + (h - 1) // 2
    return {
        "east": owner[fx + w, my],
        "west": np.where(fx > 0, owner[fx - 1, my], -1),
        "north": owner[mx, fy + h],
        "south": np.where(fy > 0, owner[mx, fy - 1], -1),
    }
