"""Near-duplicate sketches: copies resemble, rewrites do not, and sketches are the same in
every process (so saved ones stay valid after a restart)."""

from __future__ import annotations

import subprocess
import sys

from newsfeed.stories.neardup import SKETCH_SIZE, resemblance, sketch

ORIGINAL = (
    "Copperfield Mining said on Monday it had found a large lithium deposit under the Skarn "
    "Hills and would apply for a licence to dig an open pit. Farmers in the hills have "
    "opposed earlier mines, saying they drain the wells their herds depend on. The regional "
    "environment office said it would review any application within six months."
)
REWRITE = (
    "A lithium find under the Skarn Hills could lead to an open-pit mine, Copperfield "
    "announced, setting up a fight with hill farmers who blame past mines for dry wells."
)


def test_a_verbatim_copy_resembles_fully_and_an_edited_copy_mostly() -> None:
    assert resemblance(sketch(ORIGINAL), sketch(ORIGINAL)) == 1.0
    edited = ORIGINAL + " A spokesman declined to comment further on the plans."
    assert resemblance(sketch(ORIGINAL), sketch(edited)) >= 0.7


def test_the_same_event_in_other_words_is_no_duplicate() -> None:
    assert resemblance(sketch(ORIGINAL), sketch(REWRITE)) < 0.2


def test_sketches_are_bounded_sorted_and_empty_for_no_text() -> None:
    long_text = " ".join(f"word{i}" for i in range(5_000))
    s = sketch(long_text)
    assert len(s) == SKETCH_SIZE and list(s) == sorted(s)
    assert sketch("") == ()
    assert resemblance((), sketch(ORIGINAL)) == 0.0


def test_sketches_are_the_same_in_another_process() -> None:
    code = "from newsfeed.stories.neardup import sketch; import sys; print(sketch(sys.argv[1]))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code, ORIGINAL],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert runs == {str(sketch(ORIGINAL))}
