"""Writes spec/vectors/*.json. The JSON files are the specification every SDK runs; this script
only saves typing: every expected answer below is written out by hand, and the one computed
thing, a rollout bucket, comes from the independent murmur3.py beside it so that boundaries sit
exactly at bucket and bucket + 1. Run: python3 spec/tools/generate_vectors.py, then review the diff."""

import json
import os

from murmur3 import bucket

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vectors")
FILES = []


# ---- building blocks -------------------------------------------------------------------------

def flag(vtype="boolean", variations=None, enabled=True, off="off", fallthrough="off", rules=(),
         targets=None, prereqs=(), salt=None, version=1):
    f = {"version": version, "valueType": vtype, "enabled": enabled,
         "variations": variations if variations is not None else {"on": True, "off": False},
         "offVariation": off}
    if salt is not None:
        f["salt"] = salt
    if prereqs:
        f["prerequisites"] = [{"flagKey": k, "variant": v} for k, v in prereqs]
    if targets:
        f["targets"] = targets
    f["rules"] = list(rules)
    f["fallthrough"] = fallthrough if isinstance(fallthrough, dict) else {"variant": fallthrough}
    return f


def clause(attribute, operator, values, negate=False):
    c = {"attribute": attribute, "operator": operator, "values": values}
    if negate:
        c["negate"] = True
    return c


def in_segment(*keys, negate=False):
    c = {"operator": "inSegment", "values": list(keys)}
    if negate:
        c["negate"] = True
    return c


def rule(rule_id, clauses, serve="on"):
    return {"id": rule_id, "clauses": list(clauses),
            "serve": serve if isinstance(serve, dict) else {"variant": serve}}


def rollout(weights, bucket_by=None, salt=None):
    r = {"weights": [{"variant": v, "weight": w} for v, w in weights]}
    if bucket_by is not None:
        r["bucketBy"] = bucket_by
    if salt is not None:
        r["salt"] = salt
    return {"rollout": r}


def probe(*clauses):
    """A boolean flag that serves "on" exactly when all clauses hold: one operator under test."""
    return flag(rules=[rule("r1", clauses)])


def ctx(targeting_key=None, **attributes):
    c = {}
    if targeting_key is not None:
        c["targetingKey"] = targeting_key
    c.update(attributes)
    return c


def ok(value, variant, reason, **extra):
    e = {"value": value, "variant": variant, "reason": reason, "errorCode": None}
    e.update(extra)
    return e


def err(code):
    return {"value": None, "variant": None, "reason": "ERROR", "errorCode": code}


MATCH = ok(True, "on", "TARGETING_MATCH")
NO_MATCH = ok(False, "off", "DEFAULT")


def case(description, flag_key, context, expected, type=None):
    c = {"description": description, "flag": flag_key, "context": context}
    if type is not None:
        c["type"] = type
    c["expected"] = expected
    return c


def matches(description, flag_key, context, matched):
    return case(description, flag_key, context, MATCH if matched else NO_MATCH)


def prerequisite_failed(key, value=False, variant="off"):
    return ok(value, variant, "TARGETING_MATCH",
              metadata={"prerequisiteFailed": key, "reasonDetail": "PREREQUISITE_FAILED"})


def spec_file(number, slug, name, flags, cases, segments=None):
    FILES.append((f"{number:02d}-{slug}.json", {"name": name, "flags": flags, "segments": segments or {},
                                                "cases": cases}))


# ---- 01 disabled ----------------------------------------------------------------------------

spec_file(1, "disabled", "A flag that is off serves its off variation, whatever the context", {
    "off": flag(enabled=False, targets={"on": ["alice"]}, rules=[rule("nl", [clause("country", "in", ["NL"])])],
                fallthrough="on"),
    "off-without-off-variation": flag(enabled=False, off=None, fallthrough="on"),
    "off-string": flag("string", {"red": "#f00", "blue": "#00f"}, enabled=False, off="blue", fallthrough="red"),
    "off-rollout": flag(enabled=False, fallthrough=rollout([("on", 50000), ("off", 50000)])),
}, [
    case("a disabled flag serves its off variation with reason DISABLED", "off", ctx("bob"),
         ok(False, "off", "DISABLED")),
    case("a disabled flag ignores individual targets", "off", ctx("alice"), ok(False, "off", "DISABLED")),
    case("a disabled flag ignores rules", "off", ctx("bob", country="NL"), ok(False, "off", "DISABLED")),
    case("a disabled flag ignores the fallthrough", "off", ctx(), ok(False, "off", "DISABLED")),
    case("a disabled flag without an off variation has no value, so the SDK uses the caller's default",
         "off-without-off-variation", ctx("bob"), ok(None, None, "DISABLED")),
    case("a disabled string flag serves its off variation's string", "off-string", ctx("bob"),
         ok("#00f", "blue", "DISABLED")),
    case("a disabled flag with a rollout needs no targeting key", "off-rollout", ctx(),
         ok(False, "off", "DISABLED")),
    case("a disabled flag still checks the requested type", "off", ctx("bob"), err("TYPE_MISMATCH"), "string"),
    case("a disabled flag asked for its own type serves the off variation", "off", ctx("bob"),
         ok(False, "off", "DISABLED"), "boolean"),
])

# ---- 02 individual targets -------------------------------------------------------------------

spec_file(2, "targets", "Individual targets come after prerequisites and before rules", {
    "targeted": flag(targets={"on": ["alice", "bob"], "off": ["carol", "alice"]},
                     rules=[rule("pro", [clause("plan", "in", ["pro"])])]),
    "targeted-order": flag("string", {"a": "A", "b": "B", "c": "C"}, off="a", fallthrough="b",
                           targets={"c": ["x"], "a": ["x"]}),
}, [
    case("a targeted key gets its variant with reason TARGETING_MATCH", "targeted", ctx("bob"), MATCH),
    case("a key targeted by two variants gets the first in variation order", "targeted", ctx("alice"), MATCH),
    case("variation order, not the order of the targets object, breaks ties", "targeted-order", ctx("x"),
         ok("A", "a", "TARGETING_MATCH")),
    case("an individual target wins over a matching rule", "targeted", ctx("carol", plan="pro"),
         ok(False, "off", "TARGETING_MATCH")),
    case("an untargeted key goes on to the rules", "targeted", ctx("dave", plan="pro"), MATCH),
    case("an untargeted key that matches no rule gets the fallthrough", "targeted", ctx("dave", plan="free"),
         NO_MATCH),
    case("without a targeting key the targets are skipped", "targeted", ctx(plan="free"), NO_MATCH),
    case("targeting keys are case-sensitive", "targeted", ctx("Bob"), NO_MATCH),
    case("a targeting key that merely contains a targeted key does not match", "targeted", ctx("bobby"), NO_MATCH),
])

# ---- 03 rules and fallthrough ---------------------------------------------------------------

medals = {"gold": "gold", "silver": "silver", "bronze": "bronze", "none": "none"}
spec_file(3, "rules", "Rules are tried in order; clauses are ANDed, values ORed; else the fallthrough", {
    "medal": flag("string", medals, off="none", fallthrough="none", rules=[
        rule("gold", [clause("plan", "in", ["enterprise"]), clause("country", "in", ["NL", "BE"])], "gold"),
        rule("silver", [clause("plan", "in", ["enterprise", "pro"])], "silver"),
        rule("bronze", [clause("plan", "in", ["free"]), clause("age", "gte", [18])], "bronze"),
    ]),
    "catch-all": flag(rules=[rule("everyone", [])]),
    "fallthrough-on": flag(fallthrough="on"),
}, [
    case("the first rule whose clauses all hold serves, and names the rule", "medal",
         ctx("u", plan="enterprise", country="NL"), ok("gold", "gold", "TARGETING_MATCH", matchedRuleId="gold")),
    case("one failing clause fails the rule and the next rule is tried", "medal",
         ctx("u", plan="enterprise", country="DE"), ok("silver", "silver", "TARGETING_MATCH", matchedRuleId="silver")),
    case("any of a clause's values can match (OR)", "medal", ctx("u", plan="pro", country="NL"),
         ok("silver", "silver", "TARGETING_MATCH", matchedRuleId="silver")),
    case("all clauses of a rule must match (AND): both hold", "medal", ctx("u", plan="free", age=21),
         ok("bronze", "bronze", "TARGETING_MATCH", matchedRuleId="bronze")),
    case("all clauses of a rule must match (AND): one is missing", "medal", ctx("u", plan="free"),
         ok("none", "none", "DEFAULT")),
    case("no rule matching serves the fallthrough with reason DEFAULT", "medal", ctx("u", plan="trial"),
         ok("none", "none", "DEFAULT")),
    case("an empty context reaches the fallthrough", "medal", ctx(), ok("none", "none", "DEFAULT")),
    case("a rule without clauses matches every context", "catch-all", ctx(),
         ok(True, "on", "TARGETING_MATCH", matchedRuleId="everyone")),
    case("a flag without rules serves its fallthrough", "fallthrough-on", ctx("u"), ok(True, "on", "DEFAULT")),
])

