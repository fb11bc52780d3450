"""Actor mentions: registry precedence over NER, resolution to canonical ids, types, places."""

from __future__ import annotations

import pytest


def _actors(ag, text, **kwargs):
    result = ag.extract(text, **kwargs)
    return {(m.text, a.id) for a in result.actors for m in a.mentions}, result


@pytest.mark.parametrize(
    ("text", "mention", "actor_id"),
    [
        ("Officials in Islamabad rejected the report.", "Islamabad", "PAK"),
        ("Pakistani officials rejected the report.", "Pakistani", "PAK"),
        ("The statement named Fitna al-Khawarij as the culprit.", "Fitna al-Khawarij", "TTP"),
        ("The Tehrik-i-Taliban Pakistan claimed the attack.", "Tehrik-i-Taliban Pakistan", "TTP"),
        ("Ansar Allah fired two missiles at a tanker.", "Ansar Allah", "HOUTHIS"),
        ("The Kremlin said the offer was unacceptable.", "Kremlin", "RUS"),
        ("Emirati envoys arrived in Khartoum.", "Emirati", "ARE"),
        ("ISLAMABAD said it had no comment on the report.", "ISLAMABAD", "PAK"),
        # a two-word demonym is one actor, not Türkiye and Cyprus
        ("Turkish Cypriot leader Ersin Tatar left Geneva.", "Turkish Cypriot", "TRNC"),
        ("Greek Cypriots voted on Sunday.", "Greek Cypriots", "CYP"),
    ],
)
def test_registry_aliases_resolve_to_the_canonical_actor(ag, text, mention, actor_id):
    found, _ = _actors(ag, text)
    assert (mention, actor_id) in found


def test_registry_wins_over_a_wrong_statistical_label(ag):
    _, result = _actors(ag, "Fitna al-Khawarij fighters crossed the border.")
    (ttp,) = [a for a in result.actors if a.id == "TTP"]
    assert ttp.type == "MILITANT_GROUP"


def test_dated_alias_follows_the_article_date(ag):
    text = "The Taliban announced a new cabinet."
    recent, _ = _actors(ag, text, published="2025-10-26")
    old, _ = _actors(ag, text, published="2012-05-01")
    assert ("Taliban", "AFG") in recent
    assert ("Taliban", "AFG") not in old and any(m == "Taliban" for m, _ in old)


def test_unknown_people_become_actors_with_slug_ids(ag):
    _, result = _actors(ag, "Colonel Mamadou Diallo met reporters in Bamako.")
    ids = {a.id for a in result.actors}
    assert any(i.endswith("DIALLO") for i in ids)


def test_partial_name_refers_back_to_the_full_name(ag):
    text = (
        "Defence Minister Khawaja Asif spoke first. Later, Asif told reporters the talks had ended."
    )
    found, _ = _actors(ag, text)
    ids = {i for m, i in found if m in ("Khawaja Asif", "Asif")}
    assert len(ids) == 1


def test_a_title_makes_an_unknown_person_a_minister_and_is_not_an_actor(ag):
    _, result = _actors(ag, "Acting Foreign Minister Jan Novak arrived in Vilnius on Monday.")
    people = [a for a in result.actors if "Novak" in a.name]
    assert people and people[0].type == "MINISTER"
    assert not any(a.name in ("Foreign", "Acting Foreign") for a in result.actors)


@pytest.mark.parametrize("place", ["Istanbul", "Khyber Pakhtunkhwa", "Geneva"])
def test_places_that_are_not_capitals_are_not_actors(ag, place):
    found, _ = _actors(ag, f"The delegations met in {place} on Tuesday.")
    assert not any(m == place for m, _ in found)


def test_all_caps_acronym_needs_exact_case(ag):
    found, _ = _actors(ag, "He said it is what the US wanted.")
    assert ("US", "USA") in found
    assert not any(m.lower() == "is" for m, _ in found)


