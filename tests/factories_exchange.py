"""Synthetic NY/T 2539 county packages for the exchange tests: a county of `households` 农户 with two or
three members and `parcels_each` parcels each, contracts and certificates, written by the area's own
package writer (DK in the CM 114E Gauss-Krüger zone, GBK, tables as XLSX)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from pyproj import Geod
from shapely.geometry import Polygon

from registry.codes import id_check_char
from registry.exchange.packwriter import write_package
from tests.factories import COUNTY
from tests.factories_parcels import metre_box

GK_SRID = 4547  # CGCS2000 3° GK CM 114E, the demo county's zone
VILLAGES = (("41012210000100", "东村股份经济合作社"), ("41012210000200", "西村股份经济合作社"))
_GEOD = Geod(ellps="GRS80")
NAMES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴霞")


def id_number(n: int, sex: str = "1", born: date = date(1970, 3, 9)) -> str:
    order = (n * 2 + (1 if sex == "1" else 0)) % 1000
    first17 = f"{COUNTY}{born:%Y%m%d}{order:03d}"
    return first17 + id_check_char(first17)


@dataclass
class County:
    tables: dict
    dk: list = field(default_factory=list)
    geoms: list = field(default_factory=list)

    def write(self, out: Path, year: int = 2016) -> Path:
        return write_package(out, COUNTY, year, self.tables, self.dk, self.geoms, GK_SRID, name="中牟县")

    def row(self, table: str, key: str, value: str) -> dict:
        rows = self.dk if table == "DK" else self.tables[table]
        return next(r for r in rows if r.get(key) == value)


def synthetic_county(households: int = 4, parcels_each: int = 2, first_id: int = 100) -> County:
    tables = {
        t: [] for t in ("FBF", "CBF", "CBF_JTCY", "CBHT", "CBDKXX", "LZHT", "CBJYQZDJB", "CBJYQZ", "QSLYZLFJ")
    }
    tables["FBF"] = [{"FBFBM": c, "FBFMC": n, "FBFFZRXM": "王书记"} for c, n in VILLAGES]
    county = County(tables)
    person = first_id
    for h in range(households):
        fbf = VILLAGES[h % 2][0]
        cbf = f"{fbf}{h // 2 + 1:04d}"
        contract = cbf + "J"
        members = [(NAMES[h % 10], "1", "02"), (NAMES[(h + 1) % 10], "2", "10")] + (
            [(NAMES[(h + 2) % 10], "1", "20")] if h % 2 else []
        )
        numbers = []
        for name, sex, relation in members:
            person += 1
            numbers.append(id_number(person, sex))
            tables["CBF_JTCY"].append(
                {
                    "CBFBM": cbf,
                    "CYXM": name,
                    "CYXB": sex,
                    "CYZJLX": "1",
                    "CYZJHM": numbers[-1],
                    "YHZGX": relation,
                    "SFGYR": "1",
                }
            )
        tables["CBF"].append(
            {
                "CBFBM": cbf,
                "CBFLX": "1",
                "CBFMC": members[0][0],
                "CBFZJLX": "1",
                "CBFZJHM": numbers[0],
                "CBFCYSL": len(members),
            }
        )
        total = Decimal("0.00")
        for k in range(parcels_each):
            i = h * parcels_each + k
            dkbm = f"{fbf}{i + 1:05d}"
            ring = metre_box((i % 20) * 60.0, (i // 20) * 50.0, 50.0, 40.0)
            geom = Polygon(ring)
            area = Decimal(f"{abs(_GEOD.geometry_area_perimeter(geom)[0]):.2f}")
            total += area
            county.dk.append(
                {
                    "BSM": i + 1,
                    "YSDM": "211011",
                    "DKBM": dkbm,
                    "DKMC": f"东坡{i + 1}号",
                    "SYQXZ": "30",
                    "DKLB": "10",
                    "TDLYLX": "013",
                    "SFJBNT": "1" if k == 0 else "2",
                    "TDYT": "1",
                    "DKDZ": "路",
                    "DKXZ": "沟",
                    "DKNZ": "渠",
                    "DKBZ": "林",
                    "SCMJ": area,
                    "SCMJM": (area * Decimal("0.0015")).quantize(Decimal("0.01")),
                }
            )
            county.geoms.append(geom)
            tables["CBDKXX"].append(
                {
                    "DKBM": dkbm,
                    "FBFBM": fbf,
                    "CBFBM": cbf,
                    "CBJYQQDFS": "110",
                    "HTMJ": area,
                    "CBHTBM": contract,
                    "CBJYQZBM": contract,
                }
            )
        start, end = date(1998, 10, 1), date(2028, 9, 30)
        tables["CBHT"].append(
            {
                "CBHTBM": contract,
                "FBFBM": fbf,
                "CBFBM": cbf,
                "CBFS": "110",
                "CBQXQ": start,
                "CBQXZ": end,
                "HTZMJ": total,
                "CBDKZS": parcels_each,
                "QDSJ": date(1998, 9, 20),
            }
        )
        tables["CBJYQZDJB"].append(
            {
                "CBJYQZBM": contract,
                "FBFBM": fbf,
                "CBFBM": cbf,
                "CBFS": "110",
                "CBQX": "30",
                "CBQXQ": start,
                "CBQXZ": end,
                "CBJYQZLSH": f"豫（2016）中牟县农村土地承包经营权证第{h + 1:06d}号",
                "DJSJ": date(2016, 6, 1),
            }
        )
        tables["CBJYQZ"].append({"CBJYQZBM": contract, "FZJG": "中牟县人民政府", "FZRQ": date(2016, 8, 15)})
        tables["QSLYZLFJ"].append({"CBJYQZBM": contract, "ZLFJBH": f"FJ{h:04d}", "ZLFJMC": "承包合同"})
    return county
