#!/usr/bin/env python3
"""Generate Sources/AIOSAgents/Analysis/PartOfSpeechData.swift from the TextBlob wheel.

Usage: python3 scripts/make_tagger_data.py textblob-0.20.1-py3-none-any.whl > Sources/AIOSAgents/Analysis/PartOfSpeechData.swift

The wheel is `pip download textblob==0.20.1` (MIT licence). Its English tagger is Brill's
transformation-based tagger: textblob/en/en-lexicon.txt (word TAG, Penn Treebank tags),
en-morphology.txt (lexical rules for unknown words) and en-context.txt (contextual rules), trained
by Brill on the Brown corpus and the Penn Treebank. This script only reads the wheel (a zip); it
does not import TextBlob. It is for regeneration and is not run by CI.

The lexicon is compacted without changing any tag the tagger gives (PartOfSpeech.swift follows
TextBlob's find_tags): an entry is dropped only when the unknown-word path would give the same tag
in every context, and nothing else can notice its absence:
  * its word has no lower-case letter that an upper-case spelling could fall back to: find_tags
    looks a sentence-initial word up as written and then lower-cased, so a lower-case entry
    ("apple") also tags "Apple" at the start of a sentence and is kept; entries kept are all words
    with a lower-case letter; entries considered are those with an upper-case letter (and no
    lower-cased twin in the lexicon) or with no cased letter at all (numbers, symbols);
  * the unknown-word path (title case -> NNP, CD pattern -> CD, else the morphology rules from NN)
    gives the entry's tag whatever the neighbouring words are (the goodleft/goodright rules are
    followed both ways);
  * no morphology rule that asks whether a word is in the lexicon (addsuf, deletesuf) could ask
    about it for an unknown word that reaches those rules. The prefix rules (deletepref "un",
    fdeletepref "a") are the one exception: an unknown token made of such a prefix glued to a
    dropped capitalised name or number ("unAlbert", "a1990") can be tagged differently.
The entries are written one a line, `word` then one character for its tag, sorted by their UTF-8
bytes, so that the tagger finds a word by binary search in the string as compiled, with nothing
to parse first.
"""
import re
import sys
import zipfile

# One character per tag, written after each word: the line `dog%` is the word "dog" with the
# fourth tag of PartOfSpeechData.tags.
# The codes are the printable ASCII characters from "!" on, without '"', "#" and "\\" (which could
# end or escape the raw string literal).
CODES = "".join(chr(c) for c in range(33, 127) if chr(c) not in '"#\\')
CD = re.compile(r"^[0-9\-\,\.\:\/\%\$]+$")
MORPH_CMDS = ("char", "haspref", "hassuf", "addpref", "addsuf", "deletepref", "deletesuf", "goodleft", "goodright")
CMD = set(MORPH_CMDS) | {"f" + c for c in MORPH_CMDS}


def read(z, name):
    out = []
    for i, line in enumerate(z.read(name).decode("utf-8").splitlines()):
        line = line.strip()
        if not line or line.startswith(";;;"):
            continue
        out.append(line)
    return out


def rule_parts(r):
    f = x = pos = cmd = None
    if r[1] in CMD:
        f, x, pos, cmd = False, r[0], r[-2], r[1].lower()
    if r[2] in CMD:
        f, x, pos, cmd = True, r[1], r[-2], r[2].lower().lstrip("f")
    return f, x, pos, cmd


def possible_tags(w, rules, lexicon):
    """The set of tags the morphology rules can give unknown word w from NN, over all contexts."""
    tags = {"NN"}
    for r in rules:
        f, x, pos, cmd = rule_parts(r)
        if cmd in ("goodleft", "goodright"):
            if not f or r[0] in tags:
                tags = tags | {pos}
            continue
        hit = ((cmd == "char" and x in w) or (cmd == "haspref" and w.startswith(x))
               or (cmd == "hassuf" and w.endswith(x)) or (cmd == "addpref" and x + w in lexicon)
               or (cmd == "addsuf" and w + x in lexicon)
               or (cmd == "deletepref" and w.startswith(x) and w[len(x):] in lexicon)
               or (cmd == "deletesuf" and w.endswith(x) and w[:-len(x)] in lexicon))
        if not hit:
            continue
        if f:
            if r[0] in tags:
                tags = (tags - {r[0]}) | {pos}
        else:
            tags = {pos}
    return tags


