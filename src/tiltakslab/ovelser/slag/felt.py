"""JSON Schema building blocks for the kinds' schema fragments (plain dicts; no jsonschema import)."""

from __future__ import annotations

MAKS_TEGN_GRENSE = 10_000  # the same hard limit as ``vurdering.MAKS_TEGN_GRENSE``

TEKST = {"type": "string", "minLength": 1, "pattern": "\\S"}
BOOL = {"type": "boolean"}
TALL = {"type": "number"}
DELID = {"type": ["string", "integer"], "pattern": "^[a-z0-9_-]+$", "x-melding": "skjemaform.del_id"}
SITATER = {"type": "array", "maxItems": 20, "title": "list of excerpt ids",
           "items": {"type": "string", "pattern": "^[a-z0-9_-]+$",
                     "x-melding": "skjemaform.utdrag_id"}}
# A list of declarative conditions (tiltakslab.betingelser): one definition in the exercise schema's $defs,
# shared by the common field ``premisser`` and ``tallsvar``'s ``beregning.utvalg``/``nevner``.
BETINGELSER = {"$ref": "#/$defs/betingelser"}


def heltall(lo: int, hi: int) -> dict:
    return {"type": "integer", "minimum": lo, "maximum": hi}


def liste(elementer: dict, lo: int, hi: int) -> dict:
    return {"type": "array", "minItems": lo, "maxItems": hi, "items": elementer}


def post(felt: dict, pakrevd: list[str], beskrivelse: str = "") -> dict:
    """A closed sub-record (unknown fields refused)."""
    ut = {"type": "object", "additionalProperties": False, "required": pakrevd, "properties": felt}
    if beskrivelse:
        ut["description"] = beskrivelse
    return ut


VALG = liste(post({"id": DELID, "tekst": TEKST}, ["id", "tekst"]), 2, 8)


def doble_ider(rec: dict, felt: str) -> list[tuple[list, str]]:
    """(path, message) for each sub-record id in ``rec[felt]`` used a second time (ids compared as text)."""
    from tiltakslab.meldinger import t  # noqa: PLC0415

    sett: set[str] = set()
    ut = []
    for i, sub in enumerate(rec[felt]):  # always a required list of sub-records
        sid = sub["id"]
        if sid in sett:
            ut.append(([felt, i, "id"], t("skjema.dobbel_id", verdi=sid)))
        sett.add(sid)
    return ut
