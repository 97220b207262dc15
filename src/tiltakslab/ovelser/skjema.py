"""Validate exercise files (``data/ovelser/*.yaml``) with JSON Schema plus the rules JSON Schema cannot say.

The schema is assembled from the common fields here and one fragment per kind (``Slag.skjema`` in
``ovelser/slag/<kind>.py``); unknown fields are refused. Rules across fields (exactly one right option,
dialogue reachability, references to categories, fields and options, premises) are each kind's
``Slag.sjekk`` and run on records the schema accepted. ``valider_fil(data, fil, tekst)`` returns Norwegian
messages naming file, exercise («id» (nr. N)), field (1-based positions) and YAML line; empty means valid.
``SKJEMA.md`` is generated from the same schema (``tiltakslab.ovelser.skjemadok``).
"""

from __future__ import annotations

from tiltakslab.ovelser.slag import SLAG
from tiltakslab.ovelser.slag.felt import BETINGELSER, BOOL, SITATER, TEKST, heltall
from tiltakslab.skjema import Skjemafeil, komponer, plasser, valider_mot

SKJEMA_VERSJON = 1
NIVAER = ("grunnleggende", "viderekommen", "fordypning")
SAK_UTSNITT = ("hele", "start")  # the whole course of the case, or only what is known when it starts

FELLES = {
    "id": {"type": "string", "pattern": "^[a-z]{2,5}-\\d{2,3}$",
           "x-melding": "skjemaform.ovelse_id"},
    "tema": {"type": "string", "pattern": "^[a-z0-9_]+$", "x-melding": "skjemaform.tema"},
    "type": {"description": "øvelsestypen (se typene under)"},
    "tittel": {**TEKST, "maxLength": 120},
    "oppgavetekst": TEKST,
    "poeng": heltall(0, 100),
    "minutter": heltall(1, 120),
    "niva": {"enum": list(NIVAER)},
    "hint": TEKST,
    "sitater": SITATER,
    "egen_forklaring": BOOL,
    "premisser": BETINGELSER,
    "sak_utsnitt": {"enum": list(SAK_UTSNITT)},
}
FELLES_PAKREVD = ["id", "tema", "type", "tittel", "oppgavetekst", "poeng", "minutter", "niva"]


_BYGD: dict[tuple, dict] = {}


def ovelse_skjema() -> dict:
    """The JSON Schema (2020-12) of an exercise file, with one sub-schema per registered kind."""
    nokkel = tuple((navn, id(slag)) for navn, slag in SLAG.items())
    if nokkel not in _BYGD:
        _BYGD.clear()
        _BYGD[nokkel] = _bygg()
    return _BYGD[nokkel]


def _bygg() -> dict:
    from tiltakslab import betingelser  # noqa: PLC0415

    if betingelser.SKJEMA_NAVN in SLAG:
        raise ValueError(f"a kind cannot be named {betingelser.SKJEMA_NAVN!r} (a shared definition in $defs)")
    # one shared definition beside the kinds: the condition lists (``premisser``, ``beregning.utvalg``/``nevner``)
    defs = {betingelser.SKJEMA_NAVN: betingelser.skjema()}
    for navn, slag in SLAG.items():
        egne = slag.skjema
        defs[navn] = {"title": navn, "description": slag.beskrivelse, "type": "object",
                      "additionalProperties": False,
                      "required": FELLES_PAKREVD + [f for f in egne["required"] if f not in FELLES_PAKREVD],
                      "properties": {**FELLES, **egne["properties"], "type": {"const": navn}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "tiltakslab/ovelser",
        "title": "data/ovelser/*.yaml: exercises",
        "type": "object", "additionalProperties": False, "required": ["versjon", "ovelser"],
        "properties": {
            "versjon": {"const": SKJEMA_VERSJON},
            "ovelser": {"type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["type"],
                "properties": {"type": {"enum": list(SLAG)}},
                "allOf": [{"if": {"properties": {"type": {"const": navn}}, "required": ["type"]},
                           "then": {"$ref": f"#/$defs/{navn}"}} for navn in SLAG]}},
        },
        "$defs": defs,
    }


