# -*- coding: utf-8 -*-
"""Gold events, part C."""
from ann_lib import P, S, ev, ISIL, IMPLIED_ISIL

ANN = {}

# ---------------------------------------------------------------- UK: Syria aid convoy attack
_bj = S("Boris Johnson", "GBR")
_convoy = P("an aid convoy", "SYR", "NGO")
ANN["C35F45FE7C"] = {
 0: [ev("SUPPORT", "welcomes", P("Foreign Secretary Boris Johnson", "GBR", "GOV"), P("the UN Board of Inquiry’s", "IGO", "IGO")),
     ev("ACCUSE", "investigation", P("the UN Board of Inquiry’s", "IGO", "IGO"), None,
        note="UN inquiry into the convoy attack; no party named in this sentence"),
     ev("ASSAULT", "attack on an aid convoy", P(None, None, None), _convoy, place="Urem al-Kubra, northern Syria",
        note="19 September (2016; year not stated: date null); attacker left uncoded here (regime or Russia per s2); convoy coded by the place")],
 2: [ev("SUPPORT", "welcome", P("I", "GBR", "GOV"), P("the Board of Inquiry’s", "IGO", "IGO")),
     ev("ACCUSE", "making it clear", P("I", "GBR", "GOV"), P("the Asad regime", "SYR", "GOV"),
        note="Johnson attributes the strike to the regime or Russia; one event per accused party"),
     ev("ACCUSE", "making it clear", P("I", "GBR", "GOV"), P("Russia", "RUS", "GOV"),
        note="Johnson attributes the strike to the regime or Russia; one event per accused party"),
     ev("ASSAULT", "attacked from the air", P("forces of either the Asad regime or Russia", "SYR", "MIL"), P("the aid convoy", "SYR", "NGO"),
        status="alleged", source=_bj, note="air attack found by the inquiry; attribution 'either ... or' is Johnson's accusation; one event per suspect"),
     ev("ASSAULT", "attacked from the air", P("forces of either the Asad regime or Russia", "RUS", "MIL"), P("the aid convoy", "SYR", "NGO"),
        status="alleged", source=_bj, note="air attack found by the inquiry; attribution 'either ... or' is Johnson's accusation; one event per suspect")],
 4: [ev("ACCUSE", "indefensible attack", P(None, "GBR", "GOV"), P(None, "SYR", "GOV"), note="condemnation; attackers per s2"),
     ev("ACCUSE", "indefensible attack", P(None, "GBR", "GOV"), P(None, "RUS", "GOV"), note="condemnation; attackers per s2"),
     ev("ASSAULT", "killed", P(None, None, None), P("at least ten people", "SYR", "CVL"), status="reported", source=_bj,
        mag={"killed": 10}, note="casualties of the convoy attack; aid destroyed in the same attack")],
 5: [ev("COERCE", "besieged", P("the regime", "SYR", "GOV"), P("Over half a million Syrians", "SYR", "CVL"), alt=["ASSAULT"],
        status="reported", source=_bj, mag={"people": 500000}, note="sieges of populated areas (blockade/restriction of movement)"),
     ev("AID", "received no aid", P(None, None, None), P("many", "SYR", "CVL"), status="negated", source=_bj,
        note="no aid since June; provider not named")],
 6: [ev("REQUEST", "must comply", P(None, "GBR", "GOV"), P("The regime", "SYR", "GOV"),
        note="demand to allow UN humanitarian access"),
     ev("REQUEST", "must comply", P(None, "GBR", "GOV"), P("its backers", "RUS", "GOV"),
        note="its backers = notably Russia (named in s2)"),
     ev("SUPPORT", "recently adopted", P(None, "IGO", "IGO"), None, alt=["AGREE"],
        note="adoption of UN Security Council Resolution 2328 (dated noun, 'recently')")],
}

