"""Every learner- and instructor-facing string goes through the message catalogue.

The test reads every module of ``src/tiltakslab`` with ``ast`` and looks at each string literal (an f-string
counts as one, its ``{…}`` parts blanked) outside docstrings and outside the key of a ``t()`` call. Jinja
expressions, HTML tags and style sheets are removed first (a template's words come from ``t()``). A literal that still
contains Norwegian text – æ, ø, å or a common Norwegian word – fails the test, unless an entry of ``TILLATT``
covers it: a short list of literals that are data or markup, each with its reason.

Author documentation is not interface text: the exercise schema's documentation (``ovelser/skjemadok.py``,
each kind's ``Dokumentasjon(...)`` and ``beskrivelse``, JSON Schema ``description``/``title`` values) is written
for course authors into SKJEMA.md and quotes Norwegian field values and example content.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "tiltakslab"

NORSKE_ORD = ("og", "ikke", "ikkje", "finnes", "finst", "er", "en", "ei", "et", "eit", "som", "til", "fra", "frå",
              "med", "har", "kan", "må", "skal", "mangler", "manglar", "ingen", "eller", "av", "på", "den", "det",
              "feil", "fant", "finner", "skrev", "kjør", "velg", "vel", "ukjent", "mappe", "mappa", "fila", "filen",
              "i", "om", "ble", "blir", "vart", "vi", "du", "deg", "ved", "etter", "dette", "denne", "hva", "kva",
              "hvor", "igjen", "nr", "tom", "ennå", "enno")
NORSK = re.compile(r"[æøåÆØÅ]|\b(?:" + "|".join(NORSKE_ORD) + r")\b", re.IGNORECASE)
MAL = re.compile(r"<style.*?</style>|\{\{.*?\}\}|\{%.*?%\}|<[^>]*>", re.DOTALL)

# (module relative to src/tiltakslab, regular expression the whole literal matches, why it is not interface text)
TILLATT: tuple[tuple[str, str, str], ...] = (
    ("bygg.py", r"### LØSNING (START|SLUTT)|# Skriv koden din her",
     "notebook markup: the solution markers and the code placeholder belong to the (bokmål) lesson notebooks and "
     "are matched by the build pipeline"),
    ("data.py", r"(Tabell (\d+|\{\})|Fotnote \d+|TIO|Avsluttede|Spørreundersøkelse)[:,].*"
                r"|Del II, Det generelle bildet|Vedlegg 2, Prosjekt 6|(\{\} )?Fortsatt ledig/syk størst|\{\} størst",
     "calibration rows: the name and locator of a published figure in a source table (the sources are bokmål)"),
    ("data.py", r"20-24 år|Innvandrer (ikke-)?OECD land|Eneforsørger|Langtid sosialhjelp|Pågår",
     "category values of the synthetic CSV files (data keys, not text)"),
    ("synthetic/kohort.py", r".*", "category values and table labels of the synthetic CSV files (data, from the "
                                   "published tables in tabeller.yaml)"),
    ("synthetic/modell.py", r".*", "category values of the synthetic CSV files (contact types, measures, places)"),
    *((f"visninger/leksjon0{nr}.py", r".*", "lesson content, not interface: the titles, labels, alt texts and text "
       "alternatives of a lesson's tables and figures, in the (bokmål) lesson's own words; precomputed into "
       "visninger.json and shown where the lesson notebook used to draw them") for nr in range(1, 8)),
    ("visninger/ovingssett.py", r".*", "the same for the tables an exercise set's data task is answered from"),
)


def _docstrings(tree: ast.AST) -> set[int]:
    ut = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant | ast.JoinedStr):
                ut.add(id(first.value))
    return ut


def _katalognokler(tree: ast.AST) -> set[int]:
    """The key argument of ``t(...)`` and ``meldinger.t(...)`` (an f-string key built from a prefix too)."""
    ut = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            navn = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if navn == "t":
                ut.add(id(node.args[0]))
    return ut


def _tekst(node: ast.AST) -> str:
    if isinstance(node, ast.Constant):
        return node.value
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


DOK_MODULER = ("ovelser/skjemadok.py",)


def _dokumentasjon(tree: ast.AST) -> set[int]:
    """Literals of author documentation: inside ``Dokumentasjon(...)``, a ``beskrivelse`` class attribute, or the
    value of a schema's ``description``/``title`` key."""
    ut = set()
    for node in ast.walk(tree):
        deler: list[ast.AST] = []
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Dokumentasjon":
            deler = [node]
        elif isinstance(node, ast.Assign) and any(getattr(m, "id", None) == "beskrivelse" for m in node.targets):
            deler = [node.value]
        elif isinstance(node, ast.Dict):
            deler = [v for k, v in zip(node.keys, node.values, strict=True)
                     if isinstance(k, ast.Constant) and k.value in ("description", "title")]
        for d in deler:
            ut |= {id(n) for n in ast.walk(d)}
    return ut


