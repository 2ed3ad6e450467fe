#!/usr/bin/env python3
"""How much of the lexicon (plan-de-classement/lexicon.toml) appears word for word in each template set of
the corpus generator: the share of its phrases found, normalised, in the string literals of the set.

Usage: scripts/lexicon_overlap.py (from the repository root)."""
import re,sys,unicodedata,glob,tomllib
def norm(s):
    s=unicodedata.normalize('NFD',s.lower())
    s=''.join(c for c in s if unicodedata.category(c)!='Mn')
    s=s.replace('œ','oe').replace('æ','ae')
    s=re.sub(r"[^a-z0-9]+"," ",s)
    return ' '+' '.join(s.split())+' '
lex=tomllib.load(open('plan-de-classement/lexicon.toml','rb'))
phrases=set()
for t in lex['types']:
    for k in ('titles','strong','weak'):
        for p in t.get(k,[]): phrases.add(' '+' '.join(norm(p).split())+' ')
for name,pat in [('tuning',['tests/corpus/src/pieces/*.rs','tests/corpus/src/cover.rs','tests/corpus/src/traps/*.rs','tests/corpus/src/data.rs','tests/corpus/src/doc.rs']),('heldout',['tests/corpus/src/heldout/*.rs']),('exam',['tests/corpus/src/exam/*.rs'])]:
    text=''
    for g in pat:
        for f in glob.glob(g):
            src=open(f).read()
            text+=' '.join(re.findall(r'"((?:[^"\\]|\\.)*)"',src))+' '
    t=norm(text)
    n=sum(1 for p in phrases if p in t)
    print(name, n, len(phrases), f"{100*n/len(phrases):.1f}%")