def main():
    z = zipfile.ZipFile(sys.argv[1])
    lexicon = {}
    for line in read(z, "textblob/en/en-lexicon.txt"):
        w, t = line.split(" ")[:2]
        lexicon[w] = t
    morphology = [l.split() for l in read(z, "textblob/en/en-morphology.txt")]
    context = [l.split() for l in read(z, "textblob/en/en-context.txt")]

    candidates = set()
    for w, t in lexicon.items():
        if w.lower() == w and w.upper() != w:
            continue  # has a lower-case letter: a capitalised first word falls back to it
        if w.lower() != w and w.lower() in lexicon:
            continue  # at the start of a sentence its absence would read the lower-case entry
        if w.istitle():
            same = t == "NNP"
        elif CD.match(w):
            same = t == "CD"
        else:
            same = possible_tags(w, morphology, lexicon) == {t}
        if same:
            candidates.add(w)
    # Membership rules: a word u that is not in the kept lexicon may ask whether d is in it.
    kept = set(lexicon) - candidates
    for r in morphology:
        f, x, pos, cmd = rule_parts(r)
        if cmd not in ("addpref", "addsuf", "deletepref", "deletesuf"):
            continue
        for d in list(candidates):
            if cmd == "addpref" and d.startswith(x):
                u = d[len(x):]
            elif cmd == "addsuf" and d.endswith(x):
                u = d[:-len(x)]
            elif cmd == "deletepref":
                u = x + d
            elif cmd == "deletesuf":
                u = d + x
            else:
                continue
            if cmd in ("addpref", "deletepref") and not u.istitle():
                # u = prefix + d, e.g. "un" + "Albert": a prefix glued to a capitalised name or a
                # number ("unAlbert", "a1990") is the one kind of token whose tag could change.
                continue
            if u.istitle() or CD.match(u):
                continue  # u never reaches the morphology rules
            if u not in kept:
                candidates.discard(d)
                kept.add(d)
    dropped = candidates
    kept_words = sorted((w for w in lexicon if w not in dropped), key=lambda w: w.encode("utf-8"))
    tags = sorted({lexicon[w] for w in kept_words})
    assert len(tags) <= len(CODES)
    code = {t: CODES[i] for i, t in enumerate(tags)}
    body = "\n".join(w + code[lexicon[w]] for w in kept_words)
    for part in ('"""#', "\\#"):
        assert part not in body and part not in "\n".join(" ".join(r) for r in morphology + context)
    by_tag = {t: [w for w in kept_words if lexicon[w] == t] for t in tags}
    kept_entries = sum(len(v) for v in by_tag.values())
    sys.stderr.write(f"lexicon {len(lexicon)} entries, dropped {len(dropped)}, kept {kept_entries}\n")

    out = []
    out.append("// Generated by scripts/make_tagger_data.py from TextBlob 0.20.1 (textblob/en/en-lexicon.txt,")
    out.append("// en-morphology.txt, en-context.txt); do not edit by hand.")
    out.append("//")
    out.append("// TextBlob is Copyright 2013 Steven Loria, MIT licence; its English tagger data come from")
    out.append("// Pattern (Tom De Smedt, CLiPS, BSD licence) and are Eric Brill's transformation-based tagger:")
    out.append("// a lexicon and rules trained on the Brown corpus and the Penn Treebank (Brill 1992, 1994).")
    out.append(f"// Lexicon: {len(lexicon)} entries in the source, {len(dropped)} dropped because the unknown-word")
    out.append("// rules give the same tag in every context (see the script), one a line, sorted by UTF-8 bytes:")
    out.append("// the word, then one character for its tag (the tag at that position in `tags`).")
    out.append("")
    out.append("enum PartOfSpeechData {")
    out.append("    /// The tags, separated by spaces, in the order of their one-character codes: the printable")
    out.append("    /// ASCII characters from `!` on, without `\"`, `#` and `\\`.")
    assert '"#' not in " ".join(tags)
    out.append('    static let tags = #"' + " ".join(tags) + '"#')
    out.append("")
    out.append("    /// `word` + tag code, one a line, sorted by UTF-8 bytes.")
    out.append('    static let lexicon = #"""')
    out.append(body)
    out.append('"""#')
    out.append("")
    out.append("    /// Lexical rules for unknown words, in order (`NN s fhassuf 1 NNS x`: an unknown word tagged")
    out.append("    /// NN that ends in -s becomes NNS).")
    out.append('    static let morphology = #"""')
    out.append("\n".join(" ".join(r) for r in morphology))
    out.append('"""#')
    out.append("")
    out.append("    /// Contextual rules, in order (`VBD VB PREVTAG TO`: VBD becomes VB after a word tagged TO).")
    out.append('    static let context = #"""')
    out.append("\n".join(" ".join(r) for r in context))
    out.append('"""#')
    out.append("}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
