"""Colour lookup table and a minimal PNG encoder for the animated widgets.

Why not matplotlib? A frame of the playground must cost a few milliseconds, and matplotlib
takes tens. Instead each pixel holds a palette index (one byte), and the PNG's own palette
(its PLTE chunk) is the colour lookup table: the browser does the colouring for free, and
the image compresses to a few tens of kilobytes with zlib's fastest level.

Palette layout: indices 0 .. SHADES-1 are the heatmap, from "surely class 0" (light orange)
through white to "surely class 1" (light blue); the named indices after them are the solid
colours used for points, outlines and the decision boundary.
"""

import struct
import zlib

import numpy as np

ORANGE = (245, 147, 34)  # class 0, TensorFlow Playground's orange
BLUE = (8, 119, 189)  # class 1, TensorFlow Playground's blue
MIDDLE = (240, 241, 242)  # p = 0.5: the model cannot tell

SHADES = 41  # heatmap bands; visible bands double as contour lines of the prediction
HEAT_STRENGTH = 0.5  # how far the lightest heatmap shade goes towards the class colour

# Solid colours, after the heatmap shades.
POINT0, POINT1, WHITE, DARK, RED, BACKGROUND, GREY = range(SHADES, SHADES + 7)
_SOLIDS = [ORANGE, BLUE, (255, 255, 255), (40, 40, 40), (220, 20, 60), (228, 228, 228), (150, 150, 150)]


def _palette():
    """The lookup table: SHADES blended heatmap colours, then the solid colours."""
    t = np.linspace(-1.0, 1.0, SHADES)[:, None]  # -1: class 0, 0: undecided, +1: class 1
    strength = HEAT_STRENGTH * np.abs(t)
    target = np.where(t < 0, np.array(ORANGE), np.array(BLUE))
    shades = (1 - strength) * np.array(MIDDLE) + strength * target
    return np.vstack([np.round(shades), np.array(_SOLIDS)]).astype(np.uint8)


PALETTE = _palette()


def shade_indices(p):
    """Probabilities of class 1 (any shape) -> heatmap palette indices (uint8).

    NaN (a diverged model) maps to the middle shade, so a broken model shows as "undecided".
    """
    p = np.array(p, dtype=np.float32)  # a copy, scaled in place below (this runs every frame)
    p[np.isnan(p)] = 0.5
    p *= SHADES
    np.clip(p, 0, SHADES - 1, out=p)
    return p.astype(np.uint8)


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(indices, palette=PALETTE, level=1):
    """An (h, w) uint8 array of palette indices -> the bytes of an indexed-colour PNG.

    Each row is stored with PNG filter 0 ("none"); zlib level 1 is the fastest and, on
    banded heatmaps, already shrinks a 400x400 frame to about 20-30 kB.
    """
    indices = np.asarray(indices, dtype=np.uint8)
    h, w = indices.shape
    rows = np.zeros((h, w + 1), dtype=np.uint8)  # the leading 0 of each row is its filter type
    rows[:, 1:] = indices
    header = struct.pack(">IIBBBBB", w, h, 8, 3, 0, 0, 0)  # 8-bit, colour type 3 = palette
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"PLTE", np.asarray(palette, dtype=np.uint8).tobytes()),
            _chunk(b"IDAT", zlib.compress(rows.tobytes(), level)),
            _chunk(b"IEND", b""),
        ]
    )


def decode_png(data):
    """The inverse of encode_png (indexed, filter 0 only): returns (indices, palette).

    Tests use it to read pixels back; it is not a general PNG decoder.
    """
    pos, chunks = 8, {}
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunks[kind] = chunks.get(kind, b"") + data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    w, h = struct.unpack(">II", chunks[b"IHDR"][:8])
    rows = np.frombuffer(zlib.decompress(chunks[b"IDAT"]), dtype=np.uint8).reshape(h, w + 1)
    if rows[:, 0].any():
        raise ValueError("decode_png reads only PNGs written by encode_png (filter 0)")
    return rows[:, 1:].copy(), np.frombuffer(chunks[b"PLTE"], dtype=np.uint8).reshape(-1, 3)
