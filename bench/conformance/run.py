#!/usr/bin/env python3
"""Conformance harness: codes the PETRARCH unit records and the TABARI validation records with
gesta, reading the peers' own dictionaries, and counts the records whose events gesta reproduces.

Usage: bench/conformance/run.py [--suite NAME] [--gesta PATH] [--reference DIR] [--quiet]
                                [--json] [--native] [--smoke] [--self-check]

Suites (read at run time from ../shared/reference beside the repository; nothing of them is
copied into the repository, and the harness prints record ids, never sentence text)
  petrarch-unit    petrarch/PETR.UnitTest.records.xml with PETR.Validate.{verbs,actors,agents,
                   discards}.txt beside it (the files its <Environment> names)
  tabari-validate  TABARI-Code/Validate.text, coded with TABARI-Code/Validate.project (which names
                   TABARI.Demo.actors, TABARI.Demo.verbs, Validate.options, Validate.agents)

Commands (FILE: a temporary JSON-lines file, one line {"id", "date", "text", "lang": "en"} per
record; gesta is run once per stretch of records between option changes)
  gesta code --dict-format petrarch --verbs PETR.Validate.verbs.txt --actors PETR.Validate.actors.txt
             --agents PETR.Validate.agents.txt --discards PETR.Validate.discards.txt
             [--dict-option 'name = value' ...] --input jsonl FILE
  gesta code --dict-format tabari --project Validate.project [--dict-option 'LINE' ...]
             --input jsonl FILE
  --native:  gesta code --input jsonl FILE   (built-in dictionaries, one run per suite: a baseline;
             the fictional actors are not in them, so it is near 0)

petrarch-unit rules
  Records: every <Sentence> (XML comments removed first). Scored: valid="true" and the gold is a
    set of events (<EventCoding sourcecode= targetcode= eventcode=>) or the no-events marker
    (<EventCoding noevents="True">). Not scored: valid="false"; a record expecting an error
    (<EventCoding error=...>); a record with no <EventCoding> (PATTERN-06, whose gold was
    commented out). A <Skip> element inside a record is ignored: the record is scored.
  Gold: the set of (sourcecode, targetcode, eventcode), each value as written (entities decoded,
    blanks trimmed): "###" and quoted new-actor text such as '"INJURY TOLL"' are compared
    verbatim, except that PETRARCH's "---" for a missing actor is gesta's "" and its "---GOV"
    for a role with no country is gesta's "GOV" (the same actor, written differently).
    noevents: the empty set.
  Reproduced: gesta's set of (source, target, code) for the record equals the gold set exactly
    (repeated events count once).
  Input: the <Text> only (never the <Parse> tree), its lines joined by one space; date YYYYMMDD
    -> YYYY-MM-DD; id the record id.
  Options: the [Options] of PETR_config.ini beside the records, except the file and interface
    settings (textfile_list, textfile_name, eventfile_name, code_by_sentence, pause_by_sentence,
    pause_by_story), then <Config option= value=> records in document order (the one in
    <Environment> first). A <Config> changes the settings of the records after it. Every run
    passes the settings in effect, one --dict-option 'name = value' per name (the last value
    given, written as given), in the order the names first appeared.

tabari-validate rules (TABARI manual 0.8.4b2, sections 4.3 and 10.1, and Validate.text)
  Records: the text file is split at blank lines; a block whose first line starts with a digit is
    a record, any other block is a comment (manual 4.3, rule 4). A record's comment section opens
    at its first "/*" and lasts to the end of the block (a "*/" left out does not run into the
    next record). Scored: every record before the one whose id is FINAL-01.
  Header: the date is the leading run of digits, the id the rest of the line with runs of blanks
    made one (e.g. "950101 AGENTS-11"); a repeated id gets a suffix "~2", "~3".
  Date: the first 6 digits are YYMMDD, years 00-30 being 2000-2030 and 31-99 1931-1999
    (manual 6.5.2); after an OPTION record SET: YYYY = TRUE, the first 8 digits are YYYYMMDD,
    until SET: YYYY = FALSE. Further digits are ignored, as TABARI does ("9501201" -> 1995-01-20,
    "186010029" -> 1860-10-02).
  Text: the lines after the header up to the first "/*", joined by one space.
  Gold, read from each {...} in the comment section (blank-trimmed; text after "}" ignored, so a
    shifted date such as "950103" after an event is not checked: gesta's output has no event date
    apart from the document's):
    { SRC / TGT / CODE }  an event; codes as written ("075A" kept), except that TABARI's "~MOS"
                          for a role word made an actor (CONVERT AGENT) is gesta's "MOS".
    {---} {###} {+++}     special codes: no events, a discard, a complex record. gesta's output
                          has no discard or complex marker, so each of them is reproduced when
                          gesta codes no event in the record. As in TABARI they are checked
                          first: when gesta codes events, the record is judged by its event
                          lines instead (DEBUG-11 has both).
    -{ ...                "do not check additional records": this line and every later one in
                          the record are not checked, and gesta may code events beyond those
                          listed before it (they must all be coded). A record whose first
                          validation line is -{ checks nothing and counts as reproduced, as in
                          TABARI (DEMO-05 and others are commented out this way).
    { OPTION: LINE }      an .options command line (a missing "}" ends at "*/" or the line end).
                          It changes the settings of every later record, not its own
                          (YYYY-Cancel still has an 8-digit date).
    {}                    an empty brace (in START-00's prose) is ignored.
    A record with no event line and no special code (the option records) expects no events.
  Reproduced: with no -{, gesta's set of (source, target, code) equals the set of event lines;
    with -{, it contains them.
  Options: each run passes every OPTION line met so far, in order and as written after
    "OPTION:" (including DEFAULT: OFF and the like), one --dict-option each.

Output: per suite, each record not reproduced (id, expected events, actual events, an event
written SOURCE/TARGET/CODE, an empty target as nothing between the slashes), then a last line
"<suite>: N of T records reproduced". --quiet prints only those last lines; --json prints one
JSON object. The rate is a measurement: the exit status is 0 whatever it is; 1 when gesta
crashes, fails to load the dictionaries, refuses to run, or writes output that does not parse; 2
when gesta does not accept the dictionary flags yet (an "unknown option" rejection).

--smoke (for ctest): runs everything, checks only that gesta ran and its output parsed, prints the
last lines; an "unknown option" rejection is reported and skipped (exit 0). When the reference
folder is absent, every mode prints one line per suite saying it is skipped and exits 0.

--self-check: unit checks of the two gold readers, first on small made-up samples written here,
then (when the reference folder is present) on the suites themselves, printing their counts; it
does not run gesta unless --smoke is also given.

Not checked, because gesta's output cannot show it: TABARI's shifted event dates, the discard and
complex markers as distinct from no events, and the order in which TABARI lists events. Records
are coded one per document, except that while TABARI's FORWARD option is in effect, consecutive
records of one story (story and sentence numbers read from the id by the option's format, aligned
at its end: N story, S sentence) are one document, paragraph by paragraph, and each event goes
to the record holding its sentence.

Standard library only. No line of the output reads like a test runner's summary.
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import OrderedDict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_REFERENCE = os.path.join(ROOT, "..", "shared", "reference")

SUITES = ["petrarch-unit", "tabari-validate"]
PETR_RECORDS = os.path.join("petrarch", "PETR.UnitTest.records.xml")
PETR_CONFIG = "PETR_config.ini"
TABARI_TEXT = os.path.join("TABARI-Code", "Validate.text")
TABARI_PROJECT = os.path.join("TABARI-Code", "Validate.project")

# PETR_config.ini [Options] keys that name files or drive PETRARCH's console: not passed to gesta.
PETR_INI_NOT_PASSED = {"textfile_list", "textfile_name", "eventfile_name", "code_by_sentence",
                       "pause_by_sentence", "pause_by_story"}
# <Environment> element -> gesta flag
PETR_DICT_FLAGS = [("Verbfile", "--verbs"), ("Actorfile", "--actors"),
                   ("Agentfile", "--agents"), ("Discardfile", "--discards")]
DICT_FLAGS = {"--dict-format", "--dict-option", "--verbs", "--actors", "--agents", "--discards",
              "--project"}

SUMMARY = re.compile(r"^gesta: documents read (\d+), coded (\d+), failed (\d+); events (\d+)\s*$")
UNKNOWN_OPTION = re.compile(r"unknown option '(--[\w-]+)")


class HarnessError(Exception):
    """gesta could not be run, or its output could not be read. kind: 'unsupported' (a flag was
    rejected as unknown), 'load' (dictionaries not loaded), 'crash', 'refused', 'output'."""

    def __init__(self, kind, message):
        Exception.__init__(self, message)
        self.kind = kind


# ---------------------------------------------------------------------------------------------
# Shared helpers


def xml_attrs(s):
    out = {}
    for m in re.finditer(r"([\w:-]+)\s*=\s*(\"[^\"]*\"|'[^']*')", s):
        out[m.group(1)] = html.unescape(m.group(2)[1:-1])
    return out


def join_lines(text):
    return re.sub(r"\s+", " ", text).strip()


def unique_id(raw, seen):
    seen[raw] = seen.get(raw, 0) + 1
    return raw if seen[raw] == 1 else "%s~%d" % (raw, seen[raw])


def valid_iso(y, mo, d):
    return 1 <= mo <= 12 and 1 <= d <= 31 and y > 0


# ---------------------------------------------------------------------------------------------
# PETRARCH unit records


def read_petr_ini(path):
    """[(name, value)] of the [Options] section of a PETR_config.ini, file and interface keys
    left out. A missing file gives []."""
    if not os.path.isfile(path):
        return []
    out = []
    section = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            m = re.match(r"^\[(.*)\]$", line)
            if m:
                section = m.group(1).strip().lower()
                continue
            if section != "options" or "=" not in line:
                continue
            name, value = line.split("=", 1)
            name, value = name.strip(), value.strip()
            if name.lower() not in PETR_INI_NOT_PASSED:
                out.append((name, value))
    return out


PETR_TOKEN = re.compile(
    r"<Environment>(.*?)</Environment>|<Config\b([^>]*?)/?>|<Sentence\b([^>]*)>(.*?)</Sentence>",
    re.S)


def parse_petrarch(data, ini_options=()):
    """Reads the text of a PETRARCH validation file. Returns a dict:
      records: scored records in file order, each {id, date, text, gold (frozenset of
               (src, tgt, code)), noevents (bool), options (tuple of 'name = value')}
      dict_files: [(flag, file name)] from <Environment>
      counts: OrderedDict of what was read"""
    data = re.sub(r"<!--.*?-->", "", data, flags=re.S)
    settings = OrderedDict()
    for name, value in ini_options:
        settings[name] = value
    counts = OrderedDict([
        ("sentences", 0), ("valid", 0), ("scored", 0), ("scored with events", 0),
        ("scored no-events", 0), ("gold events", 0), ("not scored: valid=false", 0),
        ("not scored: error expected", 0), ("not scored: no gold", 0),
        ("records with <Skip> (scored)", 0), ("ini options passed", len(settings)),
        ("<Config> records", 0), ("gesta runs (option stretches)", 0)])
    dict_files = []
    records = []
    seen = {}
    last_options = None
    for m in PETR_TOKEN.finditer(data):
        if m.group(1) is not None:
            env = m.group(1)
            for tag, flag in PETR_DICT_FLAGS:
                t = re.search(r"<%s>(.*?)</%s>" % (tag, tag), env, re.S)
                if t and t.group(1).strip():
                    dict_files.append((flag, t.group(1).strip()))
            for c in re.finditer(r"<Config\b([^>]*?)/?>", env):
                a = xml_attrs(c.group(1))
                if "option" in a:
                    settings[a["option"].strip()] = a.get("value", "").strip()
                    counts["<Config> records"] += 1
            continue
        if m.group(2) is not None:
            a = xml_attrs(m.group(2))
            if "option" in a:
                settings[a["option"].strip()] = a.get("value", "").strip()
                counts["<Config> records"] += 1
            continue
        attrs = xml_attrs(m.group(3))
        body = m.group(4)
        counts["sentences"] += 1
        if attrs.get("valid", "").strip().lower() != "true":
            counts["not scored: valid=false"] += 1
            continue
        counts["valid"] += 1
        codings = [xml_attrs(c) for c in re.findall(r"<EventCoding\b([^>]*?)/?>", body)]
        if any("error" in c for c in codings):
            counts["not scored: error expected"] += 1
            continue
        noevents = any(c.get("noevents", "").strip().lower() == "true" for c in codings)
        events = [c for c in codings if "eventcode" in c]
        if not noevents and not events:
            counts["not scored: no gold"] += 1
            continue
        if noevents and events:
            raise ValueError("record %s has both events and noevents" % attrs.get("id"))
        text = re.search(r"<Text>(.*?)</Text>", body, re.S)
        gold = frozenset((c.get("sourcecode", "").strip(), c.get("targetcode", "").strip(),
                          c.get("eventcode", "").strip()) for c in events)
        date = attrs.get("date", "").strip()
        iso = None
        if re.match(r"^\d{8}$", date) and valid_iso(int(date[:4]), int(date[4:6]), int(date[6:])):
            iso = "%s-%s-%s" % (date[:4], date[4:6], date[6:])
        options = tuple("%s = %s" % kv for kv in settings.items())
        if options != last_options:
            counts["gesta runs (option stretches)"] += 1
            last_options = options
        records.append({"id": unique_id(attrs.get("id", "").strip() or "record", seen),
                        "date": iso, "text": join_lines(html.unescape(text.group(1))) if text else "",
                        "gold": gold, "noevents": noevents, "options": options})
        counts["scored"] += 1
        counts["scored no-events" if noevents else "scored with events"] += 1
        counts["gold events"] += len(gold)
        if "<Skip>" in body:
            counts["records with <Skip> (scored)"] += 1
    return {"records": records, "dict_files": dict_files, "counts": counts}


def petrarch_actor(code):
    """PETRARCH writes a missing actor as "---" and a role with no country as "---GOV"; gesta
    writes "" and "GOV". The same actor either way: compared in gesta's writing."""
    return code[3:] if code.startswith("---") else code


