#!/usr/bin/env python3
"""Where the bytes of a wasm file go: code size per crate (and the largest functions), read from
the function bodies and the `name` section. Run it on the wasm rustc produced (before wasm-opt
strips the names), e.g.

    scripts/wasm-profile.py target/front/wasm32-unknown-unknown/wasm-release/frontend.wasm
"""

import collections
import re
import sys


def leb(data, pos):
    result = shift = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def name(data, pos):
    n, pos = leb(data, pos)
    return data[pos:pos + n].decode("utf-8", "replace"), pos + n


def sections(data):
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, body = leb(data, pos + 1)
        yield sid, data[body:body + size]
        pos = body + size


def imported_functions(body):
    count, pos = leb(body, 0)
    funcs = 0
    for _ in range(count):
        _, pos = name(body, pos)
        _, pos = name(body, pos)
        kind = body[pos]
        pos += 1
        if kind == 0:
            _, pos = leb(body, pos)
            funcs += 1
        elif kind == 1:
            pos += 1
            flags, pos = leb(body, pos)
            _, pos = leb(body, pos)
            if flags & 1:
                _, pos = leb(body, pos)
        elif kind == 2:
            flags, pos = leb(body, pos)
            _, pos = leb(body, pos)
            if flags & 1:
                _, pos = leb(body, pos)
        elif kind == 3:
            pos += 2
        else:
            _, pos = leb(body, pos)
    return funcs


def crate_of(symbol):
    """The crate a (legacy-mangled or demangled) Rust symbol belongs to, roughly."""
    m = re.match(r"_ZN(\d+)(.*)", symbol)
    if m:
        n = int(m.group(1))
        first = m.group(2)[:n]
        inner = re.match(r"_\$LT\$(.*)", first)
        if inner:  # <T as Trait>::f: the crate of T
            return re.split(r"\.\.|\$", inner.group(1))[0] or "impl"
        return first
    return symbol.split("::")[0].lstrip("<") or "?"


def main(path):
    data = open(path, "rb").read()
    imports = 0
    sizes, names, data_bytes = [], {}, 0
    total = len(data)
    for sid, body in sections(data):
        if sid == 2:
            imports = imported_functions(body)
        elif sid == 10:
            count, pos = leb(body, 0)
            for _ in range(count):
                size, start = leb(body, pos)
                sizes.append(size)
                pos = start + size
        elif sid == 11:
            data_bytes = len(body)
        elif sid == 0:
            cname, pos = name(body, 0)
            if cname != "name":
                continue
            while pos < len(body):
                sub = body[pos]
                size, start = leb(body, pos + 1)
                if sub == 1:
                    count, p = leb(body, start)
                    for _ in range(count):
                        idx, p = leb(body, p)
                        n, p = name(body, p)
                        names[idx] = n
                pos = start + size
    by_crate = collections.Counter()
    functions = []
    for i, size in enumerate(sizes):
        symbol = names.get(imports + i, f"func{imports + i}")
        by_crate[crate_of(symbol)] += size
        functions.append((size, symbol))
    code = sum(sizes)
    print(f"{path}: {total:,} bytes; code {code:,} in {len(sizes):,} functions; data {data_bytes:,}")
    print("\ncode by crate:")
    for crate, size in by_crate.most_common(25):
        print(f"  {size:>10,}  {size / code * 100:5.1f} %  {crate}")
    print("\nlargest functions:")
    for size, symbol in sorted(functions, reverse=True)[:25]:
        print(f"  {size:>10,}  {symbol[:140]}")


if __name__ == "__main__":
    main(sys.argv[1])
