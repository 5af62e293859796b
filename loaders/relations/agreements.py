"""Finding agreements, treaties and memoranda with their parties, date and status.

Names are kept as printed ("Agreement on Friendly Relations and Trade",
"memorandum of understanding on ... fisheries"); the key is the name and the parties'
codes, so the same agreement gets the same key in every digest that names its parties,
while two pairs' "Partnership and Cooperation Agreement"s stay apart. An acronym in
brackets after the name becomes an alternative label.
"""
from __future__ import annotations

import re

from rdflib import Literal

from kazgraph.loaders.text import dates
from kazgraph.loaders.relations.agreement_dates import dated, first_date
from kazgraph.loaders.relations.agreement_parties import (GROUP, PRESENCE, item_event,
                                                         item_event_date, joined_body, joining)
from kazgraph.loaders.relations.agreement_parties import parties as find_parties
from kazgraph.loaders.relations.agreement_parties import status as sign_status
from kazgraph.loaders.relations.events.records import EventRec
from kazgraph.loaders.model import Sentence, Span
from kazgraph.loaders.relations.context import (PARTY_CLASSES, PLACE_CLASSES, Context, clean_name,
                                     name_prefix, slug)
from kazgraph.vocab import KG

_HEAD = (r"Agreement|Treaty|Memorandum of Understanding|Memorandum|Convention|Declaration|"
         r"Charter|Roadmap|Road Map|Protocol|Accords|Accord|Pact|Action Plan|Joint Statement|Statement|"
         r"Communiqu[eé]")
# a capitalised word of a name, a year (not "in 1994", which dates it), or an ordinal
# ("... in the 21st Century"); a month ends the name: "... in <City> on September 8"
_MONTHS = (r"January|February|March|April|May|June|July|August|September|October|"
           r"November|December")
_CAP = (rf"(?:(?!(?:{_MONTHS})\b)[A-Z][\w’'-]*|(?<!\bin\s)(?:19|20)\d\d|"
        r"\d{1,3}(?:st|nd|rd|th)(?=\s+[A-Z]))")
_NOT_HEAD = rf"(?!(?:{_HEAD})\b)"
# capitalised words of a Title Case headline that follow a name and are not part of it:
# "... Sign Roadmap on Transit During President's Visit"
_NOT_POST = (r"(?!(?:During|Amid|After|Before|Ahead|As|With|Over|At|Sign|Signs|Signed|Is|"
             r"Are|Was|Were|Will|Amid|Following|Despite)\b)")
# "Extended Trade and Investment Agreement", "Treaty on Durable Friendship and Good
# Neighbourhood", "Agreement on Cooperation Between the Customs Services"
_NAMED = re.compile(
    rf"(?P<pre>(?:{_NOT_HEAD}{_CAP}\s+(?:(?:and|of|on|for|&)\s+)?){{0,6}})"
    rf"(?P<head>{_HEAD}|Program(?:me)?(?=\s+of\s))\b(?!\s+Organi[sz]ation)"
    rf"(?P<post>\s+(?:on|of|for|in)"
    rf"\s+(?:the\s+|an?\s+)?{_NOT_HEAD}{_CAP}"
    rf"(?:(?:,\s+|\s+(?:(?:and|of|the|on|for|in|to)\s+)*){_NOT_HEAD}{_NOT_POST}{_CAP})*)?"
    r"(?:\s+\((?P<abbr>[A-Z][A-Za-z]{1,9})\))?")
_LEAD = {"The", "This", "That", "These", "A", "An", "In", "On", "At", "During", "Under", "By",
         "Both", "And", "Its", "Their", "His", "Her", "Our", "New", "Key", "Signing", "Signed",
         "After", "Before", "Since", "With", "Of", "For", "and", "of", "on", "for", "&"}