def literaler(fil: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal in a module that is neither a docstring, a catalogue key nor author
    documentation."""
    if fil.is_relative_to(SRC) and fil.relative_to(SRC).as_posix() in DOK_MODULER:
        return []
    tree = ast.parse(fil.read_text(encoding="utf-8"))
    hopp = _docstrings(tree) | _katalognokler(tree) | _dokumentasjon(tree)
    i_fstreng = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    ut = []
    for node in ast.walk(tree):
        if id(node) in hopp or id(node) in i_fstreng:
            continue
        if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            ut.append((node.lineno, _tekst(node)))
    return ut


def norsk_tekst(tekst: str) -> bool:
    """Norwegian prose: Norwegian letters or words in a literal with a space. A literal without a space is an
    identifier, data key or option (``"feil"``, ``"--mappe"``) unless it is a capitalised word with æ, ø or å
    (a label such as ``"Målgrupper"``)."""
    tekst = MAL.sub(" ", tekst).strip()
    if not any(c.isspace() for c in tekst):
        return bool(re.fullmatch(r"(?=\w*[æøåÆØÅ])[A-ZÆØÅ]\w*[.:]?", tekst))
    return bool(NORSK.search(tekst))


def _tillatt(modul: str, tekst: str) -> bool:
    return any(modul == m and re.fullmatch(mønster, tekst, re.DOTALL) for m, mønster, _ in TILLATT)


def funn() -> list[str]:
    ut = []
    for fil in sorted(SRC.rglob("*.py")):
        modul = fil.relative_to(SRC).as_posix()
        for linje, tekst in literaler(fil):
            if norsk_tekst(tekst) and not _tillatt(modul, tekst):
                ut.append(f"{modul}:{linje}: {tekst[:100]!r}")
    return ut


def test_no_norwegian_text_in_code_outside_the_catalogue():
    rest = funn()
    assert not rest, ("Norwegian text in code; move it to meldinger/nb.yaml and nn.yaml and use t():\n"
                      + "\n".join(rest))


def test_every_allow_list_entry_is_still_needed():
    """An entry that covers nothing any more is removed, so the list stays short and true."""
    for modul, mønster, grunn in TILLATT:
        assert grunn.strip()
        treff = [tk for _l, tk in literaler(SRC / modul) if norsk_tekst(tk) and re.fullmatch(mønster, tk, re.DOTALL)]
        assert treff, f"TILLATT entry for {modul} ({mønster}) matches nothing"


@pytest.mark.parametrize("kode,funnet", [
    ('x = "Fant ikke filen."', True),
    ('x = f"skrev {p}"', True),
    ('x = "Øvelse"', True),
    ('raise ValueError(f"{fil}: er ikke en liste")', True),
    ('x = t("ovelse.send")', False),
    ('x = meldinger.t(f"status.{s}", n=1)', False),
    ('def f():\n    """Skriver til mappa."""', False),
    ('x = "utf-8"', False),
    ('x = "<p>{{ t(\'rapport.tittel\') }}</p>"', False),
    ('x = "<p>Ingen termer</p>"', True),
    ('x = "<style>.avvik{color:red}</style><p>{{ t(\'a.b\') }}</p>"', False),
    ('x = "application/json"', False),
    ('x = "Table 5 cannot be met"', False),
    ('x = "Omtrentlig i kilden; godtatt avvik"', True),
    ('x = "--ingen-nettleser"', False),
    ('x = "Målgrupper"', True),
    ('x = "tl-feil"', False),
    ('x = {"description": "øvelsestypen (se typene under)"}', False),
    ('x = {"x-melding": "bruk a–z og _ her"}', True),
    ('class S:\n    beskrivelse = "Et tall innenfor en toleranse"', False),
])
def test_the_scanner(tmp_path, kode, funnet):
    fil = tmp_path / "m.py"
    fil.write_text(kode + "\n", encoding="utf-8")
    assert any(norsk_tekst(tk) for _l, tk in literaler(fil)) is funnet
