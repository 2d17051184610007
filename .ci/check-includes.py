#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Holds the source tree to its layers (run by CTest as include_layers).

Every project include names its file from the top of the tree
("core/model/model_parameters.h"). The folders form layers, lowest first: a
file may include files of its own folder and of the layers below it, never
of a layer above it or of a sibling on the same layer. core/ never includes
Qt. And no unit (a header with its .cpp) reaches itself again through the
units it includes (a cycle).
tests/, fuzz/ and packaging/ stand outside the layers: they may include any
layer, but no cycle.

Exits 1 and lists every violation; prints the layers with --list.
"""
import re
import sys
from pathlib import Path

# Lowest first. A set is one layer of siblings that must not include each other.
LAYERS = [
    {"core/base"},
    {"core/model"},
    {"core/presets"},
    {"core/integrate"},
    {"core/analysis"},
    {"core/batch"},
    {"core/io"},
    {"core/export"},
    {"ui/files"},
    {"ui/controller"},
    {"ui/plots"},
    {"ui/analysis", "ui/sweep", "ui/gallery"},
    {"ui/window"},
    {"cli"},
    {"app"},
]
OUTSIDE = ("tests/", "fuzz/", "packaging/")
INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]', re.MULTILINE)


def layer_of(path):
    folder = str(path.parent)
    for rank, layer in enumerate(LAYERS):
        if folder in layer:
            return rank, folder
    return None, folder


def main(top):
    sources = sorted(p.relative_to(top) for p in top.rglob("*")
                     if p.suffix in (".h", ".cpp") and not p.relative_to(top).parts[0].startswith(("build", "."))
                     and p.is_file())
    problems = []
    edges = {}
    for source in sources:
        text = (top / source).read_text(encoding="utf-8")
        rank, folder = layer_of(source)
        inside = not str(source).startswith(OUTSIDE)
        if inside and rank is None:
            problems.append(f"{source}: its folder {folder}/ is in no layer (.ci/check-includes.py)")
        for kind, name in INCLUDE.findall(text):
            if kind == "<":
                if str(source).startswith("core/") and re.match(r"Q[A-Za-z]|Qt", name):
                    problems.append(f"{source}: includes <{name}>; core/ stays free of Qt")
                continue
            if name.endswith(".moc"):
                continue  # written by Qt's moc into the build tree
            target = Path(name)
            if not (top / target).is_file():
                problems.append(f'{source}: includes "{name}", which is not a file from the top of the tree')
                continue
            if target.suffix != ".h":
                problems.append(f'{source}: includes "{name}", which is not a header')
            if target.with_suffix("") != source.with_suffix(""):
                edges.setdefault(source.with_suffix(""), []).append(target.with_suffix(""))
            if not inside:
                continue
            target_rank, target_folder = layer_of(target)
            if target_rank is None:
                problems.append(f'{source}: includes "{name}" from outside the layers')
            elif target_folder != folder and target_rank >= rank:
                relation = "a sibling layer" if target_rank == rank else "a layer above it"
                problems.append(f'{source}: includes "{name}" from {relation} ({target_folder}/ is not below {folder}/)')

    # Cycles among units: a depth-first search that reports each back edge.
    state = {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for target in edges.get(node, []):
            if state.get(target) == "open":
                cycle = stack[stack.index(target):] + [target]
                problems.append("include cycle: " + " -> ".join(map(str, cycle)))
            elif target not in state:
                visit(target, stack)
        stack.pop()
        state[node] = "done"

    for unit in sorted({source.with_suffix("") for source in sources}):
        if unit not in state:
            visit(unit, [])

    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} include problem(s)", file=sys.stderr)
        return 1
    print(f"includes: {len(sources)} files, {sum(map(len, edges.values()))} project includes, "
          f"{len(LAYERS)} layers, no cycle, none against the layers")
    return 0


if __name__ == "__main__":
    if "--list" in sys.argv:
        for rank, layer in enumerate(LAYERS):
            print(rank, " ".join(sorted(layer)))
        sys.exit(0)
    top = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    sys.exit(main(top))
