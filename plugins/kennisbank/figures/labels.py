"""Label placement for map markers: a pure function, no MkDocs.

Every marker is a dot at its exact place; its label (a number badge, maybe with the place
name) goes next to the dot where it covers no other label and no dot. Where markers crowd
(several cases in one city, a hundred cases in the Randstad) labels move outwards along a
spiral and get a leader line back to their dot. The result never has two labels that overlap.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    x: float  # left
    y: float  # top
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def center(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def overlaps(self, other: "Box", gap: float = 0.0) -> bool:
        return not (self.right + gap <= other.x or other.right + gap <= self.x
                    or self.bottom + gap <= other.y or other.bottom + gap <= self.y)

    def within(self, outer: "Box") -> bool:
        return self.x >= outer.x and self.y >= outer.y and self.right <= outer.right and self.bottom <= outer.bottom

    def nearest_point(self, x: float, y: float) -> tuple[float, float]:
        return min(max(x, self.x), self.right), min(max(y, self.y), self.bottom)


@dataclass(frozen=True)
class Label:
    key: str
    x: float  # the marker's place (anchor)
    y: float
    w: float  # size of its label
    h: float


@dataclass(frozen=True)
class Placement:
    key: str
    x: float
    y: float
    box: Box
    leader: bool  # True when the label sits away from its dot and needs a line to it


def place_labels(labels: list[Label], bounds: Box, *, dot: float = 3.0, gap: float = 2.0,
                 max_rings: int = 60, first: frozenset[str] = frozenset()) -> list[Placement]:
    """Place every label next to its anchor without overlapping another label or any dot.

    ``dot`` is the radius of the marker dots (no label covers a dot), ``gap`` the free space
    kept between labels. Labels are placed greedily: those whose key is in ``first`` (the
    page's own case), then the most crowded; each tries the eight places around its dot, then
    rings further out. Raises ValueError when ``bounds``
    has no room left (then the map needs to be larger or the labels smaller).
    """
    dots = [Box(lab.x - dot, lab.y - dot, 2 * dot, 2 * dot) for lab in labels]
    placed: list[Box] = []
    result: dict[int, Placement] = {}

    def free(box: Box) -> bool:
        return (box.within(bounds) and not any(box.overlaps(other, gap) for other in placed)
                and not any(box.overlaps(d) for d in dots))

    for index in _crowded_first(labels, first):
        label = labels[index]
        for box, away in _candidates(label, dot + gap, max_rings):
            if free(box):
                break
        else:
            box, away = _anywhere(label, bounds, free)
        placed.append(box)
        result[index] = Placement(label.key, label.x, label.y, box, away)
    return [result[i] for i in range(len(labels))]


def _crowded_first(labels: list[Label], first: frozenset[str]) -> list[int]:
    def neighbours(i: int) -> int:
        a = labels[i]
        reach = 2 * max(a.w, a.h)
        return sum(1 for b in labels if b is not a and abs(a.x - b.x) < reach and abs(a.y - b.y) < reach)

    return sorted(range(len(labels)), key=lambda i: (labels[i].key not in first, -neighbours(i), i))


def _candidates(label: Label, d: float, max_rings: int):
    """Boxes around the anchor: the eight places touching the dot, then rings outwards."""
    x, y, w, h = label.x, label.y, label.w, label.h
    diagonal = d * math.sqrt(0.5)
    for bx, by in ((x + d, y - h / 2), (x - d - w, y - h / 2), (x + diagonal, y - diagonal - h),
                   (x + diagonal, y + diagonal), (x - diagonal - w, y - diagonal - h),
                   (x - diagonal - w, y + diagonal), (x - w / 2, y - d - h), (x - w / 2, y + d)):
        yield Box(bx, by, w, h), False
    step = max(h * 0.75, 4.0)
    for ring in range(1, max_rings + 1):
        radius = d + ring * step
        count = max(12, int(2 * math.pi * radius / (h * 0.6)))
        for i in range(count):
            angle = 2 * math.pi * i / count
            cx = x + math.cos(angle) * (radius + w / 2)
            cy = y + math.sin(angle) * (radius + h / 2)
            yield Box(cx - w / 2, cy - h / 2, w, h), True


def _anywhere(label: Label, bounds: Box, free) -> tuple[Box, bool]:
    """Last resort: the free spot of ``bounds`` nearest to the anchor, on a fine grid."""
    step = max(label.h / 2, 2.0)
    spots = []
    y = bounds.y
    while y + label.h <= bounds.bottom:
        x = bounds.x
        while x + label.w <= bounds.right:
            spots.append(Box(x, y, label.w, label.h))
            x += step
        y += step
    spots.sort(key=lambda b: math.dist(b.center, (label.x, label.y)))
    for box in spots:
        if free(box):
            return box, True
    raise ValueError(f"no room left for the label of {label.key!r}: make the map larger or the labels smaller")