# ---- 04 equals and in ------------------------------------------------------------------------

spec_file(4, "equality", "equals and in: exact strings, numeric numbers, booleans; lists, paths, negate", {
    "eq-country": probe(clause("country", "equals", ["NL"])),
    "eq-age": probe(clause("age", "equals", [30])),
    "eq-beta": probe(clause("beta", "equals", [True])),
    "in-country": probe(clause("country", "in", ["NL", "BE", "LU"])),
    "in-tier": probe(clause("tier", "in", [1, 2])),
    "not-in-country": probe(clause("country", "in", ["NL", "BE"], negate=True)),
    "eq-plan-nested": probe(clause("account.plan", "equals", ["pro"])),
    "eq-deep": probe(clause("a.b.c", "equals", ["x"])),
    "eq-key": probe(clause("key", "equals", ["alice"])),
    "in-targeting-key": probe(clause("targetingKey", "in", ["alice", "bob"])),
    "in-groups": probe(clause("groups", "in", ["beta"])),
    "not-in-groups": probe(clause("groups", "in", ["beta"], negate=True)),
}, [
    matches("equals matches the same string", "eq-country", ctx("u", country="NL"), True),
    matches("equals is case-sensitive", "eq-country", ctx("u", country="nl"), False),
    matches("equals does not match a different string", "eq-country", ctx("u", country="DE"), False),
    matches("a missing attribute never matches", "eq-country", ctx("u"), False),
    matches("a null attribute counts as missing", "eq-country", ctx("u", country=None), False),
    matches("equals compares numbers numerically", "eq-age", ctx("u", age=30), True),
    matches("30.0 equals 30", "eq-age", ctx("u", age=30.0), True),
    matches("a numeric string is not a number", "eq-age", ctx("u", age="30"), False),
    matches("equals matches booleans", "eq-beta", ctx("u", beta=True), True),
    matches("the string \"true\" is not the boolean true", "eq-beta", ctx("u", beta="true"), False),
    matches("false is not true", "eq-beta", ctx("u", beta=False), False),
    matches("in matches any listed value", "in-country", ctx("u", country="BE"), True),
    matches("in does not match an unlisted value", "in-country", ctx("u", country="DE"), False),
    matches("in compares numbers numerically", "in-tier", ctx("u", tier=2.0), True),
    matches("in does not turn strings into numbers", "in-tier", ctx("u", tier="2"), False),
    matches("negate inverts a non-match into a match", "not-in-country", ctx("u", country="DE"), True),
    matches("negate inverts a match into a non-match", "not-in-country", ctx("u", country="NL"), False),
    matches("negate does not make a missing attribute match", "not-in-country", ctx("u"), False),
    matches("a dotted attribute reads a nested object", "eq-plan-nested", ctx("u", account={"plan": "pro"}), True),
    matches("a nested value that differs does not match", "eq-plan-nested", ctx("u", account={"plan": "free"}),
            False),
    matches("a dotted path through a non-object finds nothing", "eq-plan-nested", ctx("u", account="pro"), False),
    matches("dots always mean nesting: a flat attribute named with a dot is not read",
            "eq-plan-nested", ctx("u", **{"account.plan": "pro"}), False),
    matches("paths nest to any depth", "eq-deep", ctx("u", a={"b": {"c": "x"}}), True),
    matches("the attribute 'key' is the targeting key", "eq-key", ctx("alice"), True),
    matches("the attribute 'key' compares the targeting key's value", "eq-key", ctx("bob"), False),
    matches("an attribute literally named key is shadowed by the targeting key", "eq-key", ctx("bob", key="alice"),
            False),
    matches("the attribute 'targetingKey' is the targeting key", "in-targeting-key", ctx("bob"), True),
    matches("a list attribute matches when any element matches", "in-groups", ctx("u", groups=["staff", "beta"]),
            True),
    matches("a list attribute without a matching element does not match", "in-groups", ctx("u", groups=["staff"]),
            False),
    matches("an empty list attribute does not match", "in-groups", ctx("u", groups=[]), False),
    matches("a negated clause on a list matches when no element matches", "not-in-groups",
            ctx("u", groups=["staff"]), True),
    matches("a negated clause on a list fails when any element matches", "not-in-groups",
            ctx("u", groups=["staff", "beta"]), False),
    matches("an object attribute matches no value", "in-groups", ctx("u", groups={"beta": True}), False),
])

# ---- 05 string comparison --------------------------------------------------------------------

spec_file(5, "strings", "startsWith, endsWith, contains: case-sensitive, strings only", {
    "starts": probe(clause("email", "startsWith", ["admin@", "root@"])),
    "ends": probe(clause("email", "endsWith", ["@example.com"])),
    "not-ends": probe(clause("email", "endsWith", ["@example.com"], negate=True)),
    "contains": probe(clause("email", "contains", ["+test"])),
    "not-contains": probe(clause("email", "contains", ["+test"], negate=True)),
    "starts-version": probe(clause("version", "startsWith", ["1"])),
}, [
    matches("startsWith matches a prefix", "starts", ctx("u", email="admin@example.com"), True),
    matches("startsWith matches any listed prefix", "starts", ctx("u", email="root@example.com"), True),
    matches("startsWith does not match elsewhere in the string", "starts", ctx("u", email="x-admin@example.com"),
            False),
    matches("startsWith is case-sensitive", "starts", ctx("u", email="ADMIN@example.com"), False),
    matches("endsWith matches a suffix", "ends", ctx("u", email="ann@example.com"), True),
    matches("endsWith does not match a longer domain", "ends", ctx("u", email="ann@example.com.evil.io"), False),
    matches("negated endsWith matches other suffixes", "not-ends", ctx("u", email="ann@other.org"), True),
    matches("negated endsWith fails on the suffix", "not-ends", ctx("u", email="ann@example.com"), False),
    matches("negated endsWith does not match a missing attribute", "not-ends", ctx("u"), False),
    matches("contains matches a substring", "contains", ctx("u", email="ann+test@example.com"), True),
    matches("contains does not match without the substring", "contains", ctx("u", email="ann@example.com"), False),
    matches("negated contains matches without the substring", "not-contains", ctx("u", email="ann@example.com"),
            True),
    matches("negated contains fails with the substring", "not-contains", ctx("u", email="a+test@x.io"), False),
    matches("string operators do not match numbers", "starts-version", ctx("u", version=123), False),
    matches("string operators match strings of digits", "starts-version", ctx("u", version="123"), True),
    matches("string operators try each element of a list", "contains",
            ctx("u", email=["a@x.io", "b+test@x.io"]), True),
])

# ---- 06 regex --------------------------------------------------------------------------------