def petrarch_reproduced(rec, actual):
    gold = {(petrarch_actor(s), petrarch_actor(t), c) for s, t, c in rec["gold"]}
    return actual == gold


def petrarch_expected(rec):
    return "no events" if rec["noevents"] else fmt_events(rec["gold"])


# ---------------------------------------------------------------------------------------------
# TABARI validation records


SPECIALS = {"---": "no-events", "###": "discard", "+++": "complex"}


def tabari_date(digits, four_digit_year):
    """ISO date from the digits of a header, or None when they do not make one."""
    if four_digit_year:
        if len(digits) < 8:
            return None
        y, mo, d = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        if len(digits) < 6:
            return None
        yy, mo, d = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
        y = 2000 + yy if yy <= 30 else 1900 + yy
    if not valid_iso(y, mo, d):
        return None
    return "%04d-%02d-%02d" % (y, mo, d)


def yyyy_setting(option_line):
    """True/False when the option line sets YYYY, else None."""
    m = re.match(r"^SET:\s*YYYY\s*=\s*(\w+)", option_line.strip(), re.I)
    if not m:
        return None
    return m.group(1).upper() in ("TRUE", "T", "1", "YES")


def parse_brace(content):
    """Classifies the content of one {...}: ('event', (s, t, c)), ('special', code),
    ('option', line), ('empty', None) or ('other', content)."""
    c = content.strip()
    if not c:
        return "empty", None
    if c in SPECIALS:
        return "special", c
    m = re.match(r"^OPTION\s*:(.*)$", c, re.S)
    if m:
        return "option", m.group(1).strip()
    parts = c.split("/")
    if len(parts) == 3 and all(p.strip() for p in parts):
        return "event", tuple(p.strip() for p in parts)
    return "other", c


