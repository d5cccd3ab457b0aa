"""Which motives are dominant: above the minimum and close to the top; ties and 'none' are real."""

from __future__ import annotations

from motives.engine.inference.classify import DOMINANT_MARGIN, DOMINANT_MINIMUM, dominant_motives
from motives.engine.model.vocabulary import Motive

P, E, S, I, N = Motive  # noqa: E741


def test_the_top_motive_above_the_minimum_is_dominant() -> None:
    assert dominant_motives({P: 0.8, E: 0.1, S: 0.0, I: 0.0, N: 0.2}) == (P,)


def test_motives_within_the_margin_of_the_top_are_dominant_too_highest_first() -> None:
    assert dominant_motives({P: 0.66, N: 0.71, E: 0.45}) == (N, P)


def test_a_motive_just_outside_the_margin_is_not_dominant() -> None:
    top = 0.9
    assert dominant_motives({P: top, N: top - DOMINANT_MARGIN - 0.01}) == (P,)


def test_ties_are_all_dominant() -> None:
    assert set(dominant_motives({P: 0.6, S: 0.6, N: 0.6})) == {P, S, N}


def test_no_motive_above_the_minimum_means_no_dominant_motive() -> None:
    assert dominant_motives({P: DOMINANT_MINIMUM - 0.01, N: 0.3}) == ()


def test_the_minimum_itself_counts() -> None:
    assert dominant_motives({P: DOMINANT_MINIMUM}) == (P,)
