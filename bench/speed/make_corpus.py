#!/usr/bin/env python3
"""Assembles a large, varied news corpus in gesta's JSONL input format for the speed benchmark.

Sentences come from the project's own texts (examples/*.txt and the golden cases in
tests/golden/*.test), and, when ../shared/reference is present, the GigaWord sample sentences of
PETRARCH2 (read at run time, never stored). Each document recombines 8-30 sentences; country
names, people and numbers are substituted from gesta's own dictionaries so that few sentences
repeat. Usage: make_corpus.py OUT.jsonl [MEGABYTES] [SEED]
"""
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def own_sentences():
    out = {"es": [], "en": []}
    for name in sorted(os.listdir(os.path.join(ROOT, "tests", "golden"))):
        if not name.endswith(".test"):
            continue
        lang = "es" if name.startswith("es") else "en"
        with open(os.path.join(ROOT, "tests", "golden", name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("text:"):
                    out[lang].append(line[5:].strip())
    for name, lang in (("es-cumbre.txt", "es"), ("en-ceasefire.txt", "en")):
        with open(os.path.join(ROOT, "examples", name), encoding="utf-8") as f:
            out[lang].extend(l.strip() for l in f if len(l.strip()) > 40)
    return out


def gigaword():
    path = os.path.join(ROOT, "..", "shared", "reference", "petrarch2", "GigaWord.sample.PETR.xml")
    if not os.path.exists(path):
        return []
    text = open(path, encoding="utf-8", errors="replace").read()
    return [re.sub(r"\s+", " ", m).strip() for m in re.findall(r"<Text>(.*?)</Text>", text, re.S)]


def names():
    """Country names per language from data/actors/states.txt (first name of each block)."""
    out = {"es": [], "en": []}
    block_langs = set()
    with open(os.path.join(ROOT, "data", "actors", "states.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].rstrip()
            if line.startswith("actor"):
                block_langs = set()
                continue
            m = re.match(r"\s+(en|es|any)\s+(.*)", line)
            if not m:
                continue
            for lang in (["es", "en"] if m.group(1) == "any" else [m.group(1)]):
                if lang in block_langs:
                    continue
                block_langs.add(lang)
                out[lang].append(m.group(2).split("|")[0].strip())
    return out


def main():
    out_path = sys.argv[1]
    megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    sents = own_sentences()
    sents["en"].extend(gigaword())
    countries = names()
    pattern = {lang: re.compile(r"\b(" + "|".join(re.escape(c) for c in sorted(set(countries[lang]), key=len, reverse=True) if len(c) > 3) + r")\b") for lang in ("es", "en")}
    target = int(megabytes * 1024 * 1024)
    written = 0
    n = 0
    with open(out_path, "w", encoding="utf-8") as out:
        while written < target:
            lang = "es" if rng.random() < 0.5 else "en"
            body = []
            for _ in range(rng.randint(8, 30)):
                s = rng.choice(sents[lang])
                s = pattern[lang].sub(lambda m: rng.choice(countries[lang]), s)
                s = re.sub(r"\d+", lambda m: str(rng.randint(2, 900)), s)
                body.append(s)
            paras = []
            while body:
                k = rng.randint(1, 4)
                paras.append(" ".join(body[:k]))
                body = body[k:]
            doc = {"id": "bench-%d" % n, "date": "2024-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)),
                   "lang": lang, "text": "\n\n".join(paras)}
            line = json.dumps(doc, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    print("corpus: %d documents, %.1f MB -> %s" % (n, written / 1048576, out_path), file=sys.stderr)


if __name__ == "__main__":
    main()
