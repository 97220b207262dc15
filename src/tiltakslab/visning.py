"""Tables for learners in Norwegian number form: decimal comma, space as thousands separator.

``tabell(df)`` is the one way a lesson shows a pandas table. It renders the table through pandas' own
``Styler.format(decimal=",", thousands=" ")`` (HTML for Jupyter and the app) and gives a plain-text form
with the same numbers. Decimals per column are the fewest that show the values as they are (at most
``maks_desimaler``), so a column rounded to one decimal shows one decimal, not six.
"""

from __future__ import annotations

import hashlib
import math

MAKS_DESIMALER = 3
MANGLER = "–"  # shown for a missing value (pandas would say NaN)


def _desimaler(verdier, maks: int) -> int:
    """The fewest decimals (0..maks) that show every finite value in ``verdier`` without rounding it."""
    tall = [float(v) for v in verdier if v is not None and not (isinstance(v, float) and math.isnan(v))]
    for d in range(maks + 1):
        if all(math.isclose(round(v, d), v, rel_tol=0, abs_tol=1e-9) for v in tall if math.isfinite(v)):
            return d
    return maks


def norsk_tall(verdi, desimaler: int = 0) -> str:
    """``1234.5`` → ``'1 234,5'`` (with ``desimaler=1``); a missing value → ``'–'``."""
    if verdi is None or (isinstance(verdi, float) and math.isnan(verdi)):
        return MANGLER
    tekst = f"{verdi:,.{desimaler}f}"
    return tekst.replace(",", "\u00a0").replace(".", ",").replace("\u00a0", " ")


class Tabell:
    """A pandas table shown with Norwegian numbers (HTML through pandas' Styler, and plain text)."""

    def __init__(self, df, maks_desimaler: int = MAKS_DESIMALER):
        import pandas as pd  # noqa: PLC0415 - import tiltakslab stays cheap

        if isinstance(df, pd.Series):
            df = df.to_frame()
        self.df = df
        self.desimaler = {
            kol: _desimaler(df[kol].tolist(), maks_desimaler)
            for kol in df.columns if pd.api.types.is_float_dtype(df[kol])
        }

    def _styler(self):
        # A stable id from the content, so a re-run notebook stores the same HTML (nbval compares it).
        uid = hashlib.sha1(self.df.to_csv().encode("utf-8")).hexdigest()[:10]
        styler = self.df.style.set_uuid(uid).format(decimal=",", thousands=" ", na_rep=MANGLER, precision=0)
        for kol, d in self.desimaler.items():
            styler = styler.format(decimal=",", thousands=" ", na_rep=MANGLER, precision=d, subset=[kol])
        return styler

    def html(self) -> str:
        return self._styler().to_html()

    def tekst(self) -> str:
        formatters = {kol: (lambda v, d=d: norsk_tall(v, d)) for kol, d in self.desimaler.items()}
        for kol in self.df.columns:
            if kol not in formatters and self.df[kol].dtype.kind in "iu":
                formatters[kol] = norsk_tall
        return self.df.to_string(formatters=formatters, na_rep=MANGLER)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": self.tekst()}


def tabell(df, maks_desimaler: int = MAKS_DESIMALER) -> Tabell:
    """Show ``df`` (a DataFrame or Series) with decimal commas: ``tabell(df)`` as a cell's last line."""
    return Tabell(df, maks_desimaler)
