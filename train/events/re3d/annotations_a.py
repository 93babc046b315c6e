# -*- coding: utf-8 -*-
"""Gold events, part A. Keys: first 10 chars of the re3d id -> {sid: [events]}.
Sentences not listed have no event."""
from ann_lib import P, S, ev, ISIL, IMPLIED_ISIL

ANN = {}

# ---------------------------------------------------------------- Hibhib (Wikipedia)
ANN["0388FEF642"] = {
 3: [ev("ASSAULT", "bombed", P("U.S.-led coalition aircraft", "USA", "MIL"), P("he", "IRQ", "REB"),
        date="2006", place="Hibhib",
        note="history; he = Abu Musab al-Zarqawi, leader of Al Qaeda in Iraq (AQI coded IRQ: armed group fighting in Iraq); 'killed' is the same event; coalition named as U.S.-led -> USA; his meeting with his spiritual adviser is intra-group, not listed")],
}

# ---------------------------------------------------------------- State: Terrorist Attacks in Iraq (2016-10)
ANN["108A8CFC05"] = {
 0: [ev("ACCUSE", "condemns", P("The United States", "USA", "GOV"), P("Daesh", "IMG", "REB"), date="2016-10",
        note="condemnation of the day's attacks; one was claimed by Daesh; 'today' resolved to the month (URL gives year/month only)"),
     ev("ASSAULT", "terrorist attacks", P(None, None, None), P(None, "IRQ", "CVL"), date="2016-10", place="Iraq",
        note="aggregate; several attacks 'today', perpetrators of the others not named"),
     ev("ASSAULT", "targeted", ISIL("Daesh"), P("mourners inside a funeral tent", "IRQ", "CVL"), status="alleged",
        source=S("Daesh", "IMG"), date="2016-10", place="Baghdad", note="claim of responsibility")],
 1: [ev("SUPPORT", "condolences", P("We", "USA", "GOV"), P("the victims’ families and friends", "IRQ", "CVL"), date="2016-10",
        note="condolences as verbal support")],
 2: [ev("ACCUSE", "cowardice", P(None, "USA", "GOV"), ISIL("Daesh’s"), date="2016-10",
        note="the statement denounces Daesh's cowardice, contempt for life and attempt to sow sectarian discord")],
}

