"""Generate ``data/ovelser/SKJEMA.md`` from the exercise schema and the kinds' documentation.

The field tables (paths, types, limits, required) are read from the JSON Schema (``ovelser.skjema``); the
meanings, rules and examples come from ``FELLES_DOK`` here and each kind's ``DOK`` (``ovelser/slag/<kind>.py``).
``lag()`` returns the text; ``skriv()`` writes it. ``tests/test_skjema_ovelser.py`` fails when the committed
file is stale.
"""

from __future__ import annotations

from pathlib import Path

from tiltakslab.ovelser.skjema import FELLES_PAKREVD, SKJEMA_VERSJON, json_type, ovelse_skjema
from tiltakslab.ovelser.slag import SLAG

HODE = """# Exercise schema (`data/ovelser/*.yaml`), schema version {versjon}

This is the contract between content authors and the exercise engine (`tiltakslab.ovelser`).
Field names and learner-facing values are Norwegian; this document is English (maintainers).
The engine validates every file on load and `tiltakslab sjekk` validates all of them against a JSON Schema
(draft 2020-12) assembled from the common fields and one fragment per kind (`src/tiltakslab/ovelser/slag/`),
plus each kind's cross-field rules; an error names the file, the exercise, the field (positions 1-based) and
the YAML line, in Norwegian, e.g.
`data/ovelser/kis.yaml, post «kis-02» (nr. 2), felt «alternativer nr. 2 › riktig», linje 41: må være true eller false.`

**This file is generated** from the schema and the kinds' documentation
(`python -c "from tiltakslab.ovelser.skjemadok import skriv; skriv()"`); a test fails when it is stale.
Edit the kind's module (`Slag.skjema`, `DOK`) or `tiltakslab/ovelser/skjemadok.py`, not this file.

## Files

One file per theme, `data/ovelser/<tema>.yaml` (lower case, `a-z0-9_`). A file is a mapping:

```yaml
versjon: 1          # schema version, must be 1
ovelser:            # list of exercise records (below), at least one
  - id: kis-01
    ...
```

Files whose name starts with `_` are ignored (drafts). Exercise ids are unique across **all** files."""

# path → (required note when the schema cannot say it, meaning)
FELLES_DOK: dict[str, tuple[str, str]] = {
    'id': ('',
        'stable id, e.g. `opp-01`, `rel-03`, `kis-02`, `sam-04`, `res-01`, `met-02`. Never renumber: answers '
        'are stored under it.'),
    'tema': ('', "theme slug; by convention the file's name stem"),
    'type': ('',
        '`flervalg`, `flere_riktige`, `rangering`, `sortering`, `tallsvar`, `kartlegging`, `oppfolgingsplan`,'
        ' `dialog`, `refleksjon`'),
    'tittel': ('', 'short title'),
    'oppgavetekst': ('',
        "the task. `{navn}` is replaced by the case's first name when the exercise is shown with a case "
        '(`ovelse(id, deltaker=...)`), otherwise by `deltakeren`.'),
    'poeng': ('',
        'maximum points. Must be `0` when `ingen_fasit: true`. `refleksjon` points are for manual assessment '
        'only.'),
    'minutter': ('', 'time estimate (used by the progress overview)'),
    'niva': ('', 'level'),
    'hint': ('', 'shown after a wrong or partly right attempt; must not give away the key'),
    'sitater': ('', 'excerpts the whole exercise rests on; shown with the final feedback'),
    'egen_forklaring': ('',
        "default `false`. `true` marks that the exercise's own texts (options, areas, rubric lines) are the "
        "course authors' framing, not the sources'; the widget then shows «Vår forklaring, ikke kildens» "
        "beside them. Use it whenever content could be mistaken for a source's list (e.g. KIS areas — the "
        "sources do not give KIS's items)."),
    'premisser': ('',
        "the case's premises: a case is drawn for this exercise only from synthetic participants that satisfy"
        ' **all** of them (see «Case premises» below)'),
    'sak_utsnitt': ('',
        'default `hele`. `start`: the case is shown as it is known the day the participant joins (background '
        'and problems known then) – no mapping, log or outcome. Use it for exercises that play the first '
        'meeting.'),
}

