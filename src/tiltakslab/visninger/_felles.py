"""What the lesson views share: the outputs' form (``Utdata``), the tables they read (``Data``), a bare matplotlib
figure (no pyplot state), the calibration table two lessons show. Its source is part of every view's hash
(``tiltakslab.visninger.nokkel``)."""

from __future__ import annotations

from pathlib import Path

# Every synthetic table. The calibration (lessons 01 and 06) compares them with the published tables shipped with
# the generator; both lessons' calibration views are computed here, so this file's hash covers that code.
ALLE = ("deltakere", "kartlegging", "oppfolging", "utfall", "saksbehandlere", "samarbeid_undersokelse", "tio_kohort")
PUBLISERT = ("synthetic/tabeller.yaml", "synthetic/undersokelse.yaml", "synthetic/kohort.py", "synthetic/tio.py",
             "synthetic/undersokelse.py")


def kalibrering(data):
    """``tiltakslab.data.kalibrering()`` for the view's folder (a DataFrame)."""
    from tiltakslab.data import kalibrering  # noqa: PLC0415

    return kalibrering({navn: data.last(navn) for navn in ALLE})


# Okabe–Ito: a colour-blind-safe palette.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")


def figur(figsize: tuple[float, float]):
    """A new ``matplotlib.figure.Figure`` and its axes (no pyplot: nothing to close, no global state)."""
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = Figure(figsize=figsize)
    return fig, fig.subplots()


def desimalkomma(fig) -> None:
    """Every tick label of ``fig`` with a decimal comma (``0.25`` → ``0,25``); category labels are left as they are.

    Each axis keeps its own formatter (which knows the tick locations, offsets and categories); a thin wrapper
    only rewrites a point between two digits in what it returns."""
    import re  # noqa: PLC0415

    from matplotlib.ticker import Formatter  # noqa: PLC0415

    punktum = re.compile(r"(?<=\d)\.(?=\d)")

    class Komma(Formatter):
        def __init__(self, indre):
            self.indre = indre

        def set_axis(self, axis):
            super().set_axis(axis)
            self.indre.set_axis(axis)

        def set_locs(self, locs):
            self.indre.set_locs(locs)

        def __call__(self, x, pos=None):
            return punktum.sub(",", self.indre(x, pos))

        def format_ticks(self, values):
            return [punktum.sub(",", t) for t in self.indre.format_ticks(values)]

        def get_offset(self):
            return punktum.sub(",", self.indre.get_offset())

    for ax in fig.axes:
        for akse in (ax.xaxis, ax.yaxis):
            akse.set_major_formatter(Komma(akse.get_major_formatter()))


class Utdata:
    """The outputs of one view, in order: MIME bundles as Jupyter displays them."""

    def __init__(self):
        self.deler: list[dict[str, str]] = []

    def tabell(self, df, **kw) -> None:
        from tiltakslab.visning import Tabell  # noqa: PLC0415

        t = Tabell(df, **kw)
        self.deler.append({"text/html": t.html(), "text/plain": t.tekst()})

    def figur(self, fig, alt: str, tekst: str | None = None) -> None:
        """A figure (``matplotlib.figure.Figure``, no pyplot) as an image with alt text and a caption; the axes'
        numbers with a decimal comma."""
        from tiltakslab.figur import figur_html  # noqa: PLC0415

        desimalkomma(fig)

        self.deler.append({"text/html": figur_html(fig, alt, tekst),
                           "text/plain": alt if not tekst else f"{alt}\n{tekst}"})

    def tekst(self, *linjer: str) -> None:
        self.deler.append({"text/plain": "\n".join(linjer)})

    def markdown(self, tekst: str) -> None:
        self.deler.append({"text/markdown": tekst, "text/plain": tekst})


class Data:
    """What a view reads: the synthetic tables of one folder, each loaded once."""

    def __init__(self, mappe: Path):
        self.mappe = Path(mappe)
        self._tabeller: dict = {}

    def last(self, navn: str):
        from tiltakslab.data import last  # noqa: PLC0415

        if navn not in self._tabeller:
            self._tabeller[navn] = last(navn, self.mappe)
        return self._tabeller[navn].copy()
