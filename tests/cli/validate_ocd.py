#!/usr/bin/python3
"""validate_ocd.py - check an Open Civic Data export the way pupa would.

usage: /usr/bin/python3 tests/cli/validate_ocd.py PATH...

Each PATH is a directory (every *.json file in it is checked: bill_*.json
against pupa's bill schema, vote_event_*.json against its vote_event
schema; any other file is a violation, since `ordtrack export --format
ocd --dir` writes only those) or one file: a bill_/vote_event_ file, or
the {"bill": ..., "vote_events": [...]} object `ordtrack export --format
ocd` prints, whose parts are checked one by one.

Two sets of checks, each violation printed as "FILE: $.json.path: what":

  schema  pupa's scrape schemas (tests/data/pupa-schemas, transcribed from
          pupa/scrape/schemas/*.py), validated as pupa's BaseModel.validate
          does: jsonschema's Draft3Validator with the extra types "date" and
          "datetime" (Python date objects, which no JSON value is) and the
          "uri" format as pupa's own checker (http://, https:// or ftp://).
  import  what pupa's importer (pupa/importers/base.py, bills.py,
          vote_events.py) needs beyond the schema: only the fields pupa's
          scrape classes write (its models refuse others), every related
          list present, references that are pupa pseudo-ids ("~" and a JSON
          object) or the _id of a file of the export, a vote event's bill
          naming exactly one bill of the export, its bill_action the
          description of one action of that bill on the vote's date in the
          vote's organization (and no action claimed by two votes), a
          sponsorship's id field matching its entity_type, a voter_id on
          every vote.

Exit status 0 when nothing is wrong, 1 with violations, 2 when jsonschema
is missing or a path cannot be read.  Needs Debian's python3-jsonschema
(4.10); run with /usr/bin/python3.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "data", "pupa-schemas")

try:
    import jsonschema
    from jsonschema import Draft3Validator, FormatChecker
except ImportError:
    print("validate_ocd.py: the jsonschema module is missing (apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(2)

# ---- the schema check, as pupa's BaseModel.validate ---------------------------------------------------------------


def make_validator(schema):
    # pupa/scrape/base.py: "datetime" and "date" are Python objects a
    # scraper may hand over before the JSON is written; no JSON value is
    # one, so these never match here (as they never match a loaded file)
    checker = Draft3Validator.TYPE_CHECKER.redefine("datetime", lambda c, d: False)
    checker = checker.redefine("date", lambda c, d: False)
    cls = jsonschema.validators.extend(Draft3Validator, type_checker=checker)
    formats = FormatChecker()

    # pupa's check_uri; formats apply to strings only, as jsonschema's own do
    @formats.checks("uri")
    def check_uri(val):
        return not isinstance(val, str) or bool(val) and val.startswith(("http://", "https://", "ftp://"))

    return cls(schema, format_checker=formats)


def load_schema(kind):
    with open(os.path.join(SCHEMAS, kind + ".json"), encoding="utf-8") as f:
        return json.load(f)


VALIDATORS = {kind: make_validator(load_schema(kind)) for kind in ("bill", "vote_event")}
SCHEMA_PROPS = {kind: set(load_schema(kind)["properties"]) for kind in ("bill", "vote_event")}


def path_of(base, parts):
    s = base
    for p in parts:
        s += "[%d]" % p if isinstance(p, int) else "." + str(p)
    return s


# ---- what pupa's importer needs -----------------------------------------------------------------------------------

# The keys pupa's scrape classes write into each nested object
# (pupa/scrape/bill.py, vote_event.py, base.py); the importer builds its
# Django models from them (Subtype(**item)), which refuse any other key.
NESTED_KEYS = {
    "action": {"description", "date", "organization_id", "classification", "related_entities", "extras"},
    "related_entity": {"name", "entity_type", "person_id", "organization_id"},
    "sponsorship": {"name", "classification", "entity_type", "primary", "person_id", "organization_id"},
    "version": {"note", "date", "links"},
    "link": {"url", "media_type", "text"},
    "source": {"url", "note"},
    "vote": {"option", "voter_name", "voter_id", "note"},
    "count": {"option", "value"},
}
# the related lists the importers pop without a default (related_models)
RELATED = {
    "bill": ["abstracts", "other_titles", "other_identifiers", "actions", "related_bills", "sponsorships",
             "sources", "documents", "versions"],
    "vote_event": ["counts", "votes", "sources"],
}
# fields VoteEventImporter.prepare_for_db / get_object read without a default
VOTE_REQUIRED = ["identifier", "legislative_session", "organization", "bill", "bill_action", "motion_text",
                 "start_date"]
BILL_REQUIRED = ["identifier", "legislative_session", "title", "from_organization"]
# the fields a bill pseudo-id may filter on and where they are in a bill
BILL_PSEUDO_FIELDS = {"identifier", "legislative_session__identifier", "from_organization__classification",
                      "from_organization__name"}


def pseudo(ref):
    """The fields of a pupa pseudo-id, or None (pupa.utils.get_pseudo_id)."""
    if not isinstance(ref, str) or not ref.startswith("~"):
        return None
    try:
        d = json.loads(ref[1:])
    except ValueError:
        return None
    return d if isinstance(d, dict) else None


class Checker:
    def __init__(self):
        self.problems = []
        self.bills = []   # (label, base, object)
        self.votes = []
        self.ids = set()  # every _id of the export

    def bad(self, label, where, what):
        self.problems.append("%s: %s: %s" % (label, where, what))

    def add(self, kind, label, base, obj):
        if not isinstance(obj, dict):
            self.bad(label, base, "not a JSON object")
            return
        for err in sorted(VALIDATORS[kind].iter_errors(obj), key=lambda e: list(e.absolute_path)):
            self.bad(label, path_of(base, err.absolute_path), "schema: " + err.message)
        if isinstance(obj.get("_id"), str):
            self.ids.add(obj["_id"])
        (self.bills if kind == "bill" else self.votes).append((label, base, obj))

    # a reference must be a pseudo-id or an _id of the export
    def ref(self, label, where, ref, nullable=True):
        if ref is None:
            if not nullable:
                self.bad(label, where, "import: null, where pupa needs a reference")
            return
        if not isinstance(ref, str):
            return  # the schema says so
        if ref.startswith("~"):
            if pseudo(ref) is None:
                self.bad(label, where, "import: %r is not a pupa pseudo-id ('~' and a JSON object)" % ref)
        elif ref not in self.ids:
            self.bad(label, where, "import: %r is neither a pseudo-id nor the _id of a file of the export" % ref)

    def keys(self, label, where, obj, kind):
        if not isinstance(obj, dict):
            return
        extra = sorted(set(obj) - NESTED_KEYS[kind])
        if extra:
            self.bad(label, where, "import: %s not a field pupa writes in a %s (%s)" %
                     (", ".join(repr(k) for k in extra), kind.replace("_", " "), ", ".join(sorted(NESTED_KEYS[kind]))))

    def related(self, label, base, obj, kind):
        for k in RELATED[kind]:
            if k not in obj:
                self.bad(label, base, "import: no %r list (pupa's importer pops it)" % k)
        for k in sorted(set(obj) - SCHEMA_PROPS[kind] - {"_id"}):
            self.bad(label, path_of(base, [k]), "import: not a property of pupa's %s schema" % kind)
        if "_id" not in obj:
            self.bad(label, base, "import: no _id")

    def check_bill(self, label, base, b):
        self.related(label, base, b, "bill")
        for k in BILL_REQUIRED:
            if k not in b:
                self.bad(label, base, "import: no %r" % k)
        self.ref(label, path_of(base, ["from_organization"]), b.get("from_organization"))
        for i, a in enumerate(b.get("actions") or []):
            w = path_of(base, ["actions", i])
            if not isinstance(a, dict):
                continue
            self.keys(label, w, a, "action")
            if "organization_id" not in a:
                self.bad(label, w, "import: no 'organization_id' (pupa's importer resolves it)")
            else:
                self.ref(label, w + ".organization_id", a["organization_id"])
            if "related_entities" not in a:
                self.bad(label, w, "import: no 'related_entities' list")
            for j, e in enumerate(a.get("related_entities") or []):
                self.keys(label, "%s.related_entities[%d]" % (w, j), e, "related_entity")
                self.entity(label, "%s.related_entities[%d]" % (w, j), e)
        for i, s in enumerate(b.get("sponsorships") or []):
            w = path_of(base, ["sponsorships", i])
            self.keys(label, w, s, "sponsorship")
            self.entity(label, w, s)
        for coll in ("versions", "documents"):
            for i, v in enumerate(b.get(coll) or []):
                w = path_of(base, [coll, i])
                self.keys(label, w, v, "version")
                for j, l in enumerate((v.get("links") or []) if isinstance(v, dict) else []):
                    self.keys(label, "%s.links[%d]" % (w, j), l, "link")
        for i, s in enumerate(b.get("sources") or []):
            self.keys(label, path_of(base, ["sources", i]), s, "source")

    # entity_type person: person_id a reference; organization:
    # organization_id; "": no id (pupa's add_sponsorship)
    def entity(self, label, where, e):
        if not isinstance(e, dict):
            return
        t = e.get("entity_type")
        for k in ("person_id", "organization_id"):
            if k not in e:
                self.bad(label, where, "import: no %r (pupa writes both, one null)" % k)
        if t in ("person", "organization"):
            other = "organization_id" if t == "person" else "person_id"
            if e.get(t + "_id") is None:
                self.bad(label, where, "import: entity_type %r without a %s_id" % (t, t))
            else:
                self.ref(label, where + "." + t + "_id", e.get(t + "_id"))
            if e.get(other) is not None:
                self.bad(label, where, "import: entity_type %r with a %s" % (t, other))

    def bill_org_fields(self, b):
        p = pseudo(b.get("from_organization")) or {}
        return p

    def find_bill(self, ref):
        """The bills of the export a vote's bill reference names."""
        if not isinstance(ref, str):
            return None
        if not ref.startswith("~"):
            return [x for x in self.bills if x[2].get("_id") == ref]
        p = pseudo(ref)
        hits = []
        for x in self.bills:
            b = x[2]
            org = self.bill_org_fields(b)
            ok = True
            for k, v in p.items():
                if k == "identifier":
                    ok = ok and b.get("identifier") == v
                elif k == "legislative_session__identifier":
                    ok = ok and b.get("legislative_session") == v
                elif k.startswith("from_organization__"):
                    ok = ok and org.get(k[len("from_organization__"):]) == v
            if ok:
                hits.append(x)
        return hits

    def check_vote(self, label, base, v, claimed):
        self.related(label, base, v, "vote_event")
        for k in VOTE_REQUIRED:
            if k not in v:
                self.bad(label, base, "import: no %r (pupa's importer reads it)" % k)
        self.ref(label, path_of(base, ["organization"]), v.get("organization"))
        for i, x in enumerate(v.get("votes") or []):
            w = path_of(base, ["votes", i])
            self.keys(label, w, x, "vote")
            if isinstance(x, dict) and "voter_id" not in x:
                self.bad(label, w, "import: no 'voter_id' (pupa's importer resolves it)")
        for i, x in enumerate(v.get("counts") or []):
            self.keys(label, path_of(base, ["counts", i]), x, "count")
        for i, s in enumerate(v.get("sources") or []):
            self.keys(label, path_of(base, ["sources", i]), s, "source")
        ref = v.get("bill")
        if ref is None:
            if not v.get("identifier"):
                self.bad(label, base, "import: neither a bill nor an identifier (InvalidVoteEventError)")
            return
        p = pseudo(ref) if isinstance(ref, str) and ref.startswith("~") else None
        if isinstance(ref, str) and ref.startswith("~"):
            if p is None:
                self.bad(label, path_of(base, ["bill"]), "import: %r is not a pupa pseudo-id" % ref)
                return
            unknown = sorted(set(p) - BILL_PSEUDO_FIELDS)
            if unknown:
                self.bad(label, path_of(base, ["bill"]), "import: the pseudo-id filters on %s, which a bill has not"
                         % ", ".join(unknown))
            if "identifier" not in p:
                self.bad(label, path_of(base, ["bill"]), "import: the pseudo-id names no identifier")
            if p.get("legislative_session__identifier") != v.get("legislative_session"):
                self.bad(label, path_of(base, ["bill"]), "import: the pseudo-id's session is not the vote's")
        hits = self.find_bill(ref)
        if hits is not None and len(hits) != 1:
            self.bad(label, path_of(base, ["bill"]), "import: %r names %d bills of the export, not one" %
                     (ref, len(hits)))
            return
        bill = hits[0][2]
        action = v.get("bill_action")
        if action is None:
            return
        # VoteEventImporter: BillAction with this description, the vote's
        # start_date as its date, the vote's organization as its own
        matches = [i for i, a in enumerate(bill.get("actions") or [])
                   if isinstance(a, dict) and a.get("description") == action and a.get("date") == v.get("start_date")
                   and a.get("organization_id") == v.get("organization")]
        if len(matches) != 1:
            self.bad(label, path_of(base, ["bill_action"]),
                     "import: %r matches %d actions of %s (description, date %s and organization %s), not one" %
                     (action, len(matches), bill.get("identifier"), v.get("start_date"), v.get("organization")))
            return
        key = (id(bill), matches[0])
        if key in claimed:
            self.bad(label, path_of(base, ["bill_action"]), "import: the action is the bill_action of %s too "
                     "(pupa: can not match two VoteEvents)" % claimed[key])
        claimed[key] = label + " " + base

    def finish(self):
        for label, base, b in self.bills:
            self.check_bill(label, base, b)
        claimed = {}
        for label, base, v in self.votes:
            self.check_vote(label, base, v, claimed)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    if len(argv) < 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    c = Checker()
    nfiles = 0
    try:
        for path in argv[1:]:
            if os.path.isdir(path):
                names = sorted(os.listdir(path))
                for n in names:
                    full = os.path.join(path, n)
                    if n.startswith("bill_") and n.endswith(".json"):
                        c.add("bill", full, "$", load(full))
                    elif n.startswith("vote_event_") and n.endswith(".json"):
                        c.add("vote_event", full, "$", load(full))
                    else:
                        c.bad(full, "$", "not a bill_*.json or vote_event_*.json file")
                    nfiles += 1
                if not names:
                    c.bad(path, "$", "the directory is empty")
                continue
            name = os.path.basename(path)
            doc = load(path)
            nfiles += 1
            if name.startswith("bill_"):
                c.add("bill", path, "$", doc)
            elif name.startswith("vote_event_"):
                c.add("vote_event", path, "$", doc)
            elif isinstance(doc, dict) and "bill" in doc:
                c.add("bill", path, "$.bill", doc["bill"])
                for i, v in enumerate(doc.get("vote_events") or []):
                    c.add("vote_event", path, "$.vote_events[%d]" % i, v)
                if not isinstance(doc.get("vote_events", []), list):
                    c.bad(path, "$.vote_events", "not a list")
            else:
                c.bad(path, "$", "neither a bill_/vote_event_ file nor {\"bill\", \"vote_events\"}")
    except (OSError, ValueError) as e:
        print("validate_ocd.py: %s" % e, file=sys.stderr)
        return 2
    c.finish()
    for p in c.problems:
        print(p)
    print("%d file(s), %d bill(s), %d vote event(s): %d violation(s)" %
          (nfiles, len(c.bills), len(c.votes), len(c.problems)))
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
