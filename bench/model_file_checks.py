"""What a hostile model file costs the server now: the time and the peak memory (Python's
tracemalloc, which sees NumPy's arrays) of laptop.recipe.model_from_json_bytes on the
files of issue #13, refused or loaded, next to a real file saved from the page.

The files: the issue's 2 -> 100,000 -> 2 model (about 240 bytes, no weights), two hidden
layers of 300, weights of +-1e308, a 5,000-digit integer, and the largest model the page
builds (loaded, for comparison).

Run: .venv/bin/python bench/model_file_checks.py [--repeat 20]
"""

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from laptop.recipe import (  # noqa: E402
    MAX_HIDDEN_LAYERS,
    MAX_HIDDEN_UNITS,
    MAX_MORE_LAYER_UNITS,
    ModelFileError,
    Settings,
    build_model,
    model_from_json_bytes,
    model_to_json_bytes,
)


def dense(units, activation="relu", input_dim=None) -> dict:
    return {"type": "Dense", "units": units, "activation": activation, "input_dim": input_dim}


def hostile(layers, **more) -> bytes:
    return json.dumps({"format": "nncore.Sequential", "layers": layers,
                       "compile": {"optimizer": "adam", "loss": "binary_crossentropy"},
                       **more}).encode()


def files() -> dict[str, bytes]:
    largest = Settings(hidden_units=MAX_HIDDEN_UNITS,
                       more_layers=(MAX_MORE_LAYER_UNITS,) * (MAX_HIDDEN_LAYERS - 1))
    sizes = " -> ".join(str(u) for u in (2, *largest.layer_units, 2))
    return {
        "2 -> 100,000 -> 2, no weights": hostile([dense(100_000, input_dim=2),
                                                  dense(2, "softmax")]),
        "2 -> 300 -> 300 -> 2": hostile([dense(300, input_dim=2), dense(300),
                                         dense(2, "softmax")]),
        "weights of +-1e308": hostile(
            [dense(1, input_dim=2), dense(2, "softmax")],
            weights=[[[1e308], [-1e308]], [0.0], [[10.0, -10.0]], [0.0, 0.0]]),
        "a 5,000-digit integer": hostile([dense(1, input_dim=2), dense(2, "softmax")]
                                         ).replace(b'"units": 1', b'"units": ' + b"9" * 5000),
        f"largest page model ({sizes}), saved by the page":
            model_to_json_bytes(build_model(largest), largest),
    }


def measure(raw: bytes, repeat: int) -> tuple[str, float, float]:
    """(outcome, median ms, peak KiB of the first call)."""
    times = []
    outcome = "loaded"
    for attempt in range(repeat):
        if attempt == 0:
            tracemalloc.start()
        start = time.perf_counter()
        try:
            model_from_json_bytes(raw)
        except ModelFileError as error:
            outcome = f"refused: {str(error)[:70]}..."
        times.append(time.perf_counter() - start)
        if attempt == 0:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    return outcome, statistics.median(times) * 1000, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(f"{'file':<54}{'bytes':>8}{'median ms':>11}{'peak KiB':>10}  outcome")
    for name, raw in files().items():
        outcome, ms, peak = measure(raw, args.repeat)
        print(f"{name:<54}{len(raw):>8,}{ms:>11.2f}{peak:>10.1f}  {outcome}")


if __name__ == "__main__":
    main()