# ---------------------------------------------------------------- UK: FS statement on UN chemical weapons report
_bj = S("Boris Johnson", "GBR")
ANN["189862CF0A"] = {
 2: [ev("ACCUSE", "concluded", P("This independent investigation", "IGO", "IGO"), P("the Asad regime", "SYR", "GOV"),
        status="reported", source=_bj, note="UN-OPCW investigation finds the regime used chemical weapons"),
     ev("ACCUSE", "concluded", P("This independent investigation", "IGO", "IGO"), ISIL("Daesh"),
        status="reported", source=_bj, note="the same investigation finds Daesh used chemical weapons"),
     ev("ASSAULT", "used chemical weapons", P("the Asad regime", "SYR", "GOV"), P("the Syrian people", "SYR", "CVL"),
        status="reported", source=S("This independent investigation", "IGO"), mag={"incidents": 3},
        note="aggregate ('at least three occasions'); finding of an investigation stated without hedge -> reported (alleged defensible)"),
     ev("ASSAULT", "used such weapons", ISIL("Daesh"), None, status="reported",
        source=S("This independent investigation", "IGO"), mag={"incidents": 1}, note="victims not stated")],
 3: [ev("ASSAULT", "attacks", P("the Asad regime", "SYR", "GOV"), P(None, "SYR", "CVL"), status="reported", source=_bj,
        place="Qamenas, Sarmin and Talamenes", note="aggregate; noun mention adds the places of the regime's chemical attacks"),
     ev("ACCUSE", "cruel barbarity", P(None, "GBR", "GOV"), P("the Asad regime", "SYR", "GOV"),
        note="speaker Johnson denounces the regime")],
 4: [ev("ASSAULT", "use of chemical weapons", ISIL("Daesh"), None, status="reported", source=_bj, place="Marea",
        note="noun mention adds the place"),
     ev("ACCUSE", "complete disregard", P(None, "GBR", "GOV"), ISIL("their"), note="speaker denounces Daesh")],
 5: [ev("ACCUSE", "makes clear", P("This report", "IGO", "IGO"), P("the Asad regime", "SYR", "GOV"), status="reported",
        source=_bj, note="the report faults the regime for non-cooperation"),
     ev("REJECT", "failed to co-operate", P("the Asad regime", "SYR", "GOV"), P("the investigation", "IGO", "IGO"),
        alt=["COOPERATE"], status="reported", source=S("This report", "IGO"),
        note="non-cooperation with the investigation (as COOPERATE it would be negated)")],
 6: [ev("ACCUSE", "breach of international law", P(None, "GBR", "GOV"), P(None, "SYR", "GOV"),
        note="condemns chemical weapons use, attributed in s2 to the regime and Daesh; one event per party"),
     ev("ACCUSE", "breach of international law", P(None, "GBR", "GOV"), IMPLIED_ISIL,
        note="condemns chemical weapons use, attributed in s2 to the regime and Daesh; one event per party")],
 7: [ev("REQUEST", "hold those responsible to account", P(None, "GBR", "GOV"), P(None, "IGO", "IGO"),
        note="call for accountability, implicitly addressed to the international community / UN")],
 8: [ev("ASSAULT", "bombardment", P("The regime", "SYR", "GOV"), P("Aleppo and other towns and areas in Syria", "SYR", "CVL"),
        status="reported", source=_bj, place="Aleppo", note="ongoing bombardment; one event per party"),
     ev("ASSAULT", "bombardment", P("its backers, notably Russia", "RUS", "GOV"), P("Aleppo and other towns and areas in Syria", "SYR", "CVL"),
        status="reported", source=_bj, place="Aleppo", note="ongoing bombardment; one event per party")],
 10: [ev("AGREE", "will continue to work with", P("The UK", "GBR", "GOV"), P("the international community", "IGO", "IGO"),
         alt=["COOPERATE", "SUPPORT"], note="stated commitment to keep working with the international community"),
      ev("REQUEST", "pursue an end", P("The UK", "GBR", "GOV"), P("the regime’s", "SYR", "GOV"),
         note="demands an end to the bombing, humanitarian access, a ceasefire and a return to negotiations; requested acts not listed separately"),
      ev("ASSAULT", "indiscriminate bombing campaign", P("the regime’s", "SYR", "GOV"), P(None, "SYR", "CVL"), status="reported",
         source=_bj, note="noun mention that is the object of the REQUEST")],
}

# ---------------------------------------------------------------- CENTCOM: Jordan Armed Forces partners with USARCENT
_us_unit = "Soldiers visiting from 3rd Battalion, 321st Field Artillery Regiment"
ANN["1B05F2376E"] = {
 0: [ev("COOPERATE", "live-fire exercise", P(_us_unit, "USA", "MIL"), P("the Jordan Armed Forces – Arab Army", "JOR", "MIL"),
        alt=["MOBILIZE"], date="2016-10-25",
        note="joint live-fire exercise 25-26 Oct 2016 (joint manoeuvres -> COOPERATE); the unit's visit for the exercise is the same event")],
 1: [ev("COOPERATE", "using their equipment together", P("the two units", "USA", "MIL"), P(None, "JOR", "MIL"),
        note="weeks of joint training before the exercise")],
 2: [ev("COOPERATE", "shoot with them", P("We", "USA", "MIL"), P("them", "JOR", "MIL"), status="reported",
        source=S("Spc. Lorraine Walsh", "USA"), note="two weeks of joint firing before the exercise")],
 3: [ev("SUPPORT", "extremely knowledgeable", P(None, "USA", "MIL"), P("the Jordanians", "JOR", "MIL"),
        note="praise by a US soldier (Walsh); borderline")],
 4: [ev("COOPERATE", "information exchange", P("Noncommissioned officers from each unit", "USA", "MIL"), P(None, "JOR", "MIL"),
        note="reciprocal knowledge sharing; one event per side"),
     ev("COOPERATE", "information exchange", P("Noncommissioned officers from each unit", "JOR", "MIL"), P(None, "USA", "MIL"),
        note="reciprocal knowledge sharing; one event per side")],
 5: [ev("AID", "give classes", P("we", "USA", "MIL"), P(None, "JOR", "MIL"), alt=["COOPERATE"], status="reported",
        source=S("Staff Sgt. Albert Connelly", "USA"), note="US soldiers train the Jordanians on their systems")],
 6: [ev("COOPERATE", "continuing cooperation", P("the two nations", "USA", "MIL"), P(None, "JOR", "MIL"),
        note="ongoing military cooperation; borderline noun mention (adds the national level)")],
 8: [ev("AGREE", "look to build greater relationships", P("We", "USA", "MIL"), P("our partners", None, "MIL"),
        note="general willingness to cooperate (speaker Russell, US Army); partners not specified")],
}

