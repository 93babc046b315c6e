# -*- coding: utf-8 -*-
"""Gold events, part B."""
from ann_lib import P, S, ev, ISIL, IMPLIED_ISIL

ANN = {}

# ---------------------------------------------------------------- CENTCOM: Coalition Strikes Mosul Hospital
_hosp = "Al Salem hospital complex, East Mosul"
ANN["482C106130"] = {
 0: [ev("ASSAULT", "attempted to seize", P("Iraqi Security Forces", "IRQ", "MIL"), ISIL("ISIL fighters"), place="Al Salem hospital complex",
        note="Dec. 6th (year not stated): date null")],
 2: [ev("ASSAULT", "seizing", P("the ISF", "IRQ", "MIL"), IMPLIED_ISIL, place=_hosp, note="the seizure succeeded (s0 said 'attempted')"),
     ev("ASSAULT", "fought off", P("the ISF", "IRQ", "MIL"), IMPLIED_ISIL, place=_hosp, note="the following day (Dec. 7)"),
     ev("ASSAULT", "counterattacks", IMPLIED_ISIL, P("the ISF", "IRQ", "MIL"), place=_hosp, note="aggregate ('several')"),
     ev("ASSAULT", "six VBIEDs", IMPLIED_ISIL, P("the ISF", "IRQ", "MIL"), place=_hosp, mag={"vbieds": 6},
        note="aggregate; vehicle-borne IED attacks"),
     ev("RETREAT", "retrograding", P("the ISF", "IRQ", "MIL"), None, place=_hosp, note="tactical withdrawal 'a short distance'"),
     ev("ASSAULT", "heavy enemy fire", IMPLIED_ISIL, P("the ISF", "IRQ", "MIL"), place=_hosp)],
 3: [ev("ASSAULT", "fire", ISIL("ISIL fighters in a building on the hospital complex"), P("Iraqi forces", "IRQ", "MIL"),
        place="Al Salem hospital complex", note="machine gun and RPG fire, Dec. 7th"),
     ev("REQUEST", "requested immediate support", P("they", "IRQ", "MIL"), P("the Coalition", "IGO", "MIL"),
        note="request for air support, Dec. 7th")],
 4: [ev("ASSAULT", "precision strike", P("Coalition aircraft", "IGO", "MIL"), ISIL("enemy fighters firing on Iraqi forces"),
        place=_hosp, note="coalition not named as US-led -> IGO"),
     ev("AID", "In support of", P("Coalition aircraft", "IGO", "MIL"), P("the Iraqi Security Forces", "IRQ", "MIL"),
        alt=["COOPERATE"], note="close air support"),
     ev("ASSAULT", "firing on Iraqi forces", ISIL("enemy fighters"), P("Iraqi forces", "IRQ", "MIL"), place=_hosp,
        note="repeat of the s3 fire")],
 6: [ev("ASSAULT", "will continue to strike", P("We", "IGO", "MIL"), ISIL("ISIL military targets"), alt=["THREATEN"],
        status="future", place="Iraq", note="announced continuation of strikes in support of partners"),],
}

# ---------------------------------------------------------------- DFAT: Evaluation of Australia's Syria response
ANN["58A3656BDC"] = {
 0: [ev("AID", "responded with over $135 million", P("the Australian Government", "AUS", "GOV"), P(None, "SYR", "CVL"),
        mag={"money_aud": 135000000},
        note="aggregate humanitarian assistance since the conflict began (dollars presumably AUD); the internal DFAT/ODE evaluation (s1) is not a political event")],
}

