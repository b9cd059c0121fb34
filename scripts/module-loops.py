#!/usr/bin/env python3
"""Import loops between the modules of a crate (issue #20): which module uses which, and every
group of modules that use each other in a circle.

A module is a file (`crate::account::store` is account/store.rs, `crate::site` site/mod.rs); a
path is a use of the deepest module it names, reached by `crate::…`, `super::…`, `self::…` or
the crate's own name. A parent's `mod` lines are not uses, nor are a file's tests. Exits 1 when a
loop is found.

    scripts/module-loops.py server/src [server]
    scripts/module-loops.py policy/src policy
"""

import re
import sys
from pathlib import Path

USE = re.compile(r"\b(crate|super|self)((?:::\w+)+)")


def module_of(path: Path, root: Path) -> list[str]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return parts


def node(parts: list[str], known: set[str]) -> str:
    """The deepest module file `parts` reaches."""
    for n in range(len(parts), 0, -1):
        name = "::".join(parts[:n])
        if name in known:
            return name
    return "crate"


def strip_comments(text: str) -> str:
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def edges(root: Path, crate_name: str | None):
    graph: dict[str, set[str]] = {}
    files = sorted(root.rglob("*.rs"))
    known = {"::".join(module_of(f, root)) for f in files} - {""}
    for f in files:
        here = module_of(f, root)
        is_mod_file = f.stem in ("mod", "lib", "main")
        text = strip_comments(f.read_text(encoding="utf-8"))
        # `#[cfg(test)] mod tests { … }` at the end of a file: a test's uses are not the module's.
        text = text.split("#[cfg(test)]")[0]
        src = "::".join(here) or "crate"
        graph.setdefault(src, set())
        found = [(m.group(1), m.group(2)) for m in USE.finditer(text)]
        if crate_name:
            found += [("crate", m.group(1)) for m in re.finditer(rf"\b{crate_name}((?:::\w+)+)", text)]
        for anchor, rest in found:
            segs = [s for s in rest.split("::") if s]
            if anchor == "crate":
                target = segs
            else:
                base = here if (anchor == "self" or is_mod_file) else here[:-1]
                if anchor == "super":
                    # `super::` climbs once per segment: `super::super::x`.
                    climbs = 1
                    while segs and segs[0] == "super":
                        climbs += 1
                        segs = segs[1:]
                    base = base[: len(base) - climbs] if climbs <= len(base) else []
                target = base + segs
            dst = node(target, known)
            if dst != src and dst != "crate":
                graph[src].add(dst)
    return graph


def loops(graph):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "server/src")
    crate_name = sys.argv[2] if len(sys.argv) > 2 else None
    graph = edges(root, crate_name)
    found = loops(graph)
    for group in found:
        print("loop: " + " <-> ".join(group))
        for a in group:
            back = sorted(b for b in graph[a] if b in group)
            print(f"  {a} uses {', '.join(back)}")
    print(f"{len(graph)} modules, {sum(len(v) for v in graph.values())} uses, {len(found)} loops")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