# ---------------------------------------------------------------- UK: Liberation of Sinjar
_ell = S("Minister Ellwood", "GBR")
ANN["C66A9E77E1"] = {
 0: [ev("SUPPORT", "welcomes", P("Tobias Ellwood, Minister for the Middle East", "GBR", "GOV"), P(None, "IRQ", "MIL"),
        note="welcomes the liberation by Kurdish and Yezidi fighters (s3)"),
     ev("ASSAULT", "liberation of Sinjar", P(None, "IRQ", "MIL"), IMPLIED_ISIL, place="Sinjar",
        note="recapture from ISIL (object of the welcome); liberators named in s3"),
     ev("SUPPORT", "reiterates support", P("Tobias Ellwood, Minister for the Middle East", "GBR", "GOV"),
        P("the Government of Iraq", "IRQ", "GOV"))],
 2: [ev("ASSAULT", "liberated", P(None, "IRQ", "MIL"), IMPLIED_ISIL, status="reported", source=_ell, place="Sinjar"),
     ev("ASSAULT", "occupation", ISIL("the terrorist group ISIL"), P("Sinjar", "IRQ", None), status="reported", source=_ell,
        place="Sinjar", note="ISIL's earlier seizure and occupation of Sinjar (undated)")],
 3: [ev("SUPPORT", "commend", P("I", "GBR", "GOV"), P("Kurdish and Yezidi fighters", "IRQ", "MIL")),
     ev("ASSAULT", "reclaim", P("Kurdish and Yezidi fighters", "IRQ", "MIL"), IMPLIED_ISIL, status="reported", source=_ell,
        place="Sinjar", note="the fighting to retake the town (object of the commendation)")],
 7: [ev("AID", "provided vital air support", P("Royal Air Force", "GBR", "MIL"), P("local, legitimate ground forces", "IRQ", "MIL"),
        alt=["ASSAULT", "COOPERATE"], status="reported", source=_ell, place="Sinjar",
        note="close air support (air strikes on ISIL); one event per provider"),
     ev("AID", "provided vital air support", P("other Coalition forces", "IGO", "MIL"), P("local, legitimate ground forces", "IRQ", "MIL"),
        alt=["ASSAULT", "COOPERATE"], status="reported", source=_ell, place="Sinjar",
        note="close air support (air strikes on ISIL); one event per provider")],
 8: [ev("SUPPORT", "remains steadfast in its support", P("The UK", "GBR", "GOV"),
        P("the Government of Iraq and the Iraqi people", "IRQ", "GOV"), alt=["AID"])],
}

# ---------------------------------------------------------------- CENTCOM: gasmasks for ISF and Peshmerga
_cjtf = P("Combined Joint Task Force - Operation Inherent Resolve", "IGO", "MIL")
_vol = S("Volesky", "IGO")
ANN["D21D5CC3C9"] = {
 0: [ev("AID", "provided", _cjtf, P("the Iraqi security forces", "IRQ", "MIL"), mag={"gas_masks": 24000},
        note="more than 24,000 protective masks, during training for the Mosul offensive; coalition task force -> IGO"),
     ev("AID", "provided", _cjtf, P("Peshmerga", "IRQ", "MIL"), mag={"gas_masks": 24000},
        note="Peshmerga = Kurdistan Region (Iraq) forces")],
 1: [ev("ASSAULT", "use of chemical weapons", ISIL("the Islamic State of Iraq and the Levant"), P(None, "IRQ", None),
        note="aggregate, generic"),
     ev("AID", "is assisting", P("the international coalition", "IGO", "MIL"), P("the Iraqi government", "IRQ", "GOV"),
        alt=["COOPERATE"]),
     ev("ASSAULT", "continues to kill indiscriminately", ISIL("ISIL"), P(None, None, "CVL"), note="aggregate, generic")],
 2: [ev("ASSAULT", "used chemical weapons", ISIL("The enemy"), None, status="reported", source=S("Maj. Gen. Gary J. Volesky", "IGO"),
        note="aggregate, 'in the past'; force-protection measures not listed")],
 4: [ev("AID", "training", P("CJTF-OIR", "IGO", "MIL"), P("Iraqi security forces", "IRQ", "MIL"), alt=["COOPERATE"],
        note="training at five building-partner-capacity sites"),
     ev("AID", "training", P("CJTF-OIR", "IGO", "MIL"), P("Peshmerga counter-attack brigades", "IRQ", "MIL"), alt=["COOPERATE"])],
 7: [ev("AID", "trained", P("We", "IGO", "MIL"), P("the ISF", "IRQ", "MIL"), alt=["COOPERATE"], status="reported", source=_vol),
     ev("AID", "trained", P("We", "IGO", "MIL"), P("Peshmerga", "IRQ", "MIL"), alt=["COOPERATE"], status="reported", source=_vol)],
 8: [ev("AID", "training", P("we", "IGO", "MIL"), P("the Iraqis", "IRQ", "MIL"), alt=["COOPERATE"], status="reported", source=_vol,
        note="ongoing training; the enemy's attempts are generic")],
}