# "the memorandum of understanding on rare earth supply chains ...", "a joint action plan
# for regular political dialogue", "a broad fisheries and cooperation agreement"; a
# capitalised head whose subject is in lower case is one too: "the Declaration on the
# transition to a strategic alliance"
_LOWER = re.compile(
    r"\b(?:[Aa]|[Aa]n|[Tt]he)\s+(?P<name>(?:(?:[A-Z][\w-]*-[A-Z][\w-]*|"
    r"(?!(?:of|the|for|on|in|to|with|a|an|by|at)\s)[a-z][\w-]*)\s+){0,5}?"
    r"(?P<head>(?i:agreement|treaty|memorandum of understanding|memorandum|road ?map|"
    r"action plan|joint statement|declaration|accord|pact|contract|protocol|deal))\b(?!-))"
    r"(?P<with>\s+with\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}(?=\s+(?:on|for)\s))?"
    r"(?P<post>\s+(?:on|for|of|to)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\b|\d|"
    r"the\s+(?:sidelines|margins)\b|(?:its|their|his|her)\s)"
    r"(?:[\w-]+(?:,\s+(?:and\s+)?|\s+[-–—]\s+|[–—]|\s+)){0,16}?[\w-]+"
    r"(?=\s+(?:signed|which|that|was|were|is|are|will|between|with|by|at|during|in\s+(?:\d+|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b)|"
    r"within|has|have|had|last|this|early|earlier|worth|valued|amounting|totall?ing|"
    r"aimed|designed|in\s+(?:the\s+)?presence|"
    r"on\s+(?:the\s+sidelines|the\s+margins|their|its|his|her|our|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|"
    r"Jul|Aug|Sept?|Oct|Nov|Dec)\b|\d+))\b|\s*[.;:()”\"]|\s*$|"
    r",\s+(?!and\b)[a-z]+\s+(?!and\b)|,?\s+and\s+(?:a|an|the)\s))?")
# "the Agreement between the Government of <A> and the Government of <B> on <Subject>": the
# label is head and subject, as such agreements are cited
_GOVERNMENTS = re.compile(
    r"\b(?P<head>Agreement|Treaty|Convention|Memorandum of Understanding|Memorandum|Protocol)"
    r"\s+between\s+the\s+Governments?\s+of\s[^.;]{3,120}?\s+"
    r"(?P<post>on\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:(?:and|of|the|on|for|in)\s+)*[A-Z][\w-]*)*)")
# "a plan of consultations between the foreign ministries for 2026-2027", "a programme of
# economic cooperation for 2026-2030"
_PLAN = re.compile(
    r"\b(?:[Aa]|[Aa]n|[Tt]he)\s+(?P<name>(?:joint\s+|cooperation\s+)?"
    r"(?:plan|program(?:me)?)\s+of\s+(?:(?:economic|trade|economic\s+and\s+trade|"
    r"military|technical|cultural|humanitarian|interregional|regional)\s+)?"
    r"(?:consultations|cooperation|joint\s+actions?|interaction)"
    r"(?:\s+between\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?:ministries|agencies|governments|"
    r"parliaments|services))?"
    r"(?:\s+(?:for|until|through)\s+(?:the\s+)?(?:years\s+)?(?:19|20)\d\d"
    r"(?:\s*[-–]\s*(?:19|20)?\d\d)?)?)")
# "a memorandum of understanding between the <Fund> and the <Bank> holding": the
# organisations named are its parties, whoever signed the rest of the sentence
_PAIR = re.compile(
    r"\b(?:[Aa]|[Aa]n|[Tt]he)\s+(?P<name>(?:memorandum of understanding|memorandum|agreement|"
    r"contract|accord)\s+between\s+(?:the\s+)?[A-Z][\w.&-]*(?:\s+(?:of\s+)?[A-Z][\w.&-]*)"
    r"{0,5}\s+and\s+(?:the\s+)?[A-Z][\w.&-]*(?:\s+(?:of\s+)?[A-Z][\w.&-]*){0,5}"
    r"(?:\s+(?:holding|company|group|bank|fund|corporation|agency|government|"
    r"ministry))?)")