# ---------------------------------------------------------------- State: Rocket attack on Camp Hurriya (2015-10)
ANN["6413ED35E2"] = {
 0: [ev("ACCUSE", "condemns", P("The United States", "USA", "GOV"), None, date="2015-10",
        note="condemnation of an attack whose perpetrators are not named"),
     ev("ASSAULT", "terrorist attack", P(None, None, None), P("camp residents", "IRN", "OPP"), date="2015-10", place="Camp Hurriya",
        note="'killed and injured' is the same event; residents are MEK members (Iranian opposition exiles, s7); perpetrators unknown")],
 1: [ev("SUPPORT", "condolences", P("Our", "USA", "GOV"), P("the families of the victims", "IRN", "CVL"), date="2015-10")],
 2: [ev("CONSULT", "have been in touch", P("We", "USA", "GOV"), P("senior Iraqi officials", "IRQ", "GOV"), date="2015-10",
        note="contact to ensure Iraqi assistance to the victims")],
 3: [ev("REQUEST", "urge", P("We", "USA", "GOV"), P("the Government of Iraq", "IRQ", "GOV"), date="2015-10",
        note="security for residents, find and hold perpetrators accountable"),
     ev("SUPPORT", "agreement", P(None, "IRQ", "GOV"), P("the United Nations", "IGO", "IGO"), alt=["AGREE"], date="2011-12-25",
        note="history; dated noun: the 25 Dec 2011 Iraq-UN agreement (MoU on the camp residents)")],
 4: [ev("CONSULT", "consulting", P("We", "USA", "GOV"), P("the Government of Iraq", "IRQ", "GOV"), date="2015-10")],
 5: [ev("AGREE", "remains committed to assisting", P("the United States", "USA", "GOV"),
        P("the UN High Commissioner for Refugees", "IGO", "IGO"), alt=["AID", "COOPERATE"], date="2015-10",
        note="commitment to help UNHCR relocate the residents")],
 6: [ev("REQUEST", "call on", P("We", "USA", "GOV"), P("more countries", None, "GOV"), date="2015-10",
        note="appeal to take in residents and fund their resettlement")],
 7: [ev("AGREE", "will remain actively engaged", P("The Department", "USA", "GOV"), P("the residents of Camp Hurriya", "IRN", "OPP"),
        alt=["AID"], date="2015-10", note="commitment to the international relocation effort")],
}

# ---------------------------------------------------------------- CENTCOM: Carter, Iraqi PM discuss Mosul
_rel = S("a Defense Department news release", "USA")
_rel2 = S("the release", "USA")
ANN["6646F63F6A"] = {
 0: [ev("CONSULT", "met", P("Defense Secretary Ash Carter", "USA", "GOV"), P("Iraqi Prime Minister\u200e Haider al-Abadi", "IRQ", "GOV"),
        status="reported", source=_rel, place="Baghdad",
        note="'today' (year not stated: date null); 'discussed' is the same meeting; 'the campaign to liberate Mosul' is background")],
 1: [ev("SUPPORT", "complimented", P("Carter", "USA", "GOV"), P("the prime minister", "IRQ", "GOV"), status="reported", source=_rel2,
        note="praise of Iraqi forces' performance; 'the ongoing fight for Mosul' is background")],
 2: [ev("CONSULT", "discussed", P("the two leaders", "USA", "GOV"), P(None, "IRQ", "GOV"), status="reported", source=_rel2,
        note="repeat mention of the meeting"),
     ev("COOPERATE", "close cooperation", P("the Iraqi government", "IRQ", "GOV"), P("the Kurdistan regional government", "IRQ", "GOV"),
        status="reported", source=_rel2, note="ongoing Baghdad-Erbil cooperation in the Mosul operation; borderline noun")],
 3: [ev("SUPPORT", "thanked", P("Carter", "USA", "GOV"), P("Abadi", "IRQ", "GOV"), status="reported", source=_rel2),
     ev("AGREE", "noted the continued supporting role", P("Carter", "USA", "GOV"), P("Iraq's", "IRQ", "GOV"), alt=["AID"],
        status="reported", source=_rel2, note="signals continued US/coalition support")],
 4: [ev("AGREE", "agreed", P("The secretary", "USA", "GOV"), P("Abadi", "IRQ", "GOV"), alt=["SUPPORT"], status="reported",
        source=_rel2, note="agreement that a strong US-Iraq partnership is needed after Mosul; reciprocal"),
     ev("AGREE", "agreed", P("Abadi", "IRQ", "GOV"), P("The secretary", "USA", "GOV"), alt=["SUPPORT"], status="reported",
        source=_rel2, note="agreement that a strong US-Iraq partnership is needed after Mosul; reciprocal")],
 5: [ev("CONSULT", "visit", P("Carter", "USA", "GOV"), P("U.S. service members", "USA", "MIL"),
        place="Qayyarah Airfield West", note="visit to own troops in northern Iraq; borderline (domestic)")],
 6: [ev("ASSAULT", "terrorist bombings", P(None, None, None), P(None, "TUR", "CVL"), place="Istanbul, Turkey",
        note="'yesterday' (Saturday, s7); perpetrators not named; date unresolvable")],
 7: [ev("SUPPORT", "condolences", P("I", "USA", "GOV"), P("the families of the victims", "TUR", "CVL"),
        note="'Saturday's cowardly terrorist attack' is a back-reference")],
 8: [ev("SUPPORT", "stand shoulder-to-shoulder", P("our", "USA", "GOV"), P("our Turkish allies", "TUR", "GOV"), alt=["AGREE"]),
     ev("ACCUSE", "condemning", P("our", "USA", "GOV"), None, note="condemns the attacks; perpetrators not named")],
 9: [ev("AGREE", "committed to working closely with", P("We", "USA", "GOV"), P("Turkey", "TUR", "GOV"), alt=["COOPERATE"])],
}

