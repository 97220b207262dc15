"""Adapter to the excerpt corpus: ``tiltakslab.sources`` when present, else ``data/excerpts.yaml``."""

from __future__ import annotations

import html
from types import SimpleNamespace

import yaml

from tiltakslab.meldinger import t
from tiltakslab.paths import data_file


def _fra_yaml() -> dict[str, object]:
    sti = data_file("excerpts.yaml")
    if not sti.is_file():
        return {}
    data = yaml.safe_load(sti.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("excerpts", [])
    return {str(r["id"]): SimpleNamespace(**{k: r.get(k) for k in
                                            ("id", "source", "locator", "themes", "voice", "note", "text")})
            for r in data or [] if isinstance(r, dict) and "id" in r}


def utdrag() -> dict[str, object]:
    """Excerpt id -> record with ``.id .source .locator .text`` (empty when nothing is there yet)."""
    try:
        from tiltakslab import sources  # noqa: PLC0415 - optional, written concurrently
        return dict(sources.load_corpus().excerpts)
    except (ImportError, AttributeError):
        return _fra_yaml()


def sitat_html(sid: str, alle: dict[str, object]) -> str:
    rec = alle.get(sid)
    if rec is None:
        return f'<p class="tl-sitat-mangler">{html.escape(t("kilde.mangler", id=sid))}</p>'
    try:
        from tiltakslab import sources  # noqa: PLC0415
        return sources.render_html(rec)
    except (ImportError, AttributeError):
        pass
    return (f'<blockquote class="tl-sitat" lang="nb"><p>{html.escape(str(rec.text))}</p>'
            f'<footer>— {html.escape(str(rec.source))}, {html.escape(str(rec.locator))} '
            f'<span class="tl-sitat-id">[{html.escape(sid)}]</span></footer></blockquote>')
