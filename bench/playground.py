"""The Training page's playground: seconds of server time for one training of 200 epochs on
200 points, 2 x 8 neurons, trained and recorded (the goal: under 1 s), and the replay for
the player. Prints the figures; best of 5."""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from laptop.playback import replay_frames  # noqa: E402 - after the path is set
from learn.training.playground import CENTRE, Settings, playground_view, train_playground  # noqa: E402


def best_of(runs, work):
    times = []
    for _ in range(runs):
        start = time.process_time()
        result = work()
        times.append(time.process_time() - start)
    return min(times), result


def main() -> None:
    for dataset in ("spiral", "xor", "circles", "blobs"):
        settings = Settings(dataset=dataset, layers=2, neurons=8, batch_size=20)
        seconds, run = best_of(5, lambda s=settings: train_playground(s))
        replay, _ = best_of(5, lambda r=run: replay_frames(r.model, r.recording, r.x, r.y,
                                                           r.train_rows, r.test_rows, CENTRE))
        print(f"{dataset:8s} train+record {seconds:.3f} s (batch 20, {len(run.train_rows)} "
              f"training points), replay {replay:.3f} s, test loss {run.test_loss():.3f}, "
              f"train loss {run.train_loss():.3f}")
    settings = Settings(layers=2, neurons=8, batch_size=200, test_share=0.1)
    seconds, run = best_of(5, lambda: train_playground(settings))
    print(f"one batch of all {len(run.train_rows)} training points: train+record "
          f"{seconds:.3f} s")
    seconds, _ = best_of(3, lambda: playground_view(Settings(batch_size=10, layers=3)))
    print(f"the page's whole work, worst case (3 x 8, batch 10; training, replay, payload and "
          f"the comparison run): {seconds:.3f} s")
    settings = Settings(layers=2, neurons=8, batch_size=10)
    seconds, _ = best_of(3, lambda: train_playground(settings))
    print(f"smallest batch (10): train+record {seconds:.3f} s")


if __name__ == "__main__":
    main()
