"""The DK layer (EX-03 encoding, EX-04 CRS): decide the encoding, read with pyogrio, transform to
EPSG:4490."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyogrio.raw
import shapely
from pyproj import CRS, Transformer

from ..parcels.geometry import GK_ZONES, SRID
from .findings import Finding, error

LDID = {0x4D: "GBK", 0x57: None}  # 0x57 "ANSI": says nothing; 0 likewise
_CPG = {
    "UTF-8": "UTF-8",
    "UTF8": "UTF-8",
    "65001": "UTF-8",
    "GBK": "GBK",
    "936": "GBK",
    "CP936": "GBK",
    "GB2312": "GBK",
    "GB18030": "GBK",
    "ANSI 936": "GBK",
}
BATCH = 20_000


@dataclass
class Layer:
    path: Path
    encoding: str | None
    srid: int | None
    fields: list[str]
    count: int


def decide_encoding(shp: Path) -> tuple[str | None, list[Finding]]:
    """Byte 29 of the DBF, then the .cpg, then GBK; a byte and a .cpg that disagree are refused (EX-03)."""
    with open(shp.with_suffix(".dbf"), "rb") as fh:
        byte = fh.read(32)[29]
    from_byte = LDID.get(byte)
    cpg_path = next((p for p in (shp.with_suffix(".cpg"), shp.with_suffix(".CPG")) if p.exists()), None)
    from_cpg = None
    if cpg_path is not None:
        label = cpg_path.read_text(encoding="ascii", errors="replace").strip().upper()
        from_cpg = _CPG.get(label)
        if from_cpg is None:
            return None, [
                error("EX-03", shp.name, "", "The .cpg names an unknown encoding {label}.", label=label)
            ]
    if from_byte and from_cpg and from_byte != from_cpg:
        return None, [
            error(
                "EX-03",
                shp.name,
                "",
                "The DBF language byte says {byte} but the .cpg says {cpg}; the encoding is not decided.",
                byte=from_byte,
                cpg=from_cpg,
            )
        ]
    return from_byte or from_cpg or "GBK", []


def _srid(shp: Path) -> int | None:
    prj = shp.with_suffix(".prj")
    if not prj.exists():
        return None
    try:
        return CRS.from_wkt(prj.read_text(errors="replace")).to_epsg(min_confidence=70)
    except Exception:  # noqa: BLE001 - pyproj raises several kinds on unreadable WKT
        return None


def open_layer(shp: Path) -> tuple[Layer | None, list[Finding]]:
    encoding, findings = decide_encoding(shp)
    if encoding is None:
        return None, findings
    srid = _srid(shp)
    if srid != SRID and srid not in GK_ZONES:
        return None, [
            error(
                "EX-04",
                shp.name,
                "",
                "The .prj does not resolve to CGCS2000 (EPSG:4490 or 4513–4554): {found}.",
                found=f"EPSG:{srid}" if srid else "unknown",
            )
        ]
    info = pyogrio.read_info(shp, encoding=encoding)
    return Layer(shp, encoding, srid, list(info["fields"]), int(info["features"])), []


def central_meridian(srid: int) -> float | None:
    if srid in range(4513, 4534):
        return (srid - 4513 + 25) * 3.0
    if srid in range(4534, 4555):
        return (srid - 4534 + 25) * 3.0
    return None


def _shared(column: np.ndarray) -> list:
    """A field's values as Python objects, each repeated text one object (GDAL makes one per cell: 100,000
    copies of 承包地 weigh more than the parcels' codes)."""
    if column.dtype != object:
        return column.tolist()
    seen: dict = {}
    return [seen.setdefault(v, v) for v in column]


def read_batches(layer: Layer):
    """(records, geometries in EPSG:4490) per batch of BATCH features: memory stays flat."""
    transformer = None if layer.srid == SRID else Transformer.from_crs(layer.srid, SRID, always_xy=True)
    for start in range(0, layer.count, BATCH):
        _, _, wkb, values = pyogrio.raw.read(
            layer.path,
            encoding=layer.encoding,
            skip_features=start,
            max_features=BATCH,
            datetime_as_string=True,
        )
        geoms = shapely.from_wkb(np.asarray(wkb, dtype=object))
        if transformer is not None:
            geoms = shapely.transform(
                geoms, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
            )
        columns = [_shared(v) for v in values]
        records = [dict(zip(layer.fields, row, strict=True)) for row in zip(*columns, strict=True)]
        yield records, list(geoms)