_PAIR_LABEL = re.compile(r"(?:memorandum of understanding|memorandum|agreement|contract|"
                         r"accord) between ", re.IGNORECASE)
# "the presidents adopted a Joint Statement", "signed a joint declaration titled "...": a
# joint text the sides adopt or sign is a document they are party to, though it has no
# subject; a title in quotes is its name
_JOINT = re.compile(
    r"\b(?:adopted|signed|approved)\s+(?:a|the)\s+(?P<name>(?i:joint\s+(?:statement|"
    r"declaration|communiqu[eé])))(?!\s+(?:on|of|by)\s)\b"
    r"(?:,?\s+(?:titled|entitled|called)\s+[\"“](?P<title>[^\"“”]{5,160})[\"”])?")
_JOINT_TEXT = re.compile(r"Joint (?:statement|declaration|communiqu[eé])")
# "signed a free trade deal", "inked a gas supply deal with ...": a deal is an agreement
# when the sentence has it signed
_DEAL_MADE = re.compile(r"\b(?:signed|inked|sealed|concluded|signing\s+of)\s+$")
# "signed agreements on road transport, customs and air services": one document for each
# subject the list names
_PLURAL = re.compile(
    r"\b(?:signed|concluded|inked|adopted|exchanged)\s+(?:(?:two|three|four|five|six|seven|"
    r"eight|nine|ten|several|bilateral|intergovernmental|interagency)\s+)*"
    r"(?P<head>agreements|memoranda(?:\s+of\s+understanding)?|memorandums(?:\s+of\s+"
    r"understanding)?|protocols|road\s?maps)\s+on\s+"
    r"(?P<list>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}(?:,\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})*"
    r",?\s+and\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)"
    r"(?=\s*[.;,]|\s*$|\s+(?:on|in|at|during|between|with|worth|last|this|earlier|"
    r"were|was|which|that)\b)")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10}
_SINGULAR = {"agreements": "Agreement", "memoranda": "Memorandum", "memorandums": "Memorandum",
             "protocols": "Protocol", "roadmaps": "Roadmap", "road maps": "Road map"}
_WEAK = {"new", "key", "important", "bilateral", "first", "second", "relevant", "such",
         "this", "that", "same", "respective", "initial", "final", "main", "agreed", "peace",
         "joint", "framework", "draft"}


