"""numpy imported on its first use, for the modules a build imports: adding one document never needs it."""

from __future__ import annotations

import importlib
import sys
from typing import Any


class LazyNumpy:
    """Stands for numpy in one module until first used; then puts numpy itself in that module's globals.

    numpy's import costs ~0.12 s of every `searchsvc index` start, and an incremental build that adds a few
    documents never calls it (its terms are too rare for posting arrays). After the first use the module's
    `np` is numpy itself, so hot loops pay nothing for this.
    """

    def __init__(self, owner: str):
        self._owner = owner

    def __getattr__(self, name: str) -> Any:
        numpy = importlib.import_module("numpy")
        vars(sys.modules[self._owner])["np"] = numpy
        return getattr(numpy, name)
