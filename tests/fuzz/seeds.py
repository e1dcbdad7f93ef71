#!/usr/bin/env python3
"""seeds.py: writes the hand-made seed inputs of the fuzz corpora and the
three dictionaries.

Run from anywhere: python3 tests/fuzz/seeds.py.  It (re)writes only the
files it names (seed-*, *.dict), so seeds kept from crashes (regress-*) and
the copies of the shipped rule and configuration files (shipped-*) stay as
they are.
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def put(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def js(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


# ---- decode -------------------------------------------------------------

MANIFEST = {
    "type": "manifest", "version": 1, "id": "m-100", "action": "original", "bl": "BL-A1",
    "master_bl": "MBL-9", "carrier": "EGLV", "vessel": {"name": "EVER GIVEN", "imo": "9811000"},
    "voyage": "025W", "filed_at": "2026-03-02T08:00:00Z", "departure": "2026-03-04T00:00:00Z",
    "arrival": "2026-03-20T12:30:00+04:00",
    "route": {"receipt": "CNSHE", "loading": "CNDLC", "transshipment": ["SGSIN"], "discharge": "AEJEA",
              "delivery": "IRTHR"},
    "shipper": {"name": "Liaoning Hengda Trading Co Ltd", "address": "12 Renmin Rd, Dalian", "country": "CN",
                "phone": "+86 411 8888 1234", "email": "sales@hengda.example", "registration": "91210200MA0X"},
    "consignee": {"name": "Gulf Horizon FZE", "country": "AE", "phone": "+971 4 555 0123"},
    "notify": {"name": "Al Noor General Trading LLC", "phone": "00971-4-5550123"},
    "containers": [{"number": "MSCU1234565", "seal": "SL998", "type": "22G1"}],
    "goods": [{"description": "AMMONIUM PERCHLORATE 200 DRUMS", "hs": "282990", "packages": 200,
               "package_type": "DRUM", "weight_kg": 10000, "value": 52000.5, "currency": "USD",
               "container": "MSCU1234565", "origin": "CN"}],
}

INSURANCE = {
    "type": "insurance", "version": 1, "id": "i-100", "certificate": "CERT-0001", "policy": "OC-4411",
    "issued_at": "2026-03-03T09:15:00Z", "insurer": {"name": "Oceanic Marine Insurance Ltd", "country": "SG"},
    "assured": {"name": "Penang Star Sdn Bhd", "country": "MY", "phone": "+60 4 222 1111"},
    "beneficiary": {"name": "Desert Pearl Trading FZCO", "country": "AE", "phone": "04 555 0123"},
    "claims_payable_at": "AEDXB", "conveyance": {"vessel": {"name": "MSC ANNA", "imo": "9777777"}, "voyage": "11E"},
    "voyage": {"from": "MYPKG", "via": ["OMSLL"], "to": "AEJEA", "final_destination": "IRBND"},
    "bl_refs": ["BL-B2"], "containers": ["TGHU7654321"],
    "subject_matter": "Rocket motor cases (filament wound), 4 units", "sum_insured": 480000, "currency": "EUR",
    "source": "insurer",
}


def manifest(**kw):
    m = copy.deepcopy(MANIFEST)
    m.update(kw)
    return m


def insurance(**kw):
    m = copy.deepcopy(INSURANCE)
    m.update(kw)
    return m


def decode_seeds():
    put("decode", "manifest-full.json", js(MANIFEST))
    put("decode", "insurance-full.json", js(INSURANCE))
    put("decode", "manifest-minimal.json", js({
        "type": "manifest", "version": 1, "id": "m-min", "bl": "B", "filed_at": "2026-01-01T00:00:00Z",
        "route": {"loading": "DEHAM", "discharge": "NLRTM"}, "shipper": {"name": "S"},
        "consignee": {"name": "C"}, "goods": [{"description": "d"}]}))
    put("decode", "insurance-minimal.json", js({
        "type": "insurance", "version": 1, "id": "i-min", "certificate": "C", "issued_at": "2026-01-01T00:00:00Z",
        "assured": {"name": "A"}, "voyage": {"from": "DEHAM", "to": "NLRTM"}, "subject_matter": "s"}))
    put("decode", "manifest-pretty.json", json.dumps(MANIFEST, indent=2, ensure_ascii=False) + "\n")
    put("decode", "manifest-amend.json", js(manifest(id="m-101", action="amend", filed_at="2026-03-02T09:00:00Z",
                                                    goods=[{"description": "INDUSTRIAL CHEMICALS", "hs": "282990"}])))
    put("decode", "manifest-cancel.json", js(manifest(id="m-102", action="cancel", filed_at="2026-03-02T10:00:00Z")))
    put("decode", "insurance-tip.json", js(insurance(id="i-101", source="tip", policy=None)))
    put("decode", "insurance-broker.json", js(insurance(id="i-102", source="broker")))
    # a solid-rocket-motor scheme: three linked consignees, three routes
    scheme = [
        ("s-1", "BL-S1", "02", "CNDLC", ["SGSIN"], "Liaoning Hengda Trading Co Ltd", "Gulf Horizon FZE",
         "+971 4 555 0123", "AMMONIUM PERCHLORATE 200 DRUMS", "282990"),
        ("s-2", "BL-S2", "05", "MYPKG", ["OMSLL"], "Penang Star Sdn Bhd", "Al Noor General Trading LLC",
         "00971-4-5550123", "ROCKET MOTOR CASE", "841290"),
        ("s-3", "BL-S3", "09", "TRMER", [], "Anatolia Metal AS", "Desert Pearl Trading FZCO", "04 555 0123",
         "SPHERICAL ALUMINIUM POWDER", "760310"),
    ]
    for (i, bl, day, loading, via, shipper, consignee, phone, desc, hs) in scheme:
        put("decode", "scheme-%s.json" % i, js({
            "type": "manifest", "version": 1, "id": i, "bl": bl, "filed_at": "2026-03-%sT08:00:00Z" % day,
            "route": {"loading": loading, "transshipment": via, "discharge": "AEJEA"},
            "shipper": {"name": shipper}, "consignee": {"name": consignee, "phone": phone, "country": "AE"},
            "goods": [{"description": desc, "hs": hs, "weight_kg": 1000, "value": 5000}]}))
    put("decode", "multiscript.json", js(manifest(id="m-103", goods=[
        {"description": "Ракетный двигатель / rocket motor nozzle assembly"},
        {"description": "火箭发动机壳体 filament-wound pressure vessel"},
        {"description": "محرك صاروخ gyroscope module"}],
        consignee={"name": "ООО «Восток-Трейд»", "country": "RU"})))
    put("decode", "duplicate-id.json", js(manifest(goods=[{"description": "same id, other bytes"}])))
    put("decode", "late.json", js(manifest(id="m-late", filed_at="2025-01-01T00:00:00Z")))
    put("decode", "far-future.json", js(manifest(id="m-future", filed_at="9999-12-31T23:59:59Z")))
    put("decode", "far-past.json", js(manifest(id="m-past", filed_at="0001-01-01T00:00:00Z")))
    put("decode", "year-zero.json", js(manifest(id="m-y0", filed_at="0000-01-01T00:00:00Z")))
    put("decode", "offset-time.json", js(insurance(id="i-off", issued_at="2026-03-01T23:59:60.123456789-14:00")))
    put("decode", "bad-date.json", js(manifest(id="m-bd", filed_at="2026-02-30T25:61:00Z")))
    put("decode", "max-ports.json", js(manifest(id="m-ports", route={
        "receipt": "CNSHE", "loading": "CNDLC", "transshipment": ["SGSIN"] * 16, "discharge": "AEJEA",
        "delivery": "IRTHR"})))
    put("decode", "too-many-ports.json", js(manifest(id="m-ports2", route={
        "loading": "CNDLC", "transshipment": ["SGSIN"] * 17, "discharge": "AEJEA"})))
    put("decode", "max-via.json", js(insurance(id="i-via", voyage={
        "from": "MYPKG", "via": ["OMSLL"] * 16, "to": "AEJEA", "final_destination": "IRBND"})))
    put("decode", "many-goods.json", js(manifest(id="m-999", goods=[{"description": "bolt %d" % i, "hs": "731815"}
                                                                    for i in range(999)])))
    put("decode", "too-many-goods.json", js(manifest(id="m-1000", goods=[{"description": "x"}] * 1000)))
    put("decode", "many-containers.json", js(manifest(id="m-cont", containers=[{"number": "MSCU1234565"}] * 500)))
    put("decode", "many-bl-refs.json", js(insurance(id="i-refs", bl_refs=["BL-%d" % i for i in range(500)],
                                                    containers=["TGHU7654321"] * 500)))
    put("decode", "long-description.json", js(manifest(id="m-long", goods=[{"description": "ROCKET MOTOR " * 315}])))
    put("decode", "description-4096.json", js(manifest(id="m-4096", goods=[{"description": "a" * 4096}])))
    put("decode", "description-4097.json", js(manifest(id="m-4097", goods=[{"description": "a" * 4097}])))
    put("decode", "description-30000.json", js(manifest(id="m-30k", goods=[{"description": "motor " * 5000}])))
    put("decode", "backtrack.json", js(manifest(id="m-bt", goods=[{"description": "a" * 3000 + "!"},
                                                                  {"description": "motor " * 600 + "x"}])))
    put("decode", "unknown-fields.json", js(manifest(id="m-unk", extra={"a": [1, 2, {"b": None}]}, x=True)))
    put("decode", "nulls.json", js(manifest(id="m-null", notify=None, vessel=None, containers=None, action=None)))
    put("decode", "empty-strings.json", js(manifest(id="", bl="")))
    # wrong types
    put("decode", "type-number.json", js(manifest(type=1)))
    put("decode", "type-unknown.json", js(manifest(type="alert")))
    put("decode", "version-string.json", js(manifest(version="1")))
    put("decode", "version-2.json", js(manifest(version=2)))
    put("decode", "version-float.json", '{"type":"manifest","version":1.0000000000000001,"id":"v"}')
    put("decode", "bl-number.json", js(manifest(bl=12345)))
    put("decode", "goods-object.json", js(manifest(goods={"description": "x"})))
    put("decode", "goods-empty.json", js(manifest(goods=[])))
    put("decode", "goods-strings.json", js(manifest(goods=["x", 1, None])))
    put("decode", "route-array.json", js(manifest(route=["CNDLC", "AEJEA"])))
    put("decode", "party-string.json", js(manifest(shipper="Liaoning Hengda")))
    put("decode", "transship-numbers.json", js(manifest(route={"loading": "CNDLC", "transshipment": [1, True],
                                                               "discharge": "AEJEA"})))
    put("decode", "locode-lower.json", js(manifest(route={"loading": "cndlc", "discharge": "AEJE1"})))
    put("decode", "containers-strings.json", js(manifest(containers=["MSCU1234565"])))
    put("decode", "bl-refs-objects.json", js(insurance(bl_refs=[{"bl": "x"}])))
    put("decode", "source-bad.json", js(insurance(source="anonymous")))
    put("decode", "action-bad.json", js(manifest(action="delete")))
    put("decode", "hs-short.json", js(manifest(goods=[{"description": "x", "hs": "2829"}])))
    # numbers
    put("decode", "huge-numbers.json", js(manifest(id="m-num", goods=[
        {"description": "x", "packages": 10 ** 30, "weight_kg": 1e308, "value": 9007199254740993}])))
    put("decode", "packages-fraction.json", js(manifest(goods=[{"description": "x", "packages": 1.5}])))
    put("decode", "negative-numbers.json", js(manifest(goods=[{"description": "x", "weight_kg": -1, "value": -0.0}])))
    put("decode", "number-overflow.json", js(MANIFEST).replace('"weight_kg":10000', '"weight_kg":1e999'))
    put("decode", "number-underflow.json", js(MANIFEST).replace('"value":52000.5', '"value":1e-400'))
    put("decode", "number-long.json", js(MANIFEST).replace('"packages":200', '"packages":' + "9" * 400))
    put("decode", "sum-insured-huge.json", js(INSURANCE).replace('"sum_insured":480000', '"sum_insured":-1e999'))
    # malformed and truncated JSON
    full = js(MANIFEST)
    for n in (1, 17, 100, 333, len(full) - 1):
        put("decode", "truncated-%d.json" % n, full[:n])
    put("decode", "empty", b"")
    put("decode", "whitespace", b" \t\r\n ")
    put("decode", "not-object-array.json", "[" + full + "]")
    put("decode", "not-object-string.json", '"manifest"')
    put("decode", "not-object-null.json", "null")
    put("decode", "empty-object.json", "{}")
    put("decode", "two-objects.json", full + full)
    put("decode", "trailing-garbage.json", full + " x")
    put("decode", "trailing-newline.json", full + "\r\n")
    put("decode", "unclosed-string.json", '{"type":"manifest","id":"abc')
    put("decode", "bad-escape.json", '{"type":"manifest\\x","id":"\\u12"}')
    put("decode", "missing-colon.json", '{"type" "manifest"}')
    put("decode", "trailing-comma.json", '{"type":"manifest",}')
    put("decode", "single-quotes.json", "{'type':'manifest'}")
    put("decode", "comments.json", '/* c */{"type":"manifest"} // x')
    put("decode", "duplicate-keys.json", full[:-1] + ',"id":"m-dup2","goods":7}')
    # deep nesting
    put("decode", "deep-array.json", "[" * 5000 + "]" * 5000)
    put("decode", "deep-object.json", '{"a":' * 3000 + "1" + "}" * 3000)
    put("decode", "deep-in-manifest.json", full[:-1] + ',"x":' + "[" * 990 + "]" * 990 + "}")
    put("decode", "deep-unclosed.json", '{"type":"manifest","x":' + "[" * 20000)
    # encodings
    raw = full.encode("utf-8")
    put("decode", "nul-middle.json", raw[:40] + b"\x00" + raw[40:])
    put("decode", "nul-end.json", raw + b"\x00")
    put("decode", "escaped-nul.json", js(manifest(id="m-\\u0000")).replace("\\\\u0000", "\\u0000"))
    put("decode", "escaped-nul-description.json",
        full.replace("AMMONIUM PERCHLORATE", "AMMONIUM\\u0000PERCHLORATE"))
    put("decode", "invalid-utf8.json", raw.replace(b"AMMONIUM", b"AMM\xffNIUM"))
    put("decode", "overlong-utf8.json", raw.replace(b"AMMONIUM", b"AMM\xc0\xafNIUM"))
    put("decode", "surrogate-utf8.json", raw.replace(b"AMMONIUM", b"AMM\xed\xa0\x80NIUM"))
    put("decode", "truncated-utf8.json", raw[:-3] + b"\xe2\x82")
    put("decode", "above-max-utf8.json", raw.replace(b"AMMONIUM", b"AMM\xf4\x90\x80\x80NIUM"))
    put("decode", "bom.json", b"\xef\xbb\xbf" + raw)
    put("decode", "latin1.json", raw.replace(b"Gulf Horizon", b"G\xfclf Horizon"))
    put("decode", "escaped-surrogates.json",
        full.replace("Gulf Horizon", "\\ud83d\\ude80 Gulf \\ud800 Horizon \\udc00"))
    put("decode", "escaped-controls.json", full.replace("Gulf Horizon", "Gulf\\nHorizon\\r\\t\\b\\f\\u001b"))
    put("decode", "utf8-in-type.json", js(manifest(type="ж" * 30)))
    put("decode", "too-large.json", js(manifest(id="m-big", goods=[{"description": "d" * 4000}] * 9)))


# ---- rules --------------------------------------------------------------

RULES_VALID = r"""# a small pack touching every construct
- list: bad-countries
  kind: countries
  items: [IR, KP, SY]
