"""Adapter from the exercise engine to the excerpt corpus (``tiltakslab.sources``)."""

from __future__ import annotations

import html

from tiltakslab import sources
from tiltakslab.meldinger import t

KILDE = "data/excerpts.yaml"


def utdrag() -> dict[str, object]:
    """Excerpt id -> Excerpt, from ``data/excerpts.yaml``. Raises ``KorpusFeil`` on a broken corpus."""
    return dict(sources.load_corpus(glossary=False).excerpts)


def utdrag_for_visning() -> dict[str, object]:
    """Like ``utdrag`` but never raises: a broken corpus shows «missing excerpt» notes instead."""
    try:
        return utdrag()
    except Exception:  # noqa: BLE001 - corpus errors are reported by `tiltakslab sjekk`
        return {}


def sitat_html(sid: str, alle: dict[str, object]) -> str:
    rec = alle.get(sid)
    if rec is None:
        return f'<p class="tl-sitat-mangler">{html.escape(t("kilde.mangler", id=sid))}</p>'
    return sources.render_html(rec)
