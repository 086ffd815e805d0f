"""One flat float64 buffer holding many arrays, each a view of its own stretch.

A model keeps all its weights this way (and the trainer all the gradients), so an
optimizer updates every parameter with a few NumPy calls on one array.
"""

import numpy as np


def pack(arrays):
    """Copy `arrays` into one flat float64 buffer. Returns (flat, views shaped like them)."""
    flat = np.empty(sum(a.size for a in arrays), dtype=np.float64)
    views = views_like(flat, [a.shape for a in arrays])
    for view, array in zip(views, arrays, strict=True):
        view[...] = array
    return flat, views


def views_like(flat, shapes):
    """Consecutive views of `flat` with the given shapes."""
    views, offset = [], 0
    for shape in shapes:
        size = int(np.prod(shape))
        views.append(flat[offset:offset + size].reshape(shape))
        offset += size
    return views
