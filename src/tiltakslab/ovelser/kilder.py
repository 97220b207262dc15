"""Adapter to the excerpt corpus: ``tiltakslab.sources`` when present, else ``data/excerpts.yaml``."""

from __future__ import annotations

import html
from types import SimpleNamespace

import yaml

from tiltakslab.meldinger import t
from tiltakslab.paths import data_file


def _fra_yaml(sti) -> dict[str, object]:
    data = yaml.safe_load(sti.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("excerpts", [])
    return {str(r["id"]): SimpleNamespace(**{k: r.get(k) for k in
                                            ("id", "source", "locator", "themes", "voice", "note", "text")})
            for r in data or [] if isinstance(r, dict) and "id" in r}


def utdrag_fra_utkast() -> dict[str, object]:
    """Excerpts from the drafts in ``data/_utkast/`` (used only while ``excerpts.yaml`` is missing)."""
    alle: dict[str, object] = {}
    for sti in sorted(data_file("_utkast").glob("excerpts*.yaml")):
        alle.update(_fra_yaml(sti))
    return alle


def utdrag() -> tuple[dict[str, object], str]:
    """(excerpt id -> record with ``.id .source .locator .text``, where they came from)."""
    if data_file("excerpts.yaml").is_file():
        try:
            from tiltakslab import sources  # noqa: PLC0415 - optional, written concurrently

            return dict(sources.load_corpus(glossary=False).excerpts), "data/excerpts.yaml"
        except (ImportError, AttributeError):
            return _fra_yaml(data_file("excerpts.yaml")), "data/excerpts.yaml"
    return utdrag_fra_utkast(), "data/_utkast/"


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
    try:
        from tiltakslab import sources  # noqa: PLC0415
        return sources.render_html(rec)
    except (ImportError, AttributeError):
        pass
    return (f'<blockquote class="tl-sitat" lang="nb"><p>{html.escape(str(rec.text))}</p>'
            f'<footer>— {html.escape(str(rec.source))}, {html.escape(str(rec.locator))} '
            f'<span class="tl-sitat-id">[{html.escape(sid)}]</span></footer></blockquote>')
