"""What each figure shows, computed from the content model: plain data for the templates in
overrides/kb/html/figures/ (which only write it out as SVG and HTML)."""
from __future__ import annotations

from functools import lru_cache

from .geo import NetherlandsMap, fit, path_data
from .labels import Box, Label, place_labels

MAP_WIDTH = 400       # SVG user units of the country's width; the map scales with the page
MAP_MARGIN = 14
NAMES_UP_TO = 12      # more cases than this: number badges only, the legend gives the names
# More cases than this: plain dots (each still a link with its name, tooltip and detail box)
# and only the page's own case labelled; the numbered list beside the map stays complete.
# Up to here every label finds a free place (tests: 100 generated cases).
LABELS_UP_TO = 150
# Per variant: font size of the labels (user units) with place names and, for a crowded
# map, with number badges only; radius of the dots. The case page draws the map smaller.
VARIANTS = {
    "overview": {"font": 14, "crowded": 12, "dot": 4.5},
    "case": {"font": 17, "crowded": 13, "dot": 6},
    "small": {"font": 0, "crowded": 0, "dot": 9},
}


def text_width(text: str, font: float, bold: bool = False) -> float:
    """A safe guess of the width of ``text`` in the system sans-serif (no font metrics at
    build time): Arial-like fonts take about 0.5 em per character, DejaVu Sans 0.58."""
    return len(text) * font * (0.62 if bold else 0.56)


def map_view(nl_map: NetherlandsMap, cases: list[dict], variant: str, current: str | None = None) -> dict:
    """Provinces as SVG paths and one marker per case, numbered in the order of ``cases``,
    with labels placed so that none overlaps another label or a dot."""
    spec = VARIANTS[variant]
    projection, paths = _drawn(nl_map)
    current_case = next((c for c in cases if c["id"] == current), None)
    current_province = current_case["meta"].get("provincie") if current_case else None
    provinces = [{"name": name, "d": d, "current": name == current_province} for name, d in paths]
    markers = []
    for number, case in enumerate(cases, 1):
        meta = case["meta"]
        x, y = projection(meta["coordinaten"]["lon"], meta["coordinaten"]["lat"])
        markers.append({"n": number, "id": case["id"], "title": case["title"], "url": case["url"],
                        "place": meta.get("plaats", ""), "province": meta.get("provincie", ""),
                        "x": round(x, 1), "y": round(y, 1), "current": case["id"] == current,
                        "dot": spec["dot"] * (1.35 if case["id"] == current else 1)})
    bounds = Box(0, 0, projection.width, projection.height)
    names = len(markers) <= NAMES_UP_TO
    font = spec["font"] if names else spec["crowded"]
    if font and len(markers) > LABELS_UP_TO:
        own = [m for m in markers if m["current"]]
        if own:
            place_markers(own, bounds, font, names)
        for m in markers:
            if not m["current"]:
                m["label_place"] = ""
                dot = Box(m["x"] - m["dot"], m["y"] - m["dot"], 2 * m["dot"], 2 * m["dot"])
                m["detail"] = detail_box(m, dot, bounds, font)
    elif font:
        place_markers(markers, bounds, font, names)
    return {"width": round(projection.width, 1), "height": round(projection.height, 1),
            "provinces": provinces, "markers": markers, "font": font, "variant": variant}


@lru_cache(maxsize=4)
def _drawn(nl_map: NetherlandsMap):
    """The projection and the provinces' SVG paths: the same on every page of a build."""
    projection = fit(nl_map.bounds, MAP_WIDTH, MAP_MARGIN)
    return projection, tuple((p.name, path_data(p.rings, projection)) for p in nl_map.provinces)


def place_markers(markers: list[dict], bounds: Box, font: float, names: bool) -> None:
    """Give each marker a label box (number, and the place name when ``names``), a leader
    line when the label had to move away, and a detail box (the case's title) shown on
    hover and focus."""
    pad, height = font * 0.35, font * 1.35
    labels = []
    for m in markers:
        text_w = text_width(str(m["n"]), font, bold=True) + (text_width(" " + m["place"], font) if names else 0)
        labels.append(Label(str(m["n"]), m["x"], m["y"], round(text_w + 2 * pad, 1), round(height, 1)))
    dot = max(m["dot"] for m in markers) if markers else 0
    current = frozenset(str(m["n"]) for m in markers if m["current"])
    for m, placed in zip(markers, place_labels(labels, bounds, dot=dot, gap=font * 0.15, first=current)):
        box = placed.box
        m["box"] = {"x": round(box.x, 1), "y": round(box.y, 1), "w": box.w, "h": box.h, "rx": round(height / 2, 1),
                    "tx": round(box.x + box.w / 2, 1), "ty": round(box.y + height * 0.72, 1)}
        m["label_place"] = m["place"] if names else ""
        if placed.leader:
            lx, ly = box.nearest_point(m["x"], m["y"])
            m["leader"] = {"x1": m["x"], "y1": m["y"], "x2": round(lx, 1), "y2": round(ly, 1)}
        m["detail"] = detail_box(m, box, bounds, font)