# ---------------------------------------------------------------- UK: Ellwood on Mosul
ANN["D23AD6D807"] = {
 0: [ev("ASSAULT", "mission to recapture", P("Iraqi", "IRQ", "MIL"), IMPLIED_ISIL, place="Mosul",
        note="start of the Iraqi operation to retake Mosul from Daesh")],
 1: [ev("ASSAULT", "operations to retake", P("Iraqi", "IRQ", "MIL"), ISIL("Daesh"), status="reported",
        source=S("Minister Ellwood", "GBR"), place="Mosul", note="'another step forward' is evaluation, not listed")],
 4: [ev("AGREE", "committed to continuing to provide", P("The UK", "GBR", "GOV"), P("the government of Iraq", "IRQ", "GOV"),
        alt=["AID"], note="commitment to military, humanitarian and stabilisation support")],
}

# ---------------------------------------------------------------- CENTCOM: Iraqis hold line against ISIL
_davis = S("Pentagon press operations director Navy Capt. Jeff Davis", "USA")
_dv = S("Davis", "USA")
_coal = P("the U.S.-led \ncoalition", "USA", "MIL")
ANN["D52939C747"] = {
 0: [ev("MOBILIZE", "maintained their defensive positions", P("Iraqi forces", "IRQ", "MIL"),
        ISIL("Islamic State of Iraq and the Levant fighters"), alt=["ASSAULT"], status="reported", source=_davis, place="Mosul",
        note="holding positions on three sides of Mosul in the past 24 hours")],
 1: [ev("ASSAULT", "have cleared", P("the Iraqis", "IRQ", "MIL"), ISIL("enemy forces"), status="reported", source=_dv,
        place="Mosul", mag={"territory_pct_min": 15, "territory_pct_max": 20}, note="aggregate; 'ISIL has had control of Mosul' is a state"),
     ev("ASSAULT", "liberation", P(None, "IRQ", "MIL"), IMPLIED_ISIL, status="reported", source=_dv, place="Mosul",
        note="start of the offensive, Oct. 17 (year not stated: date null)")],
 2: [ev("ASSAULT", "conducted five airstrikes", _coal, IMPLIED_ISIL, status="reported", source=_dv, place="Mosul",
        mag={"strikes": 5, "munitions": 101}, note="aggregate, past 24 hours; coalition named as U.S.-led -> USA; place Mosul from the paragraph context")],
 3: [ev("ASSAULT", "engaged", P("These strikes", "USA", "MIL"),
        ISIL("three ISIL tactical units, four ISIL vehicles, four enemy mortar systems, four ISIL-held buildings"),
        status="reported", source=S("he", "USA"),
        mag={"tactical_units": 3, "vehicles": 4, "mortar_systems": 4, "buildings": 4, "supply_routes_damaged": 13, "tactical_units_suppressed": 3},
        note="aggregate; targets of the s2 strikes; 'damaged' and 'suppressed' are the same strikes")],
 4: [ev("ASSAULT", "munitions delivered", P(None, "USA", "MIL"), IMPLIED_ISIL, alt=["AID"], status="reported", source=_dv,
        mag={"munitions": 6602}, note="aggregate over the Mosul campaign, in support of Iraqi forces")],
 5: [ev("ASSAULT", "destroyed", P("The airstrikes", "USA", "MIL"), IMPLIED_ISIL, status="reported", source=S("he", "USA"),
        mag={"vehicle_bombs": 967, "tunnels": 111, "vehicles": 274, "bunkers": 280, "aaa_systems": 20, "artillery_mortar_systems": 224},
        note="aggregate campaign totals")],
 6: [ev("ASSAULT", "have begun the third phase", P("the Syrian Democratic Forces", "SYR", "REB"), IMPLIED_ISIL, place="Raqqa",
        note="subheading 'Raqqa in Next Isolation Phase' glued to the sentence")],
 7: [ev("MOBILIZE", "seeking to join", P("Many Arab citizens", "SYR", "CVL"), None, status="future", source=_dv,
        note="civilians seeking to join the SDF's fight (militia mobilisation)"),
     ev("ASSAULT", "liberated", P(None, "SYR", "REB"), IMPLIED_ISIL, status="reported", source=_dv, place="villages around Raqqa",
        note="villages freed from ISIL (by the SDF, implied)")],
 8: [ev("ASSAULT", "have regained", P("The SDF", "SYR", "REB"), IMPLIED_ISIL, status="reported", source=_dv, place="Raqqa",
        mag={"square_miles": 300}, note="aggregate since the isolation began"),
     ev("ASSAULT", "isolation of Raqqa began", P(None, "SYR", "REB"), IMPLIED_ISIL, status="reported", source=_dv, place="Raqqa",
        note="'early last month' (unresolvable without a publication date)")],
 9: [ev("ASSAULT", "four airstrikes", P("the U.S.-led coalition’s", "USA", "MIL"), ISIL("ISIL targets"), status="reported", source=_dv,
        place="Raqqa", mag={"strikes": 4, "munitions": 24}, note="aggregate, past 24 hours"),
     ev("AID", "in support of SDF operations", P("the U.S.-led coalition’s", "USA", "MIL"), P("SDF", "SYR", "REB"),
        alt=["COOPERATE"], status="reported", source=_dv, note="air support for the SDF")],
 10: [ev("ASSAULT", "total number of munitions", P(None, "USA", "MIL"), IMPLIED_ISIL, alt=["AID"], status="reported",
         source=S("he", "USA"), mag={"munitions": 922}, note="aggregate since Dec. 5, in support of the SDF")],
}

