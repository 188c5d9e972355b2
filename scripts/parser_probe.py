#!/usr/bin/python3
"""An experiment (docs/engine-quality.md, "Session 8"): how far would a reader whose syntax comes
from a real English parser go on the quality set?

Each brief is split into sentences and list items, each is parsed by CMU's Link Grammar parser
(English dictionary, the best linkage, a timeout per sentence), and actor–verb–object frames are
read from the links alone: subjects (S, SI, SX, R+RS for relative clauses), objects (O, B for a
relative clause's object), passives (Pv, or P to a past participle after `be`, with `by` + J as
the agent; none: the user), auxiliaries and modals (I, PP, Pg, Pa + TO), coordination (VJ, SJ),
`want/allow X to V` (TOo: X is the subject), participle modifiers (Mv, Mg), imperatives (Wi, Wg:
the user), particles (K, an adjacent MVa) and prepositional phrases (MVp + J). `I`/`we`/`you`
are the brief's owner (`user`); `he`/`she`/`they`/`it` the subject read just before. No domain
word lists. Each frame becomes `{"actor": ACTOR, "description": "ACTOR can VERB OBJECT …"}` and
is scored with Tests/Quality/engine_quality.py's own `parse_expected` and `requirements_met`.

Two descriptions are scored: `objects` (verb, particle, objects' noun phrases) and `with pps`
(also the verb's prepositional phrases: `assign tractors to field hands`).

Needs Debian's python3-link-grammar and link-grammar-dictionaries-en, and the system python3:

    /usr/bin/python3 scripts/parser_probe.py --part tuning [--show] [--json FILE]
    /usr/bin/python3 scripts/parser_probe.py --constructions Tests/Quality/constructions.txt
    /usr/bin/python3 scripts/parser_probe.py --sentence "Invoices are approved by the lead."

`--combine` (needs the engine: `swift build`, then `.build/debug/aiosctl`, or `--aiosctl PATH`) takes
each brief's functional requirements from `aiosctl call aios_strategize` (and its entities from
`aios_design_architecture`) and adds the probe's frames only for verbs the engine left unread in
that sentence and only when they pass filters borrowed from the engine's own output (its actors,
its entities, how it used the sentence: `brief_coverage`); it prints requirement recall of the
engine, the probe, the two combined and either of them, and how many records were added and what
share of them meets an expected requirement alone, for every variant in VARIANTS:

    /usr/bin/python3 scripts/parser_probe.py --combine --part tuning [--show] [--json FILE]
"""

import argparse
import importlib.util
import json
import os
import re
import sys
import tempfile
import time

import linkgrammar as lg
from linkgrammar import clinkgrammar as clg

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location("engine_quality", os.path.join(ROOT, "Tests/Quality/engine_quality.py"))
eq = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eq)