# ---------------------------------------------------------------- State: Turkey's Republic Day (2016-10)
ANN["1E4938BF59"] = {
 0: [ev("SUPPORT", "congratulate", P("I", "USA", "GOV"), P("the people of Turkey", "TUR", "CVL"), date="2016-10",
        note="Secretary of State's congratulations on behalf of Obama")],
 1: [ev("SUPPORT", "steadfast in support", P("the United States", "USA", "GOV"),
        P("Turkey’s democratically elected government and institutions", "TUR", "GOV"), date="2016-10")],
 2: [ev("SUPPORT", "condolences", P("we", "USA", "GOV"),
        P("the friends and loved ones of those who were injured or who died during the coup attempt", "TUR", "CVL"), date="2016-10"),
     ev("ASSAULT", "coup attempt", P(None, "TUR", "MIL"), P(None, "TUR", "GOV"), date="2016-07",
        note="July 2016 coup attempt ('last July'); noun with its own date and casualties")],
 3: [ev("COOPERATE", "work side by side", P("Our two countries", "USA", "GOV"), P(None, "TUR", "GOV"), alt=["SUPPORT"],
        note="ongoing cooperation on Syria, refugees, extremism; one event per side"),
     ev("COOPERATE", "work side by side", P("Our two countries", "TUR", "GOV"), P(None, "USA", "GOV"), alt=["SUPPORT"],
        note="ongoing cooperation on Syria, refugees, extremism; one event per side")],
 4: [ev("ASSAULT", "recent terrorist attacks", P(None, None, None), P(None, "TUR", None), place="Turkey",
        note="aggregate; perpetrators not named"),
     ev("AGREE", "committed to standing with you", P("the United States", "USA", "GOV"), P("you", "TUR", "GOV"),
        alt=["SUPPORT"], date="2016-10")],
 5: [ev("SUPPORT", "place a high value", P("The American people", "USA", None), P("you", "TUR", None),
        note="praise of bilateral ties; borderline")],
 6: [ev("SUPPORT", "best wishes", P("our", "USA", "GOV"), P("you", "TUR", None), date="2016-10")],
}

# ---------------------------------------------------------------- UK: UNSC Resolution 2249
_hammond = S("Philip Hammond", "GBR")
ANN["208C0A8E53"] = {
 0: [ev("SUPPORT", "voted unanimously to adopt", P("The UN Security Council", "IGO", "IGO"), None, alt=["AGREE"],
        note="adoption of Resolution 2249 (approval of a policy); the condemnation it contains is listed separately; date not stated (Nov 2015)"),
     ev("ACCUSE", "condemned", P("Resolution 2249", "IGO", "IGO"), IMPLIED_ISIL,
        note="condemns the Paris and Sousse attacks; perpetrator ISIL named in s2"),
     ev("ASSAULT", "13 November attacks", P(None, "IMG", "REB"), P(None, "FRA", "CVL"), place="Paris",
        note="13 November (2015; year not stated, date left null); ISIL implied by s2"),
     ev("ASSAULT", "murdered", P(None, "IMG", "REB"), P("30 Britons", "GBR", "CVL"), place="Sousse", mag={"killed": 30},
        note="Sousse attack of 25 June (2015; year not stated); perpetrator implied")],
 2: [ev("ASSAULT", "acts of terror", ISIL("ISIL"), None, status="reported", source=_hammond,
        place="Europe and the Middle East", note="aggregate; the Paris attacks are a back-reference")],
 4: [ev("REQUEST", "We must all act", P(None, "GBR", "GOV"), P(None, "IGO", "IGO"),
        note="Hammond's call on the international community; the requested measures are not listed separately"),
     ev("ASSAULT", "military action", P("we", "GBR", "MIL"), ISIL("this evil ideology"), status="reported", source=_hammond,
        note="ongoing UK military action against ISIL")],
 6: [ev("COOPERATE", "working as part of the Global Coalition", P("the UK", "GBR", "GOV"), P("the Global Coalition", "IGO", "IGO"),
        alt=["AID"], status="reported", source=_hammond),
     ev("ASSAULT", "striking", P("the UK", "GBR", "MIL"), P("those who pose a threat to the UK", "IMG", "REB"), status="reported",
        source=_hammond, place="Syria and Iraq", note="aggregate; strikes 'when necessary' against ISIL targets")],
}

