"""Adapter from the exercise engine to the excerpt corpus (``tiltakslab.sources``)."""

from __future__ import annotations

import html

from tiltakslab import sources
from tiltakslab.meldinger import t


def utdrag() -> tuple[dict[str, object], str]:
    """(excerpt id -> Excerpt, where they came from). Raises ``KorpusFeil`` on a broken corpus."""
    return dict(sources.load_corpus(glossary=False).excerpts), "data/excerpts.yaml"


def utdrag_for_visning() -> dict[str, object]:
    """Like ``utdrag`` but never raises: a broken corpus shows «missing excerpt» notes instead."""
    try:
        return utdrag()[0]
    except Exception:  # noqa: BLE001 - corpus errors are reported by `tiltakslab sjekk`
        return {}


def sitat_html(sid: str, alle: dict[str, object]) -> str:
    rec = alle.get(sid)
    if rec is None:
        return f'<p class="tl-sitat-mangler">{html.escape(t("kilde.mangler", id=sid))}</p>'
    return sources.render_html(rec)