def _candidates(sentence: Sentence) -> list[tuple[int, int, str, str | None]]:
    """(start, end, label, acronym) of agreement names in one sentence."""
    found = []
    pos = 0
    while (m := _NAMED.search(sentence.text, pos)) is not None:
        pos = max(m.end(), pos + 1)
        pre, first, _ = name_prefix(m.group("pre"), _LEAD)
        if not pre and (not m.group("post") or m.group("head").startswith(("Statement",
                                                                           "Communiqu"))):
            # a bare "Statement on ..." is a press release; "<City> Statement" is a text
            continue
        if not m.group("post") and pre and _title_case(sentence.text) and all(
                w.lower() in _WEAK or re.search(r"(?:al|ic|ive|ary|ed|ing)$", w.lower())
                for w in pre):
            continue  # a headline's "Back Regional Roadmap" is a regional roadmap, no name
        if m.group("head").startswith(("Statement", "Communiqu")) and pre and pre[-1] in {
                "Ministry", "MFA", "Office", "Service", "Press", "Spokesperson", "Government",
                "President", "Secretary", "Embassy", "Minister", "Department"}:
            continue  # "the Foreign Ministry Statement" is an announcement, not an agreement
        start = m.start("pre") + first if first is not None else m.start("head")
        end = m.end("post") if m.group("post") else m.end("head")
        stop = m.end()
        if m.group("post") and re.match(rf"\s+(?:{_HEAD})\b", sentence.text[end:]):
            # "... Zone in Central Asia and the Non-Proliferation Treaty": the words after
            # the last "and" begin the next name
            cut = list(re.finditer(r",?\s+and\s+(?:the\s+)?", sentence.text[start:end]))
            if not cut:
                continue
            end = stop = start + cut[-1].start()
            pos = start + cut[-1].end()
        found.append((start, stop, clean_name(sentence.text[start:end]),
                      m.group("abbr") if stop == m.end() else None))
    found = _joined(sentence.text, found)
    for m in _GOVERNMENTS.finditer(sentence.text):
        if not any(s <= m.start() < e for s, e, _, _ in found):
            label = f"{m.group('head')} {m.group('post')}"
            found.append((m.start(), m.end(), label, None))
    for m in _LOWER.finditer(sentence.text):
        head = m.group("head").lower()
        post = m.group("post") or ""
        lead = [w for w in m.group("name")[:m.start("head") - m.start("name")].split()]
        if not post.strip() and not [w for w in lead if w.lower() not in _WEAK]:
            continue  # "a new agreement", "the peace treaty" without more is not a name
        if head == "contract" and not post.strip():
            continue
        if head == "deal" and not _DEAL_MADE.search(sentence.text[:m.start()]):
            continue  # "a deal" is talk of deals unless one is signed: "signed a gas deal"
        if post.strip() and len(post.split()) < 2:
            continue
        text = (m.group("name") + post).strip(" ,")
        text = re.sub(r"\s+(?:and|or|the|a)$", "", text)
        if any(s <= m.start("name") < e for s, e, _, _ in found):
            continue
        label = clean_name(text)
        stop = m.start("name") + len(text) + len(m.group("with") or "")
        found.append((m.start("name"), stop, label[:1].upper() + label[1:], None))
    for m in _PAIR.finditer(sentence.text):
        if not any(s <= m.start("name") < e for s, e, _, _ in found):
            label = clean_name(m.group("name"))
            found.append((m.start("name"), m.end("name"), label[:1].upper() + label[1:], None))
    for m in _PLURAL.finditer(sentence.text):
        items = list(re.finditer(r"(?:^|,\s+(?:and\s+)?|\s+and\s+)(?P<it>.+?)"
                                 r"(?=,\s+|\s+and\s+|$)", m.group("list")))
        if any(re.search(r"\b(?:of|in|for|with|to|on|the|a|an)\b", it.group("it"))
               for it in items):
            continue  # "on cooperation in trade, energy and transport" is one subject list
        count = re.search(r"\b(two|three|four|five|six|seven|eight|nine|ten)\s+",
                          sentence.text[m.start():m.start("head")])
        if count and _COUNTS[count.group(1)] != len(items):
            continue  # "three memoranda on tourism and fisheries": which is which is unsaid
        head = re.sub(r"\s+", " ", m.group("head").lower())
        kind = "road maps" if head.startswith("road ") else head.split()[0]
        label_head = _SINGULAR[kind] + (" of understanding" if "understanding" in head else "")
        base = m.start("list")
        for it in items:
            start, end = base + it.start("it"), base + it.end("it")
            if not any(s <= start < e for s, e, _, _ in found):
                found.append((start, end, f"{label_head} on {it.group('it')}", None))
    for m in _JOINT.finditer(sentence.text):
        if not any(s <= m.start("name") < e for s, e, _, _ in found):
            label = m.group("name").lower()
            title = m.group("title")
            found.append((m.start("name"), m.end(), title or label[:1].upper() + label[1:],
                          None))
    for m in _PLAN.finditer(sentence.text):
        if len(m.group("name").split()) > 3 and not any(
                s <= m.start("name") < e for s, e, _, _ in found):
            label = clean_name(m.group("name"))
            found.append((m.start("name"), m.end("name"), label[:1].upper() + label[1:], None))
    return found