spec_file(6, "regex", "matches: find semantics, bounded pattern and input length, no catastrophic backtracking", {
    "anchored": probe(clause("email", "matches", ["^[a-z]+@example\\.com$"])),
    "unanchored": probe(clause("channel", "matches", ["beta"])),
    "not-matches": probe(clause("channel", "matches", ["^beta"], negate=True)),
    "any-pattern": probe(clause("country", "matches", ["^N", "^B"])),
    "evil": probe(clause("input", "matches", ["(a+)+$"])),
    "single-a": probe(clause("input", "matches", ["a"])),
    "bad-regex": probe(clause("input", "matches", ["([a-z"])),
    "long-regex": probe(clause("input", "matches", ["a" * 257])),
    "max-regex": probe(clause("input", "matches", ["a" * 256])),
}, [
    matches("an anchored pattern matches a whole value", "anchored", ctx("u", email="ann@example.com"), True),
    matches("an anchored pattern rejects extra text", "anchored", ctx("u", email="ann@example.com.evil"), False),
    matches("an anchored pattern is case-sensitive", "anchored", ctx("u", email="Ann@example.com"), False),
    matches("matches finds a pattern anywhere in the value", "unanchored", ctx("u", channel="public-beta-2"), True),
    matches("matches fails when the pattern is nowhere", "unanchored", ctx("u", channel="stable"), False),
    matches("negated matches holds when the pattern is absent", "not-matches", ctx("u", channel="stable"), True),
    matches("negated matches fails when the pattern is found", "not-matches", ctx("u", channel="beta-1"), False),
    matches("any of several patterns may match", "any-pattern", ctx("u", country="BE"), True),
    matches("none of several patterns matching is no match", "any-pattern", ctx("u", country="DE"), False),
    matches("matches never matches a number", "single-a", ctx("u", input=1), False),
    matches("a catastrophic-backtracking pattern on a hostile value returns quickly as no match", "evil",
            ctx("u", input="a" * 1000 + "!"), False),
    matches("the same pattern still matches a benign value", "evil", ctx("u", input="aaaa"), True),
    matches("values of 1024 characters are searched", "single-a", ctx("u", input="b" * 1023 + "a"), True),
    matches("values longer than 1024 characters never match", "single-a", ctx("u", input="b" * 1024 + "a"),
            False),
    case("an invalid regex makes the flag a PARSE_ERROR", "bad-regex", ctx("u", input="abc"), err("PARSE_ERROR")),
    case("a regex longer than 256 characters makes the flag a PARSE_ERROR", "long-regex", ctx("u", input="a"),
         err("PARSE_ERROR")),
    matches("a regex of exactly 256 characters is accepted", "max-regex", ctx("u", input="a" * 256), True),
])

# ---- 07 numeric ------------------------------------------------------------------------------

spec_file(7, "numeric", "lt, lte, gt, gte on JSON numbers", {
    "lt18": probe(clause("age", "lt", [18])),
    "lte18": probe(clause("age", "lte", [18])),
    "gt18": probe(clause("age", "gt", [18])),
    "gte18": probe(clause("age", "gte", [18])),
    "not-lt18": probe(clause("age", "lt", [18], negate=True)),
    "gt-any": probe(clause("score", "gt", [100, 10])),
    "between": probe(clause("score", "gte", [0.5]), clause("score", "lt", [1.5])),
    "lt-negative": probe(clause("balance", "lt", [-100])),
}, [
    matches("lt holds below the value", "lt18", ctx("u", age=17), True),
    matches("lt fails at the value", "lt18", ctx("u", age=18), False),
    matches("lt compares fractions", "lt18", ctx("u", age=17.999), True),
    matches("lte holds at the value", "lte18", ctx("u", age=18), True),
    matches("lte fails above the value", "lte18", ctx("u", age=18.5), False),
    matches("gt holds above the value", "gt18", ctx("u", age=19), True),
    matches("gt fails at the value", "gt18", ctx("u", age=18), False),
    matches("gte holds at the value", "gte18", ctx("u", age=18), True),
    matches("gte fails below the value", "gte18", ctx("u", age=17), False),
    matches("numeric operators ignore numeric strings", "gte18", ctx("u", age="40"), False),
    matches("numeric operators ignore booleans", "gte18", ctx("u", age=True), False),
    matches("negated lt holds at or above the value", "not-lt18", ctx("u", age=18), True),
    matches("negated lt fails below the value", "not-lt18", ctx("u", age=3), False),
    matches("negated lt does not match a missing attribute", "not-lt18", ctx("u"), False),
    matches("negated lt matches a non-number (the comparison fails, negate inverts)", "not-lt18",
            ctx("u", age="young"), True),
    matches("numeric values are ORed: greater than any listed value", "gt-any", ctx("u", score=50), True),
    matches("numeric values are ORed: greater than none", "gt-any", ctx("u", score=5), False),
    matches("two clauses make a range: inside", "between", ctx("u", score=1), True),
    matches("two clauses make a range: at the open end", "between", ctx("u", score=1.5), False),
    matches("negative numbers compare as numbers", "lt-negative", ctx("u", balance=-100.01), True),
    matches("large integers compare as numbers", "gt18", ctx("u", age=9007199254740993), True),
])

# ---- 08 semver -------------------------------------------------------------------------------

spec_file(8, "semver", "semverEq, semverLt, semverGt with semver 2.0.0 precedence", {
    "eq-123": probe(clause("appVersion", "semverEq", ["1.2.3"])),
    "lt-200": probe(clause("appVersion", "semverLt", ["2.0.0"])),
    "gt-alpha": probe(clause("appVersion", "semverGt", ["1.0.0-alpha"])),
    "gt-alpha9": probe(clause("appVersion", "semverGt", ["1.0.0-alpha.9"])),
    "lt-rc1": probe(clause("appVersion", "semverLt", ["1.0.0-rc.1"])),
    "not-lt-200": probe(clause("appVersion", "semverLt", ["2.0.0"], negate=True)),
    "eq-any": probe(clause("appVersion", "semverEq", ["1.0.0", "2.0.0"])),
    "bad-semver": probe(clause("appVersion", "semverEq", ["1.2"])),
}, [
    matches("semverEq matches the same version", "eq-123", ctx("u", appVersion="1.2.3"), True),
    matches("semverEq ignores build metadata", "eq-123", ctx("u", appVersion="1.2.3+build.7"), True),
    matches("a pre-release is not equal to its release", "eq-123", ctx("u", appVersion="1.2.3-rc.1"), False),
    matches("a partial version is not semver", "eq-123", ctx("u", appVersion="1.2"), False),
    matches("a v prefix is not semver", "eq-123", ctx("u", appVersion="v1.2.3"), False),
    matches("leading zeros are not semver", "eq-123", ctx("u", appVersion="01.2.3"), False),
    matches("a number is not a version", "eq-123", ctx("u", appVersion=1.2), False),
    matches("semverLt compares numerically, not as text", "lt-200", ctx("u", appVersion="10.0.0"), False),
    matches("semverLt holds for a lower version", "lt-200", ctx("u", appVersion="1.99.99"), True),
    matches("a pre-release is lower than its release", "lt-200", ctx("u", appVersion="2.0.0-rc.1"), True),
    matches("semverLt fails at the version", "lt-200", ctx("u", appVersion="2.0.0"), False),
    matches("semverGt: a longer pre-release with equal prefix is greater", "gt-alpha",
            ctx("u", appVersion="1.0.0-alpha.1"), True),
    matches("semverGt: pre-release identifiers compare as text", "gt-alpha", ctx("u", appVersion="1.0.0-beta"),
            True),
    matches("semverGt: a release is greater than its pre-releases", "gt-alpha", ctx("u", appVersion="1.0.0"),
            True),
    matches("semverGt fails at the version", "gt-alpha", ctx("u", appVersion="1.0.0-alpha"), False),
    matches("semverGt fails for a lower version", "gt-alpha", ctx("u", appVersion="0.9.9"), False),
    matches("numeric pre-release identifiers compare numerically", "gt-alpha9",
            ctx("u", appVersion="1.0.0-alpha.10"), True),
    matches("an alphanumeric identifier is greater than a numeric one", "gt-alpha9",
            ctx("u", appVersion="1.0.0-alpha.beta"), True),
    matches("beta.11 is lower than rc.1", "lt-rc1", ctx("u", appVersion="1.0.0-beta.11"), True),
    matches("negated semverLt holds at or above the version", "not-lt-200", ctx("u", appVersion="2.1.0"), True),
    matches("negated semverLt matches a non-version (the comparison fails, negate inverts)", "not-lt-200",
            ctx("u", appVersion="latest"), True),
    matches("semver values are ORed", "eq-any", ctx("u", appVersion="2.0.0"), True),
    case("a clause value that is not semver makes the flag a PARSE_ERROR", "bad-semver",
         ctx("u", appVersion="1.2.0"), err("PARSE_ERROR")),
])

# ---- 09 dates --------------------------------------------------------------------------------

