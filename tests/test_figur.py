"""figur(): figures carry alt text and a visible text alternative."""

from __future__ import annotations

import base64
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from tiltakslab.figur import figur_html  # noqa: E402


def _fig():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.bar(["A", "B"], [1, 2], color=["#0072B2", "#E69F00"])
    return fig


def test_image_has_alt_text_and_caption_escaped():
    out = figur_html(_fig(), alt='Søyler: A er 1, B er 2 <"test">', tekst="A: 1 & B: 2")
    assert 'alt="Søyler: A er 1, B er 2 &lt;&quot;test&quot;&gt;"' in out
    assert "<figcaption>A: 1 &amp; B: 2</figcaption>" in out
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", out).group(1)
    assert base64.b64decode(data).startswith(b"\x89PNG")


def test_alt_text_is_required():
    with pytest.raises(ValueError, match="alternativ tekst"):
        figur_html(_fig(), alt=" ")