def _title_case(text: str) -> bool:
    """Whether a sentence is a headline in Title Case, where every word is capitalised."""
    words = re.findall(r"\b[A-Za-z][a-z]{3,}\b", text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _content(label: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", label.lower())
            if w not in {"the", "a", "an", "of", "on", "for", "in", "to", "and", "between"}}


def _same_item(ctx: Context, sentence: Sentence, label: str, parties: list,
               named: list[tuple]) -> str | None:
    """The key of an agreement the same item already named with the same head word and
    parties, one name's words holding the other's: a headline's "Roadmap on Fisheries" and
    the body's "roadmap on fisheries cooperation for 2026-2028"."""
    words, keys = _content(label), frozenset(k for k, _ in parties)
    head = label.split()[0].lower()
    for item, other, others, key in named:
        if item != sentence.item or other.split()[0].lower() != head or others != keys:
            continue
        theirs = _content(other)
        if len(min(words, theirs, key=len)) >= 2 and (words <= theirs or theirs <= words):
            return key
    return None


def _joined(text: str, found: list[tuple]) -> list[tuple]:
    """Names joined by "to the" or "of the" are one: "Protocol on Amendments to the
    Agreement on Air Services"."""
    merged: list[tuple] = []
    for cand in sorted(found):
        if merged and re.fullmatch(r"\s+(?:to|of)\s+(?:the\s+)?", text[merged[-1][1]:cand[0]]):
            start = merged[-1][0]
            merged[-1] = (start, cand[1], clean_name(text[start:cand[1]]), cand[3])
        else:
            merged.append(cand)
    return merged


def extract(ctx: Context, refs: dict[int, list[EventRec]]) -> None:
    """Add Agreement entities with party, date and status facts."""
    ex = ctx.ex
    acronyms: dict[str, str] = {}
    seen: dict[str, str] = {}  # label -> key: one agreement per name in a digest
    named_in_item: list[tuple] = []  # (item, label, parties, key)
    signings: dict[int, tuple] = {}  # item -> (sentence index, (iso, span)) of its last signing
    for i, sentence in enumerate(ctx.sentences):
        base = sentence.span.start
        found = _candidates(sentence)
        names = [_trim(ctx, Span(base + start, base + end)) for start, end, _, _ in found]
        for (start, end, label, abbr), span in zip(found, names):
            if span.end < base + end:
                label, abbr = clean_name(ctx.text(span)), None
                label = label[:1].upper() + label[1:]
            if any(m.span.start <= span.start and span.end <= m.span.end
                   for m in ctx.mentions(span, {"InternationalOrganization", "Company"})):
                continue
            if _cited(ctx, sentence, span):
                continue  # "a commitment to the UN Charter" makes nobody a party to it
            if _listed(ctx, sentence, span):
                continue  # a title listing topics: "... summit, Abraham Accords, ..."
            aliases = [abbr] if abbr else []
            if _JOINT_TEXT.fullmatch(label):
                # "the leaders adopted a joint declaration" at a summit: the summit's
                # declaration, as a reader would cite it
                event = item_event(ctx, refs, i)
                if event is not None and event.kind == "named":
                    aliases.append(f"{label} of the {event.label}")
            prefix = _party_prefix(ctx, span, label)
            if prefix:  # "Chile-Peru Trade Agreement" is the two states' Trade Agreement
                aliases.append(label)
                label = label[prefix:].strip()
                label = label[:1].upper() + label[1:]
            if _PAIR_LABEL.match(label):
                parties = [(m.key, m.span) for m in ctx.mentions(span, PARTY_CLASSES)]
            else:
                parties = find_parties(ctx, i, sentence, span, prefix, refs.get(i, []),
                                       names)
                parties += [p for p in joined_body(ctx, sentence) if p[0] not in dict(parties)]
            signed_itself = _signed_itself(ctx, sentence, span)
            if not parties and not signed_itself:
                continue  # an agreement nobody is said to be party to is only a reference
            # "<C> signed a similar <name> with ...": another agreement of the same name
            other = re.search(r"\b(?:similar|another|separate|its own|their own)\s+$",
                              ctx.doc.text[max(0, span.start - 20):span.start])
            key = None if other else (acronyms.get(label) or seen.get(label.lower()) or
                                      _same_item(ctx, sentence, label, parties, named_in_item))
            if key is not None and ex.entities[key].label != label:
                aliases.append(label)
            if key is None:
                # many pairs of states sign a "Partnership and Cooperation Agreement" or a
                # "memorandum of cooperation in tourism": the parties tell them apart
                codes = sorted({k.split("/", 1)[1] for k, _ in parties
                                if ctx.cls(k) != "Company"})
                key = f"agreement/{slug(label)}" + (f"-{slug('-'.join(codes[:6]))}" if codes
                                                    else "")
                key = key[:140]
                seen[label.lower()] = key
            named_in_item.append((sentence.item, label, frozenset(k for k, _ in parties), key))
            ex.entity(key, "Agreement", label, aliases=aliases)
            if abbr:
                acronyms[abbr] = key
            ex.mention(key, span)
            for party, pspan in parties:
                # a party named outside this sentence (headline, sentence before, the event
                # it was signed at) is the reader's inference, and marked as one
                ex.fact(key, KG.party, party, pspan, inferred=not (
                    sentence.span.start <= pspan.start < sentence.span.end))
            status = sign_status(sentence.text)
            when = first_date(ctx, sentence, span, refs.get(i, []), signed_itself)
            if joining(ctx, sentence, span):
                # a state joining the accords dates its joining, not the accords; only a
                # year the sentence gives them ("the Accords, the 2020 agreements ...") is
                # theirs
                year = _SAID_YEAR.match(ctx.doc.text, span.end, sentence.span.end)
                when = (year.group(1), Span(year.start(1), year.end(1))) if year else None
                status = None
            if when is None and status == "signed" and (
                    GROUP.search(sentence.text) or PRESENCE.search(sentence.text)
                    or re.match(r"\s*(?:They|Both|The ministers)\b", sentence.text)
                    or _JOINT_TEXT.fullmatch(label)):
                # a joint statement is the text of the meeting that adopted it
                when = item_event_date(ctx, refs, i)
            told = when is None and status == "signed" and _signing_goes_on(
                ctx, sentence, i, signings)
            if told:
                when = signings[sentence.item][1]
            for iso, at, kind in dated(ctx, sentence, span, when, status, names) if when else []:
                ex.fact(key, KG.date, dates.to_literal(iso), at, inferred=told)
                if kind:
                    ex.fact(key, kind, dates.to_literal(iso), at, inferred=told)
                if kind == KG.signingDate and not told:
                    signings[sentence.item] = (i, (iso, at))
            if status:
                ex.fact(key, KG.status, Literal(status), span)
        _anaphors(ctx, i, sentence, refs, named_in_item, names)
        for abbr, key in acronyms.items():
            for m in re.finditer(rf"\b{re.escape(abbr)}\b", sentence.text):
                span = Span(base + m.start(), base + m.end())
                if not any(x.key == key and x.span == span for x in ex.mentions):
                    ex.mention(key, span)
    _told_apart(ctx)


def _with_article(ctx: Context, key: str) -> str:
    """An actor's name as a sentence has it: "the European Union", "the United States"."""
    label = ctx.label(key)
    the = ctx.cls(key) == "InternationalOrganization" or label.startswith("United ")
    return f"the {label}" if the else label


def _told_apart(ctx: Context) -> None:
    """Agreements of one name between different parties ("<A>'s and <B>'s Partnership and
    Cooperation Agreement") get their parties in an alternative label, so a reader can
    tell them apart: "Partnership and Cooperation Agreement between <EU> and <B>"."""
    ex = ctx.ex
    by_label: dict[str, list[str]] = {}
    for key, entity in ex.entities.items():
        if key.startswith("agreement/"):
            by_label.setdefault(entity.label.lower(), []).append(key)
    for keys in by_label.values():
        if len(keys) < 2:
            continue
        for key in keys:
            names = list(dict.fromkeys(_with_article(ctx, f.object) for f in ex.facts
                                       if f.subject == key and f.predicate == KG.party))
            if 2 <= len(names) <= 4:
                entity = ex.entities[key]
                entity.aliases.add(f"{entity.label} between {', '.join(names[:-1])} and "
                                   f"{names[-1]}")


# "the Accords, the 2020 agreements that ...": the year an apposition gives the agreement
_SAID_YEAR = re.compile(r",\s+(?:the|a)\s+((?:19|20)\d\d)\s+(?:agreements?|accords?|treaty|"
                        r"treaties|deal|pact|convention|declaration)\b")


def _listed(ctx: Context, sentence: Sentence, span: Span) -> bool:
    """Whether the name is one topic of a title that lists them ("Foreign media: the
    summit, the <Accords>, the visit"), which says nothing of who is party to it."""
    if re.search(r"[.!?\"”]\s*$", sentence.text) or sign_status(sentence.text):
        return False
    text = ctx.doc.text
    before = text[max(sentence.span.start, span.start - 8):span.start]
    after = text[span.end:sentence.span.end]
    return bool(re.search(r"(?:[,:;]|\band)\s*(?:the\s+)?$", before) and
                re.match(r"\s*(?:[,;]|and\b|$)", after))


# "Earlier, the sides had signed ...", "in 1998 they signed ...": another, older signing
_EARLIER = re.compile(r"\b(?:earlier|previously|formerly|before|ago|last|had\s+(?:also\s+)?"
                      r"signed|once)\b", re.IGNORECASE)


# a sentence telling a signing as an act ("they also signed a plan", "a roadmap was also
# signed"), not one recalling a signed text ("the treaty, signed by both, ...")
_SIGNING_ACT = re.compile(r"\b(?:signed|adopted|inked)\s+(?:a|an|the|two|three|four|five|"
                          r"several)\b|\b(?:was|were)\s+also\s+(?:signed|adopted)\b|"
                          r"\balso\s+signed\b")


def _signing_goes_on(ctx: Context, sentence: Sentence, i: int, signings: dict) -> bool:
    """Whether a signing sentence without a date goes on with the signing the sentence
    just before dated: "The two sides signed three agreements on May 3. The ministers
    also signed a plan of consultations."."""
    last = signings.get(sentence.item)
    return bool(last and last[0] == i - 1 and not _EARLIER.search(sentence.text)
                and _SIGNING_ACT.search(sentence.text))


# "The agreement was signed in <City> on May 17", "The treaty entered into force ...": the
# one agreement of that kind the item has named, dated by a later sentence
_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?P<head>agreement|treaty|memorandum|accord|road\s?map|protocol|declaration|"
    r"convention|deal)\s+(?=(?:was|were|had\s+been|has\s+been)\s+(?:signed|concluded)\b|"
    r"(?:entered|came)\s+into\s+force\b|took\s+effect\b)")