NEW_YEAR_MS = 1735689600000  # 2025-01-01T00:00:00Z
spec_file(9, "dates", "before and after: ISO-8601 instants with an offset, or epoch milliseconds", {
    "after-2025": probe(clause("signupDate", "after", ["2025-01-01T00:00:00Z"])),
    "before-2025-ms": probe(clause("signupDate", "before", [NEW_YEAR_MS])),
    "not-before-2025": probe(clause("signupDate", "before", ["2025-01-01T00:00:00Z"], negate=True)),
    "bad-date": probe(clause("signupDate", "after", ["2025-01-01"])),
}, [
    matches("after holds for a later instant", "after-2025", ctx("u", signupDate="2025-06-01T00:00:00Z"), True),
    matches("after is strict: the same instant does not match", "after-2025",
            ctx("u", signupDate="2025-01-01T00:00:00Z"), False),
    matches("after sees milliseconds", "after-2025", ctx("u", signupDate="2025-01-01T00:00:00.001Z"), True),
    matches("offsets are honoured: 01:00+02:00 is 23:00 the day before", "after-2025",
            ctx("u", signupDate="2025-01-01T01:00:00+02:00"), False),
    matches("offsets are honoured: 00:30-01:00 is 01:30 UTC", "after-2025",
            ctx("u", signupDate="2025-01-01T00:30:00-01:00"), True),
    matches("an attribute in epoch milliseconds compares with an ISO value", "after-2025",
            ctx("u", signupDate=NEW_YEAR_MS + 1), True),
    matches("epoch milliseconds at the instant are not after it", "after-2025", ctx("u", signupDate=NEW_YEAR_MS),
            False),
    matches("a date without a time and offset is not an instant", "after-2025", ctx("u", signupDate="2025-06-01"),
            False),
    matches("text that is not a date never matches", "after-2025", ctx("u", signupDate="yesterday"), False),
    matches("before holds for an earlier instant", "before-2025-ms", ctx("u", signupDate="2024-12-31T23:59:59Z"),
            True),
    matches("before is strict", "before-2025-ms", ctx("u", signupDate="2025-01-01T00:00:00Z"), False),
    matches("negated before holds at the instant", "not-before-2025", ctx("u", signupDate="2025-01-01T00:00:00Z"),
            True),
    matches("negated before fails earlier", "not-before-2025", ctx("u", signupDate="2020-01-01T00:00:00Z"), False),
    case("a clause value that is not an instant makes the flag a PARSE_ERROR", "bad-date",
         ctx("u", signupDate="2025-06-01T00:00:00Z"), err("PARSE_ERROR")),
])

# ---- 10 segments -----------------------------------------------------------------------------

half_in = [k for k in ("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8") if bucket("half", k) < 50000]
half_out = [k for k in ("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8") if bucket("half", k) >= 50000]
assert half_in and half_out
spec_file(10, "segments", "inSegment: excluded wins over included, then rules (any), weighted rules, nesting", {
    "beta-feature": probe(in_segment("beta-testers")),
    "not-beta": probe(in_segment("beta-testers", negate=True)),
    "pro-feature": probe(in_segment("pro-accounts")),
    "any-segment": probe(in_segment("pro-accounts", "beta-testers")),
    "half-feature": probe(in_segment("half")),
    "nested-feature": probe(in_segment("nested")),
    "loop-feature": probe(in_segment("loop-a")),
    "deleted-segment-feature": probe(in_segment("gone")),
    "broken-segment-feature": probe(in_segment("broken")),
    "uses-broken-nested": probe(in_segment("wraps-broken")),
}, [
    matches("an included key is a member", "beta-feature", ctx("alice"), True),
    matches("an excluded key is not a member even when also included", "beta-feature", ctx("bob"), False),
    matches("an excluded key is not a member even when a rule matches", "beta-feature",
            ctx("mallory", email="mallory@flagledger.dev"), False),
    matches("a key matching a segment rule is a member", "beta-feature", ctx("carol", email="carol@flagledger.dev"),
            True),
    matches("segment rules need no targeting key", "beta-feature", ctx(email="ops@flagledger.dev"), True),
    matches("a key neither listed nor matching is not a member", "beta-feature", ctx("dave", email="d@x.io"), False),
    matches("negated inSegment matches a non-member", "not-beta", ctx("dave"), True),
    matches("negated inSegment fails for a member", "not-beta", ctx("alice"), False),
    matches("negated inSegment matches an excluded key", "not-beta", ctx("bob"), True),
    matches("a segment rule ANDs its clauses: all hold", "pro-feature", ctx("u", plan="pro", country="NL"), True),
    matches("a segment rule ANDs its clauses: one fails", "pro-feature", ctx("u", plan="pro", country="DE"), False),
    matches("a segment matches when any of its rules matches", "pro-feature", ctx("u", plan="partner"), True),
    matches("inSegment with several segments matches membership in any", "any-segment", ctx("alice", plan="free"),
            True),
    matches("exclusion from one segment does not stop membership in another", "any-segment",
            ctx("bob", plan="pro", country="NL"), True),
    *[matches(f"a weighted segment rule admits key {k} (bucket {bucket('half', k)} < 50000)", "half-feature",
              ctx(k), True) for k in half_in[:2]],
    *[matches(f"a weighted segment rule leaves out key {k} (bucket {bucket('half', k)} >= 50000)", "half-feature",
              ctx(k), False) for k in half_out[:2]],
    matches("a weighted segment rule without a targeting key admits no one", "half-feature", ctx(), False),
    matches("a segment rule can require membership of another segment", "nested-feature", ctx("alice"), True),
    matches("nested membership follows the inner segment's exclusions", "nested-feature", ctx("bob"), False),
    matches("segments that refer to each other end as no match instead of looping", "loop-feature", ctx("alice"),
            False),
    matches("a segment that does not exist has no members", "deleted-segment-feature", ctx("alice"), False),
    case("a flag naming an invalid segment is a PARSE_ERROR", "broken-segment-feature", ctx("alice"),
         err("PARSE_ERROR")),
    case("a flag naming a segment that uses an invalid segment is a PARSE_ERROR", "uses-broken-nested",
         ctx("alice"), err("PARSE_ERROR")),
], segments={
    "beta-testers": {"included": ["alice", "bob"], "excluded": ["bob", "mallory"],
                     "rules": [{"id": "staff", "clauses": [clause("email", "endsWith", ["@flagledger.dev"])]}]},
    "pro-accounts": {"rules": [
        {"id": "dutch-pro", "clauses": [clause("plan", "in", ["pro", "enterprise"]), clause("country", "in", ["NL"])]},
        {"id": "partners", "clauses": [clause("plan", "equals", ["partner"])]}]},
    "half": {"rules": [{"id": "half", "clauses": [], "weight": 50000}]},
    "nested": {"rules": [{"id": "via-beta", "clauses": [in_segment("beta-testers")]}]},
    "loop-a": {"rules": [{"id": "to-b", "clauses": [in_segment("loop-b")]}]},
    "loop-b": {"rules": [{"id": "to-a", "clauses": [in_segment("loop-a")]}]},
    "broken": {"rules": [{"id": "bad", "clauses": [clause("x", "nope", [1])]}]},
    "wraps-broken": {"rules": [{"id": "wrap", "clauses": [in_segment("broken")]}]},
})

# ---- 11 prerequisites ------------------------------------------------------------------------

