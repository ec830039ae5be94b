"""Real pictures for the inpainting chapter: the handwritten digits that ship with scikit-learn.

:func:`load_digits` reads the file that ``sklearn.datasets.load_digits`` reads, without importing
scikit-learn: importing ``sklearn.datasets`` imports most of SciPy (``scipy.stats`` among it),
about a second of the chapter's first cell, to read one 1,797-line CSV file.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

__all__ = ["load_digits"]

#: Where scikit-learn keeps the digits, relative to its package folder.
_DIGITS_FILE = Path("datasets", "data", "digits.csv.gz")


def _shipped_file() -> Path | None:
    """The digits file inside the installed scikit-learn, found without importing it."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / _DIGITS_FILE
    return path if path.is_file() else None


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1,797 handwritten digits of Alpaydin and Kaynak (1998), as scikit-learn ships them.

    Each picture is 8 x 8 pixels with grey levels 0 to 16, flattened row by row (pixel
    ``8 * row + column``). The same arrays as ``sklearn.datasets.load_digits(return_X_y=True)``;
    if scikit-learn ever moves its file, that function is called instead.

    Returns
    -------
    (pictures, labels) : numpy.ndarray
        Shapes (1797, 64), float, and (1797,), int: the digit each picture shows.

    Raises
    ------
    ModuleNotFoundError
        If scikit-learn is not installed.
    """
    path = _shipped_file()
    if path is None:
        from sklearn.datasets import load_digits as sklearn_load_digits  # the slow path

        return sklearn_load_digits(return_X_y=True)
    table = np.loadtxt(path, delimiter=",")  # numpy opens .gz files itself
    return table[:, :-1], table[:, -1].astype(int)