- list: bad-ports
  kind: locodes
  items: [IRBND, KPNAM]
- list: bad-ports
  extend: true
  items: [SYLTK]
- list: telling-hs
  kind: hs
  description: HS prefixes
  items: ["282990", "8412", "93"]
- list: vague
  kind: terms
  items: [spare parts, machinery, "general cargo"]
- list: watch-names
  kind: names
  file: reference/names.txt
- list: more-names
  kind: names
  items: [Korea Mining Development Trading Corp.]
- pattern: motor-case
  description: a motor case
  regex: '\b(rocket\s+)?motor\s+(case|casing)s?\b'
- pattern: cyrillic
  regex: 'ракетн\w*'
- rule: sanctioned-discharge
  title: Discharge in a sanctioned port
  severity: high
  score: 70
  source: [un:1718, "1C111"]
  tags: [typology:destination]
  applies_to: manifest
  when:
    any:
      - {field: route.discharge, in: bad-ports}
      - {field: route.delivery, in: bad-ports}
      - {field: route.transshipment, in: bad-ports}
  output: >
    B/L %{ref} (%{id}) to %{route.discharge} for %{consignee.name}: %{match}; %{rule} %{title} %{severity}
  tests:
    fires:
      - route: {loading: MYPKG, discharge: IRBND}
    quiet:
      - route: {loading: MYPKG, discharge: AEJEA}