nl_on = [rule("nl", [clause("country", "in", ["NL"])])]
spec_file(11, "prerequisites", "Prerequisites: met, unmet, off, missing, erroring, chained, cyclic", {
    "base": flag(rules=nl_on),
    "premium": flag(rules=[rule("pro", [clause("plan", "in", ["pro"])])]),
    "base-off": flag(enabled=False, off="on", fallthrough="on"),
    "split-base": flag(fallthrough=rollout([("on", 100000), ("off", 0)])),
    "broken-base": flag(rules=[rule("bad", [clause("x", "nope", [1])])]),
    "child": flag(prereqs=[("base", "on")], fallthrough="on"),
    "child-string": flag("string", {"new": "new-ui", "old": "old-ui"}, off="old", fallthrough="new",
                         prereqs=[("base", "on")]),
    "child-of-off": flag(prereqs=[("base-off", "on")], fallthrough="on"),
    "child-of-missing": flag(prereqs=[("ghost", "on")], fallthrough="on"),
    "child-of-rollout": flag(prereqs=[("split-base", "on")], fallthrough="on"),
    "child-of-broken": flag(prereqs=[("broken-base", "on")], fallthrough="on"),
    "child-wants-off": flag(prereqs=[("base", "off")], fallthrough="on"),
    "child-disabled": flag(enabled=False, prereqs=[("base", "on")], fallthrough="on"),
    "child-targets": flag(prereqs=[("base", "on")], targets={"on": ["alice"]}),
    "grandchild": flag(prereqs=[("child", "on")], fallthrough="on"),
    "two-prereqs": flag(prereqs=[("base", "on"), ("premium", "on")], fallthrough="on"),
    "cycle-a": flag(prereqs=[("cycle-b", "on")], fallthrough="on"),
    "cycle-b": flag(prereqs=[("cycle-a", "on")], fallthrough="on"),
    "uses-cycle": flag(prereqs=[("cycle-a", "on")], fallthrough="on"),
}, [
    case("a met prerequisite lets evaluation go on", "child", ctx("u", country="NL"), ok(True, "on", "DEFAULT")),
    case("an unmet prerequisite serves the off variation, naming the prerequisite in metadata", "child",
         ctx("u", country="DE"), prerequisite_failed("base")),
    case("an unmet prerequisite serves the off variation of a string flag", "child-string", ctx("u", country="DE"),
         prerequisite_failed("base", "old-ui", "old")),
    case("a prerequisite that is off is unmet, even when its off variation is the required one", "child-of-off",
         ctx("u"), prerequisite_failed("base-off")),
    case("a prerequisite flag that does not exist is unmet", "child-of-missing", ctx("u"),
         prerequisite_failed("ghost")),
    case("a prerequisite that errors (rollout without key) is unmet", "child-of-rollout", ctx(country="NL"),
         prerequisite_failed("split-base")),
    case("the same prerequisite is met once the context has a key", "child-of-rollout", ctx("u"),
         ok(True, "on", "DEFAULT")),
    case("an invalid prerequisite flag is unmet", "child-of-broken", ctx("u"), prerequisite_failed("broken-base")),
    case("a prerequisite can require a variant other than on", "child-wants-off", ctx("u", country="DE"),
         ok(True, "on", "DEFAULT")),
    case("requiring off is unmet when the prerequisite serves on", "child-wants-off", ctx("u", country="NL"),
         prerequisite_failed("base")),
    case("a disabled flag is DISABLED before its prerequisites are looked at", "child-disabled",
         ctx("u", country="NL"), ok(False, "off", "DISABLED")),
    case("prerequisites are checked before individual targets", "child-targets", ctx("alice", country="DE"),
         prerequisite_failed("base")),
    case("individual targets apply once prerequisites are met", "child-targets", ctx("alice", country="NL"),
         ok(True, "on", "TARGETING_MATCH")),
    case("prerequisites chain: all met", "grandchild", ctx("u", country="NL"), ok(True, "on", "DEFAULT")),
    case("prerequisites chain: the direct prerequisite is the one named", "grandchild", ctx("u", country="DE"),
         prerequisite_failed("child")),
    case("all prerequisites must be met: both are", "two-prereqs", ctx("u", country="NL", plan="pro"),
         ok(True, "on", "DEFAULT")),
    case("all prerequisites must be met: the first unmet one is named", "two-prereqs",
         ctx("u", country="NL", plan="free"), prerequisite_failed("premium")),
    case("prerequisites are checked in order", "two-prereqs", ctx("u", country="DE", plan="free"),
         prerequisite_failed("base")),
    case("a prerequisite cycle is a GENERAL error, not an endless loop", "cycle-a", ctx("u"), err("GENERAL")),
    case("a flag depending on a cycle is a GENERAL error too", "uses-cycle", ctx("u"), err("GENERAL")),
])

# ---- 12 rollouts -----------------------------------------------------------------------------


def boundary_flags(prefix, key, salt="boundary", bucket_by=None):
    b = bucket(salt, key)
    assert 0 < b < 99999, (key, b)
    return b, {
        f"{prefix}-at": flag(fallthrough=rollout([("on", b), ("off", 100000 - b)], bucket_by, salt)),
        f"{prefix}-after": flag(fallthrough=rollout([("on", b + 1), ("off", 99999 - b)], bucket_by, salt)),
    }


SPLIT_ON = ok(True, "on", "SPLIT")
SPLIT_OFF = ok(False, "off", "SPLIT")
b_user1, f_user1 = boundary_flags("user1", "user-1")
b_zurich, f_zurich = boundary_flags("zurich", "z\u00fcrich")
b_emoji, f_emoji = boundary_flags("emoji", "\U0001F600")
b_acct, f_acct = boundary_flags("acct", "acct-42", bucket_by="account.id")
b_num, f_num = boundary_flags("num", "42", bucket_by="account.number")
b_alice = bucket("boundary", "alice")
b_bykey = bucket("salted-by-key", "user-2")
b_custom = bucket("custom-salt", "user-2")
assert b_alice > 20000
abc = {"a": "A", "b": "B", "c": "C"}
rollout_flags = {**f_user1, **f_zurich, **f_emoji, **f_acct, **f_num,
                 "three-way-c": flag("string", abc, off="a", fallthrough=rollout(
                     [("a", 20000), ("b", b_alice - 20000), ("c", 100000 - b_alice)], salt="boundary")),
                 "three-way-b": flag("string", abc, off="a", fallthrough=rollout(
                     [("a", 20000), ("b", b_alice - 19999), ("c", 99999 - b_alice)], salt="boundary")),
                 "all-off": flag(fallthrough=rollout([("on", 0), ("off", 100000)])),
                 "all-on": flag(fallthrough=rollout([("on", 100000), ("off", 0)])),
                 "salted-by-key": flag(fallthrough=rollout([("on", b_bykey + 1), ("off", 99999 - b_bykey)])),
                 "salted-by-key-at": flag(salt="salted-by-key",
                                          fallthrough=rollout([("on", b_bykey), ("off", 100000 - b_bykey)])),
                 "flag-salt": flag(salt="custom-salt",
                                   fallthrough=rollout([("on", b_custom + 1), ("off", 99999 - b_custom)])),
                 "rule-rollout": flag(rules=[rule("nl-half", [clause("country", "in", ["NL"])],
                                                  rollout([("on", b_user1 + 1), ("off", 99999 - b_user1)],
                                                          salt="boundary"))]),
                 }
spec_file(12, "rollouts", "Rollouts: murmur3 buckets, boundaries at bucket and bucket + 1, salts, bucketBy",
          rollout_flags, [
              case(f"bucket of boundary.user-1 is {b_user1}: weight {b_user1} for on ends just before it",
                   "user1-at", ctx("user-1"), SPLIT_OFF),
              case(f"bucket of boundary.user-1 is {b_user1}: weight {b_user1 + 1} for on includes it",
                   "user1-after", ctx("user-1"), SPLIT_ON),
              case(f"UTF-8 bytes are hashed: bucket of boundary.z\u00fcrich is {b_zurich} (weight at bucket)",
                   "zurich-at", ctx("z\u00fcrich"), SPLIT_OFF),
              case(f"UTF-8 bytes are hashed: bucket of boundary.z\u00fcrich is {b_zurich} (weight bucket + 1)",
                   "zurich-after", ctx("z\u00fcrich"), SPLIT_ON),
              case(f"characters outside the BMP hash as 4 UTF-8 bytes: bucket {b_emoji} (weight at bucket)",
                   "emoji-at", ctx("\U0001F600"), SPLIT_OFF),
              case(f"characters outside the BMP hash as 4 UTF-8 bytes: bucket {b_emoji} (weight bucket + 1)",
                   "emoji-after", ctx("\U0001F600"), SPLIT_ON),
              case(f"bucketBy a nested attribute hashes its value: bucket {b_acct} (weight at bucket)", "acct-at",
                   ctx("user-1", account={"id": "acct-42"}), SPLIT_OFF),
              case(f"bucketBy a nested attribute hashes its value: bucket {b_acct} (weight bucket + 1)",
                   "acct-after", ctx("user-1", account={"id": "acct-42"}), SPLIT_ON),
              case("bucketBy another attribute needs that attribute, not the targeting key", "acct-at",
                   ctx("user-1"), err("TARGETING_KEY_MISSING")),
              case(f"an integer bucketBy value hashes as its digits: bucket of boundary.42 is {b_num}",
                   "num-after", ctx("u", account={"number": 42}), SPLIT_ON),
              case("an integral 42.0 hashes like 42", "num-at", ctx("u", account={"number": 42.0}), SPLIT_OFF),
              case("a string \"42\" hashes like the integer 42", "num-after", ctx("u", account={"number": "42"}),
                   SPLIT_ON),
              case(f"weights are walked in order: bucket {b_alice} equals a+b, so c", "three-way-c",
                   ctx("alice"), ok("C", "c", "SPLIT")),
              case(f"weights are walked in order: bucket {b_alice} is below a+b, so b", "three-way-b",
                   ctx("alice"), ok("B", "b", "SPLIT")),
              case("a variant of weight 0 is never served", "all-off", ctx("user-1"), SPLIT_OFF),
              case("a variant of weight 100000 is always served", "all-on", ctx("anyone"), SPLIT_ON),
              case(f"the salt defaults to the flag key: bucket of salted-by-key.user-2 is {b_bykey}",
                   "salted-by-key", ctx("user-2"), SPLIT_ON),
              case("a flag's salt replaces its key in the hash", "salted-by-key-at", ctx("user-2"), SPLIT_OFF),
              case(f"a rollout without its own salt uses the flag's salt: bucket {b_custom}", "flag-salt",
                   ctx("user-2"), SPLIT_ON),
              case("a rule's rollout answers SPLIT and names the rule", "rule-rollout",
                   ctx("user-1", country="NL"), ok(True, "on", "SPLIT", matchedRuleId="nl-half")),
              case("a rule with a rollout that does not match falls through", "rule-rollout",
                   ctx("user-1", country="DE"), ok(False, "off", "DEFAULT")),
              case("a fallthrough rollout without a targeting key is TARGETING_KEY_MISSING", "all-on", ctx(),
                   err("TARGETING_KEY_MISSING")),
              case("an empty targeting key counts as missing for a rollout", "all-on", ctx(""),
                   err("TARGETING_KEY_MISSING")),
          ])