def detail_box(marker: dict, label: Box, bounds: Box, font: float) -> dict:
    """Where the case's title appears on hover and focus: under the label, or above it when
    there is no room below, kept inside the map."""
    text = f"{marker['title']} ({marker['place']})"
    width = min(text_width(text, font) + font, bounds.w - 2)
    height = font * 1.5
    x = min(max(label.x, bounds.x + 1), bounds.right - width - 1)
    y = label.bottom + font * 0.2
    if y + height > bounds.bottom:
        y = label.y - height - font * 0.2
    return {"x": round(x, 1), "y": round(y, 1), "w": round(width, 1), "h": round(height, 1),
            "tx": round(x + font / 2, 1), "ty": round(y + height * 0.68, 1), "text": text}


# -- the canon timeline --------------------------------------------------------------------------

FIRST_YEAR_PLACEHOLDER = 1880  # the first period starts "before the first window" (see vensters.html)


def window_year(window: dict) -> int:
    meta = window["meta"]
    return meta.get("jaar") or meta.get("periode", {}).get("van")


def timeline_view(periods: list[dict], windows: list[dict], period_of, lang: str) -> list[dict]:
    """The periods in time order, each with its windows in year order and, for the axis, the
    place of each window inside its period (0 = start, 1 = end)."""
    out = []
    for period in periods:
        members = [w for w in windows if period_of(w) == period]
        if not members:
            continue
        years = [window_year(w) for w in members]
        start = period["van"] if period["van"] > FIRST_YEAR_PLACEHOLDER else min(years)
        open_end = period["tot"] >= 2100
        end = max(max(years), start + 1) if open_end else period["tot"]
        span = max(end - start, 1)
        out.append({
            "id": period["id"], "title": period["titel"] if lang == "nl" else period.get("titel_en") or period["titel"],
            "start": start, "end": None if open_end else period["tot"], "last": max(years),
            "windows": [{**w, "year": y, "at": round(min(max((y - start) / span, 0.0), 1.0), 4)}
                        for w, y in zip(members, years)],
        })
    return out


# -- cases x strategies --------------------------------------------------------------------------

def strategy_order(strategies: list[dict]) -> list[dict]:
    """Bonding, bridging, linking: the order of the strategies everywhere on the site."""
    return sorted(strategies, key=lambda s: s["meta"].get("engelse_term", ""))


def matrix_view(cases: list[dict], strategies: list[dict], refs, current: str | None = None) -> dict:
    columns = strategy_order(strategies)
    rows, totals = [], {s["id"]: {"main": 0, "side": 0} for s in columns}
    for case in cases:
        meta, cells = case["meta"], []
        for s in columns:
            kind = "main" if meta.get("hoofdstrategie") == s["id"] else \
                "side" if s["id"] in (meta.get("nevenstrategieen") or []) else None
            if kind:
                totals[s["id"]][kind] += 1
            cells.append({"strategy": s["id"], "kind": kind, "current": s["id"] == current})
        rows.append({"case": case, "cells": cells, "methods": refs(meta.get("methoden"))})
    return {"columns": [{**s, "current": s["id"] == current, **totals[s["id"]]} for s in columns], "rows": rows}


# -- the three strategies -------------------------------------------------------------------------

ROLES = ("bonding", "bridging", "linking")


def diagram_view(strategies: list[dict]) -> dict | None:
    """The three strategies by their role (the English term in the content data), or None
    when the site does not have exactly these three."""
    by_role = {s["meta"].get("engelse_term"): s for s in strategies}
    if set(by_role) != set(ROLES):
        return None
    items = []
    for role in ROLES:
        s = by_role[role]
        name = s["title"] if "(" in s["title"] else f"{s['title']} ({role})"
        items.append({**s, "role": role, "name": name, "relation": s["meta"].get("relatie", "")})
    return {"strategies": items}