def _anaphors(ctx: Context, i: int, sentence: Sentence, refs: dict, named_in_item: list,
              names: list[Span]) -> None:
    """Dates a sentence gives "the agreement" the item named before, when the item named
    exactly one agreement of that kind."""
    base = sentence.span.start
    for m in _ANAPHOR.finditer(sentence.text):
        span = Span(base + m.start("head"), base + m.end("head"))
        if any(n.start <= span.start < n.end for n in names):
            continue
        head = re.sub(r"\s", "", m.group("head"))
        # "the agreement" and "the deal" stand for one another ("a gas deal ... the agreement")
        heads = r"agreement|deal|accord" if head in ("agreement", "deal") else head
        keys = {key for item, label, _, key in named_in_item if item == sentence.item and
                re.search(rf"\b(?:{heads})\b", re.sub(r"road map", "roadmap", label.lower()))}
        if len(keys) != 1:
            continue
        key = keys.pop()
        when = first_date(ctx, sentence, span, refs.get(i, []), True)
        if when is None:
            continue
        ctx.ex.mention(key, span)
        status = sign_status(sentence.text)
        for iso, at, kind in dated(ctx, sentence, span, when, status, names + [span]):
            ctx.ex.fact(key, KG.date, dates.to_literal(iso), at)
            if kind:
                ctx.ex.fact(key, kind, dates.to_literal(iso), at)