# ---------------------------------------------------------------- EU: Mogherini on the cessation of hostilities
ANN["26E0189E3D"] = {
 0: [ev("REQUEST", "calling for a new cessation of hostilities", P("The European Union", "IGO", "IGO"), P(None, "SYR", None),
        note="call addressed to the parties to the Syrian conflict; the breakdown of the previous truce in September is background")],
 1: [ev("CONCEDE", "agreement for cessation of hostilities", P(None, "SYR", None), None, alt=["AGREE"],
        note="announced ceasefire agreement (declaration, not implementation) on New Year's eve; parties and brokers not named"),
     ev("SUPPORT", "welcome", P(None, "IGO", "IGO"), P(None, "SYR", None),
        note="EU (Mogherini) welcomes the announced cessation of hostilities")],
 2: [ev("REQUEST", "implemented fully and by all the parties", P(None, "IGO", "IGO"), P("all the parties to the conflict", "SYR", None),
        note="implicit demand that all parties implement the truce; borderline")],
 3: [ev("ACCUSE", "a matter of concern", P(None, "IGO", "IGO"), P(None, "SYR", None),
        note="concern about continued fighting; parties not named"),
     ev("ASSAULT", "air strikes", P(None, None, None), P(None, "SYR", None), status="alleged", place="Wadi Barada",
        note="'Reports of' = hedge, no identified source"),
     ev("ASSAULT", "fighting", P(None, None, None), P(None, "SYR", None), status="alleged", place="Wadi Barada",
        note="'Reports of' = hedge, no identified source")],
 4: [ev("SUPPORT", "would welcome", P("we", "IGO", "IGO"), P("other international players", None, None), status="hypothetical",
        note="conditional approval of steps such as the Astana meeting; glued unit of five sentences, the 'if implemented' what-ifs are not listed"),
     ev("CONSULT", "announced meeting in Astana", P(None, "SYR", None), None, alt=["AGREE"], status="future", place="Astana",
        note="planned Astana meeting; participants not named"),
     ev("CONSULT", "have spoken", P("I", "IGO", "IGO"), P("Turkish Foreign Minister Mevlüt Çavuşoğlu", "TUR", "GOV"),
        note="Mogherini's call 'today' (date unresolvable)"),
     ev("CONSULT", "have spoken", P("I", "IGO", "IGO"), P("the UN Special Envoy Staffan de Mistura", "IGO", "IGO"),
        note="Mogherini's call 'today' (date unresolvable)"),
     ev("COOPERATE", "continuing its work with the regional parties", P("The European Union", "IGO", "IGO"),
        P("the regional parties", None, "GOV"), alt=["CONSULT", "SUPPORT"], note="ongoing diplomatic work")],
 5: [ev("CONSULT", "bilateral talks", P("We", "IGO", "IGO"), None, alt=["AGREE"], status="future", place="Brussels",
        note="mid-January round hosted by the EU; counterparts not named"),
     ev("CONSULT", "talks that will be held in Geneva", P(None, "SYR", None), None, alt=["AGREE"], status="future", place="Geneva",
        note="intra-Syrian talks in February"),
     ev("CONSULT", "hosting a conference", P("the EU", "IGO", "IGO"), None, alt=["AGREE"], status="future", place="Brussels",
        note="spring conference; last year's London conference is a background noun")],
 6: [ev("AID", "humanitarian aid donor", P("The EU", "IGO", "IGO"), P(None, "SYR", "CVL"), mag={"money_eur": 9000000000},
        note="aggregate ('over 9 billion euros committed since the start of the crisis'); also to neighbouring countries")],
 7: [ev("AGREE", "help the Syrian people to rebuild", P(None, "IGO", "IGO"), P("the Syrian people", "SYR", "CVL"), alt=["AID"],
        note="stated aim/offer of reconstruction help once political conditions allow")],
}

