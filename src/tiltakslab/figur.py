"""Accessible figures: a matplotlib figure shown as an image with alt text and a visible text alternative.

Jupyter's default PNG output has no ``alt`` attribute, so screen readers get nothing (WCAG 1.1.1).
``figur(fig, alt="…", tekst="…")`` shows the figure as ``<img alt>`` inside a ``<figure>`` whose
caption is the full text alternative; the plain-text form (for nbval and terminals) is the same text.
"""

from __future__ import annotations

import base64
import html
import io


def figur_html(fig, alt: str, tekst: str | None = None) -> str:
    """The HTML for ``fig`` (PNG, base64) with ``alt`` and an optional visible caption ``tekst``."""
    if not isinstance(alt, str) or not alt.strip():
        from tiltakslab.meldinger import t  # noqa: PLC0415

        raise ValueError(t("figur.mangler_alt"))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    caption = f"<figcaption>{html.escape(tekst)}</figcaption>" if tekst else ""
    return (f'<figure class="tl-figur" style="margin:0"><img src="data:image/png;base64,{data}" '
            f'alt="{html.escape(alt, quote=True)}" style="max-width:100%">{caption}</figure>')


def figur(fig, alt: str, tekst: str | None = None) -> None:
    """Show ``fig`` with alt text (and ``tekst`` as a visible text alternative); closes the figure."""
    import matplotlib.pyplot as plt  # noqa: PLC0415 - only when a figure is shown
    from IPython.display import display  # noqa: PLC0415

    try:
        markup = figur_html(fig, alt, tekst)
    finally:
        plt.close(fig)
    plain = alt if not tekst else f"{alt}\n{tekst}"
    display({"text/html": markup, "text/plain": plain}, raw=True)