# ---------------------------------------------------------------- DFAT: Australia and Iraq
ANN["DEC7A9B445"] = {
 0: [ev("CONSULT", "met", P("the Minister of Foreign Affairs of Iraq, HE Dr Ibrahim Al-Ja’afari", "IRQ", "GOV"),
        P("Foreign Minister Julie Bishop", "AUS", "GOV"), place="Canberra",
        note="visitor -> host; 12 February (year not stated: date null)"),
     ev("AGREE", "reaffirm our shared commitment", P("Foreign Minister Julie Bishop", "AUS", "GOV"), P(None, "IRQ", "GOV"),
        alt=["SUPPORT"], place="Canberra", note="joint commitment to combat Daesh; reciprocal"),
     ev("AGREE", "reaffirm our shared commitment", P("the Minister of Foreign Affairs of Iraq", "IRQ", "GOV"), P(None, "AUS", "GOV"),
        alt=["SUPPORT"], place="Canberra", note="joint commitment to combat Daesh; reciprocal")],
}

# ---------------------------------------------------------------- State: Ishtar Gate (2015-12)
ANN["E1526BBD89"] = {
 0: [ev("AID", "announced the funding", P("the U.S. Embassy Chargé d’Affaires, a.i., Jonathan Cohen", "USA", "GOV"),
        P("Dr. Ahmed Kamil Murad, Acting General Director of the Office of Museums", "IRQ", "GOV"), alt=["COOPERATE"],
        date="2015-12", place="the Iraqi Museum in Baghdad", note="US funding of the Ishtar Gate conservation project, announced jointly")],
 1: [ev("AID", "grant", P("The U.S. Embassy", "USA", "GOV"), P("the World Monuments Fund (WMF)", "NGO", "NGO"),
        date="2015-12", mag={"money_usd": 530000}, note="grant for Iraqi conservation work")],
 2: [ev("COOPERATE", "cultural partnership", P("the United States", "USA", "GOV"), P("Iraq", "IRQ", "GOV"),
        note="ongoing partnership; one event per side; the Strategic Framework Agreement is background"),
     ev("COOPERATE", "cultural partnership", P("Iraq", "IRQ", "GOV"), P("the United States", "USA", "GOV"),
        note="ongoing partnership; one event per side")],
 3: [ev("COOPERATE", "partnership from 2009", P("the Governments of Iraq", "IRQ", "GOV"), P("the United States", "USA", "GOV"),
        date="2009", note="Future of Babylon project, started 2009; one event per party"),
     ev("COOPERATE", "partnership from 2009", P("the United States", "USA", "GOV"), P("the Governments of Iraq", "IRQ", "GOV"),
        date="2009", note="Future of Babylon project, started 2009; one event per party"),
     ev("COOPERATE", "partnership from 2009", P("WMF", "NGO", "NGO"), P("the Governments of Iraq", "IRQ", "GOV"),
        date="2009", note="Future of Babylon project, started 2009; one event per party")],
 4: [ev("AID", "contributed", P("the Department of State", "USA", "GOV"), P("the Future of Babylon", "IRQ", None),
        mag={"money_usd": 4000000}, note="aggregate since 2009")],
}