# ---------------------------------------------------------------- CENTCOM: Death of Abu Jandal al-Kuwaiti
ANN["28829CF80D"] = {
 0: [ev("ASSAULT", "struck", P("a coalition airstrike", "IGO", "MIL"),
        ISIL("Abu Jandal al-Kuwaiti, an ISIL gang leader in Raqqah"), place="Tabqa Dam, Syria",
        note="'struck and killed'; Monday, Dec. 26 (year not stated, 2016): date left null; coalition not named as US-led -> IGO")],
 1: [ev("ASSAULT", "retaking of Palmyra", ISIL("their"), P(None, "SYR", "MIL"), place="Palmyra, Syria",
        note="ISIL's recapture of Palmyra, in which Abu Jandal was involved; undated")],
 2: [ev("ASSAULT", "use of suicide vehicles, IEDs and chemical weapons", ISIL("Abu Jandal"), P("the SDF", "SYR", "REB"),
        note="aggregate; SDF coded SYR/REB")],
}

# ---------------------------------------------------------------- State: Small Group meeting in Germany (2016-11)
ANN["2C6CB502FA"] = {
 0: [ev("CONSULT", "meeting", P("Special Presidential Envoy for the Global Coalition to Counter ISIL Brett McGurk", "USA", "GOV"),
        P("key members of the Counter ISIL Coalition", "IGO", "IGO"), alt=["AGREE"], status="future",
        date="2016-11-17", place="Berlin, Germany", note="McGurk leads an interagency delegation")],
 1: [ev("CONSULT", "discuss", P("Coalition partners", "IGO", "IGO"), None, alt=["AGREE"], status="future", date="2016-11-17",
        place="Berlin, Germany", note="repeat mention of the planned meeting, adds topics")],
 2: [ev("CONSULT", "detailed discussion", P(None, "IGO", "IGO"), None, alt=["AGREE"], status="future", date="2016-11-17",
        note="repeat mention of the planned meeting")],
 3: [ev("CONSULT", "regularly meets", P("The Coalition’s Small Group", "IGO", "IGO"), None, note="aggregate (habitual meetings)")],
 4: [ev("CONSULT", "last meeting", P("the Small Group", "IGO", "IGO"), None, date="2016-07-21", place="Washington, D.C.",
        note="ministerial-level meeting")],
}

