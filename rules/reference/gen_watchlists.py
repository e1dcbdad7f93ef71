#!/usr/bin/python3
"""Compile sanctions lists into cargowatch rule list files.

usage: gen_watchlists.py [-o OUTDIR] [--ofac-date TEXT] FILE...

FILE are the published list files, recognised by name:
  *.xml    UN Security Council consolidated list (sc-sanctions.xsd): the
           full list (its DPRK entries are kept) or an extract (its Iran
           entries are kept); several may be given
  sdn.csv  OFAC SDN list, legacy CSV, with alt.csv (aliases) and add.csv
           (addresses) beside it or given too

Writes into OUTDIR (default: the directory of this script), one name or
IMO number a line, with a '#' header saying source, date, licence and the
command that made the file:

  un-dprk-1718-entities.txt      UN DPRK regime (resolution 1718), entities
  un-dprk-1718-individuals.txt   and individuals, with aliases
  un-iran-2231-entities.txt      UN Iran regime (resolution 2231 list)
  un-iran-2231-individuals.txt
  ofac-sdn-{npwmd,dprk,iran}-entities.txt      OFAC SDN by programme
  ofac-sdn-{npwmd,dprk,iran}-individuals.txt
  ofac-sdn-vessels.txt           IMO numbers of SDN vessels of those programmes

An SDN entry in several of the programmes is written once, under the first
of NPWMD, DPRK, IRAN, so one party raises one alert; its comment line
names all its programmes.  Standard library only.
"""
import argparse
import collections
import csv
import os
import re
import sys
import xml.etree.ElementTree as ET

UN_LICENCE = "public UN document"
OFAC_LICENCE = "US Government work, public domain"


def clean(name):
    """One name as published, tidied for a list line."""
    name = name.replace("\u2019", "'").replace("\u2018", "'")
    name = re.sub(r"\s+", " ", name).strip()
    name = name.strip("\"'").strip()
    # a list line starting with '#' would be a comment
    return name.lstrip("#").strip()


# What a parenthesis holds when it is no name: a place or a legal form
# ("X PTE LTD (SINGAPORE)", "Y (UK)", "Z (GMBH)").  Filled with the
# cities and countries of add.csv too.
NOT_NAMES = {"uk", "usa", "us", "uae", "hk", "prc", "dprk", "gmbh", "ltd", "llc", "fze", "fzco",
             "pte", "sa", "ag", "inc", "co", "limited", "branch", "head office", "hong kong"}


def with_parenthesis(name):
    """'SHAHID HEMMAT INDUSTRIAL GROUP (SHIG)' is two names a filer may
    write: the name without the parenthesis, and what it holds (unless
    that is a place or a legal form)."""
    m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*(.*)$", name)
    if not m:
        return [name]
    outer = clean(m.group(1) + " " + m.group(3))
    inner = clean(m.group(2))
    if inner.lower().strip(". ") in NOT_NAMES:
        inner = ""
    return [n for n in (outer, inner) if n]


def split_aliases(text):
    out = []
    for p in re.split(r"\s*;\s*", text or ""):
        if clean(p):
            out += with_parenthesis(clean(p))
    return out


def text(el, tag):
    v = el.findtext(tag)
    return v.strip() if v else ""


# ---- UN consolidated list ---------------------------------------------