# ---------------------------------------------------------------- CENTCOM: CTF 50
_ctf = P("U.S. Naval Forces Central Command's (NAVCENT) Task Force (CTF) 50", "USA", "MIL")
ANN["E19357552C"] = {
 0: [ev("COOPERATE", "joined", P("The French anti-air frigate FS Forbin", "FRA", "MIL"), _ctf, alt=["MOBILIZE"],
        note="Dec. 27 (year not stated: date null)")],
 1: [ev("COOPERATE", "integrated", P("a French unit", "FRA", "MIL"), P("the task force", "USA", "MIL"),
        note="repeat of s0; adds that the task force is led by the Royal Navy"),
     ev("COOPERATE", "integrated", P("a French unit", "FRA", "MIL"), P("the Royal Navy", "GBR", "MIL"),
        note="task force led by the Royal Navy")],
 2: [ev("COOPERATE", "led CTF 50", P("The French", "FRA", "MIL"), P("CTF 50", "USA", "MIL"), alt=["MOBILIZE"],
        note="'last December', from the carrier FS Charles de Gaulle")],
 3: [ev("AGREE", "committed to working together", P("Forbin", "FRA", "MIL"), P("the U.S.", "USA", "MIL"), alt=["COOPERATE"]),
     ev("AGREE", "committed to working together", P("Forbin", "FRA", "MIL"), P("Royal Navy", "GBR", "MIL"), alt=["COOPERATE"])],
 4: [ev("SUPPORT", "continues to value the partnerships", P("France", "FRA", "MIL"), P("our allies", None, "MIL"),
        note="allies = US and UK (s3); borderline")],
 5: [ev("COOPERATE", "is joining", P("Forbin", "FRA", "MIL"), P("U.S. ships USS Hopper (DDG 70), USS Mahan (DDG 72)", "USA", "MIL")),
     ev("COOPERATE", "is joining", P("Forbin", "FRA", "MIL"), P("U.K. ships HMS Ocean (L 12) and HMS Daring (D 32)", "GBR", "MIL"))],
 6: [ev("COOPERATE", "are working together", P("The U.S.", "USA", "MIL"), None, note="reciprocal: each party as actor"),
     ev("COOPERATE", "are working together", P("French", "FRA", "MIL"), None, note="reciprocal: each party as actor"),
     ev("COOPERATE", "are working together", P("Royal Navy", "GBR", "MIL"), None, note="reciprocal: each party as actor")],
 8: [ev("SUPPORT", "delighted", P("I", "GBR", "MIL"), P("FS Forbin", "FRA", "MIL"), note="Commodore Burns (Royal Navy) welcomes Forbin"),
     ev("COOPERATE", "will be operating as part of CTF 50", P("FS Forbin", "FRA", "MIL"), P("CTF 50", "USA", "MIL"), status="future",
        source=S("Burns", "GBR"))],
 10: [ev("COOPERATE", "multilateral exercise", P("CTF 50", "USA", "MIL"), P("French and Royal Navy assets", "FRA", "MIL"),
         alt=["MOBILIZE"], status="future", note="Unified Trident, early next year; one event per partner"),
      ev("COOPERATE", "multilateral exercise", P("CTF 50", "USA", "MIL"), P("French and Royal Navy assets", "GBR", "MIL"),
         alt=["MOBILIZE"], status="future", note="Unified Trident, early next year; one event per partner")],
}

