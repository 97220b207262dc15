"""A stored answer in words: option texts instead of codes, for reports and feedback pages.

``i_ord(ov, tolket)`` takes the parsed answer (``tolk_svar``) and returns a list of (label, text)
pairs; ``case_for(variant)`` looks up a case's first name and text for the instructor's pages.
"""

from __future__ import annotations

from functools import lru_cache


def i_ord(ov: dict, tolket: object) -> list[tuple[str, str]]:
    """(label, text) pairs describing a parsed answer in the exercise's own words."""
    if tolket is None:
        return []
    from tiltakslab.ovelser.slag import slag_for  # noqa: PLC0415

    return slag_for(ov).i_ord(ov, tolket)


@lru_cache(maxsize=512)
def case_for(variant: str | None) -> tuple[str | None, str | None]:
    """(first name, case text) for a case id; (None, None) when there is no case or no data."""
    if not variant:
        return None, None
    try:
        from tiltakslab import data  # noqa: PLC0415

        return data.fornavn(variant), data.vignett(variant)
    except Exception:  # noqa: BLE001 - a report never fails on a missing case
        return None, None
