"""Helpers the lesson views share: a bare matplotlib figure (no pyplot state) and Norwegian decimals."""

from __future__ import annotations

# Okabe–Ito: a colour-blind-safe palette.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")


def figur(figsize: tuple[float, float]):
    """A new ``matplotlib.figure.Figure`` and its axes (no pyplot: nothing to close, no global state)."""
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = Figure(figsize=figsize)
    return fig, fig.subplots()


def komma(tekst: str) -> str:
    """Decimal points in ``tekst`` as commas (``'12.5 %'`` → ``'12,5 %'``)."""
    return tekst.replace(".", ",")