def un_entries(path):
    """(regime, kind, ref, names, comment) for each DPRK or Iran entry."""
    root = ET.parse(path).getroot()
    date = (root.get("dateGenerated") or "")[:10]
    out = []
    for kind, group, alias_tag in (("entity", "ENTITIES", "ENTITY_ALIAS"),
                                   ("individual", "INDIVIDUALS", "INDIVIDUAL_ALIAS")):
        g = root.find(group)
        if g is None:
            continue
        for e in g:
            regime = text(e, "UN_LIST_TYPE")
            if regime not in ("DPRK", "Iran"):
                continue
            parts = [text(e, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
            names = split_aliases(" ".join(p for p in parts if p))
            for a in e.findall(alias_tag):
                # "Low" quality aliases of individuals are too weak to screen on
                if text(a, "QUALITY").lower() == "low":
                    continue
                names += split_aliases(text(a, "ALIAS_NAME"))
            orig = text(e, "NAME_ORIGINAL_SCRIPT")
            if orig:
                names += split_aliases(orig)
            ref = text(e, "REFERENCE_NUMBER")
            out.append((regime, kind, ref, names, ref + " listed " + text(e, "LISTED_ON")))
    return date, out


# ---- OFAC SDN -------------------------------------------------------

PROGRAMMES = ("NPWMD", "DPRK", "IRAN")


def programme_family(progs):
    """The first of NPWMD, DPRK, IRAN the entry is listed under, or None."""
    fams = set()
    for p in progs:
        if p == "NPWMD":
            fams.add("NPWMD")
        elif p.startswith("DPRK"):
            fams.add("DPRK")
        elif p.startswith("IRAN") or p in ("IFSR", "IRGC", "HRIT-IR", "CAATSA - IRAN"):
            fams.add("IRAN")
    for f in PROGRAMMES:
        if f in fams:
            return f
    return None


def null(v):
    v = (v or "").strip()
    return "" if v == "-0-" else v


def read_csv(path):
    with open(path, encoding="latin-1", newline="") as f:
        return list(csv.reader(f))


def ofac_individual_name(name):
    """'KIM, Jong Un' -> 'Jong Un KIM' (as a filer would write it)."""
    if "," in name:
        last, first = name.split(",", 1)
        if first.strip():
            return clean(first) + " " + clean(last)
    return clean(name)


IMO_RE = re.compile(r"Vessel Registration Identification IMO (\d{7})\b")


def imo_valid(s):
    return len(s) == 7 and s.isdigit() and \
        sum(int(s[i]) * (7 - i) for i in range(6)) % 10 == int(s[6])


def ofac_entries(sdn_path, alt_path, add_path):
    aliases = collections.defaultdict(list)
    if alt_path:
        for r in read_csv(alt_path):
            if len(r) >= 4 and null(r[3]):
                aliases[r[0].strip()].append(null(r[3]))
    countries = collections.defaultdict(set)
    if add_path:
        for r in read_csv(add_path):
            if len(r) >= 5 and null(r[4]):
                countries[r[0].strip()].add(null(r[4]))
                NOT_NAMES.add(null(r[4]).lower())
            if len(r) >= 4 and null(r[3]):
                city = re.sub(r"[\d-]+", " ", null(r[3])).strip(" ,").lower()
                if city:
                    NOT_NAMES.add(re.sub(r"\s+", " ", city))
    names, vessels = [], []
    for r in read_csv(sdn_path):
        if len(r) < 12:
            continue
        ent, name, typ = r[0].strip(), null(r[1]), null(r[2])
        progs = [p.strip(" []") for p in re.split(r"\]\s*\[", null(r[3])) if p.strip(" []")]
        fam = programme_family(progs)
        if not fam or not name:
            continue
        comment = "SDN %s %s [%s]" % (ent, name, "] [".join(progs))
        if countries[ent]:
            comment += " " + ", ".join(sorted(countries[ent]))
        if typ == "vessel":
            for imo in IMO_RE.findall(r[11]):
                if imo_valid(imo):
                    vessels.append((fam, imo, comment))
                else:
                    print("%s: SDN %s: IMO %s fails its check digit: left out"
                          % (sdn_path, ent, imo), file=sys.stderr)
            continue
        if typ == "aircraft":
            continue
        kind = "individual" if typ == "individual" else "entity"
        conv = ofac_individual_name if kind == "individual" else clean
        ns = [n for x in [name] + aliases[ent] for n in with_parenthesis(conv(x))]
        names.append((fam, kind, ns, comment))
    return names, vessels


# ---- one-word names ---------------------------------------------------

LEGAL = {"co", "company", "companies", "ltd", "limited", "llc", "inc", "incorporated", "corp",
         "corporation", "pvt", "private", "plc", "sa", "gmbh", "ag", "fze", "fzco", "fzc", "jsc",
         "pjsc", "ojsc", "cjsc", "llp", "pte", "bhd", "sdn", "srl", "spa", "bv", "nv", "ltda",
         "the", "sal", "as", "ab", "oy", "kg", "est", "establishment"}


def one_word(name):
    """Does the name come down to one word once its legal form is gone
    ('RAMAN COMPANY' -> 'raman')?  Such a name meets many an innocent
    filer's, so it is screened only with more evidence.  An approximation
    of cw_norm_name's legal-form removal; it only decides the file."""
    words = [w for w in re.split(r"[^0-9a-z]+", name.lower()) if w]
    while len(words) > 1 and words[-1] in LEGAL:
        words.pop()
    while len(words) > 1 and words[0] in LEGAL:
        words.pop(0)
    return len(words) <= 1


# ---- writing --------------------------------------------------------

def header(what, source, date, licence, cmd, how):
    lines = ["# " + what,
             "# Source: " + source,
             "# Date: " + date,
             "# Licence: " + licence,
             "# Made by: " + cmd,
             "#"]
    lines += ["# " + l for l in how]
    lines.append("")
    return "\n".join(lines) + "\n"


def write(outdir, fname, head, blocks):
    seen = set()
    n = 0
    with open(os.path.join(outdir, fname), "w", encoding="utf-8") as f:
        f.write(head)
        for comment, items in blocks:
            items = [i for i in items if i and i.upper() not in seen]
            if not items:
                continue
            f.write("# " + comment + "\n")
            for i in items:
                seen.add(i.upper())
                f.write(i + "\n")
                n += 1
    print("%s: %d items" % (fname, n), file=sys.stderr)


NAME_HOW = ["One name a line; each entry's names follow a comment line giving its",
            "reference.  cargowatch compares names after normalisation (case,",
            "punctuation, legal forms, script; see rules/README.md, names lists)."]


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--outdir", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--ofac-date", default=None,
                    help="publication date of the SDN files (default: sdn.csv's mtime)")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args(argv)
    cmd = " ".join(["./gen_watchlists.py"] + (["--ofac-date", repr(a.ofac_date)] if a.ofac_date else [])
                   + a.files)

    xmls = [f for f in a.files if f.lower().endswith(".xml")]
    sdn = next((f for f in a.files if os.path.basename(f).lower() == "sdn.csv"), None)

    def beside(name):
        given = next((f for f in a.files if os.path.basename(f).lower() == name), None)
        if given:
            return given
        p = os.path.join(os.path.dirname(sdn), name)
        return p if os.path.exists(p) else None

    if not xmls and not sdn:
        ap.error("give UN XML files and/or sdn.csv")

    if xmls:
        # regime -> kind -> blocks; the newest file's entry wins per reference
        by_ref = {}
        dates = {}
        for path in xmls:
            date, ents = un_entries(path)
            for regime, kind, ref, names, comment in ents:
                key = (regime, ref)
                if key not in by_ref or date > by_ref[key][0]:
                    by_ref[key] = (date, kind, names, comment)
                    dates.setdefault(regime, set()).add((date, os.path.basename(path)))
        for regime, fname, prog in (("DPRK", "un-dprk-1718", "DPRK sanctions regime, resolution 1718 (2006) and successors"),
                                    ("Iran", "un-iran-2231", "Iran list, resolutions 1737 (2006) to 2231 (2015)")):
            src = "; ".join("%s generated %s" % (b, d) for d, b in sorted(dates.get(regime, ())))
            if not src:
                continue
            date = max(d for d, _ in dates[regime])
            for kind in ("entity", "individual"):
                blocks = [(c, n) for (r, ref), (d, k, n, c) in sorted(by_ref.items())
                          if r == regime and k == kind]
                what = "UN Security Council consolidated list, %s: %s and their aliases" % (
                    prog, "entities" if kind == "entity" else "individuals")
                write(a.outdir, "%s-%s.txt" % (fname, "entities" if kind == "entity" else "individuals"),
                      header(what, "UN Security Council (" + src + ")", date, UN_LICENCE, cmd, NAME_HOW),
                      blocks)

    if sdn:
        import time
        date = a.ofac_date or time.strftime("%Y-%m-%d", time.gmtime(os.path.getmtime(sdn)))
        names, vessels = ofac_entries(sdn, beside("alt.csv"), beside("add.csv"))
        src = "US Treasury OFAC, Specially Designated Nationals list (legacy CSV: sdn.csv, alt.csv, add.csv)"
        for fam in PROGRAMMES:
            blocks = [(c, [x for x in n if one_word(x)]) for f, k, n, c in names
                      if f == fam and k == "entity"]
            what = "OFAC SDN list, programme %s%s: entity names of one word (legal form aside)" % (
                fam, "" if fam == "NPWMD" else "*")
            how = NAME_HOW + ["Names such as 'RAMAN COMPANY' ('raman') meet many innocent filers'",
                              "names; the rules screen them only with a sanctioned country in the",
                              "message.  The other names of each entry are in the -entities file."]
            write(a.outdir, "ofac-sdn-%s-one-word.txt" % fam.lower(),
                  header(what, src, date, OFAC_LICENCE, cmd, how), blocks)
            for kind in ("entity", "individual"):
                blocks = [(c, [x for x in n if kind == "individual" or not one_word(x)])
                          for f, k, n, c in names if f == fam and k == kind]
                what = "OFAC SDN list, programme %s%s: %s and their aliases" % (
                    fam, "" if fam == "NPWMD" else "*", "entities" if kind == "entity" else "individuals")
                how = NAME_HOW + ["An entry under several of NPWMD, DPRK*, IRAN* is in the first such",
                                  "file only; its comment names all its programmes.  Iran programmes:",
                                  "IRAN*, IFSR, IRGC, HRIT-IR, CAATSA - IRAN."]
                write(a.outdir, "ofac-sdn-%s-%s.txt" % (fam.lower(), "entities" if kind == "entity" else "individuals"),
                      header(what, src, date, OFAC_LICENCE, cmd, how), blocks)
        blocks = [("%s: %s" % (f, c), [imo]) for f, imo, c in vessels]
        write(a.outdir, "ofac-sdn-vessels.txt",
              header("OFAC SDN list: vessels of programmes NPWMD, DPRK*, IRAN*, by IMO number", src, date,
                     OFAC_LICENCE, cmd,
                     ["One IMO number a line (from 'Vessel Registration Identification IMO' in",
                      "the remarks; numbers failing the IMO check digit are left out); the",
                      "comment line above each names the vessel and its programmes."]),
              blocks)


if __name__ == "__main__":
    main(sys.argv[1:])
