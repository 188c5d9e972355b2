#!/usr/bin/env python3
"""Write Tests/Quality/pos-golden.txt: TextBlob's own tags and chunks for the sentences in
Tests/Quality/pos-sentences.txt, the reference PartOfSpeechTests compares the Swift port with.

Run once, in a scratch virtual environment outside the repository:
    python3 -m venv /tmp/tbvenv && /tmp/tbvenv/bin/pip install textblob==0.20.1
    /tmp/tbvenv/bin/python scripts/make_pos_golden.py > Tests/Quality/pos-golden.txt

For each sentence: `# sentence`, then one line per token (TextBlob's tokenizer):
    word  tag chunk pnp  tag chunk pnp
The first three columns are TextBlob's code as it is: `find_tags` with the lexicon, the
morphology rules and the contextual rules (TextBlob's own `parse()` passes only the lexicon; the
rules are its data and its code, see PartOfSpeech.swift), then `find_chunks` and
`find_prepositions`. The last three apply the contextual rules rule by rule over the sentence, as
Brill's tagger does (`rule_by_rule` below, TextBlob's data), then the same chunker.
"""
import os
import sys

from textblob._text import find_chunks, find_prepositions, find_tags
from textblob.en import lexicon, parser

HERE = os.path.dirname(os.path.abspath(__file__))


def rule_by_rule(words, tags):
    pad = [["STAART", "STAART"]] * 3
    t = [list(x) for x in pad] + [[w, g] for w, g in zip(words, tags)] + [list(x) for x in pad]
    for r in lexicon.context:
        cmd, x, y = r[2].lower(), r[3], (r[4] if len(r) > 4 else "")
        for i in range(3, len(t) - 3):
            if t[i][1] != r[0] and r[0] != "*":
                continue
            w = lambda k: t[i + k][0]
            g = lambda k: t[i + k][1]
            hit = {
                "prevtag": x == g(-1), "nexttag": x == g(1), "prev2tag": x == g(-2), "next2tag": x == g(2),
                "prev1or2tag": x in (g(-1), g(-2)), "next1or2tag": x in (g(1), g(2)),
                "prev1or2or3tag": x in (g(-1), g(-2), g(-3)), "next1or2or3tag": x in (g(1), g(2), g(3)),
                "surroundtag": x == g(-1) and y == g(1), "curwd": x == w(0), "prevwd": x == w(-1),
                "nextwd": x == w(1), "prev1or2wd": x in (w(-1), w(-2)), "next1or2wd": x in (w(1), w(2)),
                "prevwdtag": x == w(-1) and y == g(-1), "nextwdtag": x == w(1) and y == g(1),
                "wdprevtag": x == g(-1) and y == w(0), "wdnexttag": x == w(0) and y == g(1),
                "wdand2aft": x == w(0) and y == w(2), "wdand2tagbfr": x == g(-2) and y == w(0),
                "wdand2tagaft": x == w(0) and y == g(2), "lbigram": x == w(-1) and y == w(0),
                "rbigram": x == w(0) and y == w(1), "prevbigram": x == g(-2) and y == g(-1),
                "nextbigram": x == g(1) and y == g(2),
            }.get(cmd, False)
            if hit:
                t[i] = [t[i][0], r[1]]
    return [g for _, g in t[3:-3]]


def main():
    path = os.path.join(HERE, "..", "Tests", "Quality", "pos-sentences.txt")
    out = []
    for line in open(path, encoding="utf-8"):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        for sentence in parser.find_tokens(s):
            words = sentence.split(" ")
            textblob = find_tags(words, lexicon=lexicon, morphology=lexicon.morphology, context=lexicon.context)
            a = find_prepositions(find_chunks([list(x) for x in textblob]))
            unknown = find_tags(words, lexicon=lexicon, morphology=lexicon.morphology)
            b = find_prepositions(find_chunks([[w, g] for w, g in zip(words, rule_by_rule(words, [g for _, g in unknown]))]))
            out.append("# " + sentence)
            for x, y in zip(a, b):
                out.append("\t".join([x[0], x[1], x[2], x[3], y[1], y[2], y[3]]))
            out.append("")
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
