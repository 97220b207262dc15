"""The one exception the corpus module raises for bad content files."""

from __future__ import annotations


class KorpusFeil(ValueError):
    """A content file (sources, excerpts, glossary) has a bad record.

    The message is Norwegian and names the file, the record (id or position) and the field,
    so a content author can fix it without reading a traceback.
    """

    def __init__(self, fil: str, melding: str, post=None, felt: str | None = None):
        if callable(post):  # a record's label is worked out only when there is an error to name it in
            post = post()
        self.fil = str(fil)
        self.post = post
        self.felt = felt
        self.melding = melding
        from tiltakslab.meldinger import t  # noqa: PLC0415 - keeps this module free of YAML at import

        where = [self.fil]
        if post is not None:
            where.append(t("skjemafeil.post", post=post))
        if felt is not None:
            where.append(t("skjemafeil.felt", felt=felt))
        super().__init__(", ".join(where) + ": " + melding)


class KorpusSkjemaFeil(KorpusFeil):
    """Every schema problem of one content file at once; ``feil`` holds them, ``str()`` lists them."""

    def __init__(self, feil: list):
        first = feil[0]
        super().__init__(first.fil, first.melding, first.post, first.felt)
        self.feil = list(feil)
        self.args = ("\n".join(str(f) for f in self.feil),)

    def __str__(self) -> str:
        return self.args[0]
