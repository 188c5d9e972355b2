#!/usr/bin/env python3
"""Measures how faithfully an engine reads a brief (issue 18, docs/engine-quality.md).

For every brief under BRIEFS/PART/NAME.md (parts: `tuning`, which the reader is tuned on, and a
held-out part such as `heldout4` while it has not been looked at) there is an answer written by
hand before the engine was run, EXPECTED/NAME.expected:

    entities:            one expected domain entity a line; `a | b` are accepted names for it
      loan | borrowing
    acceptable:          names that are not required and not penalised (roles, side records)
      member | profile
    requirements:        one thing a user of the brief does: actors : actions : objects
      librarian : lend : book

The engine runs through the real CLI (`aiosctl call aios_strategize --json`, then
`aios_design_architecture --json` on that strategy). Scores:
- entity recall: share of expected entities that some data-model entity names;
- entity precision: share of data-model entities that are expected or acceptable (the
  generic profile/user/account/membership/audit/notification tables are always acceptable);
- requirement recall: share of expected requirements met by one functional requirement whose
  actor is one of the actors and whose description holds one of the actions and one of the
  objects (words compared after a light stemmer, so "borrows" meets "borrow");
- coverage: when the strategy carries `brief_coverage`, the share of the brief's sentences it
  accounts for (n/a otherwise).
A brief the engine refuses scores 0 on every measure.

With `--constructions Tests/Quality/constructions.txt` (no --briefs/--expected) it scores the
construction corpus instead: every sentence is sent alone as a brief to `aios_strategize`, its
expected requirements are matched as a brief's are, and the report gives requirement recall per
English construction, then every miss with what the engine produced (`--json`: per sentence).
A sentence the engine refuses (INVALID_INPUT) meets none of its requirements.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ALWAYS_ACCEPTABLE = {"profile", "user", "account", "membership", "audit log", "audit event",
                     "audit entry", "notification", "user profile", "organization member"}
IRREGULAR = {"lent": "lend", "sold": "sell", "wrote": "write", "written": "write", "bought": "buy",
             "paid": "pay", "sent": "send", "took": "take", "taken": "take", "gave": "give",
             "given": "give", "kept": "keep", "met": "meet", "heard": "hear", "made": "make",
             "found": "find", "children": "child", "people": "person", "data": "data"}


def stem(word):
    w = word.lower().strip("'’")
    if w in IRREGULAR:
        return IRREGULAR[w]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"),
                         ("xes", "x"), ("zes", "z")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + repl
    # "ratings" is "rating" in the plural, stemmed as "rating" is ("rat", as "rate" and "rated").
    if w.endswith("ings") and len(w) > 6:
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
        return w.rstrip("e")
    if w.endswith("ed") and len(w) > 4:
        w = w[:-2]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
        return w.rstrip("e")
    if w.endswith("s") and not w.endswith("ss") and not w.endswith("us") and len(w) > 3:
        w = w[:-1]
    return w.rstrip("e") if len(w) > 3 else w


def words(text):
    return [stem(t) for t in re.findall(r"[A-Za-z][A-Za-z'’]*", text.replace("_", " ")
                                        .replace("-", " "))]


def camel_words(name):
    return " ".join(re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name).replace("_", " ").split()).lower()


def phrase(text):
    return tuple(words(text))


def contains(haystack, needle):
    n = len(needle)
    return n > 0 and any(tuple(haystack[i:i + n]) == needle for i in range(len(haystack) - n + 1))


def parse_requirement(item, where):
    """`actors : actions : objects`, each a `|` list of alternatives, as phrases; and the text."""
    parts = [p.strip() for p in item.split(" : ")]
    if len(parts) != 3:
        raise SystemExit(f"{where}: a requirement is 'actors : actions : objects': {item!r}")
    return [[phrase(a) for a in p.split("|")] for p in parts], item


def parse_expected(path):
    sections = {"entities": [], "acceptable": [], "requirements": []}
    current = None
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        if not line.startswith(" "):
            current = line.strip().rstrip(":")
            if current not in sections:
                raise SystemExit(f"{path}: unknown section {current!r}")
            continue
        item = line.strip()
        if current == "requirements":
            sections[current].append(parse_requirement(item, path))
        elif current == "acceptable":
            sections[current].extend(phrase(a) for a in item.split("|"))
        else:
            sections[current].append(([phrase(a) for a in item.split("|")], item))
    return sections


def call(aiosctl, tool, arguments, env):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(arguments, f)
    try:
        run = subprocess.run([aiosctl, "call", tool, "--input", "@" + f.name, "--json"],
                             capture_output=True, text=True, env=env, timeout=120)
    finally:
        os.unlink(f.name)
    if run.returncode != 0:
        return None, (run.stdout + run.stderr).strip()[:300]
    return json.loads(run.stdout), None


def sentences(brief):
    parts = []
    for line in brief.splitlines():
        line = line.strip().lstrip("-*#").strip()
        if not line:
            continue
        parts.extend(s for s in re.split(r"(?<=[.!?])\s+", line) if s.strip())
    return parts


def requirements_met(requirements, strategy):
    """How many expected requirements (parsed `actors : actions : objects`) one functional
    requirement of the strategy meets, and the text of those it does not: (met, missed)."""
    frs = [(phrase(r.get("actor", "")), words(r.get("description", ""))) for r in strategy["requirements"]["functional"]]
    met, missed = 0, []
    for (actors, actions, objects), text in requirements:
        ok = any(any(actor == a or (a and contains(actor, a)) for a in actors)
                 and any(contains(desc, act) for act in actions)
                 and any(contains(desc, obj) for obj in objects)
                 for actor, desc in frs)
        met += ok
        if not ok:
            missed.append(text)
    return met, missed


def score(name, brief, expected, strategy, architecture):
    result = {"brief": name}
    raw_names = [e["name"] for e in architecture["architecture"]["data_model"]["entities"]]
    entity_names = [phrase(camel_words(n)) for n in raw_names]
    found = [any(alt in entity_names for alt in alts) for alts, _ in expected["entities"]]
    acceptable = set(expected["acceptable"]) | {phrase(a) for a in ALWAYS_ACCEPTABLE}
    expected_names = {alt for alts, _ in expected["entities"] for alt in alts}
    precise = [n in expected_names or n in acceptable for n in entity_names]
    result["entities"] = raw_names
    result["entities_missed"] = [text for (_, text), ok in zip(expected["entities"], found) if not ok]
    result["entities_extra"] = [n for n, ok in zip(raw_names, precise) if not ok]
    result["entity_recall"] = (sum(found), len(found))
    result["entity_precision"] = (sum(precise), len(precise))
    met, missed = requirements_met(expected["requirements"], strategy)
    result["requirement_recall"] = (met, len(expected["requirements"]))
    result["requirements_missed"] = missed
    coverage = strategy.get("brief_coverage")
    if isinstance(coverage, list):
        covered = {" ".join(words(c.get("sentence", ""))) for c in coverage}
        brief_sentences = [" ".join(words(s)) for s in sentences(brief)]
        result["coverage"] = (sum(s in covered for s in brief_sentences), len(brief_sentences))
    return result


def refused(name, expected, why):
    return {"brief": name, "refused": why, "entities": [], "entities_missed": [], "entities_extra": [],
            "entity_recall": (0, len(expected["entities"])), "entity_precision": (0, 1),
            "requirement_recall": (0, len(expected["requirements"])), "requirements_missed": ["(refused)"]}


def parse_constructions(path):
    """The construction corpus (Tests/Quality/constructions.txt): `# construction: NAME — what`
    starts a group; an unindented line is a sentence (an entry, sent alone as a brief); indented
    lines under it are its expected requirements (`actors : actions : objects`) and optional
    `entity: a | b` lines; other `#` lines are comments. Every construction has a sentence and
    every sentence a requirement."""
    groups, group, entry = [], None, None
    for number, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        where = f"{path}:{number}"
        if not line.strip():
            continue
        header = re.match(r"#\s*construction:\s*(\S+)\s*(?:[—-]+\s*(.*))?$", line)
        if header:
            group = {"construction": header.group(1), "description": (header.group(2) or "").strip(), "sentences": []}
            groups.append(group)
            entry = None
            continue
        if line.startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            if group is None:
                raise SystemExit(f"{where}: a sentence before any '# construction:' line")
            entry = {"sentence": line.strip(), "requirements": [], "entities": []}
            group["sentences"].append(entry)
            continue
        if entry is None:
            raise SystemExit(f"{where}: an indented line with no sentence above it")
        item = line.strip()
        if item.startswith("entity:"):
            entry["entities"].append(item[len("entity:"):].strip())
        else:
            entry["requirements"].append(parse_requirement(item, where))
    if not groups:
        raise SystemExit(f"{path}: no '# construction:' line")
    for g in groups:
        if not g["sentences"]:
            raise SystemExit(f"{path}: construction {g['construction']!r} has no sentence")
        for e in g["sentences"]:
            if not e["requirements"]:
                raise SystemExit(f"{path}: {e['sentence']!r} has no expected requirement")
    names = [g["construction"] for g in groups]
    if len(set(names)) != len(names):
        raise SystemExit(f"{path}: a construction is named twice")
    return groups


def run_constructions(aiosctl, path, env):
    """Sends every sentence of the corpus alone through `aios_strategize` and matches its
    expected requirements as a brief's are (requirements_met). A sentence the engine refuses
    (INVALID_INPUT) meets none of them; any other failure of the CLI stops the run."""
    report = []
    for group in parse_constructions(path):
        results = []
        for entry in group["sentences"]:
            expected = [text for _, text in entry["requirements"]]
            result = {"sentence": entry["sentence"], "expected": expected, "entities": entry["entities"]}
            strategy, err = call(aiosctl, "aios_strategize", {"spec": entry["sentence"]}, env)
            if strategy is None:
                if "INVALID_INPUT" not in err:
                    raise SystemExit(f"aios_strategize failed on {entry['sentence']!r}: {err}")
                result.update(refused=err, produced=[], met=0, missed=expected)
            else:
                met, missed = requirements_met(entry["requirements"], strategy)
                produced = [("(assumed) " if r.get("assumed") else "") + f"{r.get('actor', '')}: {r.get('description', '')}"
                            for r in strategy["requirements"]["functional"]]
                result.update(produced=produced, met=met, missed=missed)
            result["requirement_recall"] = (result["met"], len(expected))
            results.append(result)
        report.append({"construction": group["construction"], "description": group["description"],
                       "sentences": results, "requirement_recall": (sum(r["met"] for r in results),
                                                                    sum(len(r["expected"]) for r in results))})
    return report


def print_constructions(report):
    print("| construction | sentences | requirements met / expected | recall | refused |")
    print("| --- | --- | --- | --- | --- |")
    for g in report:
        met, total = g["requirement_recall"]
        refusals = sum("refused" in r for r in g["sentences"])
        print(f"| {g['construction']} | {len(g['sentences'])} | {met}/{total} | {met / total:.2f} | {refusals} |")
    met = sum(g["requirement_recall"][0] for g in report)
    total = sum(g["requirement_recall"][1] for g in report)
    sentences_count = sum(len(g["sentences"]) for g in report)
    refusals = sum("refused" in r for g in report for r in g["sentences"])
    print(f"| all | {sentences_count} | {met}/{total} | {met / total:.2f} | {refusals} |")
    print()
    for g in report:
        misses = [r for r in g["sentences"] if r["missed"]]
        if not misses:
            continue
        print(f"{g['construction']}:")
        for r in misses:
            print(f"    {r['sentence']}" + ("  [REFUSED]" if "refused" in r else ""))
            for text in r["missed"]:
                print(f"        expected: {text}")
            for text in r["produced"]:
                print(f"        produced: {text}")
            if not r["produced"]:
                print("        produced: (no requirement)")


def ratio(pairs):
    num = sum(p[0] for p in pairs)
    den = sum(p[1] for p in pairs)
    return num / den if den else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aiosctl", required=True)
    parser.add_argument("--briefs", help="folder with one folder per part (tuning/, heldout4/, ...)")
    parser.add_argument("--expected")
    parser.add_argument("--constructions", metavar="FILE",
                        help="score the construction corpus (Tests/Quality/constructions.txt) instead of briefs: "
                             "each sentence alone through aios_strategize, requirement recall per construction")
    parser.add_argument("--part", default="all", help="a part's folder name, or all of them")
    parser.add_argument("--json", action="store_true", help="print every brief's result as JSON")
    args = parser.parse_args()
    env = dict(os.environ)
    env["AIOS_HOME"] = tempfile.mkdtemp(prefix="aios-quality-")
    env.pop("AIOS_API_KEY", None)
    if args.constructions:
        report = run_constructions(args.aiosctl, args.constructions, env)
        if args.json:
            json.dump({"constructions": report}, sys.stdout, indent=2)
            print()
        else:
            print_constructions(report)
        return
    if not args.briefs or not args.expected:
        parser.error("--briefs and --expected are required (unless --constructions is given)")
    found = sorted((p for p in os.listdir(args.briefs) if os.path.isdir(os.path.join(args.briefs, p))), key=lambda p: (p != "tuning", p))
    if args.part != "all" and args.part not in found:
        raise SystemExit(f"no part {args.part!r} in {args.briefs}: {', '.join(found)}")
    parts = found if args.part == "all" else [args.part]
    report = {}
    for part in parts:
        folder = os.path.join(args.briefs, part)
        results = []
        for file in sorted(os.listdir(folder)):
            if not file.endswith(".md"):
                continue
            name = file[:-3]
            brief = open(os.path.join(folder, file), encoding="utf-8").read()
            expected = parse_expected(os.path.join(args.expected, name + ".expected"))
            strategy, err = call(args.aiosctl, "aios_strategize", {"spec": brief}, env)
            if strategy is None:
                results.append(refused(name, expected, err))
                continue
            architecture, err = call(args.aiosctl, "aios_design_architecture", {"spec": brief, "requirements": strategy}, env)
            if architecture is None:
                results.append(refused(name, expected, err))
                continue
            results.append(score(name, brief, expected, strategy, architecture))
        report[part] = results
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
        return
    print("| part | briefs | entity recall | entity precision | requirement recall | coverage |")
    print("| --- | --- | --- | --- | --- | --- |")
    for part, results in report.items():
        cov = [r["coverage"] for r in results if "coverage" in r]
        cov_text = f"{ratio(cov):.2f}" if cov else "n/a"
        print(f"| {part} | {len(results)} | {ratio([r['entity_recall'] for r in results]):.2f} "
              f"| {ratio([r['entity_precision'] for r in results]):.2f} "
              f"| {ratio([r['requirement_recall'] for r in results]):.2f} | {cov_text} |")
    print()
    for part, results in report.items():
        for r in results:
            er, ep, rr = r["entity_recall"], r["entity_precision"], r["requirement_recall"]
            print(f"{part}/{r['brief']}: entities {er[0]}/{er[1]} found, {ep[0]}/{ep[1]} right; "
                  f"requirements {rr[0]}/{rr[1]}" + (f"; REFUSED: {r['refused']}" if "refused" in r else ""))
            if r["entities_missed"]:
                print("    missed entities: " + "; ".join(r["entities_missed"]))
            if r["entities_extra"]:
                print("    extra entities: " + "; ".join(r["entities_extra"]))
            if r["requirements_missed"]:
                print("    missed requirements: " + "; ".join(r["requirements_missed"]))


if __name__ == "__main__":
    main()