# ---------------------------------------------------------------- UK: ISIL murdered 70 Sunni tribesmen
_ell = S("Tobias Ellwood", "GBR")
ANN["32AACD4CCB"] = {
 0: [ev("ASSAULT", "killed", ISIL("ISIL"), P("70 members of the Al bu Nimr tribe", "IRQ", "CVL"), status="reported",
        source=S("The UN", "IGO"), place="Anbar, Iraq", mag={"killed": 70}, note="the UN confirmed the reports")],
 2: [ev("ACCUSE", "deeply concerned", P("I", "GBR", "GOV"), ISIL("ISIL"), note="Ellwood's concern and shock at the killings"),
     ev("ASSAULT", "killed", ISIL("ISIL"), P("70 members of the Al Bu Nimr tribe", "IRQ", "CVL"), status="alleged",
        source=S("I", "GBR"), place="Anbar province, Iraq", mag={"killed": 70}, note="'reports that' = hedge")],
 4: [ev("ACCUSE", "falsely use the name of Islam", P(None, "GBR", "GOV"), ISIL("They"), note="speaker denounces ISIL"),
     ev("ASSAULT", "slaughtered", ISIL("They"), P("Sunnis", "IRQ", "CVL"), status="reported", source=_ell,
        note="repeat of the Al Bu Nimr killings ('once again'); 'commit atrocities' too generic to list")],
 5: [ev("ASSAULT", "launched almost 8,000 strikes", P("the Global Coalition", "IGO", "MIL"), ISIL("ISIL"), status="reported",
        source=_ell, place="Iraq and Syria", mag={"strikes": 8000}, note="aggregate over the last year"),
     ev("ASSAULT", "taken back", P("the Global Coalition", "IGO", "MIL"), ISIL("ISIL"), status="reported", source=_ell,
        place="Iraq", mag={"territory_pct": 30}, note="aggregate; recapture of 30% of ISIL-held territory in Iraq")],
 6: [ev("SANCTION", "cutting off their finance", P("we", "IGO", "IGO"), ISIL("their"), alt=["COERCE"], status="reported",
        source=_ell, note="aggregate, ongoing coalition line of effort ('we' = the coalition)"),
     ev("COERCE", "reducing the influx of fighters", P("we", "IGO", "IGO"), ISIL(None), status="reported", source=_ell,
        note="aggregate, ongoing: restricting foreign fighters' movement; 'challenging the ideology' not listed"),
     ev("AID", "providing humanitarian assistance", P("we", "IGO", "IGO"), P("those in need", None, "CVL"), status="reported",
        source=_ell, note="aggregate, ongoing")],
}

# ---------------------------------------------------------------- UK: Iraq/KRG budget deal
_ell2 = S("Tobias Ellwood", "GBR")
ANN["33A216AD3A"] = {
 0: [ev("SUPPORT", "welcomes", P("FCO Minister Tobias Ellwood", "GBR", "GOV"), P(None, "IRQ", "GOV"),
        note="welcomes the Baghdad-KRG budget deal (parties named in s2)"),
     ev("SUPPORT", "budget deal", P(None, "IRQ", "GOV"), P(None, "IRQ", "GOV"), alt=["AGREE"],
        note="agreement concluded between the Government of Iraq and the KRG; noun that is the object of the welcome")],
 2: [ev("SUPPORT", "welcome", P("I", "GBR", "GOV"), P("the Government of Iraq", "IRQ", "GOV")),
     ev("SUPPORT", "welcome", P("I", "GBR", "GOV"), P("the Kurdistan Regional Government", "IRQ", "GOV")),
     ev("SUPPORT", "agreement reached", P("the Government of Iraq", "IRQ", "GOV"), P("the Kurdistan Regional Government", "IRQ", "GOV"),
        alt=["AGREE"], status="reported", source=_ell2, note="agreement concluded 'yesterday' (date unresolvable); one event per side"),
     ev("SUPPORT", "agreement reached", P("the Kurdistan Regional Government", "IRQ", "GOV"), P("the Government of Iraq", "IRQ", "GOV"),
        alt=["AGREE"], status="reported", source=_ell2, note="agreement concluded 'yesterday' (date unresolvable); one event per side")],
 3: [ev("SUPPORT", "positive and welcome", P(None, "GBR", "GOV"), P("both parties", "IRQ", "GOV"), note="praise of the interim deal"),
     ev("AGREE", "ready and willing to negotiate", P("both parties", "IRQ", "GOV"), P(None, "IRQ", "GOV"), status="reported",
        source=_ell2, note="Ellwood's reading of the parties' willingness to negotiate; borderline")],
 4: [ev("REQUEST", "encourage", P("I", "GBR", "GOV"), P("the Government of Iraq", "IRQ", "GOV"), note="urges joint work on a lasting solution"),
     ev("REQUEST", "encourage", P("I", "GBR", "GOV"), P("the Kurdistan Regional Government", "IRQ", "GOV"), note="urges joint work on a lasting solution")],
 6: [ev("REQUEST", "it is important that Iraq’s communities unite", P(None, "GBR", "GOV"), P("Iraq’s communities", "IRQ", None),
        note="exhortation to unite against ISIL; 'ISIL is a threat to all Iraqis' is assessment, not listed")],
}

