"""Drawing parts of a certificate: the embedded CJK font, the parcel map from stored geometry, the QR code.

The font is a TrueType font embedded (subset) in every PDF, so a certificate renders the same on a machine
without any Chinese font.
"""

from __future__ import annotations

import functools
import math
import os
from dataclasses import dataclass

import numpy as np
import segno
import shapely
from pyproj import Transformer
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable
from shapely.geometry import MultiPolygon, Polygon, shape

from ..errors import Unavailable

FONT_NAME = "WenQuanYiZenHei"
FONT_PATH = os.environ.get("REGISTRY_CJK_FONT", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


@functools.cache
def cjk_font() -> str:
    """Register WenQuanYi Zen Hei (Debian fonts-wqy-zenhei, face 0 of the .ttc) once per process."""
    if not os.path.exists(FONT_PATH):  # a missing system part: 503 naming it, not a 500
        raise Unavailable(
            "The Chinese font {path} is missing: install the Debian package {package} "
            "or set REGISTRY_CJK_FONT to a TrueType font.",
            params={"path": FONT_PATH, "package": "fonts-wqy-zenhei"},
        )
    pdfmetrics.registerFont(TTFont(FONT_NAME, FONT_PATH, subfontIndex=0))
    return FONT_NAME


@dataclass(frozen=True)
class MapFeature:
    label: str  # printed on the shape: the parcel code …
    short_label: str  # … or this (its last digits) where the full code does not fit inside the shape
    geometry: dict  # GeoJSON in EPSG:4490 lon/lat


def _local_metres(geoms: list) -> list:
    """Azimuthal equidistant projection on GRS80 centred on the features: true distances for a drawing."""
    union_bounds = MultiPolygon([p for g in geoms for p in getattr(g, "geoms", [g])]).bounds
    lon0, lat0 = (union_bounds[0] + union_bounds[2]) / 2, (union_bounds[1] + union_bounds[3]) / 2
    tr = Transformer.from_crs(
        "+proj=longlat +ellps=GRS80 +no_defs",
        f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +ellps=GRS80 +units=m",
        always_xy=True,
    )

    def project(xy):
        return np.column_stack(tr.transform(xy[:, 0], xy[:, 1]))

    return [shapely.transform(g, project) for g in geoms]


def nice_length(target: float) -> float:
    """The largest 1/2/5 × 10^k not above target (a scale bar reads best in round metres)."""
    if target <= 0:
        return 1.0
    exp = math.floor(math.log10(target))
    for step in (5, 2, 1):
        if step * 10**exp <= target:
            return step * 10**exp
    return 10**exp


class ParcelMap(Flowable):
    """宗地示意图: the shapes to scale, each labelled, with a scale bar, a north arrow and a frame.

    The map takes the room left on the page (between `min_height` and `max_height`, keeping `reserve`
    below it for what must follow on the same page), so a small household's certificate stays one page.
    `edge_lengths` writes each boundary side's length in metres (宗地图 of a homestead plot).
    """

    def __init__(
        self,
        features: list[MapFeature],
        width: float,
        min_height: float,
        max_height: float,
        *,
        title: str,
        reserve: float = 0,
        edge_lengths: bool = False,
        short_note: str | None = None,
    ):
        super().__init__()
        self.features = features
        self.width, self.height = width, max_height
        self.min_height, self.max_height, self.reserve = min_height, max_height, reserve
        self.title = title
        self.edge_lengths = edge_lengths
        self.short_note = short_note

    def wrap(self, available_width, available_height):
        room = available_height - self.reserve
        # Too little room: ask for the full height, which moves the map to the next page.
        self.height = min(self.max_height, room) if room >= self.min_height else self.max_height
        return self.width, self.height

    def draw(self):
        c = self.canv
        font = cjk_font()
        c.saveState()
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.8)
        c.rect(0, 0, self.width, self.height)
        c.setFont(font, 10)
        c.drawString(6, self.height - 14, self.title)
        shapes = _local_metres([shape(f.geometry) for f in self.features])
        # Drawing area inside the frame: room for the title above, the scale bar below and the north arrow
        # on the right, so no shape is drawn under them.
        pad, right, top, bottom = 18, 40, 24, 34
        box_w, box_h = self.width - pad - right, self.height - top - bottom
        minx = min(s.bounds[0] for s in shapes)
        miny = min(s.bounds[1] for s in shapes)
        maxx = max(s.bounds[2] for s in shapes)
        maxy = max(s.bounds[3] for s in shapes)
        span_x, span_y = max(maxx - minx, 1e-6), max(maxy - miny, 1e-6)
        scale = min(box_w / span_x, box_h / span_y)  # points per metre, same on both axes
        ox = pad + (box_w - span_x * scale) / 2 - minx * scale
        oy = bottom + (box_h - span_y * scale) / 2 - miny * scale

        def pt(x, y):
            return ox + x * scale, oy + y * scale

        for geom in shapes:
            self._draw_shape(c, geom, pt)
        shortened = [
            self._label(c, font, feature, geom, pt, scale)
            for feature, geom in zip(self.features, shapes, strict=True)
        ]
        self._scale_bar(c, font, scale)
        self._north_arrow(c, font)
        if any(shortened) and self.short_note:
            c.setFont(font, 7)
            c.drawRightString(self.width - 6, 6, self.short_note)
        c.restoreState()

    def _draw_shape(self, c, geom, pt):
        polygons = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
        for poly in polygons:
            path = c.beginPath()
            for ring in [poly.exterior, *poly.interiors]:
                coords = [pt(x, y) for x, y in ring.coords]
                path.moveTo(*coords[0])
                for xy in coords[1:]:
                    path.lineTo(*xy)
                path.close()
            c.setFillColor(colors.Color(0.86, 0.93, 0.82))
            c.setLineWidth(1.2)
            c.drawPath(path, stroke=1, fill=1, fillMode=1)  # even-odd: holes stay empty
            if self.edge_lengths:
                self._edge_lengths(c, poly, pt)

    def _edge_lengths(self, c, poly: Polygon, pt):
        c.setFont(cjk_font(), 7)
        c.setFillColor(colors.black)
        coords = list(poly.exterior.coords)
        cx, cy = pt(poly.centroid.x, poly.centroid.y)
        for (x1, y1), (x2, y2) in zip(coords, coords[1:]):
            length = math.hypot(x2 - x1, y2 - y1)
            (ax, ay), (bx, by) = pt(x1, y1), pt(x2, y2)
            mx, my = (ax + bx) / 2, (ay + by) / 2
            # The side's normal pointing away from the shape: the figure sits outside, clear of the line.
            nx, ny = by - ay, ax - bx
            norm = math.hypot(nx, ny) or 1.0
            nx, ny = nx / norm, ny / norm
            if nx * (mx - cx) + ny * (my - cy) < 0:
                nx, ny = -nx, -ny
            x, y = mx + nx * 4, my + ny * 4 - 2.5 + (ny > 0.5) * 4 - (ny < -0.5) * 4
            text = f"{length:.2f}"
            if nx > 0.5:
                c.drawString(x, y, text)
            elif nx < -0.5:
                c.drawRightString(x, y, text)
            else:
                c.drawCentredString(x, y, text)

    def _label(self, c, font, feature: MapFeature, geom, pt, scale) -> bool:
        """Label the shape inside it: the full code, else the short one, upright for a tall narrow shape.

        Returns True when the short label had to be used.
        """
        anchor = geom.representative_point()
        x, y = pt(anchor.x, anchor.y)
        size = 8
        wide = (geom.bounds[2] - geom.bounds[0]) * scale - 4
        tall = (geom.bounds[3] - geom.bounds[1]) * scale - 4
        text = feature.label
        if pdfmetrics.stringWidth(text, font, size) > wide:
            text = feature.short_label
        width = pdfmetrics.stringWidth(text, font, size)
        c.saveState()
        c.setFont(font, size)
        c.setFillColor(colors.black)
        c.translate(x, y)
        if width > wide and tall > wide:
            c.rotate(90)
        c.drawCentredString(0, -size / 3, text)
        c.restoreState()
        return text != feature.label

    def _scale_bar(self, c, font, scale):
        metres = nice_length((self.width / 4) / scale)
        length = metres * scale
        x0, y0 = 10, 12
        c.setLineWidth(0.6)
        c.setStrokeColor(colors.black)
        for i in range(4):  # alternating black and white quarters, as on survey drawings
            c.setFillColor(colors.black if i % 2 == 0 else colors.white)
            c.rect(x0 + i * length / 4, y0, length / 4, 4, stroke=1, fill=1)
        c.setFillColor(colors.black)
        c.setFont(font, 7)
        c.drawString(x0 - 2, y0 + 7, "0")
        c.drawCentredString(x0 + length, y0 + 7, f"{metres:g} 米")
        ratio = 1000 / (scale * 25.4 / 72)  # 1 m of ground over the printed millimetres
        c.drawString(x0 + length + 20, y0, f"比例尺 1:{_round_ratio(ratio):,}")

    def _north_arrow(self, c, font):
        x, y = self.width - 20, self.height - 48
        c.setFillColor(colors.black)
        path = c.beginPath()
        path.moveTo(x, y + 24)
        path.lineTo(x - 7, y)
        path.lineTo(x, y + 6)
        path.lineTo(x + 7, y)
        path.close()
        c.drawPath(path, stroke=1, fill=1)
        c.setFont(font, 9)
        c.drawCentredString(x, y + 28, "北")


def _round_ratio(ratio: float) -> int:
    """Two significant figures: a drawing's scale is indicative, not surveyed."""
    if ratio < 10:
        return max(1, round(ratio))
    digits = 10 ** (int(math.log10(ratio)) - 1)
    return int(round(ratio / digits) * digits)


class QrCode(Flowable):
    """A QR code (segno) drawn as vector squares, with the four-module quiet zone kept white."""

    def __init__(self, data: str, size: float):
        super().__init__()
        self.qr = segno.make(data, error="m")
        self.size = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        c = self.canv
        matrix = self.qr.matrix
        modules = len(matrix) + 8
        m = self.size / modules
        c.saveState()
        c.setFillColor(colors.white)
        c.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        c.setFillColor(colors.black)
        n = len(matrix)
        for r, row in enumerate(matrix):
            y = (n - 1 - r + 4) * m
            for col, bit in enumerate(row):
                if bit:
                    c.rect((col + 4) * m, y, m, m, stroke=0, fill=1)
        c.restoreState()