# ---- 13 typed values -------------------------------------------------------------------------

json_v1 = {"color": "red", "sizes": [1, 2, 3], "nested": {"on": True, "ratio": 0.5}}
spec_file(13, "typed-values", "Values of every type, served as typed; a requested type must match", {
    "bool-flag": flag(fallthrough="on"),
    "string-flag": flag("string", {"a": "alpha", "b": "beta"}, off="a", fallthrough="b"),
    "int-flag": flag("number", {"small": 1, "big": 1000000}, off="small", fallthrough="big"),
    "float-flag": flag("number", {"pi": 3.14159, "e": 2.71828}, off="e", fallthrough="pi"),
    "json-flag": flag("json", {"v1": json_v1, "v2": [1, "two", None, False]}, off="v1", fallthrough="v1",
                      rules=[rule("list", [clause("wantList", "equals", [True])], "v2")]),
    "json-null": flag("json", {"nothing": None, "something": "x"}, off="something", fallthrough="nothing"),
    "json-scalar": flag("json", {"n": 42, "s": "text"}, off="s", fallthrough="n"),
}, [
    case("a boolean flag serves a boolean", "bool-flag", ctx("u"), ok(True, "on", "DEFAULT"), "boolean"),
    case("a string flag serves a string", "string-flag", ctx("u"), ok("beta", "b", "DEFAULT"), "string"),
    case("a number flag serves an integer", "int-flag", ctx("u"), ok(1000000, "big", "DEFAULT"), "number"),
    case("a number flag serves a fraction", "float-flag", ctx("u"), ok(3.14159, "pi", "DEFAULT"), "number"),
    case("a json flag serves an object", "json-flag", ctx("u"), ok(json_v1, "v1", "DEFAULT"), "json"),
    case("a json flag serves an array from a rule", "json-flag", ctx("u", wantList=True),
         ok([1, "two", None, False], "v2", "TARGETING_MATCH"), "json"),
    case("a json flag may serve null, told apart from an error by its variant", "json-null", ctx("u"),
         ok(None, "nothing", "DEFAULT"), "json"),
    case("a json flag may serve a scalar", "json-scalar", ctx("u"), ok(42, "n", "DEFAULT"), "json"),
    case("without a requested type any flag evaluates", "string-flag", ctx("u"), ok("beta", "b", "DEFAULT")),
    case("a boolean flag asked for a string is TYPE_MISMATCH", "bool-flag", ctx("u"), err("TYPE_MISMATCH"), "string"),
    case("a string flag asked for a boolean is TYPE_MISMATCH", "string-flag", ctx("u"), err("TYPE_MISMATCH"),
         "boolean"),
    case("a number flag asked for a string is TYPE_MISMATCH", "int-flag", ctx("u"), err("TYPE_MISMATCH"), "string"),
    case("a json flag asked for a number is TYPE_MISMATCH, even when its value is a number", "json-scalar",
         ctx("u"), err("TYPE_MISMATCH"), "number"),
    case("a boolean flag asked for json is TYPE_MISMATCH", "bool-flag", ctx("u"), err("TYPE_MISMATCH"), "json"),
])

# ---- 14 errors -------------------------------------------------------------------------------

spec_file(14, "errors", "Every error code, and which check comes first", {
    "fine": flag(fallthrough="on"),
    "needs-key": flag(fallthrough=rollout([("on", 50000), ("off", 50000)])),
    "needs-account": flag(fallthrough=rollout([("on", 50000), ("off", 50000)], bucket_by="account")),
    "disabled": flag(enabled=False),
    "unknown-operator": probe(clause("country", "isIn", ["NL"])),
    "equals-two-values": probe(clause("country", "equals", ["NL", "BE"])),
    "empty-values": probe(clause("country", "in", [])),
    "numeric-string-value": probe(clause("age", "lt", ["18"])),
    "bad-weights": flag(fallthrough=rollout([("on", 50000), ("off", 49999)])),
    "unknown-variant": flag(rules=[rule("r1", [], "maybe")]),
    "wrong-value-type": flag(variations={"on": "yes", "off": False}),
    "unknown-type": flag("date"),
    "no-fallthrough": {"valueType": "boolean", "enabled": True, "variations": {"on": True}},
    "both-served": flag(fallthrough={"variant": "on", "rollout": {"weights": [{"variant": "on", "weight": 100000}]}}),
    "values-not-array": flag(rules=[{"id": "r1", "clauses": [{"attribute": "a", "operator": "in", "values": "NL"}],
                                     "serve": {"variant": "on"}}]),
    "empty-path-segment": probe(clause("account..plan", "equals", ["pro"])),
    "duplicate-rule-ids": flag(rules=[rule("r1", [clause("a", "in", [1])]), rule("r1", [clause("b", "in", [2])])]),
    "self-prerequisite": flag(prereqs=[("self-prerequisite", "on")]),
    "loop-a": flag(prereqs=[("loop-b", "on")]),
    "loop-b": flag(prereqs=[("loop-c", "on")]),
    "loop-c": flag(prereqs=[("loop-a", "on")]),
}, [
    case("an unknown flag is FLAG_NOT_FOUND", "no-such-flag", ctx("u"), err("FLAG_NOT_FOUND")),
    case("an unknown flag is FLAG_NOT_FOUND whatever type is asked", "no-such-flag", ctx("u"),
         err("FLAG_NOT_FOUND"), "string"),
    case("asking a boolean flag for a number is TYPE_MISMATCH", "fine", ctx("u"), err("TYPE_MISMATCH"), "number"),
    case("a rollout without the targeting key is TARGETING_KEY_MISSING", "needs-key", ctx(country="NL"),
         err("TARGETING_KEY_MISSING")),
    case("a rollout whose bucketBy attribute is missing is TARGETING_KEY_MISSING", "needs-account", ctx("u"),
         err("TARGETING_KEY_MISSING")),
    case("a targeting key that is a number is INVALID_CONTEXT", "fine", {"targetingKey": 42},
         err("INVALID_CONTEXT")),
    case("a targeting key that is an object is INVALID_CONTEXT", "fine", {"targetingKey": {"id": "u"}},
         err("INVALID_CONTEXT")),
    case("the context is checked before the flag's state, so even a disabled flag says INVALID_CONTEXT",
         "disabled", {"targetingKey": True}, err("INVALID_CONTEXT")),
    case("a bucketBy value that is an object is INVALID_CONTEXT", "needs-account", ctx("u", account={"id": 1}),
         err("INVALID_CONTEXT")),
    case("a bucketBy value that is a boolean is INVALID_CONTEXT", "needs-account", ctx("u", account=True),
         err("INVALID_CONTEXT")),
    case("a bucketBy value with a fraction is INVALID_CONTEXT", "needs-account", ctx("u", account=1.5),
         err("INVALID_CONTEXT")),
    case("the type is checked before the context", "fine", {"targetingKey": 42}, err("TYPE_MISMATCH"), "string"),
    case("an unknown operator makes the flag a PARSE_ERROR", "unknown-operator", ctx("u", country="NL"),
         err("PARSE_ERROR")),
    case("a PARSE_ERROR comes before a type check", "unknown-operator", ctx("u"), err("PARSE_ERROR"), "string"),
    case("equals with two values is a PARSE_ERROR (use in)", "equals-two-values", ctx("u"), err("PARSE_ERROR")),
    case("a clause without values is a PARSE_ERROR", "empty-values", ctx("u"), err("PARSE_ERROR")),
    case("a numeric operator with a string value is a PARSE_ERROR", "numeric-string-value", ctx("u", age=3),
         err("PARSE_ERROR")),
    case("rollout weights that do not sum to 100000 are a PARSE_ERROR", "bad-weights", ctx("u"),
         err("PARSE_ERROR")),
    case("serving a variant the flag does not have is a PARSE_ERROR", "unknown-variant", ctx("u"),
         err("PARSE_ERROR")),
    case("a variation value of the wrong type is a PARSE_ERROR", "wrong-value-type", ctx("u"), err("PARSE_ERROR")),
    case("an unknown valueType is a PARSE_ERROR", "unknown-type", ctx("u"), err("PARSE_ERROR")),
    case("a flag without a fallthrough is a PARSE_ERROR", "no-fallthrough", ctx("u"), err("PARSE_ERROR")),
    case("serving both a variant and a rollout is a PARSE_ERROR", "both-served", ctx("u"), err("PARSE_ERROR")),
    case("clause values that are not an array are a PARSE_ERROR", "values-not-array", ctx("u"), err("PARSE_ERROR")),
    case("an attribute path with an empty segment is a PARSE_ERROR", "empty-path-segment", ctx("u"),
         err("PARSE_ERROR")),
    case("two rules with one id are a PARSE_ERROR", "duplicate-rule-ids", ctx("u"), err("PARSE_ERROR")),
    case("a flag that is its own prerequisite is a PARSE_ERROR", "self-prerequisite", ctx("u"),
         err("PARSE_ERROR")),
    case("a longer prerequisite cycle is a GENERAL error", "loop-a", ctx("u"), err("GENERAL")),
    case("a valid flag next to broken ones still evaluates", "fine", ctx("u"), ok(True, "on", "DEFAULT")),
])