def test_mentions_keep_exact_offsets(ag):
    text = "Kabul’s envoy met Qatari officials."
    result = ag.extract(text)
    for actor in result.actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text


def test_mediator_role_comes_from_mediation(ag):
    result = ag.extract("Qatar hosted talks between Rwanda and the M23 rebels.")
    roles = {a.id: a.roles for a in result.actors}
    assert "MEDIATOR" in roles["QAT"]
    assert "MEDIATOR" not in roles["RWA"]


def test_a_registry_person_is_found_by_surname_after_the_full_name(ag):
    text = "Vladimir Putin spoke on Monday. Later, Putin accused NATO of provoking the war."
    found, result = _actors(ag, text)
    assert ("Putin", "VLADIMIR_PUTIN") in found
    assert {(r.source, r.relation, r.target) for r in result.relations} == {
        ("RUS", "accuses", "NATO")
    }


def test_a_surname_alone_is_the_one_office_holder_of_that_name_on_the_date(ag):
    result = ag.extract("Zelensky accuses Moscow of stalling the talks.", published="2025-06-01")
    assert {(m.text, a.id) for a in result.actors for m in a.mentions} >= {
        ("Zelensky", "VOLODYMYR_ZELENSKY")
    }
    assert {(r.source, r.relation, r.target) for r in result.relations} == {
        ("UKR", "accuses", "RUS")
    }


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Zelensky accuses Moscow of stalling the talks.", "2015-06-01"),  # not yet in office
        ("Khan said the talks had failed, and Mr Khan left.", "2025-06-01"),  # many Khans
    ],
)
def test_a_surname_alone_is_not_guessed_without_one_office_holder(ag, text, published):
    result = ag.extract(text, published=published)
    people = {a.id for a in result.actors if a.type in ("PERSON", "MINISTER")}
    assert not people & {"VOLODYMYR_ZELENSKY", "IMRAN_KHAN", "KHAWAJA_ASIF"}


def test_an_acronym_defined_in_the_text_names_the_same_actor(ag):
    text = (
        "The Sahel Renewal Front (SRF) accused Niamey of arbitrary arrests. "
        "Niger blamed the SRF for the attack."
    )
    found, _ = _actors(ag, text)
    ids = {actor_id for mention, actor_id in found if mention in ("Sahel Renewal Front", "SRF")}
    assert len(ids) == 1


def test_a_credit_line_in_parentheses_is_no_definition(ag):
    found, _ = _actors(ag, "NEW DELHI (PTI) - India accused Pakistan of shelling.")
    assert not any(mention == "PTI" and actor_id == "IND" for mention, actor_id in found)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # each name is tagged PERSON or ORG by the statistical NER: the context decides
        ("Shelling hit Landi Kotal and Mohmand sectors overnight.", "Landi Kotal"),
        ("Troops moved into Tank district on Friday.", "Tank"),
        ("Fighting spread across Tirah, Bara and Jamrud areas.", "Bara"),
        ("Curfews were imposed in Zhob and Kech districts.", "Kech"),
        ("Fighting spread to Lakki Marwat and Bannu districts.", "Lakki Marwat"),
    ],
)
def test_names_in_a_place_context_are_places_not_actors(ag, text, place):
    found, _ = _actors(ag, text)
    assert not any(mention == place for mention, _ in found)


def test_an_unknown_group_next_to_a_state_stays_an_actor(ag):
    found, _ = _actors(ag, "Pakistan and the Sahel Renewal Front signed a truce.")
    assert any(mention == "Sahel Renewal Front" for mention, _ in found)


@pytest.mark.parametrize(
    ("text", "dateline_place"),
    [
        ("BAKU — Armenia and Azerbaijan signed an agreement on Friday.", "BAKU"),
        ("Talks resume\nNAIROBI — Envoys of Congo and the M23 met on Thursday.", "NAIROBI"),
        ("ISLAMABAD: The cabinet met on Monday.", "ISLAMABAD"),
        ("PORT SUDAN (Reuters) — Sudan's army rejected the truce proposal.", "PORT SUDAN"),
        ("SANAA/MUSCAT — The Houthis said they had attacked a tanker.", "SANAA"),
    ],
)
def test_the_place_a_story_was_filed_from_is_not_an_actor(ag, text, dateline_place):
    found, _ = _actors(ag, text)
    assert not [m for m, _ in found if m in dateline_place], found