# ---------------------------------------------------------------- UK: attack in al-Hilla
ANN["821F5BBD9F"] = {
 0: [ev("ASSAULT", "attack", ISIL("Daesh"), P("a petrol station and restaurant", "IRQ", "CVL"), status="alleged",
        source=S("Daesh", "IMG"), place="al-Hilla",
        note="claim of responsibility; headline line and quote glued into one unit; 'earlier today' unresolvable"),
     ev("ACCUSE", "utterly condemn", P("I", "GBR", "GOV"), ISIL("Daesh"))],
 1: [ev("SUPPORT", "stand shoulder to shoulder", P("The UK", "GBR", "GOV"), P("the government and people of Iraq", "IRQ", "GOV"))],
 3: [ev("SUPPORT", "My thoughts are with", P("My", "GBR", "GOV"), P("the family and friends of those who have been killed and injured", "IRQ", "CVL"),
        note="condolences")],
}

# ---------------------------------------------------------------- EU: Mogherini regional initiative
_mbil = "representatives of the Ministers of Foreign Affairs of Iran,\u00a0Saudi Arabia,\u00a0the\u00a0United Arab Emirates, Egypt, Jordan and Lebanon"
_f3 = "the Foreign Ministers of Iran, Saudi Arabia, Emirates, Turkey, Lebanon,\u00a0Egypt,\u00a0Jordan, Qatar"
ANN["8BF4B60AA8"] = {
 0: [ev("CONSULT", "second round of talks", P("the European Union's", "IGO", "IGO"), None,
        note="round starting 'this week' (date unresolvable); counterparts listed in s1")],
 1: [ev("CONSULT", "bilateral meetings", P("senior officials of the EU", "IGO", "IGO"), P(_mbil, c, "GOV"), alt=["AGREE"],
        status="future", note="one event per country") for c in ("IRN", "SAU", "ARE", "EGY", "JOR", "LBN")]
    + [ev("CONSULT", "bilateral meetings", P("senior officials of the EU", "IGO", "IGO"), P("Turkey and Qatar", c, "GOV"),
          alt=["AGREE"], status="future", note="'in the coming days'") for c in ("TUR", "QAT")],
 2: [ev("AGREE", "proposed", P("Mogherini", "IGO", "IGO"), P("EU leaders", "IGO", "GOV"), alt=["REQUEST"],
        note="proposal of the regional initiative at the end of last year (date unresolvable)"),
     ev("SUPPORT", "invited her to build on it", P("EU leaders", "IGO", "GOV"), P("her", "IGO", "IGO"), alt=["REQUEST"],
        note="leaders endorse the initiative and ask her to develop it")],
 3: [ev("CONSULT", "held a first round of talks", P("She", "IGO", "IGO"), P(_f3, c, "GOV"),
        note="before the end of last year; one event per country")
     for c in ("IRN", "SAU", "ARE", "TUR", "LBN", "EGY", "JOR", "QAT")],
 5: [ev("CONSULT", "intra-Syrian talks", P(None, "SYR", None), P("the UN Special Envoy de Mistura", "IGO", "IGO"), alt=["AGREE"],
        status="future", place="Geneva", note="UN-hosted talks in February"),
     ev("CONSULT", "Brussels Conference on Syria and the region", P("the EU", "IGO", "IGO"), None, alt=["AGREE"], status="future",
        place="Brussels", note="to be hosted by the EU in the spring"),
     ev("AGREE", "strongly committed to", P("The EU", "IGO", "IGO"), P(None, "SYR", None), alt=["SUPPORT"],
        note="commitment to contribute to a political transition in Syria; the UNSC resolutions are background")],
}