# ---------------------------------------------------------------- UK: Ellwood visits Turkey and Uzbekistan
_min = S("the Minister", "GBR")
ANN["E967805EB6"] = {
 0: [ev("CONSULT", "visit", P("FCO Minister Tobias Ellwood", "GBR", "GOV"), P(None, c, "GOV"), date="2016-04",
        note="visit to Turkey and Uzbekistan (s1); one event per host") for c in ("TUR", "UZB")],
 1: [ev("CONSULT", "visited", P("The Minister for Central Asia, Tobias Ellwood", "GBR", "GOV"), P("Turkey", "TUR", "GOV"),
        date="2016-04-04", place="Turkey"),
     ev("CONSULT", "visited", P("The Minister for Central Asia, Tobias Ellwood", "GBR", "GOV"), P("Uzbekistan", "UZB", "GOV"),
        date="2016-04-05", place="Uzbekistan", note="5-6 April 2016")],
 2: [ev("CONSULT", "met", P("Minister Ellwood", "GBR", "GOV"), P("the Syrian National Coalition", "SYR", "OPP"),
        date="2016-04-04", place="Turkey"),
     ev("CONSULT", "met", P("Minister Ellwood", "GBR", "GOV"), P("local Turkish and UK organisations", "TUR", "NGO"),
        date="2016-04-04", place="Turkey"),
     ev("CONSULT", "met", P("Minister Ellwood", "GBR", "GOV"), P("local Turkish and UK organisations", "GBR", "NGO"),
        date="2016-04-04", place="Turkey")],
 3: [ev("CONSULT", "met", P("Mr Ellwood", "GBR", "GOV"), P("a number of Ministers and senior officials", "UZB", "GOV"),
        date="2016-04", place="Uzbekistan", note="'discussed' is the same meeting")],
 4: [ev("CONSULT", "held meetings", P("The Minister", "GBR", "GOV"), P("British businesses working in Tashkent", "GBR", "BUS"),
        date="2016-04", place="Tashkent"),
     ev("CONSULT", "held meetings", P("The Minister", "GBR", "GOV"), P("Uzbek alumni of British universities", "UZB", "CVL"),
        date="2016-04", place="Tashkent"),
     ev("CONSULT", "held meetings", P("The Minister", "GBR", "GOV"), P("students of Westminster International University in Tashkent", "UZB", "EDU"),
        date="2016-04", place="Tashkent")],
 7: [ev("CONSULT", "meet", P("I", "GBR", "GOV"), P("a range of organisations", None, "NGO"), status="reported", source=_min,
        date="2016-04", place="Turkey", note="repeat of the s2 meetings")],
 8: [ev("CONSULT", "visit", P("my", "GBR", "GOV"), P("Uzbekistan", "UZB", "GOV"), status="reported", source=_min,
        date="2016-04", place="Uzbekistan", note="'opportunity to deepen relations' is evaluation, not listed")],
}