- rule: vague-telling
  title: Vague description under a telling HS code
  severity: medium
  when:
    all:
      - {field: goods.description, in: vague}
      - {field: goods.hs, in: telling-hs}
      - not: {field: goods.origin, equals: DE}
      - {field: goods.value, above: 10}
      - {field: goods.weight_kg, below: 1000000}
      - {field: goods.hs, exists: true}
  tests:
    - name: spare parts
      fires: [{goods: [{description: "SPARE PARTS.", hs: "841290", value: 100}]}]
      quiet: [{goods: [{description: "SPARE PARTS", hs: "870899"}]}]
- rule: insurer-told
  title: Insurance names a motor case
  severity: critical
  applies_to: insurance
  enabled: true
  when:
    all:
      - {field: subject_matter, matches: [motor-case, cyrillic, vague]}
      - {field: any_party.country, in: bad-countries}
      - {field: voyage.final_destination, exists: true}
      - {field: source, equals: tip}
  output: "%{certificate} %{policy} %{assured.name} %{voyage.via} %{voyage.from} %{voyage.to} %{match}"
- rule: named-party
  title: Watched name
  severity: info
  enabled: false
  when: {field: any_party.name, in: watch-names}
- kit: srm
  title: Solid rocket motor
  severity: critical
  source: [mtcr:2A1c]
  min_components: 2
  min_paths: 2
  window: 30d
  output: "%{components} %{ncomponents}/%{k} by %{npaths} paths %{paths}; %{parties}; %{messages} in %{window}"
  components:
    - id: case
      name: motor case
      patterns: [motor-case, 'filament[\s-]*wound\s+case']
      hs: ["841290"]
    - id: oxidiser
      name: oxidiser
      patterns: ['\bammonium\s+perchlorate\b', vague]
      hs: ["282990"]
  tests:
    fires: [{goods: [{description: "CHEMICALS", hs: "282990"}]}]
    quiet: [{goods: [{description: "ceramic tiles"}]}]
