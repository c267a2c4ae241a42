"""Drawing a classifier on the plane: a heatmap of p(class 1), the data points, the boundary.

Shared by TrainingPlayground and PerceptronExplorer. The model is evaluated on a coarse
grid (default 100x100, one batched run); the grid is stretched to the image with bilinear
interpolation, so the picture is smooth while the model does 16x less work than per pixel.
Interpolation is linear in the grid values, so it is a matrix product: image = R @ grid @ R.T,
with R (size x grid) holding each pixel's two interpolation weights.
Everything that does not change between frames (pixel positions of the points, the
interpolation indices) is computed once, in the constructor or in `points_layer`. The points
can also be drawn as an SVG to lay over the heatmap (`points_svg`): the browser keeps them
crisp at any zoom, and an animation then sends them only when they change.
"""

import numpy as np

from . import png
from .threads import one_blas_thread


class Plane:
    """A square window onto the data plane, `size` pixels wide, sampled on a `grid` x `grid` grid.

    Grid point (row i, column j) is the centre of cell (i, j); row 0 is the top of the picture
    (the largest y), as in any image.
    """

    def __init__(self, X, size=400, grid=100, margin=0.12):
        X = np.asarray(X, dtype=float)
        low, high = X.min(axis=0), X.max(axis=0)
        centre = (low + high) / 2
        half = max(float((high - low).max()) / 2, 1e-3) * (1 + margin)  # square: circles stay round
        self.x_range = (centre[0] - half, centre[0] + half)
        self.y_range = (centre[1] - half, centre[1] + half)
        self.size, self.grid = int(size), int(grid)
        cells = (np.arange(self.grid) + 0.5) / self.grid  # cell centres in [0, 1]
        xs = self.x_range[0] + cells * 2 * half
        ys = self.y_range[1] - cells * 2 * half  # top row first
        gx, gy = np.meshgrid(xs, ys)
        self.grid_points = np.column_stack([gx.ravel(), gy.ravel()]).astype(np.float32)
        self._stretch = _bilinear(self.grid, self.size)

    # --- coordinates ---------------------------------------------------------------------------
    def to_pixels(self, X):
        """Data coordinates (n, 2) -> pixel coordinates (column, row) as floats."""
        X = np.asarray(X, dtype=float)
        scale = self.size / (self.x_range[1] - self.x_range[0])
        return np.column_stack([(X[:, 0] - self.x_range[0]) * scale, (self.y_range[1] - X[:, 1]) * scale])

    def upsample(self, field):
        """A (grid, grid) field -> (size, size) by bilinear interpolation (rows, then columns)."""
        R = self._stretch
        return R @ np.asarray(field, dtype=np.float32) @ R.T

    # --- drawing -------------------------------------------------------------------------------
    def points_layer(self, X, fill, ring, radius=None, ring_width=1.6):
        """Pixels covered by the points: (flat pixel indices, palette indices), to paste each frame.

        `fill` and `ring` give each point's palette colours. Later points are drawn over earlier
        ones, and every fill over every ring, so touching points stay readable.
        """
        radius = radius if radius is not None else max(3.0, self.size / 80)
        disc, annulus = _stamp(radius), _stamp(radius + ring_width, inner=radius)
        centres = np.round(self.to_pixels(X) - 0.5).astype(int)
        pixels, colours = [], []
        for offsets, colour_of in ((annulus, ring), (disc, fill)):
            for (cx, cy), colour in zip(centres, np.broadcast_to(colour_of, len(centres)), strict=True):
                x, y = cx + offsets[:, 0], cy + offsets[:, 1]
                inside = (x >= 0) & (x < self.size) & (y >= 0) & (y < self.size)
                pixels.append(y[inside] * self.size + x[inside])
                colours.append(np.full(inside.sum(), colour, dtype=np.uint8))
        if not pixels:
            return np.zeros(0, dtype=int), np.zeros(0, dtype=np.uint8)
        return np.concatenate(pixels), np.concatenate(colours)

    def points_svg(self, layers, radius=None, ring_width=1.6):
        """The points as a transparent SVG image, `size` pixels square, to lay over the heatmap.

        The browser draws these circles with smooth edges at the screen's own resolution, so they
        stay crisp on a projector, a zoomed page or a HiDPI screen (the same discs pasted into the
        PNG would be magnified pixels). `layers` holds (X, fill, ring) triples, the colours as
        palette indices as in points_layer: per point or one for all; a fourth item, if any, is
        that layer's ring width. Every ring is drawn before every fill, so touching points stay
        readable.
        """
        radius = radius if radius is not None else max(3.0, self.size / 80)
        rings, fills = [], []
        for X, fill, ring, *width in layers:
            outer = radius + (width[0] if width else ring_width)
            centres = self.to_pixels(X)
            for (x, y), colour in zip(centres, np.broadcast_to(fill, len(centres)), strict=True):
                rings.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{outer:.1f}" fill="{_hex(ring)}"/>')
                fills.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{_hex(colour)}"/>')
        size = self.size
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}">'
            f"{''.join(rings + fills)}</svg>"
        )

    def axes_layer(self, colour=png.GREY):
        """The lines x = 0 and y = 0 (where they are in view), one pixel wide."""
        (column, row) = np.floor(self.to_pixels(np.zeros((1, 2)))[0]).astype(int)
        every = np.arange(self.size)
        pixels = []
        if 0 <= row < self.size:
            pixels.append(row * self.size + every)
        if 0 <= column < self.size:
            pixels.append(every * self.size + column)
        pixels = np.concatenate(pixels) if pixels else np.zeros(0, dtype=int)
        return pixels, np.full(len(pixels), colour, dtype=np.uint8)

    def render(self, probabilities=None, layers=(), boundary=True):
        """PNG bytes: the heatmap of `probabilities` (grid x grid, p of class 1, or None for a plain
        background), the decision boundary p = 0.5 as a dark line, then each points layer."""
        if probabilities is None:
            image = np.full((self.size, self.size), png.BACKGROUND, dtype=np.uint8)
        else:
            field = np.asarray(probabilities, dtype=np.float32).reshape(self.grid, self.grid)
            with one_blas_thread():  # (400, 100) products: one thread is faster
                p = self.upsample(np.nan_to_num(field, nan=0.5))  # a NaN would spread along a whole row
            image = np.ascontiguousarray(png.shade_indices(p))  # C order, so `flat` below is a view
            if boundary:
                image[_boundary(p)] = png.DARK
        flat = image.reshape(-1)
        for pixels, colours in layers:
            flat[pixels] = colours
        return png.encode_png(image)


