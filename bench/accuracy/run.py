#!/usr/bin/env python3
"""Accuracy harness: codes gold sets with gesta and scores the events against human coding.

Usage: bench/accuracy/run.py [--quick] [--sets NAME,...] [--gesta PATH] [--reference DIR] [--json]
                             [--detail default|sourceless]

Gold sets
  es_protest_cameo   spanish_protest_cameo_4_jj_validation.xml    real Spanish wire text (AFP)
  es_protest_plover  spanish_protest_plover_validation.xml        real Spanish wire text (AFP)
  es_fight           spanish_fight_reduced_181227v2_validation.xml real Spanish wire text (NYN)
  es_noaccent        spanish_validation_1018_noaccent.xml         real Spanish wire text (AFP)
  en_gsr             PETR2_GSR_validation.xml                     real English wire text (AFP)
  en_codebook        CAMEO-codebook/CAMEO.Manual.1.1b3.pdf            the codebook's English examples
  corpus             tests/golden/*.test and bench/corpus/*.test, reported as corpus_es and corpus_en
The first five are read at run time from ../shared/reference/UniversalPetrarch/data/text/ (the
news text is licensed: it is never copied into the repository, and the harness prints sentence
ids, never sentence text). A set whose file is absent is skipped with a line saying so.

en_codebook: the "Example" sentences of the CAMEO manual's verb codebook (chapter 2), each under
its "CAMEO <code>" entry, read at run time from ../shared/reference/CAMEO-codebook/ through
`pdftotext -layout` (poppler-utils); skipped with a line saying so when the PDF or pdftotext is
absent. Extraction: from the line "VERB CODEBOOK" to the line "Chapter 3"; page headers
("CHAPTER 2. VERB CODEBOOK  7") and page numbers are dropped; an Example runs from its label to
the next label (CAMEO, Name, Description, Usage Notes, Example, Example Note) or section
heading, its indented continuation lines joined with a space, a word hyphenated at a line end
("Sat-" + "urday") joined without the hyphen when both sides are lower-case letters (kept, with
no space, otherwise: "US-" + "led", "land-for-" + "peace"). An "Example" all in capitals (a
placeholder) or saying "coded" (a coding note under the wrong label) is left out. Ids are
"cameo-<code>-<n>" (the n-th example of the code).
Matching rule (code only: the codebook gives no actor codes, so no P/R/F1 over actors): each
example is one JSONL document (lang en, no date); gesta's events in it are compared with the
entry's code alone. Per set: sentences; root recall = sentences with at least one event of the
same root (first two digits); full recall = sentences with at least one event of the very code
(a 3-digit entry such as 010 wants 010 exactly; 4-digit entries their 4 digits); wrong root =
sentences whose events are all of other roots; missed = sentences with no event. Reported in a
table of its own, per root too, never in the P/R/F1 summaries.

Matching rules (those of ../shared/docs/BASELINES.md, so that the figures compare with
UniversalPetrarch's)
  Scored sentences: <Sentence evaluate="true"> with at least one <EventCoding>. Each one is coded
    as one JSONL document (id = the sentence id, date = the sentence's date, lang = es or en); all
    events gesta finds in it, whatever sentence_index, belong to that sentence.
  A <EventCoding noevents="True"> gives no gold event: the sentence has zero gold events and
    anything predicted there is a false positive.
  Gold code: the text before the first "_" ("190_use_conventional..." -> 190); an empty code is
    dropped (the event is not gold). "18/19/20" matches any of the alternatives; "081-083" any
    code in the range (same number of digits, between the ends).
  Gold actor: a wildcard (matches any predicted actor, including none) when empty, starting with
    "---", starting with "~", or malformed (not three capital letters followed by capitals or
    digits, e.g. "X", "+++", "ELR/GAL"); otherwise its country is its first three characters.
    A predicted actor's country is its first three characters; a predicted actor starting with
    "---" matches only a wildcard, and so does an empty predicted target. (So a bare role such as
    GOV, gesta's "country unknown", matches a wildcard or the same bare role in the gold, never
    a gold USAGOV.)
  Levels
    (a) root:  first two digits of the code agree (for a range or alternatives: the predicted
               root is one of the gold roots), and source and target countries agree.
    (b) full:  the whole code agrees and so do source and target countries. A 2-digit gold code
               matches only the root-level code (14 -> 140; "18/19/20" -> 180, 190 or 200).
    (c) exact: (project corpus only) whole code and the full actor strings are identical; a gold
               target "-" must be an empty predicted target.
  Within each sentence (for the project corpus: each document, as its gold has no sentence index)
    gold and predicted events are paired one to one by maximum bipartite matching, separately at
    each level. Precision = matched / predicted, recall = matched / gold, F1 their harmonic mean,
    micro-averaged over the set (summed over sentences, then divided). In the reference sets every
    predicted event counts, repeated ones included.
  The fight set's <Text> starts with "YYYYMMDD<TAB>ID | ": the prefix is stripped and the date
    taken from it (the date attribute is the file's date). Line breaks inside a <Text> are joined
    with a space so that gesta sees one paragraph. A sentence id seen before in the same file (one
    in the fight set) gets a suffix "~2".
  Project corpus (format of tests/golden/README.md): one document per case, its text: lines are
    paragraphs, date default 2025-03-03, lang only when a lang: line gives one (as the golden
    test runner does); expect: none is a document with zero gold events. Predicted events are
    compared as a set of (source, target, code) per document, as the golden test runner does, so a
    repeated identical event counts once. Gold "-" source or target is empty: a wildcard at levels (a) and
    (b) by the rule above, and required empty at level (c).

Error kinds (diagnosis of what level (a) left unmatched, per sentence, in this order)
  direction reversed  same root; source and target match only when swapped
  code wrong          both actors match, the root differs
  actor wrong         same root; an actor's country differs and gesta gave one
  actor missed        same root; gesta gave no country for a gold actor that has one (empty
                      target, "---", or a bare role such as GOV)
  event missed        a gold event left with no predicted event to pair with
  spurious event      a predicted event left over in a sentence that has gold events
  event from a sentence that has none   a predicted event in a sentence with zero gold events
Each step pairs the events still unpaired by maximum bipartite matching. Matched pairs at level
(a) whose full code differs are counted as "root right, full code differs"; in the project corpus,
those whose actor strings differ as "country right, actor code differs".

Options: --quick codes only the first 40 scored sentences of each reference set (and the whole
project corpus): a smoke run of well under a few seconds. --sets picks sets (names above; "corpus"
is both corpus sets). --gesta gives the binary (default build/gesta). --reference gives the
reference folder (default ../shared/reference next to the repository). --json prints only the
totals, as JSON ("sets": default options, "sourceless": with --sourceless,
"universalpetrarch_dictionaries": the second figure below).

Every set is coded twice: with gesta's default options, and with --sourceless (events whose source
the text does not name are coded too, with source ""). Two summary tables close the run, one per
mode; the per-set tables show the default run, or the --sourceless run with --detail sourceless.
A third summary is the second figure: the Spanish sets coded with UniversalPetrarch's own Spanish
dictionaries (../shared/reference/UniversalPetrarch/data/dictionaries/spanish: verb patterns,
unified actors, agents) read through `--dict-format petrarch --dict-lang es`, with gesta's default
options (with --quick, the first Spanish set only).

Standard library only. No line of the output reads like a test runner's summary.
"""
import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, OrderedDict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_REFERENCE = os.path.join(ROOT, "..", "shared", "reference")
TEXT_DIR = os.path.join("UniversalPetrarch", "data", "text")
QUICK_SENTENCES = 40