def parse_tabari(data):
    """Reads the text of a TABARI validation file up to the FINAL-01 record. Returns a dict:
      records: each {id, date, text, events (frozenset), partial (bool: a -{ line stops the
               checking), special (list of special codes), options (tuple of option lines in
               effect), sets (option lines this record carries), checked (bool)}
      counts: OrderedDict of what was read"""
    blocks, cur = [], []
    for line in data.split("\n"):
        line = line.rstrip("\r")
        if line.strip():
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    counts = OrderedDict([
        ("records", 0), ("six-digit dates", 0), ("longer dates", 0), ("final marker found", 0),
        ("event records", 0), ("gold event lines", 0), ("no-events {---}", 0),
        ("discard {###}", 0), ("complex {+++}", 0), ("special code and event lines", 0),
        ("partial -{ (listed events must be coded)", 0), ("unchecked (only -{ lines)", 0),
        ("option records", 0), ("option lines", 0), ("records expecting no events", 0),
        ("ignored empty braces", 0), ("unreadable braces", 0), ("undated records", 0),
        ("gesta runs (option stretches)", 0)])
    records = []
    seen = {}
    options = []
    four = False
    last_options = None
    header = re.compile(r"^(\d+)\s*(.*)$")
    for b in blocks:
        if not b[0][:1].isdigit():
            continue  # a comment block
        m = header.match(b[0])
        digits, rid = m.group(1), join_lines(m.group(2))
        if rid == "FINAL-01":
            counts["final marker found"] = 1
            break
        counts["records"] += 1
        counts["six-digit dates" if len(digits) == 6 else "longer dates"] += 1
        date = tabari_date(digits, four)
        if date is None:
            counts["undated records"] += 1
        rest = "\n".join(b[1:])
        i = rest.find("/*")
        text = join_lines(rest if i < 0 else rest[:i])
        comment = "" if i < 0 else rest[i + 2:]
        events, specials, sets = set(), [], []
        partial = False
        any_check = False
        for cl in comment.split("\n"):
            for bm in re.finditer(r"(-?)\{([^}]*?)(?:\}|\*/|$)", cl):
                kind, val = parse_brace(bm.group(2))
                if kind == "option":
                    sets.append(val)
                    continue
                if kind == "empty":
                    counts["ignored empty braces"] += 1
                    continue
                if kind == "other":
                    counts["unreadable braces"] += 1
                    continue
                if bm.group(1) == "-":
                    partial = True
                if partial:
                    continue
                any_check = True
                if kind == "special":
                    specials.append(val)
                else:
                    events.add(val)
                    counts["gold event lines"] += 1
        rec = {"id": unique_id(rid or "record", seen), "date": date, "text": text,
               "events": frozenset(events), "partial": partial, "special": specials,
               "options": tuple(options), "sets": sets,
               "checked": any_check or not partial}
        if rec["options"] != last_options:
            counts["gesta runs (option stretches)"] += 1
            last_options = rec["options"]
        records.append(rec)
        for s in set(specials):
            counts["%s {%s}" % (SPECIALS[s], s)] += 1
        if specials and events:
            counts["special code and event lines"] += 1
        if events:
            counts["event records"] += 1
        if partial:
            counts["partial -{ (listed events must be coded)" if any_check
                   else "unchecked (only -{ lines)"] += 1
        if not events and not specials and not partial:
            counts["records expecting no events"] += 1
        if sets:
            counts["option records"] += 1
            counts["option lines"] += len(sets)
        for s in sets:  # the record's options apply from the next record on
            options.append(s)
            y = yyyy_setting(s)
            if y is not None:
                four = y
    return {"records": records, "counts": counts}


