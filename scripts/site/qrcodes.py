"""QR codes: an inline SVG for the pages, a PNG to download, an image for the posters.

Every code uses error correction Q (a quarter of it may be smudged, folded or
under a thumb and it still scans) and the standard quiet zone of four modules.
The same data gives the same bytes, so a nightly build changes nothing.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_Q
from qrcode.image.pil import PilImage
from qrcode.image.svg import SvgPathFillImage

QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks
PNG_MIN_PIXELS = 1000  # sharp on a projector slide or a printed banner


# The SVG factories write a box of 10 as 1 unit: whole-number path coordinates.
def _code(data: str, box_size: int = 10) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, border=QUIET_ZONE, box_size=box_size)
    code.add_data(data)
    code.make(fit=True)
    return code


def side(data: str) -> int:
    """Width of the code in modules, quiet zone included."""
    return _code(data).modules_count + 2 * QUIET_ZONE


def matrix(data: str) -> list[list[bool]]:
    """The code's modules, quiet zone included, row by row: True is dark."""
    return _code(data).get_matrix()


def image(data: str, module_pixels: int) -> Image.Image:
    """The code as a black-and-white image, each module a square of whole pixels."""
    return _code(data, module_pixels).make_image(image_factory=PilImage).get_image()


def png(data: str) -> bytes:
    """The code as a PNG at least PNG_MIN_PIXELS wide."""
    buffer = io.BytesIO()
    image(data, -(-PNG_MIN_PIXELS // side(data))).save(buffer, format="PNG")
    return buffer.getvalue()


def svg(data: str, label: str) -> str:
    """The code as an <svg> element to inline in HTML, with `label` as its accessible name.

    One path on a white square (scannable on any page colour), no XML
    declaration, and no width or height: CSS sizes it, from a phone screen to
    an A4 poster, and the viewBox keeps it square.
    """
    root = _code(data).make_image(image_factory=SvgPathFillImage).get_image()
    del root.attrib["width"], root.attrib["height"]
    root.set("role", "img")
    root.set("aria-label", label)
    title = ET.Element("title")
    title.text = label
    root.insert(0, title)
    # The library names the path; two codes on one page would repeat the id.
    del root.find("path").attrib["id"]
    return ET.tostring(root, encoding="unicode")