- test: extra
  rule: sanctioned-discharge
  fires:
    - {type: manifest, route: {loading: CNDLC, transshipment: [SGSIN], discharge: KPNAM}}
  quiet:
    - {subject_matter: "x", voyage: {from: DEHAM, to: IRBND}}
"""


def rules_seeds():
    put("rules", "valid-pack.yaml", RULES_VALID)
    put("rules", "empty.yaml", "")
    put("rules", "empty-seq.yaml", "[]\n")
    put("rules", "comment-only.yaml", "# nothing\n")
    put("rules", "mapping-root.yaml", "rule: x\ntitle: y\n")
    put("rules", "scalar-root.yaml", "just text\n")
    put("rules", "two-docs.yaml", "- list: a\n  kind: terms\n  items: [x]\n---\n- list: b\n  kind: terms\n  items: [y]\n")
    put("rules", "unknown-key.yaml", "- rule: r\n  title: t\n  severty: high\n  when: {field: type, equals: manifest}\n")
    put("rules", "unknown-kind.yaml", "- widget: w\n- list: l\n  kind: sorts\n  items: [a]\n")
    put("rules", "duplicate.yaml", "- pattern: p\n  regex: 'a+'\n- list: p\n  kind: terms\n  items: [a]\n"
        "- rule: r\n  title: t\n  severity: low\n  when: {field: bl, matches: p}\n"
        "- kit: r\n  title: t\n  severity: low\n  components: [{id: a, patterns: [p]}]\n")
    put("rules", "bad-regex.yaml", "- pattern: p\n  regex: '(unclosed[a-'\n- pattern: q\n  regex: ''\n"
        "- pattern: r\n  regex: 'x*'\n- pattern: s\n  regex: '(a+)+$'\n- pattern: t\n  regex: '\\p{Nope}(?<=a+)'\n")
    put("rules", "bad-values.yaml",
        "- rule: r\n  title: t\n  severity: fatal\n  score: 1000\n  enabled: maybe\n  applies_to: fax\n"
        "  when: {field: goods.colour, sounds_like: x}\n  output: '%{nope} %{ %{'\n"
        "- kit: k\n  title: t\n  severity: low\n  min_components: -1\n  min_paths: 99999999999999999999\n"
        "  window: 10y\n  components: [{id: a, hs: ['28', 'xx']}, {id: a}]\n")
    put("rules", "bad-conditions.yaml",
        "- rule: r\n  title: t\n  severity: low\n  when:\n    all: []\n"
        "- rule: r2\n  title: t\n  severity: low\n  when:\n    any: {field: bl}\n"
        "- rule: r3\n  title: t\n  severity: low\n  when:\n    not: [a, b]\n"
        "- rule: r4\n  title: t\n  severity: low\n  when: {field: goods.value, above: ten, in: x, matches: y}\n"
        "- rule: r5\n  title: t\n  severity: low\n  when: {field: bl, exists: sometimes}\n")
    deep = "- rule: deep\n  title: t\n  severity: low\n  when: " + "{not: " * 400 + "{field: bl, exists: true}" + "}" * 400 + "\n"
    put("rules", "deep-conditions.yaml", deep)
    put("rules", "deep-yaml.yaml", "- " + "[" * 3000 + "]" * 3000 + "\n")
    put("rules", "alias-self.yaml", "- &r\n  rule: r\n  title: t\n  severity: low\n  when: &w {not: *w}\n")
    put("rules", "alias-seq-self.yaml", "- &a [*a]\n")
    put("rules", "alias-test-message.yaml",
        "- rule: r\n  title: t\n  severity: low\n  when: {field: bl, exists: true}\n"
        "  tests:\n    fires:\n      - &m {goods: [{description: x, extra: *m}]}\n")
    put("rules", "tests-bad.yaml",
        "- rule: r\n  title: t\n  severity: low\n  when: {field: bl, exists: true}\n"
        "  tests:\n    fires:\n      - {goods: [{description: x, hs: '12'}], route: {loading: nowhere}}\n"
        "      - {filed_at: yesterday, version: 2, type: alert}\n      - 17\n"
        "    quiet: {a: b}\n"
        "- test: t\n  rule: missing\n  fires: [{bl: B}]\n- test: t2\n  fires: [{}]\n")
    put("rules", "file-escapes.yaml",
        "- list: a\n  kind: names\n  file: ../../etc/passwd\n- list: b\n  kind: terms\n  file: /etc/passwd\n"
        "- list: c\n  kind: terms\n  file: reference\n- list: d\n  kind: terms\n  file: fuzz.yaml\n"
        "- list: e\n  kind: terms\n  file: reference/missing.txt\n  items: [also, items]\n")
    put("rules", "list-items-bad.yaml",
        "- list: h\n  kind: hs\n  items: [2829, 'ab', '', '1', '12345678901', 28.29]\n"
        "- list: l\n  kind: locodes\n  items: [irbnd, XX, 'IR BND', null, [a], {a: b}]\n"
        "- list: c\n  kind: countries\n  items: [ir, IRN, '']\n"
        "- list: t\n  kind: terms\n  items: ['', '   ', '---', '\\u0000']\n")
    put("rules", "tabs-and-quotes.yaml", "- list: a\n\tkind: terms\n  items: ['unclosed\n")
    put("rules", "tags-and-types.yaml",
        "- !!map {? rule : r, title: !!binary aGVsbG8=, severity: !custom low, when: {field: bl, exists: !!bool true}}\n"
        "- rule: [a, b]\n  title: {x: y}\n  severity: [low]\n  when: field\n")
    put("rules", "non-utf8.yaml", b"- list: a\n  kind: terms\n  items: [\xff\xfe, 'ok']\n")
    put("rules", "nul.yaml", b"- list: a\n  kind: terms\n  items: [a\x00b]\n")
    put("rules", "utf16.yaml", "- list: a\n  kind: terms\n  items: [x]\n".encode("utf-16"))
    put("rules", "huge-scalar.yaml", "- pattern: p\n  regex: '" + "(a|b)" * 2000 + "'\n")
    put("rules", "many-items.yaml", "- list: big\n  kind: terms\n  items: [" + ", ".join("t%d" % i for i in range(60)) + "]\n")
    put("rules", "long-id.yaml", "- rule: " + "r" * 600 + "\n  title: " + "t" * 5000 + "\n  severity: low\n"
        "  when: {field: bl, exists: true}\n  output: '" + "%{ref}" * 500 + "'\n")


# ---- config -------------------------------------------------------------

def config_seeds():
    put("config", "minimal.yaml", "brokers: kafka-1:9092,kafka-2:9092\ngroup: cw\n")
    put("config", "empty.yaml", "")
    put("config", "null-doc.yaml", "~\n")
    put("config", "full.yaml", """brokers: b1:9092