def tabari_actor(code):
    """TABARI writes a role word converted to an actor (SET: CONVERT AGENT) as "~MOS"; gesta
    writes "MOS". The same actor either way: compared in gesta's writing."""
    return code[1:] if code.startswith("~") else code


def tabari_reproduced(rec, actual):
    if not rec["checked"]:
        return True
    if rec["special"] and not actual:
        return True
    events = {(tabari_actor(s), tabari_actor(t), c) for s, t, c in rec["events"]}
    if rec["partial"]:
        return bool(events) and events <= actual
    return actual == events


def tabari_expected(rec):
    if not rec["checked"]:
        return "(not checked)"
    parts = []
    if rec["special"]:
        parts.append("no events {%s}" % "".join(sorted(set(rec["special"]))))
    if rec["events"]:
        parts.append(("at least " if rec["partial"] else "") + fmt_events(rec["events"]))
    if not parts:
        parts.append("no events")
    return " or ".join(parts)


def read_project(path):
    """{tag: [values]} of a TABARI .project file (the <session> lines left out)."""
    out = OrderedDict()
    with open(path, encoding="latin-1") as f:
        for line in f:
            m = re.match(r"^\s*<(\w+)>\s*(.*?)\s*$", line)
            if m and not m.group(1).lower().startswith("session"):
                out.setdefault(m.group(1).lower(), []).append(m.group(2))
    return out


# ---------------------------------------------------------------------------------------------
# Running gesta


def fmt_events(events):
    if not events:
        return "{}"
    return "{" + ", ".join("%s/%s/%s" % e for e in sorted(events)) + "}"