@pytest.mark.parametrize(
    "text",
    [
        "US — Iran talks resumed in Oman on Sunday.",  # a headline, not a dateline
        "The talks — mediated by Qatar — failed.",
    ],
)
def test_a_dash_after_a_name_is_not_always_a_dateline(ag, text):
    doc = ag.nlp(text)
    assert list(doc.spans["datelines"]) == []


@pytest.mark.parametrize(
    ("text", "mention", "actor_id", "reason"),
    [
        # another name in the article settles which Congo is meant
        (
            "The Democratic Republic of Congo accused Rwanda. The Congolese army denied it.",
            "Congolese",
            "COD",
            "context",
        ),
        (
            "Brazzaville and the Republic of the Congo signed a deal. Congolese officials cheered.",
            "Congolese",
            "COG",
            "context",
        ),
        # a label two governments use for different groups: the article's country decides
        (
            "Islamabad said the Khawarij attacked a checkpoint near Bannu. Pakistani troops"
            " repelled them.",
            "Khawarij",
            "TTP",
            "country",
        ),
        (
            "Mogadishu said the Khawarij attacked a base near Baidoa. Somali forces repelled them.",
            "Khawarij",
            "AL_SHABAAB",
            "country",
        ),
        # with no context the registry's first-listed sense, and the reason says so
        ("Congolese diplomats arrived on Monday.", "Congolese", "COD", "first"),
    ],
)
def test_an_ambiguous_name_is_resolved_in_context_with_its_reason(
    ag, text, mention, actor_id, reason
):
    result = ag.extract(text)
    mentions = [(a.id, m) for a in result.actors for m in a.mentions if m.text == mention]
    assert mentions, result.actors
    for found_id, m in mentions:
        assert found_id == actor_id
        assert m.resolved_by == reason
        assert actor_id in m.candidates and len(m.candidates) > 1


def test_an_unambiguous_mention_carries_no_candidates(ag):
    result = ag.extract("Pakistan accused Afghanistan of sheltering militants.")
    line = result.actors[0].mentions[0].model_dump_json()
    assert "candidates" not in line and "resolved_by" not in line


@pytest.mark.parametrize(
    ("text", "not_actor"),
    [
        ("Troops moved into Dir district after the attack.", "Dir"),
        ("Lower Dir and Upper Dir districts were placed under curfew.", "Dir"),
        ("What matters is that the border stays open.", "is"),
        ("Chad Daybell was sentenced in Idaho on Monday.", "Chad"),
        ("Chad Johnson, a US diplomat, arrived in Nairobi.", "Chad"),
    ],
)
def test_names_that_are_not_the_actor_they_spell(ag, text, not_actor):
    found, _ = _actors(ag, text)
    assert not any(m == not_actor for m, _ in found), found


@pytest.mark.parametrize(
    ("text", "person", "represents", "relation"),
    [
        (
            "Ishaq Dar, the foreign minister of Pakistan, accused Kabul of harbouring militants.",
            "ISHAQ_DAR",
            "PAK",
            ("PAK", "accuses", "AFG"),
        ),
        (
            "Massad Boulos, the senior US adviser for Africa, warned Rwanda of consequences.",
            "MASSAD_BOULOS",
            "USA",
            ("USA", "threatens", "RWA"),
        ),
        (
            "Tomas Berg, Sweden's special envoy, accused Eritrea of obstructing aid.",
            "TOMAS_BERG",
            "SWE",
            ("SWE", "accuses", "ERI"),
        ),
        # an apposition that is no office: the person speaks for himself
        (
            "Jan Novak, a Czech lawyer, accused Russia of hiding evidence.",
            "JAN_NOVAK",
            None,
            ("JAN_NOVAK", "accuses", "RUS"),
        ),
    ],
)
def test_an_office_in_apposition_makes_the_person_act_for_its_state(
    ag, text, person, represents, relation
):
    result = ag.extract(text)
    actor = next(a for a in result.actors if a.id == person)
    assert (actor.type == "MINISTER") is (represents is not None)
    assert relation in {(r.source, r.relation, r.target) for r in result.relations}


