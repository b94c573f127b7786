"""The map of the Netherlands: province outlines, their projection to SVG coordinates, and
point-in-polygon tests.

Projection: equirectangular with a cos(latitude) correction ("plate carrée" scaled for the
middle of the country): x = (lon - lon_min) * cos(52.2°) * s, y = (lat_max - lat) * s.
Between 50.75° and 53.56° north the scale along a parallel differs by at most 3.4 % from the
middle, less than the stroke of a border at the sizes drawn here; unlike Mercator it needs no
logarithm, and shapes look as on a Dutch road map. SVG's y axis points down, hence lat_max - lat.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

Point = tuple[float, float]
REFERENCE_LATITUDE = 52.2  # the middle of the Netherlands (50.75–53.56)


@dataclass(frozen=True)
class Province:
    name: str
    code: str
    rings: tuple[tuple[Point, ...], ...]  # (lon, lat); holes, if any, by even-odd


@dataclass(frozen=True)
class NetherlandsMap:
    provinces: tuple[Province, ...]
    source: str
    licence: str

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(lon_min, lat_min, lon_max, lat_max) of all outlines."""
        points = [p for province in self.provinces for ring in province.rings for p in ring]
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        return min(lons), min(lats), max(lons), max(lats)

    def province_of(self, lon: float, lat: float) -> Province | None:
        return next((p for p in self.provinces if inside(lon, lat, p.rings)), None)

    def by_name(self, name: str) -> Province | None:
        return next((p for p in self.provinces if p.name == name), None)


def load_map(path: Path) -> NetherlandsMap:
    data = json.loads(path.read_text(encoding="utf-8"))
    provinces = tuple(Province(p["naam"], p.get("code", ""), tuple(tuple((x, y) for x, y in ring) for ring in p["ringen"]))
                      for p in data["provincies"])
    return NetherlandsMap(provinces, data.get("bron", ""), data.get("licentie", ""))


@dataclass(frozen=True)
class Projection:
    """lon/lat -> SVG user units inside a box of ``width`` x ``height`` with ``margin``."""

    lon_min: float
    lat_max: float
    scale: float  # user units per degree of latitude
    margin: float
    width: float
    height: float
    k: float = math.cos(math.radians(REFERENCE_LATITUDE))

    def __call__(self, lon: float, lat: float) -> Point:
        return (self.margin + (lon - self.lon_min) * self.k * self.scale,
                self.margin + (self.lat_max - lat) * self.scale)

    def ring(self, ring) -> list[Point]:
        return [self(lon, lat) for lon, lat in ring]


def fit(bounds: tuple[float, float, float, float], width: float, margin: float = 0) -> Projection:
    """The projection that draws ``bounds`` ``width`` units wide (plus margins)."""
    lon_min, lat_min, lon_max, lat_max = bounds
    k = math.cos(math.radians(REFERENCE_LATITUDE))
    scale = width / ((lon_max - lon_min) * k)
    height = (lat_max - lat_min) * scale
    return Projection(lon_min, lat_max, scale, margin, width + 2 * margin, height + 2 * margin)


def path_data(rings, projection: Projection, digits: int = 1) -> str:
    """SVG path data of a province (its rings projected, closed)."""
    parts = []
    for ring in rings:
        points = projection.ring(ring)
        parts.append("M" + "L".join(f"{x:.{digits}f},{y:.{digits}f}" for x, y in points) + "Z")
    return "".join(parts)


def inside(x: float, y: float, rings) -> bool:
    """Even-odd point-in-polygon test over all rings (works in degrees or projected units)."""
    result = False
    for ring in rings:
        n = len(ring)
        for i in range(n):
            (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                result = not result
    return result


def distance_to_rings(x: float, y: float, rings) -> float:
    """Shortest distance from a point to the outline (in the units of the rings)."""
    best = math.inf
    for ring in rings:
        n = len(ring)
        for i in range(n):
            (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
            dx, dy = x2 - x1, y2 - y1
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
            best = min(best, math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)))
    return best