group: cargowatch-test
group_instance_id: ""
rules_dir: /usr/share/cargowatch/rules
topics:
  inputs: [a.manifests, a.insurance, a.more]
  alerts: a.alerts
  deadletter: a.dead
http:
  listen: "[::1]:0"
processing:
  guarantee: exactly_once
windows:
  correlation: 30d
  allowed_lateness: 500ms
  idle_flush: 0
limits:
  max_message_bytes: 4_096KiB
  max_window_entries: 10
log:
  level: debug
kafka:
  security.protocol: SASL_SSL
  sasl.mechanisms: SCRAM-SHA-512
  sasl.username: cargowatch
  sasl.password: "s3cretValue42"
  ssl.key.password: Key9Pass8word
  ssl.ca.location: /etc/ssl/certs/ca.pem
  fetch.max.bytes: 8388608
  statistics.interval.ms: 10000
""")
    put("config", "secret-refused.yaml", "kafka:\n  sasl.password: [Zq81secretA, b]\n  ssl.key.password: Pw123456789x\n"
        "  sasl.oauthbearer.config: principal=Abc123456 extra\n  ssl.key.pem: 12345abcdef\n  batch.size: nope\n")
    put("config", "secret-bad-value.yaml", "kafka:\n  sasl.oauthbearer.client.secret: Sx9y8z7w6v\n"
        "  sasl.mechanisms: Sx9y8z7w6v\n")
    put("config", "unknown-keys.yaml", "brokers: b\nbrokerz: c\n")
    put("config", "unknown-section-key.yaml", "windows:\n  corelation: 9d\n")
    put("config", "duplicate.yaml", "group: a\ngroup: b\n")
    put("config", "duplicate-kafka.yaml", "kafka:\n  linger.ms: 5\n  linger.ms: 6\n")
    put("config", "reserved-kafka.yaml", "kafka:\n  bootstrap.servers: x\n  enable.auto.commit: true\n  acks: 1\n  dr_msg_cb: x\n"
        "  default_topic_conf.x: y\n")
    put("config", "unknown-kafka.yaml", "kafka:\n  not.a.setting: 1\n  plugin.library.paths: ''\n")
    put("config", "bad-durations.yaml", "windows:\n  correlation: 99999999999999999999d\n  allowed_lateness: -1h\n"
        "  idle_flush: 1.5s\n")
    put("config", "duration-edges.yaml", "windows:\n  correlation: 106751991167d\n  allowed_lateness: 9223372036854775807ms\n"
        "  idle_flush: 9223372036854775s\n")
    put("config", "bad-sizes.yaml", "limits:\n  max_message_bytes: 0\n  max_window_entries: 18446744073709551616\n")
    put("config", "size-edges.yaml", "limits:\n  max_message_bytes: 256MiB\n  max_window_entries: 1099511627776\n")
    put("config", "size-units.yaml", "limits:\n  max_message_bytes: 17179869184GiB\n")
    put("config", "topics-conflict.yaml", "topics:\n  inputs: cargo.alerts\n  alerts: cargo.alerts\n")
    put("config", "topics-twice.yaml", "topics:\n  inputs: [a, a]\n")
    put("config", "topics-empty.yaml", "topics:\n  inputs: []\n  alerts: ''\n")
    put("config", "topics-nested.yaml", "topics:\n  inputs: [[a], {b: c}, ~]\n")
    put("config", "idle-longer.yaml", "windows:\n  correlation: 1s\n  idle_flush: 2s\n")
    put("config", "http-bad.yaml", "http:\n  listen: localhost\n")
    put("config", "guarantee-bad.yaml", "processing:\n  guarantee: [at_most_once]\n")
    put("config", "log-bad.yaml", "log:\n  level: 7\n")
    put("config", "sections-wrong-type.yaml", "topics: [a]\nhttp: 1\nwindows: ''\nkafka: [x]\nlog: {level: {a: b}}\n")
    put("config", "keys-not-scalar.yaml", "? [a]\n: b\n? {c: d}\n: e\n")
    put("config", "two-docs.yaml", "group: a\n---\ngroup: b\n")
    put("config", "syntax-error.yaml", "group: 'unclosed\nbrokers: [a,\n")
    put("config", "tabs.yaml", "windows:\n\tcorrelation: 9d\n")
    put("config", "alias.yaml", "topics: &t\n  inputs: [a]\n  alerts: *t\nkafka: &k {linger.ms: *k}\n")
    put("config", "alias-self.yaml", "brokers: &a [*a]\n")
    put("config", "non-utf8.yaml", b"group: \xff\xfe\n")
    put("config", "nul.yaml", b"group: a\x00b\n")
    put("config", "deep.yaml", "kafka: " + "[" * 2000 + "]" * 2000 + "\n")
    put("config", "long-values.yaml", "brokers: " + "b" * 10000 + "\ngroup: " + "é" * 3000 + "\n")


# ---- dictionaries ---------------------------------------------------------

def write_dict(name, entries):
    """One entry a line, in libFuzzer's quoting; entries are bytes or
    ASCII text."""
    seen, lines = set(), []
    for e in entries:
        b = e if isinstance(e, bytes) else e.encode("ascii")
        if b in seen:
            continue
        seen.add(b)
        q = "".join(chr(c) if 0x20 <= c < 0x7f and c not in (0x22, 0x5c) else "\\x%02x" % c for c in b)
        lines.append('"%s"' % q)
    with open(os.path.join(HERE, name), "w") as f:
        f.write("\n".join(lines) + "\n")


CONTRACT_KEYS = [
    "type", "version", "id", "action", "bl", "master_bl", "carrier", "vessel", "name", "imo", "voyage", "filed_at",
    "departure", "arrival", "route", "receipt", "loading", "transshipment", "discharge", "delivery", "shipper",
    "consignee", "notify", "containers", "number", "seal", "goods", "description", "hs", "packages",
    "package_type", "weight_kg", "value", "currency", "container", "origin", "certificate", "policy", "issued_at",
    "insurer", "assured", "beneficiary", "claims_payable_at", "conveyance", "via", "to", "from",
    "final_destination", "bl_refs", "subject_matter", "sum_insured", "source", "address", "country", "phone",
    "email", "registration"]


def dicts():
    d = ['"%s":' % k for k in CONTRACT_KEYS] + ['"%s"' % k for k in CONTRACT_KEYS]
    d += ['"manifest"', '"insurance"', '"original"', '"amend"', '"cancel"', '"insurer"', '"broker"', '"tip"',
          '"2026-03-01T10:00:00Z"', '"2026-03-01T10:00:00.123+05:30"', "T", "Z", "+14:00", "-00:00", ":60",
          '"CNDLC"', '"SGSIN"', '"AEJEA"', '"IRBND"', '"MYPKG"', '"KPNAM"', '"282990"', '"841290"',
          '"MSCU1234565"', '"9811000"', '"USD"', '"AE"', '"KP"', "{", "}", "[", "]", ":", ",", "null", "true",
          "false", "1", "-0", "1e999", "1e-999", "0.5", "9007199254740993", "\\u0000", "\\ud800", "\\udc00",
          "\\ud83d\\ude80", "\\n", '\\"', "\\\\", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xff",
          b"\xef\xbb\xbf", b"\x00", "ROCKET MOTOR CASE", "AMMONIUM PERCHLORATE", "gyroscope", "UDMH",
          "filament-wound pressure vessel", "SPARE PARTS", "Gulf Horizon FZE", "+971 4 555 0123"]
    write_dict("decode.dict", d)

    r = ["- list: ", "- pattern: ", "- rule: ", "- kit: ", "- test: "]
    r += [k + ":" for k in ("list", "pattern", "rule", "kit", "test", "kind", "items", "file", "extend",
                            "description", "regex", "title", "severity", "score", "enabled", "source", "tags",
                            "applies_to", "when", "output", "tests", "min_components", "min_paths", "window",
                            "components", "id", "name", "patterns", "hs", "fires", "quiet", "all", "any", "not",
                            "field", "matches", "in", "equals", "exists", "above", "below")]
    r += ["terms", "hs", "locodes", "countries", "names", "info", "low", "medium", "high", "critical",
          "manifest", "insurance", "any", "true", "false", "90d", "12h", "30m", "10s", "reference/names.txt",
          "../", "/etc/passwd"]
    r += ["goods.description", "goods.hs", "goods.origin", "goods.value", "goods.weight_kg", "subject_matter",
          "type", "bl", "certificate", "policy", "carrier", "vessel.imo", "vessel.name", "route.loading",
          "route.discharge", "route.delivery", "route.transshipment", "route.any", "voyage.from", "voyage.to",
          "voyage.via", "voyage.final_destination", "any_party.name", "any_party.country"]
    r += ["%s.%s" % (role, attr) for role in ("shipper", "consignee", "notify", "insurer", "assured", "beneficiary")
          for attr in ("name", "country", "address", "phone", "email", "registration")]
    r += ["%{", "%{ref}", "%{id}", "%{match}", "%{rule}", "%{title}", "%{severity}", "%{components}",
          "%{ncomponents}", "%{k}", "%{paths}", "%{npaths}", "%{parties}", "%{messages}", "%{window}",
          "%{goods.description}", "\\b", "\\s+", "(a+)+$", "(?<=", "\\p{L}", "[^", "'", '"', "&a ", "*a",
          "!!str ", "!!binary ", "? ", ": ", "- ", "---", "...", "|", ">", "#", "{", "}", "[", "]", "\t",
          "\n  ", "\n    ", "\n- ", "~", '"282990"', "IRBND", "KP", b"\xff",
          "route: {loading: MYPKG, discharge: IRBND}",
          'goods: [{description: "SPARE PARTS", hs: "848120"}]', 'subject_matter: "rocket motor"']
    write_dict("rules.dict", r)

    c = [k + ":" for k in ("brokers", "group", "group_instance_id", "rules_dir", "topics", "inputs", "alerts",
                           "deadletter", "http", "listen", "processing", "guarantee", "windows", "correlation",
                           "allowed_lateness", "idle_flush", "limits", "max_message_bytes",
                           "max_window_entries", "log", "level", "kafka", "security.protocol",
                           "sasl.mechanisms", "sasl.username", "sasl.password", "ssl.key.password",
                           "ssl.key.pem", "sasl.oauthbearer.config", "ssl.ca.location", "fetch.max.bytes",
                           "partitioner", "statistics.interval.ms", "bootstrap.servers", "group.id",
                           "enable.auto.commit", "acks", "transactional.id", "isolation.level", "dr_msg_cb")]
    c += ["at_least_once", "exactly_once", "error", "warning", "notice", "info", "debug", "SASL_SSL",
          "murmur2_random", "default_topic_conf", "cargo.manifests", "cargo.insurance", "cargo.alerts",
          "cargo.deadletter", "127.0.0.1:9464", "localhost:9092", "90d", "1h", "2s", "500ms", "0", "1MiB",
          "KiB", "GiB", "_", "9223372036854775807", "18446744073709551615", "99999999999999999999", "-1",
          '""', "~", "null", "{}", "[]", "&a ", "*a", "!!str ", "? ", ": ", "- ", "---", "\n  ", "\t", "#", '"',
          "'", "s3cretValue42", b"\xff"]
    write_dict("config.dict", c)


if __name__ == "__main__":
    decode_seeds()
    rules_seeds()
    config_seeds()
    dicts()