FIRST_PERSON = {"i", "we", "you", "me", "us"}
ANAPHORS = {"he", "she", "they", "it", "them", "him", "her"}
BE = {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re"}
HAVE_GET = {"have", "has", "had", "having", "get", "gets", "got", "gotten", "getting"}
RELATIVE = {"who", "that", "which", "whom"}


def split_brief(brief):
    """The scorer's sentences, with Markdown marks removed and `;`/`:` as further breaks."""
    out = []
    for s in eq.sentences(brief):
        s = re.sub(r"[*_`]+", "", s)
        s = re.sub(r"^\d+[.)]\s+", "", s)
        s = re.sub(r"^\[[ xX]\]\s*", "", s)
        label = None
        # A list item's actor as a label: `Coordinators: assign …`, `… (managers)`, `… — any member`.
        m = re.match(r"^([A-Za-z][A-Za-z ]{0,30}):\s+(.*)$", s)
        if m and len(m.group(1).split()) <= 3:
            label, s = m.group(1), m.group(2)
        m = re.match(r"^(.*?)\s*(?:\(([^()]{1,40})\)|\s[—–-]+\s+([^—–-]{1,40}))\s*[.!]?$", s)
        if m and (m.group(2) or m.group(3)):
            label, s = re.sub(r"^(any|every|all|the|a|an)\s+", "", (m.group(2) or m.group(3)).strip()), m.group(1)
        for part in re.split(r"\s*[;:]\s+", s):
            part = part.strip()
            if len(re.findall(r"[A-Za-z]+", part)) >= 2:
                out.append((part, label))
    return out


def surface(word):
    w = re.sub(r"\[[!?~][^\]]*\]", "", word)
    w = re.sub(r"\[[^\]]*\]$", "", w)
    m = re.match(r"^(.+?)\.[a-z][a-z0-9\-_#*]*$", w)
    return m.group(1) if m else w


def tag(word):
    w = re.sub(r"\[[^\]]*\]", "", word)
    m = re.match(r"^.+?\.([a-z][a-z0-9\-_#*]*)$", w)
    return m.group(1) if m else ""


class Parser:
    def __init__(self, timeout):
        # The library prints a locale notice on stdout while it loads the dictionary: send it to stderr.
        sys.stdout.flush()
        saved = os.dup(1)
        os.dup2(2, 1)
        try:
            self.dict = lg.Dictionary("en")
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        self.timeout = timeout
        self.stats = {"sentences": 0, "null_linkage": 0, "no_linkage": 0, "timeouts": 0, "seconds": 0.0}
        self.times = []

    def parse(self, text):
        """(words, links) of the best linkage: links as (left, right, label); a complete linkage
        if there is one, else the best with null links."""
        self.stats["sentences"] += 1
        start = time.monotonic()
        try:
            for nulls in (0, None):
                po = lg.ParseOptions(max_parse_time=self.timeout, linkage_limit=100, min_null_count=0,
                                     max_null_count=0 if nulls == 0 else 250, verbosity=0)
                sent = lg.Sentence(text, self.dict, po)
                if clg.sentence_split(sent._obj, po._obj) < 0:
                    break
                clg.sentence_parse(sent._obj, po._obj)
                if clg.parse_options_timer_expired(po._obj):
                    self.stats["timeouts"] += 1
                if clg.sentence_num_valid_linkages(sent._obj) > 0:
                    if nulls is None:
                        self.stats["null_linkage"] += 1
                    linkage = lg.Linkage(0, sent, po._obj)
                    if not linkage:
                        continue
                    words = list(linkage.words())
                    links = [(clg.linkage_get_link_lword(linkage._obj, i), clg.linkage_get_link_rword(linkage._obj, i),
                              clg.linkage_get_link_label(linkage._obj, i)) for i in range(linkage.num_of_links())]
                    return words, links
            self.stats["no_linkage"] += 1
            return None, None
        finally:
            self.times.append(time.monotonic() - start)
            self.stats["seconds"] += self.times[-1]


class Reader:
    """Frames from one linkage."""

    def __init__(self, words, links, context):
        self.w = words
        self.links = links
        self.context = context  # {"last": actor phrase of the last subject read}
        self.out = {}
        self.into = {}
        for l, r, lab in links:
            self.out.setdefault(l, []).append((r, lab))
            self.into.setdefault(r, []).append((l, lab))

    def s(self, i):
        return surface(self.w[i])

    def low(self, i):
        return self.s(i).lower()

    def t(self, i):
        return tag(self.w[i])

    def right(self, i, *prefixes):
        return [(j, lab) for j, lab in self.out.get(i, []) if lab.startswith(prefixes)]

    def left(self, i, *prefixes):
        return [(j, lab) for j, lab in self.into.get(i, []) if lab.startswith(prefixes)]

    def is_conj(self, i):
        return self.t(i).startswith(("j", "v-fill")) or self.low(i) in ("and", "or", "nor", "but")

    def conjuncts(self, i, kind, seen=None):
        """The members of a coordination node (kind 'SJ' nouns, 'VJ' verbs), recursively."""
        seen = seen if seen is not None else set()
        seen.add(i)
        members = [j for j, _ in self.left(i, kind)] + [j for j, _ in self.right(i, kind)]
        if not members:
            return [i]
        out = []
        for m in members:
            if m in seen:
                continue
            out.extend(self.conjuncts(m, kind, seen) if self.is_conj(m) else [m])
        return out

    def is_verb(self, i):
        t = self.t(i)
        return t.startswith(("v", "w", "q", "g")) and not t.startswith("v-fill")

    def is_aux(self, i):
        """A modal, `do`, `to`, or a form of `be`/`have`/`get` before a participle or adjective."""
        for j, lab in self.out.get(i, []):
            if lab.startswith("I") and not lab.startswith(("IV", "ID")):
                return True
            if lab.startswith(("PP", "Pg", "Pv", "Pa", "Pp")) and self.low(i) in BE | HAVE_GET:
                return True
        return False

    def np(self, i):
        """The noun phrase headed at i: its left modifiers (not articles or possessors) and i."""
        lo = i
        stack = [i]
        while stack:
            k = stack.pop()
            for j, lab in self.into.get(k, []):
                if j < k and lab.startswith(("A", "AN", "GN", "NM", "E", "EA")) and not lab.startswith(("AF",)):
                    lo = min(lo, j)
                    stack.append(j)
        return " ".join(self.s(k) for k in range(lo, i + 1) if not self.s(k).startswith(("LEFT-WALL",)))

    def nouns(self, i):
        """Noun heads behind i (a coordination node gives its members)."""
        if self.is_conj(i):
            return self.conjuncts(i, "SJ")
        return [i]

    def actor_of(self, i):
        word = self.low(i)
        if word in FIRST_PERSON:
            return "user"
        if word in ANAPHORS:
            return self.context.get("last") or word
        return self.np(i)

    def parents(self, i):
        """Links that make i part of a verb chain: (parent, label)."""
        return [(j, lab) for j, lab in self.into.get(i, []) if j < i and
                (lab.startswith(("PP", "Pg", "Pv", "Pa", "VJ", "TO", "MVi")) or
                 (lab.startswith("I") and not lab.startswith(("IV", "ID"))))] + \
               [(j, lab) for j, lab in self.out.get(i, []) if j > i and lab.startswith("VJ")]

    def subject(self, i, seen=None):
        """(subject word index or a label, passive?) of the verb-ish word i."""
        subj, chain = self.chain(i, seen)
        passive = any(lab.startswith(("Pv", "Mv")) for lab in chain) or (
            self.t(i).endswith("-d") and any(lab.startswith(("Pa", "Pg")) for lab in chain))
        return subj, passive

    def chain(self, i, seen=None):
        """(subject word index or a label, the labels climbed to reach it) of the verb-ish word i."""
        seen = seen or set()
        if i in seen:
            return None, []
        seen.add(i)
        # A subject link marked for an imperative (`Ss*i`, `Sp*i`: `Everyone sign in`) beside a Wi
        # wall link is an addressed imperative; any other subject link wins over a wall link.
        addressed = any(lab.startswith("Wi") for _, lab in self.into.get(i, []))
        for j, lab in self.into.get(i, []):
            if lab.startswith("S") and not lab.startswith(("SJ", "SI", "SFI")) and j < i:
                return ("imperative" if addressed and len(lab) > 3 and lab[3] == "i" else j), []
            if lab.startswith("RS") and self.low(j) in RELATIVE:
                for n, l2 in self.into.get(j, []):
                    if l2.startswith("R") and not l2.startswith("RS"):
                        return n, []
            if lab.startswith(("Mg", "Mv")) and j < i:
                return j, [lab]
        for j, lab in self.out.get(i, []):
            if lab.startswith(("SI", "SXI", "SFI")) and j > i:
                return j, []
        # A wall link makes the verb an imperative only when it has no subject link of its own
        # (a linkage can hold both: `Our carers visit …` has Sp and Wi to `visit`).
        for j, lab in self.into.get(i, []):
            if lab.startswith(("Wi", "Wg")):
                return "imperative", []
        # Verb chains: aux → verb, to → verb, coordination → members.
        for j, lab in self.parents(i):
            if lab.startswith("I") and self.low(j) == "to":
                for w, l2 in self.into.get(j, []):
                    if l2.startswith("TOo"):
                        objs = [o for o, l3 in self.out.get(w, []) if l3.startswith("O")]
                        if objs:
                            return objs[0], []
                    if l2.startswith(("TO", "MVi")):
                        subj, chain = self.chain(w, seen)
                        return subj, [lab for lab in chain if not lab.startswith("Pv")]
                continue
            subj, chain = self.chain(j, seen)
            if subj is not None:
                return subj, chain + [lab]
        return None, []

    def objects(self, i):
        objs = [j for j, lab in self.out.get(i, []) if lab.startswith("O") and not lab.startswith(("OT", "OF"))]
        # A shared object on the coordination node the verb belongs to.
        for c, lab in self.into.get(i, []) + self.out.get(i, []):
            if lab.startswith("VJ") and self.is_conj(c):
                objs += [j for j, l2 in self.out.get(c, []) if l2.startswith("O") and not l2.startswith(("OT", "OF"))]
        # A relative clause's object: `the trees that volunteers plant`.
        objs += [j for j, lab in self.into.get(i, []) if lab.startswith("B") and j < i and
                 any(l2.startswith("S") and not l2.startswith("SJ") for _, l2 in self.into.get(i, []))]
        if not objs:
            # `accept or reject proposals`: a conjunct shares the object of the next one that has one.
            for c, lab in self.out.get(i, []):
                if lab.startswith("VJ") and self.is_conj(c):
                    for m in sorted(self.conjuncts(c, "VJ")):
                        if m > i:
                            later = [j for j, l2 in self.out.get(m, []) if l2.startswith("O") and not l2.startswith(("OT", "OF"))]
                            if later:
                                objs = later
                                break
        out = []
        for o in objs:
            out.extend(self.nouns(o))
        return out

    def particles(self, i):
        return [j for j, lab in self.out.get(i, []) if lab.startswith("K") or (lab.startswith("MVa") and j == i + 1)]

    def pps(self, i):
        out = []
        for p, lab in self.out.get(i, []):
            if lab.startswith(("MVp", "MVx")):
                for n, l2 in self.out.get(p, []):
                    if l2.startswith("J"):
                        out.extend((self.s(p), self.np(m), m) for m in self.nouns(n))
        return out

    def agent(self, i):
        for p, lab in self.out.get(i, []):
            if lab.startswith("MVp") and self.low(p) == "by":
                return [n for j, l2 in self.out.get(p, []) if l2.startswith("J") for n in self.nouns(j)]
        return []

    def frames(self):
        frames = []
        for i in range(len(self.w)):
            if not self.is_verb(i) or self.is_aux(i) or self.low(i) in BE:
                continue
            subj, passive = self.subject(i)
            verb = " ".join([self.s(i)] + [self.s(k) for k in self.particles(i)])
            objs = self.objects(i)
            if passive:
                patients = self.nouns(subj) if isinstance(subj, int) else []
                agents = self.agent(i)
                # No agent: the user (the answers often expect the role named before: inference).
                actors = [self.actor_of(a) for a in agents] or ["user"]
                kinds = [self.actor_kind(a) for a in agents] or ["default"]
                heads = [(self.low(a), self.t(a)) for a in agents] or [("user", "")]
                objs = patients + objs
            elif isinstance(subj, int):
                actors = [self.actor_of(n) for n in self.nouns(subj)]
                kinds = [self.actor_kind(n) for n in self.nouns(subj)]
                heads = [(self.low(n), self.t(n)) for n in self.nouns(subj)]
            elif subj == "imperative":
                actors = [self.context.get("label") or "user"]
                kinds = ["label" if self.context.get("label") else "default"]
                heads = [(self.context.get("label") or "user", "")]
            else:
                continue
            # An object pronoun is the last object noun phrase read before it (naive, syntax only).
            # heads: each object's head word and its Link Grammar tag (`--combine` classifies them).
            actor_heads, resolved, heads = heads, [], []
            for o in objs:
                if self.low(o) in ANAPHORS and self.context.get("last_object"):
                    resolved.append(self.context["last_object"])
                    heads.append(self.context["last_object_head"])
                else:
                    resolved.append(self.np(o))
                    heads.append((self.low(o), "pronoun" if self.low(o) in ANAPHORS else self.t(o)))
            objs = resolved
            kept = [pp for pp in self.pps(i) if not (passive and pp[0].lower() == "by")]
            pps = [f"{pp[0]} {pp[1]}" for pp in kept]
            pp_heads = [(self.low(pp[2]), self.t(pp[2])) for pp in kept]
            for actor, kind, actor_head in zip(actors, kinds, actor_heads):
                frames.append({"actor": actor, "actor_kind": kind, "actor_head": actor_head, "verb": verb, "objects": objs, "heads": heads,
                               "pps": pps, "pp_heads": pp_heads})
            for o, h in zip(objs, heads):
                if o.lower() not in ANAPHORS:
                    self.context["last_object"] = o
                    self.context["last_object_head"] = h
            if not passive and isinstance(subj, int) and self.low(subj) not in ANAPHORS:
                self.context["last"] = actors[-1]
        return frames

    def actor_kind(self, i):
        """How an actor was read: `first` (I/we/you), `subject` (a noun phrase or a pronoun for one)."""
        return "first" if self.low(i) in FIRST_PERSON else "subject"


def records(frames, with_pps):
    out = []
    for f in frames:
        objs = f["objects"] or [""]
        for o in objs:
            tail = (" " + " ".join(f["pps"])) if with_pps and f["pps"] else ""
            out.append({"actor": f["actor"], "description": f"{f['actor']} can {f['verb']} {o}{tail}".strip()})
    return out


def read_text(parser, text, show=False):
    context = {}
    frames = []
    for sentence, label in split_brief(text):
        context["label"] = label
        words, links = parser.parse(sentence)
        if words is None:
            if show:
                print(f"  [no linkage] {sentence}")
            continue
        got = Reader(words, links, context).frames()
        for f in got:
            f["sentence"] = sentence
        if show:
            print(f"  {sentence}")
            for f in got:
                print(f"      {f['actor']} | {f['verb']} | {'; '.join(f['objects'])} | {'; '.join(f['pps'])}")
        frames.extend(got)
    return frames


def part_briefs(briefs, expected_dir, part):
    """Each brief of a part, in name order: (file name, text, its parsed answer)."""
    folder = os.path.join(briefs, part)
    for name in sorted(os.listdir(folder)):
        if name.endswith(".md"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                brief = f.read()
            yield name, brief, eq.parse_expected(os.path.join(expected_dir, name[:-3] + ".expected"))


def score_part(parser, briefs, expected_dir, part, show):
    results = []
    for name, brief, expected in part_briefs(briefs, expected_dir, part):
        if show:
            print(f"== {name}")
        frames = read_text(parser, brief, show)
        r = {"brief": name[:-3], "records": len(records(frames, True))}
        for variant, with_pps in (("objects", False), ("with_pps", True)):
            met, missed = eq.requirements_met(expected["requirements"], {"requirements": {"functional": records(frames, with_pps)}})
            r[variant] = (met, len(expected["requirements"]))
            r[variant + "_missed"] = missed
        if show:
            for m in r["with_pps_missed"]:
                print(f"  MISSED {m}")
        results.append(r)
    return results


# --combine: the engine's functional requirements, plus the probe's frames for the verbs the engine
# left unread in a sentence, kept only when they pass a classification borrowed from the engine's
# own output for the brief (its actors, its entities), and a short closed list of stative and
# light verbs that are never a requirement of their own.
LIGHT_VERBS = {eq.stem(v) for v in (
    "be", "have", "want", "need", "like", "love", "prefer", "wish", "hope", "differ", "seem", "become",
    "belong", "exist", "consist", "mean", "know", "try", "tend", "happen", "depend", "come", "go", "get",
    "let", "make", "include", "contain", "involve", "remain", "stay", "matter", "care", "own")}
PRONOUNS = ANAPHORS | FIRST_PERSON | {"this", "that", "these", "those", "what", "which", "who", "whom", "one",
                                      "something", "anything", "everything", "nothing", "someone", "anyone",
                                      "everyone", "all", "each", "both", "some", "any", "many", "more", "most",
                                      "other", "others", "itself", "themselves", "yourself", "myself", "ourselves"}
# Variants measured (name: (who may act, what an object's head must be)):
#   actors `engine`: the frame's actor is one of the engine's actors for the brief (a first-person
#   subject counts as `user` only when the engine has that actor); `engine+user`: also `user` for an
#   imperative or an agentless passive; `engine+context`: those take the actor of the engine's
#   requirements from the same sentence (else the nearest sentence before with one).
#   objects `entity`: the head is a word of one of the engine's entities or actors; `noun`: any noun.
#   unread `verb`: the engine wrote no requirement holding the verb from that sentence; `verb+actor`:
#   none holding it for the frame's actor.
#   actors `engine+roles`: also a subject noun that is none of the engine's entities (a role the
#   engine did not list).
VARIANTS = [(a, o, u) for a in ("engine", "engine+roles", "engine+user", "engine+context") for o in ("entity", "noun")
            for u in ("verb", "verb+actor")]


def engine_strategy(aiosctl, brief, env):
    """(strategy, architecture) from the real CLI, or (None, None) when the engine refuses."""
    strategy, _ = eq.call(aiosctl, "aios_strategize", {"spec": brief}, env)
    if strategy is None:
        return None, None
    architecture, _ = eq.call(aiosctl, "aios_design_architecture", {"spec": brief, "requirements": strategy}, env)
    return strategy, architecture


def is_noun(head):
    word, t = head
    if t == "pronoun" or word in PRONOUNS or not re.match(r"^[a-z]", word):
        return False
    return t.startswith(("n", "s", "p", "g", "id")) or t == ""


def sentence_reads(strategy):
    """[(the sentence's stems, {actor: stems of the words of its requirements read from it}, their actors)]."""
    by_id = {r["id"]: r for r in strategy["requirements"]["functional"]}
    out = []
    for c in strategy.get("brief_coverage", []):
        reqs = [by_id[i] for i in c.get("ids", []) if i in by_id]
        read = {}
        for r in reqs:
            read.setdefault(r["actor"], set()).update(eq.words(r["description"]))
        out.append((eq.words(c["sentence"]), read, [r["actor"] for r in reqs if not r.get("assumed")], c.get("use")))
    return out


def match_sentence(reads, sentence):
    """Index of the coverage entry the probe's sentence (or part of one) belongs to, or None."""
    mine = eq.words(sentence)
    if not mine:
        return None
    for k, (theirs, *_) in enumerate(reads):
        if eq.contains(theirs, tuple(mine)) or eq.contains(mine, tuple(theirs)):
            return k
    best, share = None, 0.5
    for k, (theirs, *_) in enumerate(reads):
        common = len(set(mine) & set(theirs)) / max(len(set(mine)), 1)
        if common > share:
            best, share = k, common
    return best


def combined_records(strategy, architecture, frames, variant):
    """The probe's records that pass the variant's filters (the engine's own records not included)."""
    actor_rule, object_rule, unread_rule = variant
    functional = strategy["requirements"]["functional"]
    actors = {}
    for r in functional:
        if not r.get("assumed"):
            actors.setdefault(tuple(eq.words(r["actor"])), r["actor"])
    for p in strategy.get("personas", []):
        if p.get("role"):
            actors.setdefault(tuple(eq.words(p["role"])), p["role"])
    entity_words = {w for n in (architecture or {}).get("architecture", {}).get("data_model", {}).get("entities", [])
                    for w in eq.words(eq.camel_words(n["name"]))}
    things = set(entity_words) - {w for a in actors for w in a}
    entity_words |= {w for a in actors for w in a}
    reads = sentence_reads(strategy)
    out = []
    for f in frames:
        verb_words = eq.words(f["verb"])
        if not verb_words or verb_words[0] in LIGHT_VERBS:
            continue
        k = match_sentence(reads, f["sentence"])
        if k is not None and reads[k][3] in ("summary", "persona", "heading"):
            continue  # the engine took the sentence as the product's summary, a persona or a heading
        if unread_rule == "verb" and k is not None and any(verb_words[0] in w for w in reads[k][1].values()):
            continue  # the engine read this verb in this sentence
        # Who acts.
        actor = None
        mine = tuple(eq.words(f["actor"]))
        if f["actor_kind"] in ("subject", "label"):
            for theirs, name in actors.items():
                if theirs and mine and (theirs == mine or theirs[-1] == mine[-1]):
                    actor = name
                    break
        elif f["actor_kind"] == "first":
            actor = actors.get(("user",))
        elif actor_rule == "engine+user":  # an imperative with no label, an agentless passive
            actor = actors.get(("user",), "user")
        elif actor_rule == "engine+context":
            for j in range(k if k is not None else -1, -1, -1):
                if reads[j][2]:
                    actor = reads[j][2][0]
                    break
            actor = actor or actors.get(("user",))
        if actor is None and actor_rule == "engine+roles" and f["actor_kind"] == "subject" and \
                is_noun(f["actor_head"]) and eq.stem(f["actor_head"][0]) not in things:
            actor = f["actor"]
        if actor is None:
            continue
        if unread_rule == "verb+actor" and k is not None and verb_words[0] in reads[k][1].get(actor, set()):
            continue  # the engine read this verb for this actor in this sentence
        # What it acts on: the objects, else the objects of its prepositional phrases.
        # What it acts on: a direct object (a verb with only a prepositional phrase — `arrive at the
        # rescue`, `fly with an instructor` — was a requirement in none of the tuning answers).
        tail = " " + " ".join(f["pps"]) if f["pps"] else ""
        for obj, head in zip(f["objects"], f["heads"]):
            if not is_noun(head) or eq.stem(head[0]) in eq.words(actor):
                continue
            if object_rule == "entity" and eq.stem(head[0]) not in entity_words:
                continue
            record = {"actor": actor, "description": f"{actor} can {f['verb']} {obj}{tail}".strip()}
            if record not in out:
                out.append(record)
    return out


def combine_part(parser, briefs, expected_dir, part, aiosctl, env, show):
    results = []
    for name, brief, expected in part_briefs(briefs, expected_dir, part):
        reqs = expected["requirements"]
        started = time.monotonic()
        frames = read_text(parser, brief)
        parse_seconds = time.monotonic() - started
        started = time.monotonic()
        strategy, architecture = engine_strategy(aiosctl, brief, env)
        engine_seconds = time.monotonic() - started
        engine = strategy["requirements"]["functional"] if strategy else []
        probe = records(frames, True)

        def met(recs):
            return [eq.requirements_met([q], {"requirements": {"functional": recs}})[0] > 0 for q in reqs]

        def useful(rec):
            return eq.requirements_met(reqs, {"requirements": {"functional": [rec]}})[0] > 0

        r = {"brief": name[:-3], "requirements": len(reqs), "engine": met(engine), "probe": met(probe),
             "engine_records": len([x for x in engine if not x.get("assumed")]),
             "engine_useful": sum(useful(x) for x in engine if not x.get("assumed")),
             "parse_seconds": parse_seconds, "engine_seconds": engine_seconds, "variants": {}}
        r["either"] = [a or b for a, b in zip(r["engine"], r["probe"])]
        if show:
            print(f"== {name}")
        for variant in VARIANTS:
            started = time.monotonic()
            added = combined_records(strategy, architecture, frames, variant) if strategy else []
            combine_seconds = time.monotonic() - started
            flags = [useful(x) for x in added]
            r["variants"]["/".join(variant)] = {"met": met(engine + added), "added": added, "useful": flags,
                                                "seconds": combine_seconds}
            if show and variant == VARIANTS[0]:
                for x, ok in zip(added, flags):
                    print(f"  ADDED {'useful ' if ok else 'useless'} {x['actor']} | {x['description']}")
        if show:
            v = r["variants"]["/".join(VARIANTS[0])]
            for q, e, c in zip(reqs, r["engine"], v["met"]):
                if not c:
                    print(f"  MISSED {q[1]}")
        results.append(r)
    return results


def combine_report(report):
    """Prints the combined table: per part and pooled, every variant."""
    def frac(a, b):
        return f"{a / b:.3f} ({a}/{b})" if b else "n/a"

    print("| part | engine | probe | combined | either | added records (useful) | engine records not assumed (useful) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for variant in VARIANTS:
        key = "/".join(variant)
        groups = list(report.items()) + ([("pooled", [r for rs in report.values() for r in rs])] if len(report) > 1 else [])
        print(f"| **{key}** | | | | | | |")
        for part, results in groups:
            total = sum(r["requirements"] for r in results)
            e = sum(sum(r["engine"]) for r in results)
            p = sum(sum(r["probe"]) for r in results)
            c = sum(sum(r["variants"][key]["met"]) for r in results)
            x = sum(sum(r["either"]) for r in results)
            added = sum(len(r["variants"][key]["added"]) for r in results)
            good = sum(sum(r["variants"][key]["useful"]) for r in results)
            er = sum(r["engine_records"] for r in results)
            eu = sum(r["engine_useful"] for r in results)
            print(f"| {part} | {frac(e, total)} | {frac(p, total)} | {frac(c, total)} | {frac(x, total)} "
                  f"| {added} ({good / added if added else 0:.2f}) | {er} ({eu / er if er else 0:.2f}) |")
    everything = [r for rs in report.values() for r in rs]
    if everything:
        n = len(everything)
        parse = sum(r["parse_seconds"] for r in everything) / n
        combine = sum(sum(v["seconds"] for v in r["variants"].values()) / len(VARIANTS) for r in everything) / n
        engine = sum(r["engine_seconds"] for r in everything) / n
        print(f"time per brief ({n} briefs): parsing and reading frames {parse * 1000:.0f} ms, combining "
              f"{combine * 1000:.1f} ms; the engine through the CLI (strategize + architecture, two processes) "
              f"{engine * 1000:.0f} ms")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--briefs", default=os.path.join(ROOT, "Tests/Quality/briefs"))
    ap.add_argument("--expected", default=os.path.join(ROOT, "Tests/Quality/expected"))
    ap.add_argument("--part", action="append", help="a part's folder name (repeatable)")
    ap.add_argument("--constructions", metavar="FILE")
    ap.add_argument("--sentence", help="read one text and print its frames")
    ap.add_argument("--timeout", type=int, default=10, help="seconds per sentence (default 10)")
    ap.add_argument("--show", action="store_true", help="print every sentence's frames and the misses")
    ap.add_argument("--json", metavar="FILE", help="write every brief's result (met, missed) to FILE")
    ap.add_argument("--combine", action="store_true",
                    help="the engine's requirements plus the probe's frames for verbs the engine left unread, filtered")
    ap.add_argument("--aiosctl", default=os.path.join(ROOT, ".build/debug/aiosctl"), help="for --combine")
    args = ap.parse_args()
    clg.parse_options_set_verbosity(lg.ParseOptions()._obj, 0)
    parser = Parser(args.timeout)
    report = {}
    if args.sentence:
        for r in records(read_text(parser, args.sentence, True), True):
            print(r)
        return
    if args.constructions:
        groups = eq.parse_constructions(args.constructions)
        rows = []
        for g in groups:
            met = {"objects": 0, "with_pps": 0}
            total = 0
            for e in g["sentences"]:
                frames = read_text(parser, e["sentence"], args.show)
                total += len(e["requirements"])
                for variant, with_pps in (("objects", False), ("with_pps", True)):
                    m, missed = eq.requirements_met(e["requirements"], {"requirements": {"functional": records(frames, with_pps)}})
                    met[variant] += m
                    if args.show and with_pps:
                        for x in missed:
                            print(f"  MISSED {x}")
            rows.append({"construction": g["construction"], "sentences": len(g["sentences"]),
                         "objects": (met["objects"], total), "with_pps": (met["with_pps"], total)})
        report["constructions"] = rows
        print("| construction | sentences | objects | with pps |")
        print("| --- | --- | --- | --- |")
        for r in rows:
            print(f"| {r['construction']} | {r['sentences']} | {r['objects'][0]}/{r['objects'][1]} | {r['with_pps'][0]}/{r['with_pps'][1]} |")
        o = (sum(r["objects"][0] for r in rows), sum(r["objects"][1] for r in rows))
        p = (sum(r["with_pps"][0] for r in rows), sum(r["with_pps"][1] for r in rows))
        print(f"| all | {sum(r['sentences'] for r in rows)} | {o[0]}/{o[1]} {o[0] / o[1]:.3f} | {p[0]}/{p[1]} {p[0] / p[1]:.3f} |")
    if args.combine:
        env = dict(os.environ)
        env["AIOS_HOME"] = tempfile.mkdtemp(prefix="aios-probe-")
        env.pop("AIOS_API_KEY", None)
        for part in args.part or ["tuning"]:
            report[part] = combine_part(parser, args.briefs, args.expected, part, args.aiosctl, env, args.show)
        combine_report(report)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(report, f, indent=1)
        return
    parts = args.part or ([] if args.constructions else ["tuning"])
    pooled = {"objects": [0, 0], "with_pps": [0, 0]}
    for part in parts:
        results = score_part(parser, args.briefs, args.expected, part, args.show)
        report[part] = results
        o = (sum(r["objects"][0] for r in results), sum(r["objects"][1] for r in results))
        p = (sum(r["with_pps"][0] for r in results), sum(r["with_pps"][1] for r in results))
        for k, v in (("objects", o), ("with_pps", p)):
            pooled[k][0] += v[0]
            pooled[k][1] += v[1]
        print(f"{part}: {len(results)} briefs, requirement recall objects {o[0]}/{o[1]} = {o[0] / o[1]:.3f}, "
              f"with pps {p[0]}/{p[1]} = {p[0] / p[1]:.3f}, records {sum(r['records'] for r in results)}")
    if len(parts) > 1:
        o, p = pooled["objects"], pooled["with_pps"]
        print(f"pooled: objects {o[0]}/{o[1]} = {o[0] / o[1]:.3f}, with pps {p[0]}/{p[1]} = {p[0] / p[1]:.3f}")
    st = parser.stats
    if st["sentences"]:
        print(f"parser: {st['sentences']} sentences, {st['seconds'] / st['sentences'] * 1000:.0f} ms each on average, "
              f"{st['null_linkage']} with null links only ({st['null_linkage'] / st['sentences']:.0%}), "
              f"{st['no_linkage']} with no linkage, {st['timeouts']} timed out; "
              f"median {sorted(parser.times)[len(parser.times) // 2] * 1000:.0f} ms, slowest {max(parser.times) * 1000:.0f} ms")
        st["median_ms"] = sorted(parser.times)[len(parser.times) // 2] * 1000
        st["max_ms"] = max(parser.times) * 1000
    report["parser"] = st
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