def json_type(s: dict) -> object:
    """A schema fragment's JSON type (not an exercise's kind)."""
    return s.get("type")


def _passer(verdi: object, s: dict) -> bool:
    return isinstance(verdi, list) == (json_type(s) == "array")


def _rens(verdi: object, s: dict) -> object:
    if "anyOf" in s:
        gren = next((g for g in s["anyOf"] if _passer(verdi, g)), None)
        return verdi if gren is None else _rens(verdi, gren)
    jt = json_type(s)
    if isinstance(jt, list) and "string" in jt:  # an id: a string, or a number written without quotes
        return verdi if isinstance(verdi, bool) else str(verdi)
    if jt == "array" and isinstance(verdi, list):
        return [_rens(v, s.get("items") or {}) for v in verdi]
    if jt == "object" and isinstance(verdi, dict):
        egenskaper = s.get("properties") or {}
        ut = {k: _rens(v, egenskaper.get(k) or {}) for k, v in verdi.items()}
        for k, sub in egenskaper.items():
            if k not in ut and json_type(sub) == "array" and not sub.get("minItems"):
                ut[k] = []  # an optional list that may be empty: present, so readers need no ``or []``
        return ut
    return verdi


def rens(rec: dict) -> dict:
    """A clean copy of a valid exercise record: ids and id references as text (``id: 1`` → ``"1"``), and
    optional lists that may be empty (``sitater``) present. The record itself is not changed."""
    return _rens(rec, ovelse_skjema()["$defs"][rec["type"]])


def _felles_regler(rec: dict):
    if "premisser" in rec:
        from tiltakslab.premisser import valider as valider_premisser  # noqa: PLC0415

        for hva in valider_premisser(rec["premisser"]):
            yield ["premisser"], hva


def valider_feil(data: object, fil: str, tekst: str | None = None) -> list[Skjemafeil]:
    """Every problem in one exercise file's parsed YAML, located (``tekst`` adds YAML line numbers)."""
    feil = valider_mot(data, ovelse_skjema(), fil, tekst)
    if not isinstance(data, dict) or not isinstance(data.get("ovelser"), list):
        return feil
    daarlige = {f.sti[1] for f in feil if len(f.sti) > 1 and f.sti[0] == "ovelser"}
    composed = None
    regler: list[Skjemafeil] = []
    for nr, rec in enumerate(data["ovelser"]):
        if nr in daarlige:  # a record the schema refused: its cross-field rules would read a broken shape
            continue
        # the kinds' rules read the clean record, as the loader will keep it (ids as text, lists present)
        for sti, hva in [*_felles_regler(rec), *SLAG[rec["type"]].sjekk(rens(rec))]:
            if composed is None and tekst is not None:
                composed = komponer(tekst)
            regler.append(plasser(data, fil, ["ovelser", nr, *sti], hva, composed))
    return feil + regler


def valider_fil(data: object, fil: str, tekst: str | None = None) -> list[str]:
    """Validate a whole exercise file's parsed YAML; Norwegian messages (empty: valid)."""
    return [str(f) for f in valider_feil(data, fil, tekst)]


def valider_ovelse(rec: object, fil: str, nr: int = 0) -> list[str]:
    """Validate one exercise record as if it were the only one in a file."""
    return valider_fil({"versjon": SKJEMA_VERSJON, "ovelser": [rec]}, fil)


def siterte_ider(rec: dict) -> list[str]:
    """Every excerpt id cited anywhere in an exercise record (in order, with repeats removed)."""
    funnet: list[str] = []

    def gå(x: object) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "sitater" and isinstance(v, list):
                    funnet.extend(str(i) for i in v)
                else:
                    gå(v)
        elif isinstance(x, list):
            for v in x:
                gå(v)

    gå(rec)
    return list(dict.fromkeys(funnet))