# name, file, language, whether the Text carries a "YYYYMMDD<TAB>ID | " prefix
REFERENCE_SETS = [
    ("es_protest_cameo", "spanish_protest_cameo_4_jj_validation.xml", "es", False),
    ("es_protest_plover", "spanish_protest_plover_validation.xml", "es", False),
    ("es_fight", "spanish_fight_reduced_181227v2_validation.xml", "es", True),
    ("es_noaccent", "spanish_validation_1018_noaccent.xml", "es", False),
    ("en_gsr", "PETR2_GSR_validation.xml", "en", False),
]
CORPUS_SETS = ["corpus_es", "corpus_en"]
# The CAMEO manual, whose verb codebook gives example sentences per code (set en_codebook).
CODEBOOK_SET = "en_codebook"
CODEBOOK_PDF = os.path.join("CAMEO-codebook", "CAMEO.Manual.1.1b3.pdf")
# UniversalPetrarch's own Spanish dictionaries, read through gesta's PETRARCH reader: the Spanish
# sets are also coded with them, as a second figure.
UP_DICT_DIR = os.path.join("UniversalPetrarch", "data", "dictionaries", "spanish")
UP_DICTS = (("--verbs", "verbpatterns_es_190128.txt"), ("--actors", "actors_unified_181220.txt"),
            ("--agents", "agents_181220.txt"))
ALL_SETS = [s[0] for s in REFERENCE_SETS] + [CODEBOOK_SET] + CORPUS_SETS

# UniversalPetrarch's figures from ../shared/docs/BASELINES.md: root F1, full-code F1.
UP_BASELINE = {
    "es_protest_plover": (0.189, 0.071),
    "es_fight": (0.606, 0.532),
    "es_noaccent": (0.228, 0.144),
    "es_protest_cameo": (0.312, 0.151),
}

WELL_FORMED_ACTOR = re.compile(r"^[A-Z]{3}[A-Z0-9]*$")
CODE_PART = re.compile(r"^(\d{2,4})(?:-(\d{2,4}))?$")
FIGHT_PREFIX = re.compile(r"^\s*(\d{8})\s+\S*\s*\|\s*")


# ---------------------------------------------------------------------------------------------
# Gold codes and actors


class GoldCode:
    """A gold event code: alternatives ("18/19/20"), each a code or a range ("081-083")."""

    def __init__(self, text):
        self.text = text
        self.alts = []  # (lo, hi) strings of equal length
        for part in text.split("/"):
            m = CODE_PART.match(part.strip())
            if not m:
                raise ValueError(text)
            lo, hi = m.group(1), m.group(2) or m.group(1)
            if len(lo) != len(hi):
                raise ValueError(text)
            self.alts.append((lo, hi))
        roots = []
        for lo, hi in self.alts:
            for r in range(int(lo[:2]), int(hi[:2]) + 1):
                if "%02d" % r not in roots:
                    roots.append("%02d" % r)
        self.roots = roots
        self.label = "/".join(roots)

    def root_ok(self, code):
        return code[:2] in self.roots

    def full_ok(self, code):
        for lo, hi in self.alts:
            if len(lo) == 2:  # root-level gold: only the root-level code (14 -> 140)
                if len(code) == 3 and code[2] == "0" and lo <= code[:2] <= hi:
                    return True
            elif len(code) == len(lo) and lo <= code <= hi:
                return True
        return False