def _hex(index):
    """A palette index -> its colour as '#rrggbb'."""
    return "#{:02x}{:02x}{:02x}".format(*png.PALETTE[index])


def _bilinear(grid, size):
    """The (size, grid) matrix of 1-D linear interpolation: row k mixes the two grid cells
    around pixel k's centre."""
    u = (np.arange(size) + 0.5) * grid / size - 0.5  # pixel centre in grid-cell units
    u = np.clip(u, 0, grid - 1)
    lo = np.floor(u).astype(int)
    hi = np.minimum(lo + 1, grid - 1)
    R = np.zeros((size, grid), dtype=np.float32)
    np.add.at(R, (np.arange(size), lo), 1 - (u - lo))
    np.add.at(R, (np.arange(size), hi), u - lo)
    return R


def _stamp(radius, inner=None):
    """Pixel offsets (dx, dy) of a disc, or of a ring when `inner` is given."""
    r = int(np.ceil(radius))
    dy, dx = np.mgrid[-r : r + 1, -r : r + 1]
    d2 = dx * dx + dy * dy
    keep = d2 <= radius * radius
    if inner is not None:
        keep &= d2 > inner * inner
    return np.column_stack([dx[keep], dy[keep]])


def _boundary(p):
    """Pixels where p crosses 0.5 between neighbours: a line about 2 pixels wide."""
    side = p >= 0.5
    edge = np.zeros_like(side)
    horizontal = side[:, 1:] != side[:, :-1]
    vertical = side[1:, :] != side[:-1, :]
    edge[:, 1:] |= horizontal
    edge[:, :-1] |= horizontal
    edge[1:, :] |= vertical
    edge[:-1, :] |= vertical
    return edge
