"""Which public declarations of a module have no doc comment, from its symbol graphs."""
import json
import os


def documented(symbol, module):
    """A symbol has a doc comment when its declaration carries one, or when it implements a protocol
    requirement and inherits the requirement's comment (DocC shows that one)."""
    comment = symbol.get("docComment")
    if not comment or not any(line.get("text", "").strip() for line in comment.get("lines", [])):
        return False
    return comment.get("module", module) == module or "sourceOrigin" in symbol


def location(symbol, root):
    loc = symbol.get("location")
    if not loc:
        return None
    path = loc["uri"].removeprefix("file://")
    return f"{os.path.relpath(path, root)}:{loc['position']['line'] + 1}"


def declarations(module, graphs_dir, root):
    """(location, kind, title, documented) of every public symbol declared in this package's source of
    `module`: its own graph and the `Module@Other` graphs of its extensions of other modules' types."""
    rows = set()
    for name in sorted(os.listdir(graphs_dir)):
        if not (name == f"{module}.symbols.json" or (name.startswith(f"{module}@") and name.endswith(".symbols.json"))):
            continue
        with open(os.path.join(graphs_dir, name)) as f:
            graph = json.load(f)
        for symbol in graph["symbols"]:
            if "::SYNTHESIZED::" in symbol["identifier"]["precise"]:
                continue
            loc = location(symbol, root)
            if loc is None or loc.startswith(".."):
                continue  # declared outside this package (a re-exported or inherited symbol)
            title = ".".join(symbol["pathComponents"])
            rows.add((loc, symbol["kind"]["displayName"].lower(), title, documented(symbol, module)))
    return sorted(rows, key=lambda row: (row[0].rsplit(":", 1)[0], int(row[0].rsplit(":", 1)[1]), row[2]))