# ---- 15 bucketing specs ----------------------------------------------------------------------
# Imported rollouts keep their platform's bucketing (docs/evaluation.md, "Bucketing specs"). The
# expected variants come from flagd_bucket / unleash_n below: plain re-statements of flagd's Java
# fractional (float arithmetic via numpy.float32) and Unleash's normalized hash, on murmur3.py.

import numpy

from murmur3 import murmur3_32


def flagd_bucket(text):
    h = murmur3_32(text.encode("utf-8"))
    signed = h - (1 << 32) if h >= (1 << 31) else h
    magnitude = signed if signed == -(1 << 31) else abs(signed)  # Java's Math.abs overflows at MIN_VALUE
    f = numpy.float32
    return f(f(f(magnitude) * f(1.0)) / f(2147483648.0)) * f(100.0)


def flagd_walk(bucket_value, weights):
    f = numpy.float32
    total = sum(weights)
    running = f(0.0)
    for i, w in enumerate(weights):
        pct = f(0.0) if w == 0 else f(f(w * 100) / f(total))
        running = f(running + pct)
        if bucket_value < running:
            return i
    return -1


def unleash_n(group, value, seed, modulus):
    return murmur3_32((group + ":" + value).encode("utf-8"), seed) % modulus


def flagd_rollout(weights, prefix, bucket_by=None, relative=None, fallback=None):
    r = rollout(weights, bucket_by)
    spec = {"algorithm": "flagd", "prefix": prefix}
    if relative is not None:
        spec["relativeWeights"] = relative
    if fallback is not None:
        spec["fallbackVariant"] = fallback
    r["rollout"]["bucketing"] = spec
    return r


def unleash_rollout(weights, group, seed, modulus, bucket_by=None):
    r = rollout(weights, bucket_by)
    r["rollout"]["bucketing"] = {"algorithm": "unleash", "groupId": group, "seed": seed, "modulus": modulus}
    return r


# flagd, default input flagKey + targetingKey: a boundary placed exactly at user-7's float bucket.
fb = flagd_bucket("flagd-split" + "user-7")
w_after = next(w for w in range(1, 100000) if flagd_walk(fb, [w, 100000 - w]) == 0)
assert flagd_walk(fb, [w_after - 1, 100001 - w_after]) == 1
third_keys = ["user-1", "user-2", "user-3", "user-4", "user-5", "user-6"]
thirds = {k: "abc"[flagd_walk(flagd_bucket("thirds" + k), [1, 1, 1])] for k in third_keys}
assert len(set(thirds.values())) == 3, thirds
email_bucket = flagd_bucket("ann@example.com")
email_variant = "on" if flagd_walk(email_bucket, [30000, 70000]) == 0 else "off"
# Unleash: a gradual-rollout gate (seed 0, modulus 100) in a segment, and variants (seed 86028157, 1000).
gate_n = unleash_n("gate-group", "user-9", 0, 100)
assert 0 < gate_n < 99
variant_n = unleash_n("colors", "user-9", 86028157, 1000)
assert 0 < variant_n < 999
bucketing_flags = {
    "flagd-split": flag(fallthrough=flagd_rollout([("on", w_after), ("off", 100000 - w_after)], "flagd-split")),
    "flagd-split-before": flag(fallthrough=flagd_rollout([("on", w_after - 1), ("off", 100001 - w_after)], "flagd-split")),
    "thirds": flag("string", abc, off="a", fallthrough=flagd_rollout(
        [("a", 33334), ("b", 33333), ("c", 33333)], "thirds", relative=[1, 1, 1])),
    "flagd-fallback": flag(fallthrough=flagd_rollout([("on", 50000), ("off", 50000)], "flagd-fallback",
                                                     fallback="off")),
    "flagd-by-email": flag(fallthrough=flagd_rollout([("on", 30000), ("off", 70000)], "", bucket_by="email",
                                                     fallback="off")),
    "unleash-gate-at": flag(rules=[rule("gate", [in_segment("gate-at")])]),
    "unleash-gate-after": flag(rules=[rule("gate", [in_segment("gate-after")])]),
    "unleash-variant-at": flag("string", abc, off="a", fallthrough=unleash_rollout(
        [("a", variant_n * 100), ("b", 100000 - variant_n * 100)], "colors", 86028157, 1000)),
    "unleash-variant-after": flag("string", abc, off="a", fallthrough=unleash_rollout(
        [("a", (variant_n + 1) * 100), ("b", 100000 - (variant_n + 1) * 100)], "colors", 86028157, 1000)),
}
gate_segments = {
    "gate-at": {"included": [], "excluded": [], "rules": [
        {"id": "gate", "clauses": [], "weight": gate_n * 1000,
         "bucketing": {"algorithm": "unleash", "groupId": "gate-group", "seed": 0, "modulus": 100}}]},
    "gate-after": {"included": [], "excluded": [], "rules": [
        {"id": "gate", "clauses": [], "weight": (gate_n + 1) * 1000,
         "bucketing": {"algorithm": "unleash", "groupId": "gate-group", "seed": 0, "modulus": 100}}]},
}
bucketing_cases = [
    case(f"flagd: user-7's float bucket is {float(fb)}; on's share {w_after / 1000} % reaches past it",
         "flagd-split", ctx("user-7"), SPLIT_ON),
    case(f"flagd: with on's share {(w_after - 1) / 1000} % the running sum stays at or below {float(fb)}",
         "flagd-split-before", ctx("user-7"), SPLIT_OFF),
    case("flagd: a missing targeting key serves the fallback variant (flagd's default) with DEFAULT",
         "flagd-fallback", ctx(), ok(False, "off", "DEFAULT")),
    case("flagd: a custom bucketBy attribute hashes alone (prefix \"\")", "flagd-by-email",
         ctx("u", email="ann@example.com"), ok(email_variant == "on", email_variant, "SPLIT")),
    case("flagd: a bucketBy value that is not a string serves the fallback (flagd hashes strings only)",
         "flagd-by-email", ctx("u", email=42), ok(False, "off", "DEFAULT")),
    case(f"unleash gate: user-9's normalized value is {gate_n + 1}, so a {gate_n} % rollout leaves it out",
         "unleash-gate-at", ctx("user-9"), ok(False, "off", "DEFAULT")),
    case(f"unleash gate: a {gate_n + 1} % rollout lets user-9 in", "unleash-gate-after", ctx("user-9"),
         ok(True, "on", "TARGETING_MATCH")),
    case(f"unleash variants: user-9's variant hash is {variant_n + 1} of 1000: weight {variant_n} for a misses it",
         "unleash-variant-at", ctx("user-9"), ok("B", "b", "SPLIT")),
    case(f"unleash variants: weight {variant_n + 1} for a reaches it", "unleash-variant-after", ctx("user-9"),
         ok("A", "a", "SPLIT")),
] + [case(f"flagd relative weights 1:1:1 (thirds no 100 000 split reproduces): {k} gets {v}", "thirds", ctx(k),
          ok(v.upper(), v, "SPLIT")) for k, v in thirds.items()]