# ---------------------------------------------------------------- UK: Tikrit
_ell3 = S("Minister Ellwood", "GBR")
ANN["3A7EC63500"] = {
 0: [ev("SUPPORT", "welcomes", P("Minister Tobias Ellwood", "GBR", "GOV"), P("the Government of Iraq’s", "IRQ", "GOV")),
     ev("ASSAULT", "liberation of Tikrit", P("the Government of Iraq’s", "IRQ", "GOV"), IMPLIED_ISIL, place="Tikrit",
        note="recapture of Tikrit from ISIL (noun that is the object of the welcome)"),
     ev("SUPPORT", "reiterates UK support", P("Minister Tobias Ellwood", "GBR", "GOV"), P("Iraq", "IRQ", "GOV"))],
 2: [ev("SUPPORT", "welcome", P("I", "GBR", "GOV"), P("the Government of Iraq", "IRQ", "GOV")),
     ev("ASSAULT", "raised the Iraqi flag again", P("the Government of Iraq", "IRQ", "GOV"), IMPLIED_ISIL, status="reported",
        source=_ell3, place="Tikrit", note="figurative: the retaking of Tikrit")],
 3: [ev("AGREE", "committed to supporting", P("The UK", "GBR", "GOV"), P("the Iraqi government", "IRQ", "GOV"), alt=["AID", "SUPPORT"],
        note="commitment to support Iraq against ISIL")],
 5: [ev("AID", "has supported", P("the international coalition", "IGO", "MIL"), P("the Iraqi Security Forces", "IRQ", "MIL"),
        alt=["COOPERATE"], status="reported", source=_ell3, note="'ISIL are losing this fight' is assessment, not listed")],
 6: [ev("REQUEST", "echo", P("I", "GBR", "GOV"), P("all parties", "IRQ", None), alt=["SUPPORT"],
        note="Ellwood repeats Abadi's call to respect human rights in Tikrit"),
     ev("REQUEST", "recent call", P("Prime Minister Abadi’s", "IRQ", "GOV"), P("all parties", "IRQ", None), status="reported",
        source=_ell3, note="Abadi's call that all parties respect citizens' rights in Tikrit"),
     ev("ASSAULT", "suffered so much at the hands of", ISIL("brutal ISIL terrorists"), P("citizens in Tikrit", "IRQ", "CVL"),
        alt=["COERCE"], status="reported", source=_ell3, place="Tikrit", note="aggregate abuse under ISIL rule")],
}

# ---------------------------------------------------------------- Wikipedia: Abu Ghadiya
ANN["3B6F5E49DF"] = {
 2: [ev("ASSAULT", "killed", P("the U.S. military", "USA", "MIL"), P("He", "IRQ", "REB"), date="2008-10-26",
        note="history; 'targeted and killed in a cross-border raid' (into Syria, s6)")],
 5: [ev("AID", "provided", P("Abu Ghadiya", "IRQ", "REB"), P("militants on the Syrian side of the Iraqi border", "IRQ", "REB"),
        place="the Syrian side of the Iraqi border",
        note="history; false passports, safe houses, weapons and money for AQI fighters (AQI coded IRQ/REB); borderline: support within the AQI network, kept because it names a recipient; s1 'assisted in smuggling' (no distinct recipient) not listed")],
 6: [ev("ASSAULT", "killed", P("US Special Operations", "USA", "MIL"), P("Ghadiya", "IRQ", "REB"), date="2008",
        place="Syrian territory", note="history; same raid as s2")],
}

# ---------------------------------------------------------------- State: Taken question on Paris meeting (2015-10)
ANN["4174EF50EF"] = {
 2: [ev("CONSULT", "multilateral meeting", P("Deputy Secretary of State Tony Blinken", "USA", "GOV"),
        P("the French government", "FRA", "GOV"), alt=["AGREE"], status="future", date="2015-10-27", place="Paris",
        note="travel to the Paris meeting on Syria convened by France; date from the question (October 27)")],
}