# "a shared commitment to the UN Charter", "in line with the principles of the Helsinki
# Final Act": an instrument the actors invoke, not one the sentence has them conclude
_INVOKED = re.compile(
    r"\b(?:(?:commitment|committed|adherence|respect|loyalty)\s+to|(?:principles|provisions|"
    r"norms|spirit|purposes|goals)\s+of|(?:in\s+line|in\s+accordance|consistent|in\s+keeping|"
    r"in\s+conformity|in\s+compliance)\s+with|guided\s+by|based\s+on)\s+(?:the\s+)?$",
    re.IGNORECASE)


def _cited(ctx: Context, sentence: Sentence, span: Span) -> bool:
    """Whether a named instrument is only invoked ("committed to the UN Charter") in a
    sentence that says nothing of signing it."""
    text = ctx.doc.text
    named = text[span.start:span.start + 1].isupper()
    before = text[max(sentence.span.start, span.start - 50):span.start]
    return bool(named and _INVOKED.search(before) and sign_status(sentence.text) is None)


# "the signing of the Treaty on ...", "the Treaty on ... was signed in Astana on May 29"
_SIGNING_OF = re.compile(r"\b(?:signing|conclusion|adoption)\s+of\s+(?:the\s+)?$")
_WAS_SIGNED = re.compile(r"^,?\s+(?:was|were|had been|has been)\s+(?:signed|concluded)\b")