def parse_gold_code(raw):
    """The gold code before the first '_', or None when empty or not a code."""
    c = raw.split("_", 1)[0].strip()
    if not c:
        return None
    try:
        return GoldCode(c)
    except ValueError:
        return None


def gold_country(actor):
    """None for a wildcard, else the 3-letter country (first three characters)."""
    a = actor.strip()
    if not a or a.startswith("---") or a.startswith("~") or not WELL_FORMED_ACTOR.match(a):
        return None
    return a[:3]


def pred_country(actor):
    """None when gesta gave no country usable for matching (empty or '---')."""
    if not actor or actor.startswith("---"):
        return None
    return actor[:3]


def actor_ok(gold, pred):
    g = gold_country(gold)
    if g is None:
        return True
    p = pred_country(pred)
    return p is not None and p == g


# Role codes that can open an actor code with no country (bare roles): used only to tell
# "actor missed" from "actor wrong" in the error kinds, never in matching.
BARE_ROLES = {
    "GOV", "MIL", "COP", "SPY", "JUD", "LEG", "OPP", "REB", "INS", "CVL", "MED", "BUS", "NGO",
    "REF", "CRM", "EDU", "LAB", "AGR", "HLH", "REL", "ELI", "PTY", "UAF", "IMG", "DEV", "ENV",
    "HRI", "MOD", "RAD", "SEP", "PPL", "NGM", "SET", "MUS", "CHR", "JEW", "BUD",
    "HIN", "ATH", "CTH", "SHI", "SUN", "ELR", "CON", "FRM", "DOC",
}


def pred_has_country(actor):
    p = pred_country(actor)
    return p is not None and p not in BARE_ROLES


# ---------------------------------------------------------------------------------------------
# Reading the gold sets


def xml_attrs(s):
    out = {}
    for m in re.finditer(r"([\w:-]+)\s*=\s*(\"[^\"]*\"|'[^']*')", s):
        out[m.group(1)] = html.unescape(m.group(2)[1:-1])
    return out


TOKEN = re.compile(
    r"<Sentence\b([^>]*?)/?>|<EventCoding\b([^>]*?)/?>|<Text>(.*?)</Text>", re.S)