ETTER_FELLES = """
### Conditions (`premisser`, and `tallsvar`'s `beregning.utvalg` and `beregning.nevner`)

One format, one definition in the schema (`$defs/betingelser`) and one module (`tiltakslab.betingelser`:
validation, the operators, applying to a table or to one participant's fields). A condition list is a list of
1–N conditions that must **all** hold; never an expression (a text, e.g. an old pandas query string, is
refused: content never reaches an evaluator). Each condition has `kolonne` and `operator`, and then:

| operator | with | example |
|---|---|---|
| `==` `!=` `<` `<=` `>` `>=` | `verdi` (text ≤ 200 chars, number, `true`/`false`); in `beregning` also `mot_kolonne` (another column) instead | `{kolonne: alder, operator: "<", verdi: 25}` |
| `i`, `ikke_i` | `verdier` (a list of such values) | `{kolonne: kontakttype, operator: i, verdier: [Telefon, Hjemmebesøk]}` |

A missing value satisfies only `!=` and `ikke_i`. A date column compares with an ISO date (`"2004-03-01"`).
Limits: `premisser` 1–10 conditions of 1–30 values, over the columns of `deltakere.csv`, `kartlegging.csv` and
`utfall.csv` (joined on `deltaker_id`; an unknown column is refused when the file is checked);
`beregning` 1–20 conditions of 1–50 values, over the columns of its `tabell` (`tiltakslab sjekk` names an
unknown column).

### Case premises (`premisser`)

```yaml
premisser:
  - {kolonne: arbeidssokerstatus, operator: ikke_i, verdier: [Yrkeshemmede i tiltak]}
  - {kolonne: kis_kartlagt, operator: "==", verdi: true}
```

`tiltakslab.data.kandidater(premisser)` is the pool; `deltaker_for_student(student_id, premisser)` draws
from it deterministically. When a notebook shows an exercise with the learner's own case
(`ovelse(id, deltaker=MIN_SAK)`), the case is kept if it satisfies the premises; otherwise another case is
drawn from the pool (deterministic from the learner's case, never with the same first name, and the same
second person for every exercise that needs one).

Every `sitater` list anywhere holds ids of records in `data/excerpts.yaml` (e.g. `notat-012`,
`strategi-03`, `delrapp-020`, `oversikt-041`). `tiltakslab sjekk` fails on an unknown id.
Feedback texts (`tilbakemelding`, `forklaring`, `begrunnelse`, `vurdering`, `modellsvar`) are
Markdown and are **our** words; the engine shows cited excerpts beneath them, labelled with source and
locator. Never write a quotation from a source into a feedback text — cite the excerpt id instead.

Unknown fields are an error (catches typos such as `tilbakemeldning`).

## How answers are stored (for `samle` and instructors)

Each submit is stored under the exercise id (plus `@<deltaker-id>` when shown with a case) with the
answer in this shape:"""  # noqa: E501 - a Markdown table row cannot wrap

SLUTT = """## Changing this schema

Additive, optional fields only; anything else bumps `versjon` and needs a migration note here."""


def _type(s: dict) -> str:
    """A JSON Schema fragment in words (English, short)."""
    if "$ref" in s:  # a shared definition (``#/$defs/<name>``)
        return _type(ovelse_skjema()["$defs"][s["$ref"].rsplit("/", 1)[1]])
    if "title" in s:
        return s["title"]
    if "anyOf" in s:
        return " or ".join(_type(x) for x in s["anyOf"])
    if "const" in s:
        return f"`{s['const']}`"
    if "enum" in s:
        return " \\| ".join(f"`{v}`" for v in s["enum"])
    jt = json_type(s)
    if isinstance(jt, list):
        return "id (`a-z0-9_-`)" if s.get("pattern") == "^[a-z0-9_-]+$" else " or ".join(jt)
    if jt == "string":
        ut = "string"
        if s.get("pattern") not in (None, "\\S"):
            ut += f" `{s['pattern']}`"
        if "maxLength" in s:
            ut += f", ≤ {s['maxLength']} chars"
        return ut
    if jt in ("integer", "number"):
        lo, hi = s.get("minimum"), s.get("maximum")
        ut = jt
        if lo is not None and hi is not None:
            ut += f" {lo}–{hi}"
        elif lo is not None:
            ut += f" ≥ {lo}"
        return ut
    if jt == "boolean":
        return "bool"
    if jt == "array":
        lo, hi = s.get("minItems"), s.get("maxItems")
        antall = f"{lo}–{hi}" if lo is not None and hi is not None else (f"≤ {hi}" if hi is not None else
                                                                      (f"≥ {lo}" if lo is not None else ""))
        items = s.get("items") or {}
        hva = "" if json_type(items) == "object" else f" of {_type(items)}"
        return f"list{f' ({antall})' if antall else ''}{hva}"
    if jt == "object":
        return "mapping"
    return "see below"