def _signed_itself(ctx: Context, sentence: Sentence, span: Span) -> bool:
    """Whether the text says this named agreement was signed, with a date in the sentence:
    a treaty whose parties the text does not list is still a signed treaty."""
    text = ctx.doc.text
    named = text[span.start:span.start + 1].isupper()
    said = _SIGNING_OF.search(text[max(sentence.span.start, span.start - 40):span.start]) or \
        _WAS_SIGNED.match(text[span.end:sentence.span.end])
    return bool(named and said and any(not d.relative and d.span.start >= span.end
                                       for d in ctx.event_dates(sentence, span)))


def _trim(ctx: Context, span: Span) -> Span:
    """The name without a trailing "in <City> ..." that says where it was signed."""
    text = ctx.text(span)
    for m in re.finditer(r"\s+(?:in|at)\s+(?=[A-Z])", text):
        inside = ctx.mentions(Span(span.start + m.end(), span.end), PLACE_CLASSES)
        after = ctx.doc.text[inside[0].span.end:inside[0].span.end + 20] if inside else ""
        # "... in Lima on Nov. 3": a place followed by a date is where it was signed
        if inside and inside[0].span.start == span.start + m.end() and \
                ctx.cls(inside[0].key) == "City" and re.match(
                    r",?\s+(?:on|in|last|this|earlier)\s+(?:[A-Z][a-z]{2}|\d|week|month)|"
                    r",\s+(?:reported|said|says|reports|according)\b|[ \t]*(?:\n|$)", after):
            return Span(span.start, span.start + m.start())
    return span


def _party_prefix(ctx: Context, span: Span, label: str) -> int:
    """Length of a leading "EU-Kazakhstan " made only of actors' names, else 0."""
    m = re.match(r"([A-Z][\w.]*(?:\s*[-–]\s*[A-Z][\w.]*)+)\s+(?=[A-Z])", label)
    if not m:
        return 0
    words = [w for w in re.split(r"\s*[-–]\s*", m.group(1)) if w]
    inside = ctx.mentions(Span(span.start, span.start + m.end(1)),
                          {"State", "InternationalOrganization"})
    return m.end() if len(inside) >= len(words) else 0