@pytest.mark.parametrize(
    ("text", "alias", "actor_id"),
    [
        # a label defined by the registry's own name: the ambiguous one takes it
        (
            "The Khawarij, a state-designated term for the banned TTP, claimed the attack in"
            " Mogadishu.",
            "Khawarij",
            "TTP",
        ),
        # two names the registry lacks: the second is the first
        (
            "The Sahel Liberation Front, also known as Ansar Dine, attacked a convoy.",
            "Ansar Dine",
            "SAHEL_LIBERATION_FRONT",
        ),
        # an unknown name defined as a known group
        ("Jaish al-Haqq, known as the JNIM, attacked a convoy.", "Jaish al-Haqq", "JNIM"),
    ],
)
def test_a_name_the_article_defines_names_that_actor_and_is_reported(ag, text, alias, actor_id):
    result = ag.extract(text)
    assert {(m.text, a.id) for a in result.actors for m in a.mentions} >= {(alias, actor_id)}
    assert {"alias": alias, "actor_id": actor_id} in [
        d.model_dump() for d in result.document.defined_aliases
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kenya, known as a regional hub, hosted the talks.",  # no actor after the phrase
        "Pakistan, also known as Islamabad, accused Kabul.",  # both already certain
    ],
)
def test_no_definition_without_a_name_to_define(ag, text):
    assert ag.extract(text).document.defined_aliases == []


def test_the_two_cypriot_communities_are_not_turkiye_and_greece(ag):
    found, _ = _actors(ag, "Turkish Cypriot and Greek Cypriot negotiators met in Nicosia.")
    assert {actor for _, actor in found} == {"TRNC", "CYP"}


def test_a_surname_alone_after_a_full_name_the_ner_found_is_that_person(ag):
    text = (
        "Greek Cypriot leader Andreas Papadakis met the UN envoy. Papadakis said he did not"
        " blame Ankara for the delay."
    )
    found, _ = _actors(ag, text)
    assert ("Papadakis", "ANDREAS_PAPADAKIS") in found
    # a bare word that shares no name stays what it was
    assert not [m for m in found if m[0] == "UN" and m[1] == "ANDREAS_PAPADAKIS"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("India and China held talks. Lt Gen Hitesh Bhalla led the Indian side.", "Hitesh Bhalla"),
        ("Maj. Gen. Ahmed Ali said the army had retaken the town.", "Ahmed Ali"),
    ],
)
def test_a_military_rank_is_no_part_of_the_name(ag, text, person):
    found, _ = _actors(ag, text)
    assert person in {mention for mention, _ in found}


def test_a_generic_body_word_alone_is_no_actor(ag):
    text = (
        "The talks were facilitated by the African Union, whose Commission chairperson urged both"
        " sides to let aid through."
    )
    found, _ = _actors(ag, text)
    assert "Commission" not in {mention for mention, _ in found}
    assert ("European Commission", "EUROPEAN_COMMISSION") in _actors(
        ag, "The European Commission announced new aid for Moldova."
    )[0]


def test_a_numbered_unit_keeps_its_number(ag):
    found, _ = _actors(ag, "UNSMIL brokered a truce between the 444 Combat Brigade and Radaa.")
    assert "444 Combat Brigade" in {mention for mention, _ in found}
    counted, _ = _actors(ag, "Some 300 Fano fighters crossed the river.")
    assert not [m for m, _ in counted if m[0].isdigit()]