# ---------------------------------------------------------------- State: Knox Thames travel (2015-11)
_kt = P("Knox Thames, the Special Advisor to Ambassador Saperstein for Religious Minorities in the Near East and South and Central Asia", "USA", "GOV")
ANN["9104BDCC8E"] = {
 0: [ev("CONSULT", "will travel", _kt, P("Turkey", "TUR", "GOV"), status="future", date="2015-11-16", place="Turkey",
        note="16-17 November"),
     ev("CONSULT", "will travel", _kt, P("Lebanon", "LBN", "GOV"), status="future", date="2015-11-18", place="Lebanon",
        note="18-19 November")],
 1: [ev("CONSULT", "G-20 Interfaith Conference", P("Special Advisor Thames", "USA", "GOV"), None, status="future",
        date="2015-11", place="Turkey", note="remarks at a multilateral conference")],
 2: [ev("CONSULT", "will meet", P("Special Advisor Thames", "USA", "GOV"), P("religious and civic leaders", "LBN", "REL"),
        status="future", date="2015-11", place="Lebanon", note="18-19 November")],
}

# ---------------------------------------------------------------- State: Terrorist attacks in Baghdad (2017-01)
ANN["9DFBD0B607"] = {
 0: [ev("ACCUSE", "condemn", P("We", "USA", "GOV"), IMPLIED_ISIL, date="2017-01",
        note="attacks claimed by Da'esh (s1, s2)"),
     ev("ASSAULT", "terrorist attacks", P(None, "IMG", "REB"), P(None, "IRQ", "CVL"), date="2017-01", place="Baghdad and Najaf",
        note="aggregate, 'this weekend'; claimed by Da'esh (s1-s2)")],
 1: [ev("ASSAULT", "dual attacks", ISIL("Dae’sh"), P("at least 28 people", "IRQ", "CVL"), status="alleged",
        source=S("Dae’sh", "IMG"), date="2017-01", place="the Al-Sinek neighborhood in Baghdad", mag={"killed": 28},
        note="claim of responsibility; Saturday (only the month is resolvable)")],
 2: [ev("ASSAULT", "multiple attacks", ISIL("Da’esh"), P("at least 35 more innocent civilians", "IRQ", "CVL"), status="alleged",
        source=S("Da’esh", "IMG"), date="2017-01", mag={"killed": 35},
        note="aggregate; claimed by Da'esh; 'injured scores of others' (no number)")],
 3: [ev("SUPPORT", "condolences", P("We", "USA", "GOV"), P("the families of the victims", "IRQ", "CVL"), date="2017-01")],
 5: [ev("AGREE", "reaffirms its commitment to support", P("The U.S.", "USA", "GOV"), P("the government and people of Iraq", "IRQ", "GOV"),
        alt=["SUPPORT", "AID"], date="2017-01"),
     ev("AGREE", "remains steadfast in its commitment", P("The U.S.", "USA", "GOV"), P("the Global Coalition", "IGO", "IGO"),
        alt=["SUPPORT", "COOPERATE"], date="2017-01")],
}

# ---------------------------------------------------------------- CENTCOM: Townsend statement on SDF advance
_tw = S("Lt. Gen. Stephen J. Townsend", "IGO")
ANN["B2E5F55F5D"] = {
 0: [ev("ASSAULT", "began their advance", P("they", "SYR", "REB"), IMPLIED_ISIL, status="reported",
        source=S("The Syrian Democratic Forces", "SYR"), date="2016-11-06", place="Raqqah, Syria",
        note="SDF offensive to isolate Raqqah (they = the SDF)")],
 1: [ev("AID", "is supporting", P("The Coalition", "IGO", "MIL"), P("the SDF", "SYR", "REB"), alt=["COOPERATE"],
        note="air and advise-and-assist support")],
 6: [ev("ASSAULT", "have begun their operation", P("The Syrian Democratic Forces", "SYR", "REB"), IMPLIED_ISIL, status="reported",
        source=_tw, place="Raqqah", note="repeat of s0 in the commander's statement")],
 8: [ev("CONSULT", "will continually consult", P("the Coalition", "IGO", "MIL"), P("allies and partners", None, None),
        alt=["AGREE"], status="future", source=_tw, note="the planned seizure of the city is a purpose, not listed")],
}