spec_file(15, "bucketing", "Bucketing specs: flagd's fractional and Unleash's normalized murmur3, kept on import",
          bucketing_flags, bucketing_cases, gate_segments)

# ---- 16 bucket ranges -------------------------------------------------------------------------
# A rollout re-weighted stickily lists the buckets each variant owns (docs/evaluation.md, "Bucket
# ranges"): the variant whose [from, to) holds the bucket is served, whatever the list order. The key
# is chosen so that the cumulative walk over the same weights would answer differently.


def ranged(weights, salt=None, bucket_by=None):
    r = {"weights": [{"variant": v, "weight": sum(t - f for f, t in ranges), "ranges": [list(x) for x in ranges]}
                     for v, ranges in weights]}
    if bucket_by is not None:
        r["bucketBy"] = bucket_by
    if salt is not None:
        r["salt"] = salt
    return {"rollout": r}


sticky_key = next(k for k in (f"user-{i}" for i in range(1, 200)) if 60000 < bucket("sticky", k) < 99000)
bs = bucket("sticky", sticky_key)
assert bs >= 110000 - bs  # the cumulative walk over a's weight (110000 - bs) would not reach it: it serves b
abc_ranges = {"a": "A", "b": "B", "c": "C"}
range_flags = {
    "ranges-at": flag("string", abc_ranges, off="a", fallthrough=ranged(
        [("a", [(0, 10000), (bs, 100000)]), ("b", [(10000, bs)])], salt="sticky")),
    "ranges-before": flag("string", abc_ranges, off="a", fallthrough=ranged(
        [("a", [(0, 10000), (bs + 1, 100000)]), ("b", [(10000, bs + 1)])], salt="sticky")),
    "ranges-unordered": flag("string", abc_ranges, off="a", fallthrough=ranged(
        [("a", [(bs, bs + 1), (0, 10000)]), ("b", [(bs + 1, 100000), (10000, 30000)]), ("c", [(30000, bs)])],
        salt="sticky")),
    "ranges-zero-weight": flag("string", abc_ranges, off="a", fallthrough=ranged(
        [("a", [(0, bs)]), ("b", []), ("c", [(bs, 100000)])], salt="sticky")),
    "ranges-in-rule": flag("string", abc_ranges, off="a", fallthrough="a", rules=[rule("exp-checkout", [
        clause("country", "in", ["NL"])], ranged([("b", [(0, 5000), (bs, bs + 1)]), ("c", [(5000, bs), (bs + 1, 100000)])],
                                                salt="sticky"))]),
    "ranges-overlap": flag("string", abc_ranges, off="a", fallthrough=ranged(
        [("a", [(0, 60000)]), ("b", [(50000, 90000)])], salt="sticky")),
    "ranges-gap": flag("string", abc_ranges, off="a", fallthrough={"rollout": {"salt": "sticky", "weights": [
        {"variant": "a", "weight": 50000, "ranges": [[0, 40000], [40000, 50000]]},
        {"variant": "b", "weight": 50000, "ranges": [[50001, 100000], [0, 1]]}]}}),
    "ranges-wrong-weight": flag("string", abc_ranges, off="a", fallthrough={"rollout": {"salt": "sticky", "weights": [
        {"variant": "a", "weight": 40000, "ranges": [[0, 50000]]},
        {"variant": "b", "weight": 60000, "ranges": [[50000, 100000]]}]}}),
    "ranges-partial": flag("string", abc_ranges, off="a", fallthrough={"rollout": {"salt": "sticky", "weights": [
        {"variant": "a", "weight": 50000, "ranges": [[0, 50000]]}, {"variant": "b", "weight": 50000}]}}),
    "ranges-malformed": flag("string", abc_ranges, off="a", fallthrough={"rollout": {"salt": "sticky", "weights": [
        {"variant": "a", "weight": 50000, "ranges": [[50000, 0]]},
        {"variant": "b", "weight": 50000, "ranges": [[50000, 100000]]}]}}),
    "ranges-flagd": flag("string", abc_ranges, off="a", fallthrough={"rollout": {"weights": [
        {"variant": "a", "weight": 50000, "ranges": [[0, 50000]]},
        {"variant": "b", "weight": 50000, "ranges": [[50000, 100000]]}],
        "bucketing": {"algorithm": "flagd", "prefix": "ranges-flagd"}}}),
}
range_cases = [
    case(f"bucket of sticky.{sticky_key} is {bs}: a range from {bs} (inclusive) serves a, where the cumulative walk"
         f" over the same weights would serve b", "ranges-at", ctx(sticky_key), ok("A", "a", "SPLIT")),
    case(f"a range ending at {bs + 1} (exclusive) holds bucket {bs}", "ranges-before", ctx(sticky_key),
         ok("B", "b", "SPLIT")),
    case("ranges are looked up by bucket, whatever order they are listed in", "ranges-unordered", ctx(sticky_key),
         ok("A", "a", "SPLIT")),
    case("a variant of weight 0 owns no ranges (an empty list)", "ranges-zero-weight", ctx(sticky_key),
         ok("C", "c", "SPLIT")),
    case("a rule's rollout may list ranges too", "ranges-in-rule", ctx(sticky_key, country="NL"),
         ok("B", "b", "SPLIT", matchedRuleId="exp-checkout")),
    case("the rule does not match: the fallthrough", "ranges-in-rule", ctx(sticky_key, country="DE"),
         ok("A", "a", "DEFAULT")),
    case("ranges without a targeting key: TARGETING_KEY_MISSING", "ranges-at", ctx(), err("TARGETING_KEY_MISSING")),
    case("overlapping ranges are a PARSE_ERROR", "ranges-overlap", ctx(sticky_key), err("PARSE_ERROR")),
    case("ranges that leave a bucket to no variant (claiming another twice) are a PARSE_ERROR", "ranges-gap", ctx(sticky_key),
         err("PARSE_ERROR")),
    case("ranges covering more or fewer buckets than the weight are a PARSE_ERROR", "ranges-wrong-weight",
         ctx(sticky_key), err("PARSE_ERROR")),
    case("ranges on some variants but not all are a PARSE_ERROR", "ranges-partial", ctx(sticky_key),
         err("PARSE_ERROR")),
    case("a range whose end is not after its start is a PARSE_ERROR", "ranges-malformed", ctx(sticky_key),
         err("PARSE_ERROR")),
    case("flagd's float buckets cannot use ranges: PARSE_ERROR", "ranges-flagd", ctx(sticky_key), err("PARSE_ERROR")),
]
spec_file(16, "bucket-ranges", "Bucket ranges: a stickily re-weighted rollout serves the variant whose range holds"
          " the bucket", range_flags, range_cases)

# ---- write -----------------------------------------------------------------------------------

os.makedirs(OUT, exist_ok=True)
for name, content in FILES:
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as out:
        json.dump(content, out, indent=2, ensure_ascii=False)
        out.write("\n")
with open(os.path.join(OUT, "index.json"), "w", encoding="utf-8") as out:
    json.dump([name for name, _ in FILES], out, indent=2)
    out.write("\n")
total = 0
for name, content in FILES:
    total += len(content["cases"])
    print(f"{name}: {len(content['cases'])}")
print(f"total: {total}")
