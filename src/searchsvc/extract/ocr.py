"""Text of scanned pages with Tesseract (Debian's tesseract-ocr), one subprocess per page with a time limit."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from typing import Any

OCR_LANGS = "nld+deu+eng"
OCR_DPI = 300
PAGE_SECONDS = 30.0  # a page that takes longer is given up on, with its reason, not waited for
INSTALL_HINT = "install tesseract-ocr to read scans"


def available() -> bool:
    """Say whether the tesseract program is installed."""
    return shutil.which("tesseract") is not None


def languages() -> str:
    """Return the installed subset of OCR_LANGS ('eng' at least)."""
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return "eng"
    have = set(out.split())
    wanted = [lang for lang in OCR_LANGS.split("+") if lang in have]
    return "+".join(wanted) or "eng"


def page_text(page: Any, seconds: float = PAGE_SECONDS) -> str:
    """Return the OCR text of one pypdfium2 page, rendered grey at OCR_DPI; '' when Tesseract gives up."""
    bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buf = bytes(bitmap.buffer)
    rows = b"".join(buf[y * stride : y * stride + width] for y in range(height)) if stride != width else buf[: width * height]
    with tempfile.TemporaryDirectory(prefix="searchsvc-ocr-") as tmp:
        image = os.path.join(tmp, "page.pgm")
        with open(image, "wb") as fh:  # PGM: Tesseract (Leptonica) reads it without an imaging library
            fh.write(b"P5\n%d %d\n255\n" % (width, height) + rows)
        try:
            done = subprocess.run(
                ["tesseract", image, "stdout", "-l", languages(), "--dpi", str(OCR_DPI)],
                capture_output=True, timeout=seconds, env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
        except subprocess.TimeoutExpired:
            return ""
        except OSError:
            return ""
    return done.stdout.decode("utf-8", errors="replace")