# ---------------------------------------------------------------- UK: Ellwood on Mosul situation
_te = S("Tobias Ellwood", "GBR")
ANN["ED9C03D12F"] = {
 0: [ev("ACCUSE", "condemns", P("Tobias Ellwood", "GBR", "GOV"), ISIL("ISIL’s"),
        note="'reiterates the UK's commitment to defeating this terrorist organisation' not listed (commitment to fight, no partner)"),
     ev("COERCE", "treatment", ISIL("ISIL’s"), P("residents of Mosul", "IRQ", "CVL"), alt=["ASSAULT"], place="Mosul",
        note="abuse of Mosul's residents (object of the condemnation)")],
 1: [ev("ASSAULT", "fall of Mosul", ISIL("ISIL terrorists"), P(None, "IRQ", None), place="Mosul",
        note="ISIL's capture of Mosul 'nearly 12 months' earlier (date unresolvable)")],
 2: [ev("ASSAULT", "was taken", ISIL("ISIL terrorists"), P("the city of Mosul", "IRQ", None), status="reported", source=_te,
        place="the city of Mosul in Northern Iraq"),
     ev("COERCE", "horrendous treatment", IMPLIED_ISIL, P("the people of Mosul", "IRQ", "CVL"), alt=["ASSAULT"], status="alleged",
        source=S("we", "GBR"), place="Mosul", note="'we have heard once again about' = hearsay")],
 3: [ev("ACCUSE", "appalled", P("I", "GBR", "GOV"), IMPLIED_ISIL, note="Ellwood's condemnation of ISIL's abuses in Mosul"),
     ev("ASSAULT", "murder of hundreds of people", IMPLIED_ISIL, P("hundreds of people", "IRQ", "CVL"), status="alleged",
        source=S("I", "GBR"), place="Mosul", note="'reports of' = hedge; aggregate"),
     ev("COERCE", "ill treatment of women", IMPLIED_ISIL, P("women", "IRQ", "CVL"), alt=["ASSAULT"], status="alleged",
        source=S("I", "GBR"), place="Mosul"),
     ev("MOBILIZE", "recruitment of children", IMPLIED_ISIL, P("children as young as 10", "IRQ", "CVL"), alt=["COERCE"],
        status="alleged", source=S("I", "GBR"), place="Mosul", note="child soldiers, executioners, suicide bombers")],
 4: [ev("AID", "have already supported", P("The UK", "GBR", "GOV"), P("Iraqi security forces", "IRQ", "MIL"), alt=["COOPERATE"],
        status="reported", source=_te, note="one event per supporter; the Government of Iraq supporting its own forces not listed"),
     ev("AID", "have already supported", P("the wider Global Coalition", "IGO", "IGO"), P("Iraqi security forces", "IRQ", "MIL"),
        alt=["COOPERATE"], status="reported", source=_te),
     ev("ASSAULT", "re-taking", P("Iraqi security forces", "IRQ", "MIL"), IMPLIED_ISIL, status="reported", source=_te,
        place="Tikrit", mag={"territory_pct": 25}, note="aggregate: over 25% of Iraqi territory, including Tikrit")],
 5: [ev("AID", "have supported", P("We", "GBR", "GOV"), P(None, "IRQ", "MIL"), alt=["COOPERATE"], status="reported", source=_te,
        note="support for the forces that liberated the towns"),
     ev("ASSAULT", "liberation of key towns", P(None, "IRQ", "MIL"), IMPLIED_ISIL, status="reported", source=_te,
        place="Rabiyah and Zumar"),
     ev("ASSAULT", "broken the siege", P("We", "GBR", "MIL"), IMPLIED_ISIL, alt=["AID"], status="reported", source=_te,
        place="Mount Sinjar"),
     ev("COERCE", "siege of the Yazidis", IMPLIED_ISIL, P("the Yazidis", "IRQ", "CVL"), alt=["ASSAULT"], status="reported",
        source=_te, place="Mount Sinjar", note="ISIL's siege (object of 'broken')"),
     ev("ASSAULT", "pushed ISIL out of Kobane", P("We", "GBR", "MIL"), ISIL("ISIL"), status="reported", source=_te, place="Kobane")],
 6: [ev("MOBILIZE", "has flown over 870 missions", P("the UK", "GBR", "MIL"), None, alt=["ASSAULT"], status="reported",
        source=_te, mag={"missions": 870}, note="aggregate air missions"),
     ev("ASSAULT", "conducted over 265 bombing raids", P("the UK", "GBR", "MIL"), ISIL("ISIL targets"), status="reported",
        source=_te, mag={"strikes": 265}, note="aggregate"),
     ev("AID", "providing an additional 125 soldiers", P("the UK", "GBR", "MIL"), P("the Iraqi Army", "IRQ", "MIL"),
        alt=["MOBILIZE", "COOPERATE"], status="reported", source=_te, mag={"troops": 125}, note="Counter-IED trainers")],
 7: [ev("AID", "increase our humanitarian support", P("we", "GBR", "GOV"), P("Iraq", "IRQ", "CVL"), alt=["AGREE"], status="future",
        source=S("we", "GBR"), mag={"money_gbp": 20000000},
        note="announced 'last week' (unresolvable); total contribution £59.5 million"),
     ev("ASSAULT", "forced to flee", ISIL("ISIL’s"), P("people across Iraq", "IRQ", "CVL"), alt=["COERCE"], status="reported",
        source=_te, note="displacement caused by ISIL; aggregate")],
}