def run_gesta(gesta, args, docs):
    """Codes docs (dicts id, date, text) with `gesta code ARGS --input jsonl FILE`.
    Returns ({doc id: set of (source, target, code)}, info) or raises HarnessError."""
    fd, path = tempfile.mkstemp(prefix="gesta-conformance-", suffix=".jsonl")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for d in docs:
                rec = OrderedDict([("id", d["id"])])
                if d.get("date"):
                    rec["date"] = d["date"]
                rec["text"] = d["text"]
                rec["lang"] = "en"
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        cmd = [gesta, "code"] + list(args) + ["--input", "jsonl", path]
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
        except subprocess.TimeoutExpired:
            raise HarnessError("crash", "gesta ran for over 300 s and was stopped")
    finally:
        os.unlink(path)
    err = p.stderr.decode("utf-8", "replace")
    err_lines = [l for l in err.splitlines() if l.strip()]
    if p.returncode < 0:
        raise HarnessError("crash", "gesta was killed by signal %d" % -p.returncode)
    if p.returncode not in (0, 1):
        m = UNKNOWN_OPTION.search(err)
        if m and m.group(1) in DICT_FLAGS:
            raise HarnessError("unsupported", "gesta does not accept %s yet" % m.group(1))
        first = next((l for l in err_lines if not SUMMARY.match(l)), "no message")
        kind = "load" if "dictionar" in err or "cannot load" in err else "refused"
        if p.returncode > 2:
            kind = "crash"
        raise HarnessError(kind, "gesta exited with status %d: %s" % (p.returncode, first))
    summary = [SUMMARY.match(l) for l in err_lines if SUMMARY.match(l)]
    if not summary:
        raise HarnessError("output", "gesta wrote no summary line on stderr")
    read, coded, failed, nevents = (int(x) for x in summary[-1].groups())
    events = {}
    by_sentence = []
    n = 0
    for i, line in enumerate(p.stdout.decode("utf-8", "replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            e = json.loads(line)
            key = (e["source"], e["target"], e["code"])
            doc = e["doc"]
        except (ValueError, KeyError, TypeError) as x:
            raise HarnessError("output", "output line %d does not parse (%s)" % (i, x))
        if not all(isinstance(v, str) for v in key + (doc,)):
            raise HarnessError("output", "output line %d: doc, source, target or code is not a "
                               "string" % i)
        events.setdefault(doc, set()).add(key)
        by_sentence.append((doc, e.get("sentence", ""), key))
        n += 1
    if n != nevents:
        raise HarnessError("output", "gesta wrote %d event lines but its summary says %d"
                           % (n, nevents))
    if read != len(docs):
        raise HarnessError("output", "gesta read %d documents of %d" % (read, len(docs)))
    unknown = set(events) - {d["id"] for d in docs}
    if unknown:
        raise HarnessError("output", "events for a document not given: %s" % sorted(unknown)[0])
    problems = [l for l in err_lines if not SUMMARY.match(l)]
    return events, {"coded": coded, "failed": failed, "events": nevents, "problems": problems,
                    "by_sentence": by_sentence}


def stretches(records):
    """Consecutive runs of records sharing the same options."""
    out = []
    for r in records:
        if out and out[-1][0]["options"] == r["options"]:
            out[-1].append(r)
        else:
            out.append([r])
    return out


def forward_format(options):
    """The sequence format of TABARI's FORWARD option in effect ("^^*****NNN*SSS"), or None."""
    fmt = None
    for o in options:
        m = re.match(r"\s*FORWARD\s*:\s*(\S+)(.*)$", o, re.I)
        if m:
            fmt = None if re.search(r"\bOFF\b", m.group(2), re.I) else m.group(1)
    return fmt


def story_position(rid, fmt):
    """(story, sentence) from a record id by a FORWARD format aligned at the id's end: N marks
    story digits, S sentence digits; None when they are not digits."""
    rid = rid.split("~")[0]
    if len(rid) < len(fmt):
        rid = " " * (len(fmt) - len(rid)) + rid
    rid = rid[len(rid) - len(fmt):]
    story = "".join(c for c, f in zip(rid, fmt) if f == "N")
    sent = "".join(c for c, f in zip(rid, fmt) if f == "S")
    if not story.isdigit() or not sent.isdigit():
        return None
    return story, int(sent)


def forward_units(records):
    """With FORWARD in effect, consecutive records of one story whose sentence numbers follow
    each other are one document (TABARI carries actors from one to the next); else one each."""
    units = []
    for r in records:
        fmt = forward_format(r["options"])
        pos = story_position(r["id"], fmt) if fmt else None
        if pos and units and units[-1][0] and units[-1][0][0] == pos[0] and \
                units[-1][0][1] + 1 == pos[1]:
            units[-1][1].append(r)
            units[-1] = (pos, units[-1][1])
        else:
            units.append((pos, [r]))
    return [u[1] for u in units]


def squash(text):
    return " ".join(text.split())


def run_suite(name, records, base_args, gesta, native, option_args):
    """Codes the records; returns ({id: event set}, info)."""
    if native:
        groups = [records]
    else:
        groups = stretches(records)
    actual = {}
    info = {"runs": 0, "failed documents": 0, "events": 0, "problems": []}
    for g in groups:
        args = [] if native else base_args + option_args(g[0]["options"])
        units = forward_units(g) if not native else [[r] for r in g]
        docs = []
        for u in units:
            d = dict(u[0])
            if len(u) > 1:
                d["text"] = "\n\n".join(r["text"] for r in u)
            docs.append(d)
        ev, inf = run_gesta(gesta, args, docs)
        for u in units:
            if len(u) == 1:
                continue
            # Events of a story go to the record holding their sentence.
            ev.pop(u[0]["id"], None)
            for doc, sentence, key in inf["by_sentence"]:
                if doc != u[0]["id"]:
                    continue
                for r in u:
                    if squash(sentence) and squash(sentence) in squash(r["text"]):
                        ev.setdefault(r["id"], set()).add(key)
                        break
        actual.update(ev)
        info["runs"] += 1
        info["failed documents"] += inf["failed"]
        info["events"] += inf["events"]
        info["problems"] += inf["problems"]
    return actual, info


# ---------------------------------------------------------------------------------------------
# Suites


def load_petrarch(reference):
    path = os.path.join(reference, PETR_RECORDS)
    if not os.path.isfile(path):
        return None, "%s not found" % path
    folder = os.path.dirname(path)
    with open(path, encoding="utf-8", errors="replace") as f:
        suite = parse_petrarch(f.read(), read_petr_ini(os.path.join(folder, PETR_CONFIG)))
    args = ["--dict-format", "petrarch"]
    for flag, fname in suite["dict_files"]:
        full = os.path.join(folder, fname)
        if not os.path.isfile(full):
            return None, "%s not found" % full
        args += [flag, full]
    suite["args"] = args
    suite["option_args"] = lambda opts: [x for o in opts for x in ("--dict-option", o)]
    suite["reproduced"] = petrarch_reproduced
    suite["expected"] = petrarch_expected
    suite["file"] = PETR_RECORDS
    return suite, None


def load_tabari(reference):
    path = os.path.join(reference, TABARI_TEXT)
    project = os.path.join(reference, TABARI_PROJECT)
    for p in (path, project):
        if not os.path.isfile(p):
            return None, "%s not found" % p
    with open(path, encoding="latin-1") as f:
        suite = parse_tabari(f.read())
    suite["args"] = ["--dict-format", "tabari", "--project", project]
    suite["option_args"] = lambda opts: [x for o in opts for x in ("--dict-option", o)]
    suite["reproduced"] = tabari_reproduced
    suite["expected"] = tabari_expected
    suite["file"] = TABARI_TEXT
    return suite, None


LOADERS = {"petrarch-unit": load_petrarch, "tabari-validate": load_tabari}


def score_suite(name, suite, args):
    """Runs one suite; returns a result dict (or raises HarnessError)."""
    records = suite["records"]
    t0 = time.time()
    actual, info = run_suite(name, records, suite["args"], args.gesta, args.native,
                             suite["option_args"])
    failures = []
    n = 0
    for r in records:
        got = actual.get(r["id"], set())
        if suite["reproduced"](r, got):
            n += 1
        else:
            failures.append(OrderedDict([("id", r["id"]), ("expected", suite["expected"](r)),
                                         ("actual", fmt_events(got)),
                                         ("actual_events", [list(e) for e in sorted(got)])]))
    return OrderedDict([("suite", name), ("records", len(records)), ("reproduced", n),
                        ("native", args.native), ("gesta runs", info["runs"]),
                        ("failed documents", info["failed documents"]),
                        ("events", info["events"]), ("seconds", round(time.time() - t0, 2)),
                        ("problems", info["problems"][:5]), ("failures", failures)])


# ---------------------------------------------------------------------------------------------
# Self-check


# Small made-up samples (not taken from the suites) exercising each rule of the two readers.
SAMPLE_PETR = """<Validation><Environment><Verbfile>v.txt</Verbfile><Actorfile>a.txt</Actorfile>
<Config option="alpha" value="1"></Config></Environment><Sentences>
<!-- <Sentence date="20010101" id="C-0" valid="true"><EventCoding noevents="True"/></Sentence> -->
<Sentence date="20010102" id="S-1" valid="true">
<EventCoding sourcecode="AAA" targetcode="BBB" eventcode="042"></EventCoding>
<EventCoding sourcecode="AAA" targetcode="BBB" eventcode="042"></EventCoding>
<EventCoding sourcecode='"NEW ACTOR"' targetcode="---" eventcode="010"></EventCoding>
<Text>
Alpha &amp; beta
  met.
</Text><Parse>(ROOT (S (NP (NN x))))</Parse></Sentence>
<Config option="beta" value="TRUE"></Config>
<Sentence date = "20010103" id ="S-2" valid="true"><Skip></Skip>
<EventCoding noevents = "True"> </EventCoding><Text>None here.</Text></Sentence>
<Sentence date="20010104" id="S-3" valid="false">
<EventCoding sourcecode="AAA" targetcode="BBB" eventcode="042"></EventCoding><Text>x</Text></Sentence>
<Sentence date="20010105" id="S-4" valid="true"><EventCoding error="dateline"></EventCoding>
<Text>x</Text></Sentence>
<Config option="alpha" value="2"></Config>
<Sentence date="20010106" id="S-5" valid="true"><Text>No gold.</Text></Sentence>
<Sentence date="20010107" id="S-1" valid="true">
<EventCoding sourcecode="CCC" targetcode="" eventcode="190"></EventCoding><Text>Again.</Text></Sentence>
</Sentences></Validation>
"""

SAMPLE_TABARI = """
#####
# a comment block
#####

990101  ONE-01
First line of text
second line./*
\\n[prose with an empty brace {} in it]
\\n{ AAA / BBB / 042 } 990102
\\n{AAA/CCC/043}  (LABEL) WORD */

000101  TWO-01
Text.
/*\\n---
\\n{ OPTION: SET: YYYY = TRUE } */

20010203 THREE-01
Text three.
/*
\\n{+++}
\\n{ AAA / BBB / 010 }
\\n-{ DDD / EEE / 020 }
\\n{ FFF / GGG / 030 }  */

19990101 THREE-01
Text four.
/*\\n{ OPTION: SET: YYYY = FALSE }
\\n{ OPTION: COMMA: OFF  */

3101015  FOUR-01
Text five.
/*\\n-{ AAA / BBB / 042 } */

010101  FIVE-01
Text six.
/*\\n{ AAA / BBB / 042 }   /*

010101  FINAL-01
Not read.
/*\\n{ XXX / YYY / 000 } */
"""


def self_check_samples():
    """Checks on the made-up samples; returns a list of failed check descriptions."""
    bad = []

    def check(what, got, want):
        if got != want:
            bad.append("%s: got %r, want %r" % (what, got, want))

    p = parse_petrarch(SAMPLE_PETR, [("ini_opt", "x")])
    recs = p["records"]
    check("petrarch scored ids", [r["id"] for r in recs], ["S-1", "S-2", "S-1~2"])
    check("petrarch dict files", p["dict_files"], [("--verbs", "v.txt"), ("--actors", "a.txt")])
    check("petrarch gold S-1", recs[0]["gold"],
          frozenset({("AAA", "BBB", "042"), ('"NEW ACTOR"', "---", "010")}))
    check("petrarch text", recs[0]["text"], "Alpha & beta met.")
    check("petrarch date", recs[1]["date"], "2001-01-03")
    check("petrarch noevents", (recs[1]["noevents"], recs[1]["gold"]), (True, frozenset()))
    check("petrarch options 1", recs[0]["options"], ("ini_opt = x", "alpha = 1"))
    check("petrarch options 2", recs[1]["options"], ("ini_opt = x", "alpha = 1", "beta = TRUE"))
    check("petrarch options 3", recs[2]["options"], ("ini_opt = x", "alpha = 2", "beta = TRUE"))
    c = p["counts"]
    check("petrarch counts", (c["sentences"], c["valid"], c["not scored: valid=false"],
                              c["not scored: error expected"], c["not scored: no gold"],
                              c["records with <Skip> (scored)"], c["gesta runs (option stretches)"]),
          (6, 5, 1, 1, 1, 1, 3))
    check("petrarch reproduced exact", petrarch_reproduced(recs[0], {("AAA", "BBB", "042")}), False)
    check("petrarch reproduced noevents", petrarch_reproduced(recs[1], set()), True)

    t = parse_tabari(SAMPLE_TABARI)
    recs = t["records"]
    check("tabari ids", [r["id"] for r in recs],
          ["ONE-01", "TWO-01", "THREE-01", "THREE-01~2", "FOUR-01", "FIVE-01"])
    check("tabari dates", [r["date"] for r in recs],
          ["1999-01-01", "2000-01-01", "2001-02-03", "1999-01-01", "1931-01-01", "2001-01-01"])
    check("tabari text", recs[0]["text"], "First line of text second line.")
    check("tabari events", recs[0]["events"],
          frozenset({("AAA", "BBB", "042"), ("AAA", "CCC", "043")}))
    check("tabari options", [r["options"] for r in recs],
          [(), (), ("SET: YYYY = TRUE",), ("SET: YYYY = TRUE",),
           ("SET: YYYY = TRUE", "SET: YYYY = FALSE", "COMMA: OFF"),
           ("SET: YYYY = TRUE", "SET: YYYY = FALSE", "COMMA: OFF")])
    r3 = recs[2]
    check("tabari partial", (r3["partial"], r3["special"], r3["events"]),
          (True, ["+++"], frozenset({("AAA", "BBB", "010")})))
    check("tabari special, no events", tabari_reproduced(r3, set()), True)
    check("tabari partial, superset", tabari_reproduced(
        r3, {("AAA", "BBB", "010"), ("XXX", "YYY", "111")}), True)
    check("tabari partial, missing", tabari_reproduced(r3, {("XXX", "YYY", "111")}), False)
    check("tabari option record", (tabari_reproduced(recs[1], set()),
                                   tabari_reproduced(recs[1], {("A", "B", "010")})), (True, False))
    check("tabari unchecked", (recs[4]["checked"], tabari_reproduced(recs[4], {("Q", "", "1")})),
          (False, True))
    check("tabari exact", (tabari_reproduced(recs[0], {("AAA", "BBB", "042")}),
                           tabari_reproduced(recs[0], set(recs[0]["events"]))), (False, True))
    check("tabari unclosed comment", recs[5]["events"], frozenset({("AAA", "BBB", "042")}))
    c = t["counts"]
    check("tabari counts", (c["records"], c["final marker found"], c["option records"],
                            c["option lines"], c["ignored empty braces"], c["unreadable braces"],
                            c["gesta runs (option stretches)"]), (6, 1, 2, 3, 1, 0, 3))
    return bad


# Counts the suites in ../shared/reference must give (checked when the folder is present).
EXPECTED_PETR = OrderedDict([("sentences", 281), ("valid", 276), ("scored", 268),
                             ("scored with events", 249), ("scored no-events", 19),
                             ("not scored: error expected", 7), ("not scored: no gold", 1)])
EXPECTED_TABARI = OrderedDict([("records", 472), ("six-digit dates", 466), ("longer dates", 6),
                               ("final marker found", 1), ("unreadable braces", 0),
                               ("undated records", 0)])


def self_check(reference, suites, as_json):
    """Prints the checks' outcome and the suites' counts; returns (ok, report)."""
    report = OrderedDict()
    bad = self_check_samples()
    report["samples"] = "ok" if not bad else bad
    for name in suites:
        suite, why = LOADERS[name](reference)
        if suite is None:
            report[name] = OrderedDict([("skipped", why)])
            continue
        counts = suite["counts"]
        want = EXPECTED_PETR if name == "petrarch-unit" else EXPECTED_TABARI
        for k, v in want.items():
            if counts.get(k) != v:
                bad.append("%s: %s is %s, expected %s" % (name, k, counts.get(k), v))
        ids = [r["id"] for r in suite["records"]]
        if len(set(ids)) != len(ids):
            bad.append("%s: record ids are not unique" % name)
        for r in suite["records"]:
            if not r["date"]:
                bad.append("%s: %s has no date" % (name, r["id"]))
            if not r["text"] and name == "petrarch-unit":
                bad.append("%s: %s has no text" % (name, r["id"]))
        report[name] = counts
    if as_json:
        return not bad, report
    print("self-check: made-up samples %s" % ("read as expected" if report["samples"] == "ok"
                                              else "not read as expected"))
    for name in suites:
        v = report.get(name)
        if "skipped" in v:
            print("self-check %s: skipped, %s" % (name, v["skipped"]))
            continue
        print("self-check %s counts:" % name)
        for k, n in v.items():
            print("  %-44s %5d" % (k, n))
    for b in bad:
        print("self-check problem: %s" % b)
    return not bad, report


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(
        description="Code the PETRARCH and TABARI validation suites with gesta and count the "
                    "records it reproduces.")
    ap.add_argument("--gesta", default=os.path.join(ROOT, "build", "gesta"), help="gesta binary")
    ap.add_argument("--reference", default=DEFAULT_REFERENCE,
                    help="reference folder (default ../shared/reference beside the repository)")
    ap.add_argument("--suite", choices=SUITES, action="append",
                    help="run only this suite (repeatable)")
    ap.add_argument("--quiet", action="store_true", help="print only the last line of each suite")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--native", action="store_true",
                    help="code the suites' texts with gesta's built-in dictionaries (a baseline)")
    ap.add_argument("--smoke", action="store_true",
                    help="check only that gesta ran and its output parsed (for ctest)")
    ap.add_argument("--self-check", action="store_true",
                    help="check the gold readers and print the suites' counts")
    args = ap.parse_args()
    args.reference = os.path.abspath(args.reference)
    suites = args.suite or SUITES
    quiet = args.quiet or args.smoke
    out = OrderedDict()
    status = 0

    if args.self_check:
        ok, rep = self_check(args.reference, suites, args.json)
        out["self-check"] = rep
        if not ok:
            status = 1
        if not args.json:
            print("self-check: %s" % ("every check held" if ok else "a check did not hold"))
        if not args.smoke:  # --self-check alone checks the readers only
            if args.json:
                print(json.dumps(out, indent=1))
            return status

    if not os.path.isdir(args.reference):
        for name in suites:
            out[name] = OrderedDict([("skipped", "reference folder %s not found" % args.reference)])
            if not args.json:
                print("%s: skipped, reference folder %s not found" % (name, args.reference))
        if args.json:
            print(json.dumps(out, indent=1))
        return status

    if not os.access(args.gesta, os.X_OK):
        if not args.json:
            print("conformance: no gesta binary at %s (build it, or give --gesta PATH)" % args.gesta)
        else:
            print(json.dumps({"error": "no gesta binary at %s" % args.gesta}))
        return 1

    for name in suites:
        suite, why = LOADERS[name](args.reference)
        if suite is None:
            out[name] = OrderedDict([("skipped", why)])
            if not args.json:
                print("%s: skipped, %s" % (name, why))
            continue
        try:
            res = score_suite(name, suite, args)
        except HarnessError as e:
            out[name] = OrderedDict([("not run", str(e)), ("kind", e.kind)])
            if e.kind == "unsupported":
                if not args.json:
                    print("%s: not run, %s (records not coded)" % (name, e))
                if not args.smoke:
                    status = max(status, 2)
            else:
                if not args.json:
                    print("%s: gesta failed: %s" % (name, e))
                status = 1
            continue
        out[name] = res
        if args.json:
            continue
        if not quiet:
            print("%s (%s%s): %d gesta runs, %.1f s"
                  % (name, suite["file"], ", built-in dictionaries" if args.native else "",
                     res["gesta runs"], res["seconds"]))
            for f in res["failures"]:
                print("  %s: expected %s; actual %s" % (f["id"], f["expected"], f["actual"]))
            if res["failed documents"]:
                print("  gesta could not code %d documents" % res["failed documents"])
            for p in res["problems"]:
                print("  gesta said: %s" % p)
        print("%s: %d of %d records reproduced" % (name, res["reproduced"], res["records"]))
    if args.json:
        print(json.dumps(out, indent=1))
    return status


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output cut short (| head): not an error of the harness
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