def read_reference_set(path, has_prefix):
    """Scored sentences of one UniversalPetrarch validation file, in file order.

    The files are read with a tolerant scanner rather than an XML parser: PETR2_GSR_validation.xml
    is not well-formed (<Sentence .../> followed by its EventCoding and Text as siblings)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        data = f.read()
    data = re.sub(r"<!--.*?-->", "", data, flags=re.S)
    sentences = []
    cur = None
    for m in TOKEN.finditer(data):
        if m.group(1) is not None:
            a = xml_attrs(m.group(1))
            cur = {"id": a.get("id", ""), "date": a.get("date", ""),
                   "evaluate": a.get("evaluate", "").strip().lower() == "true",
                   "codings": [], "text": None}
            sentences.append(cur)
        elif cur is None:
            continue
        elif m.group(2) is not None:
            cur["codings"].append(xml_attrs(m.group(2)))
        elif cur["text"] is None:
            cur["text"] = html.unescape(m.group(3))
    out = []
    seen = Counter()
    for s in sentences:
        if not s["evaluate"] or not s["codings"] or s["text"] is None:
            continue
        text = s["text"]
        date = s["date"]
        if has_prefix:
            m = FIGHT_PREFIX.match(text)
            if m:
                date = m.group(1)
                text = text[m.end():]
        text = re.sub(r"\s*\n\s*", " ", text).strip()
        gold = []
        for c in s["codings"]:
            if c.get("noevents", "").strip().lower() == "true":
                continue
            code = parse_gold_code(c.get("eventcode", ""))
            if code is None:
                continue
            gold.append({"src": c.get("sourcecode", ""), "tgt": c.get("targetcode", ""),
                         "code": code})
        sid = s["id"] or "sentence%d" % len(out)
        seen[sid] += 1
        if seen[sid] > 1:  # a repeated id (one in the fight set) gets a suffix
            sid = "%s~%d" % (sid, seen[sid])
        out.append({"id": sid, "date": iso_date(date), "text": text, "gold": gold})
    return out


def iso_date(d):
    d = (d or "").strip()
    if re.match(r"^\d{8}$", d):
        return "%s-%s-%s" % (d[:4], d[4:6], d[6:])
    if re.match(r"^\d{4}-\d{2}-\d{2}$", d):
        return d
    return None


def corpus_files():
    files = []
    for d in (os.path.join("tests", "golden"), os.path.join("bench", "corpus")):
        full = os.path.join(ROOT, d)
        if os.path.isdir(full):
            files += [os.path.join(d, n) for n in sorted(os.listdir(full)) if n.endswith(".test")]
    return files


def strip_comment(s):
    for h in (" #", "\t#"):
        i = s.find(h)
        if i >= 0:
            s = s[:i]
    return s.strip()


def read_corpus_file(relpath):
    """Cases of one .test file, parsed as tests/golden/golden_test.c parses them."""
    cases = []
    cur = None
    base = os.path.basename(relpath)
    with open(os.path.join(ROOT, relpath), encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n \t")
            if line.startswith("#"):
                continue
            if not line:
                cur = None
                continue
            if cur is None:
                cur = {"id": "%s:%d" % (base, lineno), "file": base, "date": "2025-03-03",
                       "lang": None, "country": None, "paras": [], "gold": [], "none": False}
                cases.append(cur)
            if line.startswith("date:"):
                cur["date"] = strip_comment(line[5:])
            elif line.startswith("lang:"):
                cur["lang"] = strip_comment(line[5:])
            elif line.startswith("country:"):
                cur["country"] = strip_comment(line[8:])
            elif line.startswith("text:"):
                cur["paras"].append(line[5:].lstrip(" "))
            elif line.startswith("expect:"):
                e = strip_comment(line[7:])
                if e == "none":
                    cur["none"] = True
                    continue
                parts = e.split()
                if len(parts) != 3:
                    raise SystemExit("%s:%d: bad expect line" % (relpath, lineno))
                src, tgt, code = parts
                src = "" if src == "-" else src
                tgt = "" if tgt == "-" else tgt
                try:
                    gc = GoldCode(code)
                except ValueError:
                    raise SystemExit("%s:%d: bad code %r" % (relpath, lineno, code))
                if not any(g["src"] == src and g["tgt"] == tgt and g["code"].text == code
                           for g in cur["gold"]):
                    cur["gold"].append({"src": src, "tgt": tgt, "code": gc})
            else:
                raise SystemExit("%s:%d: unknown line" % (relpath, lineno))
    for c in cases:
        c["text"] = "\n".join(c["paras"])
    return cases


CODEBOOK_LABEL = re.compile(r"^\s*(CAMEO|Name|Description|Usage Notes|Example Note|Example)"
                            r"(?:\s{2,}(.*))?$")
CODEBOOK_PAGE_HEAD = re.compile(r"^\s*CHAPTER \d+\.\s.*\s\d+\s*$")
CODEBOOK_PAGE_NUMBER = re.compile(r"^\s*\d+\s*$")
CODEBOOK_CODE = re.compile(r"^(\d{3,4})\b")


def join_line(text, line):
    """Appends a continuation line to text, joining a word hyphenated at the line end."""
    if not text:
        return line
    if text.endswith("-") and len(text) > 1:
        word = text.rsplit(None, 1)[-1]
        if text[-2].islower() and line[:1].islower() and "-" not in word[:-1]:
            return text[:-1] + line
        return text + line
    return text + " " + line


def read_codebook(pdf):
    """(examples, None) or (None, why not): the (id, code, sentence) examples of the CAMEO
    manual's verb codebook chapter, read through pdftotext -layout (rules in the docstring)."""
    if not os.path.isfile(pdf):
        return None, "%s not found" % os.path.relpath(pdf, ROOT)
    exe = shutil.which("pdftotext")
    if exe is None:
        return None, "pdftotext (poppler-utils) not installed"
    p = subprocess.run([exe, "-layout", "-enc", "UTF-8", pdf, "-"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        return None, "pdftotext failed on %s" % os.path.relpath(pdf, ROOT)
    lines = p.stdout.decode("utf-8", "replace").replace("\f", "\n").split("\n")
    inside = False
    code = None
    field, text = None, ""
    out = []
    per_code = Counter()

    def close():
        # Two "Example" labels hold no news text: a placeholder in capitals ("NEED EXAMPLE.") and
        # a coding note ("... should be coded ..."); both are left out.
        t = text.strip()
        if field == "Example" and code and t and t != t.upper() and \
                not re.search(r"\bcoded\b", t):
            per_code[code] += 1
            out.append({"id": "cameo-%s-%d" % (code, per_code[code]), "code": code,
                        "text": re.sub(r"\s+", " ", text).strip()})

    for line in lines:
        line = line.rstrip()
        if not inside:
            inside = line.strip() == "VERB CODEBOOK"
            continue
        if re.match(r"^Chapter \d+\s*$", line.strip()):
            break
        if not line.strip() or CODEBOOK_PAGE_HEAD.match(line) or CODEBOOK_PAGE_NUMBER.match(line):
            continue
        m = CODEBOOK_LABEL.match(line)
        if m:
            close()
            field, text = m.group(1), (m.group(2) or "").strip()
            if field == "CAMEO":
                c = CODEBOOK_CODE.match(text)
                code = c.group(1) if c else None
            continue
        if line[:1].isspace() and field is not None:
            text = join_line(text, line.strip())
            continue
        close()  # a section heading ("2.2   APPEAL") or other text at the margin
        field, text = None, ""
    close()
    if not out:
        return None, "no examples found in %s" % os.path.relpath(pdf, ROOT)
    return out, None


class CodebookScore:
    """Code-only scoring of the codebook examples: per sentence, did gesta give an event of the
    same root, of the same code, only events of other roots, or none."""

    def __init__(self, name):
        self.name = name
        self.units = 0
        self.pred = 0
        self.counts = Counter()
        self.per_root = {}
        self.confusions = Counter()
        self.missed_codes = Counter()

    def add(self, code, pred):
        codes = [e["code"] for e in pred]
        self.units += 1
        self.pred += len(codes)
        r = self.per_root.setdefault(code[:2], Counter())
        r["sentences"] += 1
        if any(c[:2] == code[:2] for c in codes):
            kind = "root"
            if code in codes:
                self.counts["full"] += 1
                r["full"] += 1
        elif codes:
            kind = "wrong root"
            for c in sorted(set(c[:2] for c in codes)):
                self.confusions[(code[:2], c)] += 1
        else:
            kind = "missed"
            self.missed_codes[code] += 1
        self.counts[kind] += 1
        r[kind] += 1

    def totals(self):
        n = self.units
        return OrderedDict([("units", n), ("predicted", self.pred),
                            ("root", self.counts["root"]), ("full", self.counts["full"]),
                            ("wrong_root", self.counts["wrong root"]),
                            ("missed", self.counts["missed"]),
                            ("root_recall", round(self.counts["root"] / n, 4) if n else 0.0),
                            ("full_recall", round(self.counts["full"] / n, 4) if n else 0.0)])


def print_top(label, counter, n):
    """One line: a counter's n most frequent keys (a pair of roots prints as "gold->predicted")."""
    if counter:
        print("  %s: " % label + ", ".join(
            ("%s->%s %d" % (k[0], k[1], v)) if isinstance(k, tuple) else ("%s %d" % (k, v))
            for k, v in counter.most_common(n)))


def print_codebook_score(s, title):
    print("== %s: %s ==" % (s.name, title))
    print("sentences %d, predicted events %d; gold = the entry's code only (no actors)"
          % (s.units, s.pred))
    print("  per root: sentences  root  full  wrong root  missed")
    for r in sorted(s.per_root):
        c = s.per_root[r]
        print("    %-6s %9d %5d %5d %11d %7d" % (r, c["sentences"], c["root"], c["full"],
                                                 c["wrong root"], c["missed"]))
    print_top("wrong root, gold root -> predicted root (most frequent)", s.confusions, 8)
    print_top("codes most often missed outright", s.missed_codes, 8)
    print()


def print_codebook_summary(rows, title):
    print("== %s ==" % title)
    print("  %-18s %9s %6s  %-14s %-14s %10s %7s"
          % ("set", "sentences", "pred", "root recall", "full recall", "wrong root", "missed"))
    for s in rows:
        n = s.units or 1
        print("  %-18s %9d %6d  %-14s %-14s %10d %7d"
              % (s.name, s.units, s.pred, "%d (%s)" % (s.counts["root"], f3(s.counts["root"] / n)),
                 "%d (%s)" % (s.counts["full"], f3(s.counts["full"] / n)),
                 s.counts["wrong root"], s.counts["missed"]))


# ---------------------------------------------------------------------------------------------
# Running gesta


def run_gesta(gesta, docs, langs, extra=()):
    """Codes docs (dicts id, date, text and lang) with gesta's options extra and returns
    {doc id: [event, ...]}."""
    fd, path = tempfile.mkstemp(prefix="gesta-accuracy-", suffix=".jsonl")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for d in docs:
                rec = OrderedDict([("id", d["id"]), ("text", d["text"])])
                if d.get("date") and d["date"] != "none":
                    rec["date"] = d["date"]
                if langs.get(d["id"]):
                    rec["lang"] = langs[d["id"]]
                if d.get("country"):
                    rec["country"] = d["country"]
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        jobs = str(max(1, min(2, os.cpu_count() or 1)))
        p = subprocess.run([gesta, "code", "--input", "jsonl", "-j", jobs] + list(extra) + [path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    finally:
        os.unlink(path)
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr.decode("utf-8", "replace"))
        raise SystemExit("accuracy: %s exited with status %d" % (gesta, p.returncode))
    problems = [l for l in p.stderr.decode("utf-8", "replace").splitlines()
                if l.startswith("gesta:") and "documents read" not in l and "warning" not in l]
    events = {}
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        e = json.loads(line)
        events.setdefault(e["doc"], []).append(
            {"src": e.get("source") or "", "tgt": e.get("target") or "", "code": e.get("code") or ""})
    return events, problems


# ---------------------------------------------------------------------------------------------
# Matching


def max_matching(ng, np_, ok, prefer=None):
    """Maximum bipartite matching (augmenting paths). ok(i, j) says whether gold i may pair with
    predicted j; prefer(i, j) orders the candidates (higher first). Returns {gold i: pred j}."""
    adj = []
    for i in range(ng):
        cand = [j for j in range(np_) if ok(i, j)]
        if prefer:
            cand.sort(key=lambda j: -prefer(i, j))
        adj.append(cand)
    pred_of = {}  # pred j -> gold i

    def augment(i, seen):
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in pred_of or augment(pred_of[j], seen):
                pred_of[j] = i
                return True
        return False

    for i in range(ng):
        augment(i, set())
    return {i: j for j, i in pred_of.items()}


def ok_root(g, p):
    return g["code"].root_ok(p["code"]) and actor_ok(g["src"], p["src"]) and \
        actor_ok(g["tgt"], p["tgt"])


def ok_full(g, p):
    return g["code"].full_ok(p["code"]) and actor_ok(g["src"], p["src"]) and \
        actor_ok(g["tgt"], p["tgt"])


def ok_exact(g, p):
    return g["code"].text == p["code"] and g["src"] == p["src"] and g["tgt"] == p["tgt"]


def closeness(g, p):
    return (4 if ok_exact(g, p) else 0) + (2 if ok_full(g, p) else 0)


class Score:
    def __init__(self, name, lang, levels):
        self.name = name
        self.lang = lang
        self.levels = levels
        self.units = 0
        self.gold = 0
        self.pred = 0
        self.matched = Counter()
        self.root_gold = Counter()
        self.root_gold_matched = Counter()
        self.root_pred = Counter()
        self.root_pred_matched = Counter()
        self.errors = Counter()
        self.gold_missed_codes = Counter()
        self.confusions = Counter()
        self.per_file = {}

    def add(self, gold, pred, file=None):
        self.units += 1
        self.gold += len(gold)
        self.pred += len(pred)
        m_root = max_matching(len(gold), len(pred), lambda i, j: ok_root(gold[i], pred[j]),
                              lambda i, j: closeness(gold[i], pred[j]))
        m_full = max_matching(len(gold), len(pred), lambda i, j: ok_full(gold[i], pred[j]))
        self.matched["root"] += len(m_root)
        self.matched["full"] += len(m_full)
        if "exact" in self.levels:
            m_exact = max_matching(len(gold), len(pred), lambda i, j: ok_exact(gold[i], pred[j]))
            self.matched["exact"] += len(m_exact)
            if file is not None:
                pf = self.per_file.setdefault(file, Counter())
                pf["docs"] += 1
                pf["gold"] += len(gold)
                pf["pred"] += len(pred)
                pf["exact"] += len(m_exact)
        for g in gold:
            self.root_gold[g["code"].label] += 1
        for p in pred:
            self.root_pred[p["code"][:2]] += 1
        for i, j in m_root.items():
            self.root_gold_matched[gold[i]["code"].label] += 1
            self.root_pred_matched[pred[j]["code"][:2]] += 1
            if not ok_full(gold[i], pred[j]):
                self.errors["root right, full code differs"] += 1
            elif "exact" in self.levels and not ok_exact(gold[i], pred[j]):
                self.errors["country right, actor code differs"] += 1
        self.diagnose(gold, pred, m_root)

    def diagnose(self, gold, pred, m_root):
        gl = [i for i in range(len(gold)) if i not in m_root]
        used = set(m_root.values())
        pl = [j for j in range(len(pred)) if j not in used]

        def reversed_(g, p):
            return g["code"].root_ok(p["code"]) and actor_ok(g["src"], p["tgt"]) and \
                actor_ok(g["tgt"], p["src"])

        def code_wrong(g, p):
            return actor_ok(g["src"], p["src"]) and actor_ok(g["tgt"], p["tgt"])

        def same_root(g, p):
            return g["code"].root_ok(p["code"])

        for kind, ok in (("direction reversed", reversed_), ("code wrong", code_wrong),
                         ("actor", same_root)):
            m = max_matching(len(gl), len(pl), lambda i, j: ok(gold[gl[i]], pred[pl[j]]))
            for i, j in m.items():
                g, p = gold[gl[i]], pred[pl[j]]
                if kind == "actor":
                    wrong = False
                    for ga, pa in ((g["src"], p["src"]), (g["tgt"], p["tgt"])):
                        if not actor_ok(ga, pa) and pred_has_country(pa):
                            wrong = True
                    self.errors["actor wrong" if wrong else "actor missed"] += 1
                else:
                    self.errors[kind] += 1
                    if kind == "code wrong":
                        self.confusions[(g["code"].label, p["code"][:2])] += 1
            gone_g = {gl[i] for i in m}
            gone_p = {pl[j] for j in m.values()}
            gl = [i for i in gl if i not in gone_g]
            pl = [j for j in pl if j not in gone_p]
        for i in gl:
            self.errors["event missed"] += 1
            self.gold_missed_codes[gold[i]["code"].text] += 1
        if pl:
            kind = "spurious event" if gold else "event from a sentence that has none"
            self.errors[kind] += len(pl)

    def prf(self, level):
        m = self.matched[level]
        p = m / self.pred if self.pred else 0.0
        r = m / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def totals(self):
        out = OrderedDict([("units", self.units), ("gold", self.gold), ("predicted", self.pred)])
        for lv in self.levels:
            p, r, f = self.prf(lv)
            out[lv] = OrderedDict([("matched", self.matched[lv]), ("precision", round(p, 4)),
                                   ("recall", round(r, 4)), ("f1", round(f, 4))])
        return out


LEVEL_NAMES = {
    "root": "(a) root + source/target country",
    "full": "(b) full code + source/target country",
    "exact": "(c) full code + full actor codes",
}
ERROR_ORDER = ["actor missed", "actor wrong", "direction reversed", "code wrong",
               "event missed", "spurious event", "event from a sentence that has none",
               "root right, full code differs", "country right, actor code differs"]


def f3(x):
    return ("%.3f" % x).lstrip("0") if x < 1 else "1.000"


def print_score(s, title, unit_name):
    print("== %s: %s ==" % (s.name, title))
    print("%s %d, gold events %d, predicted %d" % (unit_name, s.units, s.gold, s.pred))
    print("  %-40s %-22s %6s %6s %6s" % ("level", "matched", "P", "R", "F1"))
    for lv in s.levels:
        p, r, f = s.prf(lv)
        print("  %-40s %-22s %6s %6s %6s" % (LEVEL_NAMES[lv], "%d of %d gold" % (s.matched[lv], s.gold),
                                           f3(p), f3(r), f3(f)))
    if s.name in UP_BASELINE:
        print("  UniversalPetrarch (BASELINES.md): root F1 %s, full-code F1 %s"
              % (f3(UP_BASELINE[s.name][0]), f3(UP_BASELINE[s.name][1])))
    roots = sorted(set(s.root_gold) | set(s.root_pred), key=lambda r: (len(r) > 2, r))
    print("  per root, level (a): gold  recalled  recall | predicted  right  precision")
    for r in roots:
        g, gm = s.root_gold[r], s.root_gold_matched[r]
        p, pm = s.root_pred[r], s.root_pred_matched[r]
        print("    %-10s %5d %9d %7s | %9d %6d %10s"
              % (r, g, gm, f3(gm / g) if g else "-", p, pm, f3(pm / p) if p else "-"))
    print("  error kinds, level (a):")
    kinds = [k for k in ERROR_ORDER if s.errors[k]]
    kinds.sort(key=lambda k: -s.errors[k])
    for k in kinds:
        print("    %-40s %5d" % (k, s.errors[k]))
    if not kinds:
        print("    none")
    print_top("code wrong, gold root -> predicted root (most frequent)", s.confusions, 6)
    print_top("gold codes most often missed outright", s.gold_missed_codes, 8)
    if s.per_file:
        print("  per file, level (c): " + "; ".join(
            "%s %d of %d gold, predicted %d" % (f, c["exact"], c["gold"], c["pred"])
            for f, c in sorted(s.per_file.items())))
    print()


# ---------------------------------------------------------------------------------------------


def score_sets(args, wanted, extra):
    """Codes and scores every wanted set with gesta's options extra; returns the report
    {set: Score or skip note}, the summary rows (Score or None, title) and notes."""
    report = OrderedDict()
    notes = []
    summary = []
    for name, fname, lang, prefix in REFERENCE_SETS:
        if name not in wanted:
            continue
        path = os.path.join(args.reference, TEXT_DIR, fname)
        if not os.path.isfile(path):
            report[name] = {"skipped": "file not found"}
            summary.append((None, "skipped %s: %s not found" % (name, os.path.relpath(path, ROOT))))
            continue
        sents = read_reference_set(path, prefix)
        if args.quick:
            sents = sents[:QUICK_SENTENCES]
        events, problems = run_gesta(args.gesta, sents, {s["id"]: lang for s in sents}, extra)
        s = Score(name, lang, ["root", "full"])
        for x in sents:
            s.add(x["gold"], events.get(x["id"], []))
        report[name] = s
        summary.append((s, fname))
        if problems:
            notes.append("%s: gesta reported %d problem lines, e.g. %s"
                         % (name, len(problems), problems[0]))

    if CODEBOOK_SET in wanted:
        examples, why = read_codebook(os.path.join(args.reference, CODEBOOK_PDF))
        if examples is None:
            report[CODEBOOK_SET] = {"skipped": why}
            summary.append((None, "skipped %s: %s" % (CODEBOOK_SET, why)))
        else:
            if args.quick:
                examples = examples[:QUICK_SENTENCES]
            events, problems = run_gesta(args.gesta, examples, {x["id"]: "en" for x in examples},
                                         extra)
            s = CodebookScore(CODEBOOK_SET)
            for x in examples:
                s.add(x["code"], events.get(x["id"], []))
            report[CODEBOOK_SET] = s
            summary.append((s, "examples of the CAMEO manual's verb codebook, code only"))
            if problems:
                notes.append("%s: gesta reported %d problem lines, e.g. %s"
                             % (CODEBOOK_SET, len(problems), problems[0]))

    corpus_wanted = [n for n in CORPUS_SETS if n in wanted]
    if corpus_wanted:
        cases = []
        for rel in corpus_files():
            cases += read_corpus_file(rel)
        docs = [c for c in cases if ("corpus_" + c["file"][:2]) in corpus_wanted]
        events, problems = run_gesta(args.gesta, docs, {c["id"]: c["lang"] for c in docs}, extra)
        for name in corpus_wanted:
            s = Score(name, name[-2:], ["root", "full", "exact"])
            for c in docs:
                if "corpus_" + c["file"][:2] != name:
                    continue
                pred, seen = [], set()
                for e in events.get(c["id"], []):
                    k = (e["src"], e["tgt"], e["code"])
                    if k not in seen:
                        seen.add(k)
                        pred.append(e)
                s.add(c["gold"], pred, c["file"])
            report[name] = s
            summary.append((s, "tests/golden + bench/corpus, %s_*.test" % name[-2:]))
        if problems:
            notes.append("corpus: gesta reported %d problem lines, e.g. %s"
                         % (len(problems), problems[0]))

    return report, summary, notes


def print_summary(summary, title):
    print("== %s ==" % title)
    print("  %-18s %8s %6s %6s  %-20s %-20s %-20s"
          % ("set", "sent/doc", "gold", "pred", "(a) root", "(b) full", "(c) exact"))
    for s, _ in summary:
        cols = []
        for lv in ("root", "full", "exact"):
            if lv in s.levels:
                cols.append("%s/%s/%s" % tuple(f3(x) for x in s.prf(lv)))
            else:
                cols.append("-")
        print("  %-18s %8d %6d %6d  %-20s %-20s %-20s"
              % (s.name, s.units, s.gold, s.pred, cols[0], cols[1], cols[2]))


def main():
    ap = argparse.ArgumentParser(description="Score gesta's events against gold sets.")
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: only the first %d scored sentences of each reference set"
                    % QUICK_SENTENCES)
    ap.add_argument("--sets", help="comma-separated set names: " + ",".join(ALL_SETS + ["corpus"]))
    ap.add_argument("--gesta", default=os.path.join(ROOT, "build", "gesta"), help="gesta binary")
    ap.add_argument("--reference", default=DEFAULT_REFERENCE,
                    help="reference folder (default ../shared/reference)")
    ap.add_argument("--json", action="store_true", help="print only machine-readable totals")
    ap.add_argument("--detail", choices=["default", "sourceless"], default="default",
                    help="which run the per-set tables show (default: gesta's default options)")
    args = ap.parse_args()

    wanted = ALL_SETS
    if args.sets:
        wanted = []
        for n in args.sets.split(","):
            n = n.strip()
            if n == "corpus":
                wanted += CORPUS_SETS
            elif n in ALL_SETS:
                wanted.append(n)
            elif n:
                ap.error("unknown set %r (known: %s)" % (n, ", ".join(ALL_SETS + ["corpus"])))
    if not os.access(args.gesta, os.X_OK):
        raise SystemExit("accuracy: no gesta binary at %s (build it, or give --gesta PATH)" % args.gesta)

    t0 = time.time()
    report, summary, notes = score_sets(args, wanted, ())
    # The same sets with --sourceless: events whose source the text does not name are coded too.
    report_sl, summary_sl, notes_sl = score_sets(args, wanted, ("--sourceless",))
    notes += ["--sourceless: " + n for n in notes_sl]
    # The fight set says where its reports come from no more than its gold does (one Colombian
    # database, bare roles coded Colombian): what a user who knows that gets with --country.
    report_co, summary_co = OrderedDict(), []
    if "es_fight" in wanted:
        report_co, summary_co, notes_co = score_sets(args, ["es_fight"], ("--country", "COL"))
        notes += ["--country COL: " + n for n in notes_co]
    # The Spanish sets with UniversalPetrarch's own dictionaries (gesta's default options).
    up_dir = os.path.join(args.reference, UP_DICT_DIR)
    up_files = [(flag, os.path.join(up_dir, f)) for flag, f in UP_DICTS]
    up_wanted = [n for n, _, lang, _ in REFERENCE_SETS if lang == "es" and n in wanted]
    if args.quick:
        up_wanted = up_wanted[:1]  # a smoke run: one set is enough to exercise the reader
    report_up, summary_up = OrderedDict(), []
    if up_wanted and all(os.path.isfile(f) for _, f in up_files):
        up_extra = ["--dict-format", "petrarch", "--dict-lang", "es"]
        for flag, f in up_files:
            up_extra += [flag, f]
        report_up, summary_up, notes_up = score_sets(args, up_wanted, tuple(up_extra))
        notes += ["UniversalPetrarch's dictionaries: " + n for n in notes_up]
    elif up_wanted:
        notes.append("UniversalPetrarch's Spanish dictionaries not found under %s: second figure "
                     "skipped" % os.path.relpath(up_dir, ROOT))

    if args.json:
        def totals(rep):
            out = OrderedDict()
            for k, v in rep.items():
                out[k] = v if isinstance(v, dict) else v.totals()
            return out
        print(json.dumps({"quick": args.quick, "sets": totals(report),
                          "sourceless": totals(report_sl),
                          "country_col": totals(report_co),
                          "universalpetrarch_dictionaries": totals(report_up)}, indent=1))
        return 0

    print("gesta accuracy (%s)%s" % (os.path.relpath(args.gesta, ROOT),
                                      ", quick: first %d scored sentences per reference set"
                                      % QUICK_SENTENCES if args.quick else ""))
    print()
    detailed = summary_sl if args.detail == "sourceless" else summary
    if args.detail == "sourceless":
        print("(tables per set: coded with --sourceless)")
        print()
    for s, title in detailed:
        if s is None:
            print(title)
            print()
        elif isinstance(s, CodebookScore):
            print_codebook_score(s, title)
        else:
            print_score(s, title, "documents" if s.name.startswith("corpus") else "sentences")
    code_only = [s for s, _ in summary if isinstance(s, CodebookScore)]
    code_only_sl = [s for s, _ in summary_sl if isinstance(s, CodebookScore)]
    summary = [(s, t) for s, t in summary if isinstance(s, Score)]
    summary_sl = [(s, t) for s, t in summary_sl if isinstance(s, Score)]
    if summary:
        print_summary(summary, "summary: P / R / F1 (gesta's default: events need a named source, protests excepted)")
        print()
        print_summary(summary_sl, "summary with --sourceless: P / R / F1 (events whose source the "
                      "text does not name are coded too, source \"\")")
    if code_only:
        print()
        print_codebook_summary(code_only, "summary, code-only sets: sentences with an event of the "
                               "gold root / of the gold code (no actors scored)")
        print()
        print_codebook_summary(code_only_sl, "the same with --sourceless")
    summary_co = [(s, t) for s, t in summary_co if isinstance(s, Score)]
    if summary_co:
        print()
        print_summary(summary_co, "the fight set with --country COL (its reports all come from one "
                      "Colombian database; gold codes unplaced roles as Colombian)")
    summary_up = [(s, t) for s, t in summary_up if s is not None]
    if summary_up:
        print()
        print_summary(summary_up, "summary with UniversalPetrarch's Spanish dictionaries (read with "
                      "--dict-format petrarch): P / R / F1")
    for n in notes:
        print(n)
    print("time %.1f s" % (time.time() - t0))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output cut short (| head): not an error of the harness
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