# ---------------------------------------------------------------- CENTCOM: Fallen US service member in Syria
ANN["F7AC57DBBA"] = {
 0: [ev("ASSAULT", "was killed", P(None, "IMG", "REB"), P("the American service member", "USA", "MIL"), place="Syria",
        note="Thanksgiving Day (Nov. 24; year not stated); IED blast (s1), ISIL implied")],
 1: [ev("ASSAULT", "improvised explosive device blast", P(None, "IMG", "REB"),
        P("Navy Senior Chief Petty Officer Scott C. Dayton", "USA", "MIL"), status="reported",
        source=S("a DoD news release", "USA"), place="northern Syria", mag={"killed": 1},
        note="died Nov. 24 of wounds; perpetrator implied (operation against ISIL)")],
 3: [ev("SUPPORT", "offered his condolences", P("Defense Secretary Ash Carter", "USA", "GOV"),
        P("Dayton’s family, friends and other loved ones", "USA", "CVL"), note="domestic condolences")],
 4: [ev("ASSAULT", "has been killed", P(None, "IMG", "REB"), P("one of our brave service members", "USA", "MIL"),
        status="reported", source=S("Carter", "USA"), place="Syria")],
 7: [ev("ASSAULT", "mortally wounded", P(None, "IMG", "REB"), P("Dayton", "USA", "MIL"), status="reported",
        source=S("a Combined Joint Task Force - Operation Inherent Resolve news release", "IGO"),
        place="the vicinity of Ayn Issa in northern Syria")],
 8: [ev("SUPPORT", "sends our condolences", P("The entire counter-ISIL coalition", "IGO", "MIL"),
        P("this hero's family, friends and teammates", "USA", "CVL"))],
}