# ---------------------------------------------------------------- State: Ministerial meeting of the Counter ISIL Coalition (2016-07)
ANN["B5E6AB37F9"] = {
 0: [ev("CONSULT", "will host", P("foreign and defense ministers of the Global Coalition to Counter ISIL", "IGO", "GOV"),
        P("U.S. Secretary of State Kerry and U.S. Secretary of Defense Ash Carter", "USA", "GOV"), alt=["AGREE"], status="future",
        date="2016-07-21", place="Washington D.C.", note="visitors -> hosts; first joint ministerial")],
 1: [ev("CONSULT", "will assemble", P("More than 40 members of the Coalition", "IGO", "GOV"), None, alt=["AGREE"], status="future",
        date="2016-07-21", place="Washington D.C.", mag={"participants": 40}, note="repeat mention of the ministerial")],
 2: [ev("CONSULT", "detailed discussion", P(None, "IGO", "GOV"), None, alt=["AGREE"], status="future", date="2016-07-21",
        note="repeat mention of the ministerial")],
 3: [ev("ASSAULT", "recent liberation of Fallujah", P(None, "IRQ", "MIL"), IMPLIED_ISIL,
        place="Fallujah and other parts of Anbar Province in Iraq", note="recapture from ISIL; liberating forces implied (Iraqi)"),
     ev("ASSAULT", "advances", P(None, None, None), IMPLIED_ISIL, place="Manbij in Syria",
        note="advances against ISIL around Manbij; forces not named")],
 4: [ev("CONSULT", "regularly meets", P("The Coalition’s Small Group", "IGO", "IGO"), None, note="aggregate (habitual)")],
 5: [ev("CONSULT", "last meeting of Coalition foreign ministers", P("Coalition foreign ministers", "IGO", "GOV"), None,
        date="2016-02-02", place="Rome, Italy"),
     ev("CONSULT", "last meeting of defense ministers", P("defense ministers", "IGO", "GOV"), None,
        date="2016-02-11", place="Brussels, Belgium")],
}

# ---------------------------------------------------------------- State: Hosting of Syrian websites (2011-11)
ANN["C02FDFE461"] = {
 0: [ev("COOPERATE", "hosting", P("U.S., German, and Canadian companies", c, "BUS"), P("Syrian Government", "SYR", "GOV"),
        status="alleged", note="'There are reports' = hedge; web hosting for the Syrian government (possible sanctions violation); one event per country")
     for c in ("USA", "DEU", "CAN")],
 3: [ev("SANCTION", "prohibited", P(None, "USA", "GOV"), P("the Syrian government", "SYR", "GOV"), alt=["COERCE"],
        note="standing US sanctions under Executive Order 13582 (date of the order not given)")],
}

# ---------------------------------------------------------------- CENTCOM: Exercise Eager Lion
ANN["C044623AD8"] = {
 0: [ev("COOPERATE", "will join", P("U.S. forces", "USA", "MIL"), P("Jordan", "JOR", "MIL"), alt=["MOBILIZE"], status="future",
        place="the Hashemite Kingdom of Jordan", note="joint exercise Eager Lion 16, May 15-24 (year not stated: date null)")],
 1: [ev("COOPERATE", "Exercise Eager Lion 16", P(None, "USA", "MIL"), P(None, "JOR", "MIL"), alt=["MOBILIZE"], status="future",
        note="repeat mention describing the planned joint exercise")],
 3: [ev("MOBILIZE", "will support the exercise", P("About 6,000 military personnel, including representatives from USCENTCOM headquarters", "USA", "MIL"),
        None, alt=["COOPERATE"], status="future", mag={"troops": 6000}, note="personnel committed to the exercise")],
}
