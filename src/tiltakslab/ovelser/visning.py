"""Render exercise text and feedback as HTML (escaped; a small, safe Markdown subset)."""

from __future__ import annotations

import html
import re

from tiltakslab.meldinger import t
from tiltakslab.ovelser.kilder import sitat_html
from tiltakslab.ovelser.vurdering import Resultat, formater_tall

IKON = {"riktig": "✔", "feil": "✘", "delvis": "◐", "mangler": "○", "ingen_fasit": "⚖", "levert": "✎",
        "info": "ℹ"}


_PUNKT = re.compile(r"^\s*[-*] ")
_OVERSKRIFT = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def _inline(tekst: str) -> str:
    """Escape, then **bold**, *italic* and `code`; emphasis may run over a line break in the block."""
    s = html.escape(tekst)
    s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s, flags=re.S)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", s, flags=re.S)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", s)


def markdown(tekst: str | None) -> str:
    """Escape, then render ``#`` headings, paragraphs, ``- `` lists, **bold**, *italic* and `code`."""
    if not tekst:
        return ""
    ut = []
    for blokk in re.split(r"\n\s*\n", tekst.strip()):
        linjer = blokk.splitlines()
        while linjer and (tittel := _OVERSKRIFT.match(linjer[0])):
            # Headings inside a widget sit below the exercise title (h4): always level 5.
            ut.append(f'<h5 class="tl-overskrift">{_inline(tittel.group(1))}</h5>')
            linjer = linjer[1:]
        if not linjer:
            continue
        if all(re.match(r"\s*[-*] ", linje) for linje in linjer):
            punkter = "".join(f"<li>{_inline(_PUNKT.sub('', linje))}</li>" for linje in linjer)
            ut.append(f"<ul>{punkter}</ul>")
        else:
            ut.append(f"<p>{_inline(chr(10).join(linjer)).replace(chr(10), '<br>')}</p>")
    return "".join(ut)


_SETNINGSSTART = re.compile(r"((?:^|\n)\s*(?:[-*]\s+)?|[.!?:]\s+)\{navn\}")


def fyll_navn(tekst: str, navn: str | None) -> str:
    """Put the case's first name for ``{navn}``; without a case «deltakeren», capitalised at a sentence start."""
    if navn:
        return tekst.replace("{navn}", navn)
    generisk = t("ovelse.deltakeren")
    tekst = _SETNINGSSTART.sub(lambda m: m.group(1) + generisk[:1].upper() + generisk[1:], tekst)
    return tekst.replace("{navn}", generisk)


_MANEDER = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
            "november", "desember")


def norsk_tid(iso: object) -> str:
    """``2026-12-03T09:11:47+00:00`` → «3. desember 2026 kl. 09.11» (local time as stored)."""
    from datetime import datetime  # noqa: PLC0415

    try:
        d = datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return f"{d.day}. {_MANEDER[d.month - 1]} {d.year} kl. {d:%H.%M}"


def status_tekst(status: str) -> str:
    return f"{IKON.get(status, '')} {t(f'status.{status}')}"


def sitater_html(ider: list[str], alle: dict, apen: bool = True) -> str:
    """Cited excerpts; folded (``apen=False``) under a wrong answer so the quote does not give the key away."""
    if not ider:
        return ""
    apne = " open" if apen else ""
    return (f'<details class="tl-sitater"{apne}><summary>{html.escape(t("kilde.overskrift"))}</summary>'
            + "".join(sitat_html(s, alle) for s in ider) + "</details>")


def resultat_html(res: Resultat, alle: dict, navn: str | None = None, forsok: int | None = None) -> str:
    """Feedback block: status in words and icon, summary, one item per part, hint, excerpts."""
    deler = []
    for d in res.deler:
        overskrift = f"<strong>{_inline(fyll_navn(d.overskrift, navn))}</strong> " if d.overskrift else ""
        kilder_ = sitater_html(d.sitater, alle, d.status not in ("feil", "mangler"))
        deler.append(f'<li class="tl-del tl-del-{d.status}"><span class="tl-ikon" aria-hidden="true">'
                     f'{IKON.get(d.status, "")}</span> <span class="tl-sr">{html.escape(t("status." + d.status))}:'
                     f'</span> {overskrift}{markdown(fyll_navn(d.tekst, navn))}{kilder_}</li>')
    poeng = ""
    if res.maks and res.status != "levert":
        poeng = " · " + html.escape(t("vurdering.poeng", poeng=formater_tall(res.poeng), maks=res.maks))
    antall = f" · {html.escape(t('vurdering.forsok', n=forsok))}" if forsok else ""
    ut = [f'<div class="tl-resultat tl-status-{res.status}" role="status">',
          f'<p class="tl-status"><strong>{html.escape(status_tekst(res.status))}</strong> – '
          f'{html.escape(res.sammendrag)}{poeng}{antall}</p>']
    if deler:
        ut.append(f'<ul class="tl-deler">{"".join(deler)}</ul>')
    if res.hint:
        ut.append(f'<p class="tl-hint"><strong>{html.escape(t("vurdering.hint"))}</strong> '
                  f'{_inline(fyll_navn(res.hint, navn))}</p>')
    if res.modellsvar:
        ut.append(f'<div class="tl-modellsvar"><strong>{html.escape(t("refleksjon.modellsvar"))}</strong>'
                  f'{markdown(fyll_navn(res.modellsvar, navn))}</div>')
    ut.append(sitater_html(res.sitater, alle, res.status not in ('feil', 'delvis')))
    ut.append("</div>")
    return "".join(ut)


def feil_html(melding: str) -> str:
    return (f'<p class="tl-inndatafeil" role="alert"><span aria-hidden="true">⚠</span> '
            f'<strong>{html.escape(t("ovelse.sjekk_svaret"))}</strong> {html.escape(melding)}</p>')