def _rader(egenskaper: dict, pakrevd: list, prefiks: str = "") -> list[tuple[str, str, bool]]:
    """(path, type, required) for every field, sub-records flattened as ``felt[].sub`` / ``felt.sub``."""
    ut = []
    for navn, s in egenskaper.items():
        sti = f"{prefiks}{navn}"
        ut.append((sti, _type(s), navn in pakrevd))
        if json_type(s) == "object":
            ut += _rader(s.get("properties") or {}, s.get("required") or [], f"{sti}.")
        items = s.get("items") if json_type(s) == "array" else None
        if isinstance(items, dict) and json_type(items) == "object":
            ut += _rader(items.get("properties") or {}, items.get("required") or [], f"{sti}[].")
    return ut


def _tabell(rader: list[tuple[str, str, bool]], dok: dict[str, tuple[str, str]]) -> str:
    linjer = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for sti, art, krav in rader:
        note, mening = dok.get(sti, ("", ""))
        linjer.append(f"| `{sti}` | {art} | {'yes' if krav else (note or 'no')} | {mening} |")
    return "\n".join(linjer)


def udokumenterte() -> list[str]:
    """Documented paths that the schema does not have (stale documentation), for a test."""
    skjema = ovelse_skjema()
    ut = [f"felles: {p}" for p in FELLES_DOK if p not in skjema["$defs"][next(iter(SLAG))]["properties"]]
    for navn, slag in SLAG.items():
        if slag.dok is not None:
            stier = {s for s, _t, _k in _rader(slag.skjema["properties"], slag.skjema["required"])}
            ut += [f"{navn}: {p}" for p in slag.dok.felt if p not in stier]
    return ut


def lag() -> str:
    """The text of SKJEMA.md for the kinds registered now."""
    skjema = ovelse_skjema()
    felles = skjema["$defs"][next(iter(SLAG))]["properties"]
    felles = {k: v for k, v in felles.items() if k in FELLES_DOK}
    felles["type"] = {"enum": list(SLAG)}
    deler = [HODE.format(versjon=SKJEMA_VERSJON), "## Common fields (every kind)",
             _tabell(_rader(felles, FELLES_PAKREVD), FELLES_DOK), ETTER_FELLES,
             "| kind | stored `svar` |\n|---|---|\n" + "\n".join(
                 f"| `{n}` | {s.dok.lagret if s.dok else ''} |" for n, s in SLAG.items()),
             "---"]
    for nr, (navn, slag) in enumerate(SLAG.items(), start=1):
        dok = slag.dok
        deler.append(f"## {nr}. `{navn}` — {dok.tittel if dok else slag.beskrivelse}")
        if dok and dok.innledning:
            deler.append(dok.innledning)
        deler.append(_tabell(_rader(slag.skjema["properties"], slag.skjema["required"]), dok.felt if dok else {}))
        if dok and dok.mer:
            deler.append(dok.mer)
    deler.append(SLUTT)
    return "\n\n".join(deler) + "\n"


def sti() -> Path:
    from tiltakslab.paths import data_dir  # noqa: PLC0415

    return data_dir() / "ovelser" / "SKJEMA.md"


def skriv(mal: Path | None = None) -> Path:
    """Write SKJEMA.md (atomically) and return its path."""
    from tiltakslab.skriving import skriv_atomisk  # noqa: PLC0415

    mal = Path(mal) if mal else sti()
    return skriv_atomisk(mal, lag(), rot=mal.parent, modus=0o644)
