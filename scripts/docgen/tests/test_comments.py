"""Unit tests of the doc-comment check's reading of symbol graphs (scripts/docgen/comments.py)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from docgen import comments  # noqa: E402

ROOT = "/repo"


def symbol(name, line, doc=None, doc_module=None, precise=None, path="Sources/Kumo/A.swift", **extra):
    entry = {
        "identifier": {"precise": precise or f"s:4Kumo{name}"},
        "kind": {"displayName": "Instance Property"},
        "pathComponents": ["Thing", name],
        "location": {"uri": f"file://{ROOT}/{path}", "position": {"line": line - 1}},
    }
    if doc is not None:
        entry["docComment"] = {"lines": [{"text": doc}]}
        if doc_module:
            entry["docComment"]["module"] = doc_module
    entry.update(extra)
    return entry


def write_graph(tmp_path, name, symbols):
    with open(tmp_path / name, "w") as f:
        json.dump({"symbols": symbols}, f)


def test_a_declaration_without_a_comment_is_reported(tmp_path):
    write_graph(tmp_path, "Kumo.symbols.json", [symbol("documented", 3, "What it is."), symbol("bare", 5)])
    rows = comments.declarations("Kumo", str(tmp_path), ROOT)
    assert [(loc, title, ok) for loc, _, title, ok in rows] == [
        ("Sources/Kumo/A.swift:3", "Thing.documented", True),
        ("Sources/Kumo/A.swift:5", "Thing.bare", False),
    ]


def test_a_blank_comment_does_not_count(tmp_path):
    write_graph(tmp_path, "Kumo.symbols.json", [symbol("blank", 2, "   ")])
    assert not comments.declarations("Kumo", str(tmp_path), ROOT)[0][3]


def test_an_inherited_comment_counts_only_for_a_protocol_requirement(tmp_path):
    write_graph(tmp_path, "Kumo.symbols.json", [
        symbol("description", 2, "A textual representation.", doc_module="Swift", sourceOrigin={"identifier": "s:s23CustomStringConvertibleP11descriptionSSvp"}),
        symbol("stray", 4, "Someone else's words.", doc_module="Swift"),
    ])
    rows = {title: ok for _, _, title, ok in comments.declarations("Kumo", str(tmp_path), ROOT)}
    assert rows == {"Thing.description": True, "Thing.stray": False}


def test_synthesized_and_foreign_symbols_are_not_the_packages_declarations(tmp_path):
    write_graph(tmp_path, "Kumo.symbols.json", [
        symbol("synthesized", 2, precise="s:4Kumo1AV::SYNTHESIZED::s:SQsE2neoiySbx_xtFZ"),
        symbol("elsewhere", 3, path="../outside/B.swift"),
    ])
    assert comments.declarations("Kumo", str(tmp_path), ROOT) == []


def test_extensions_of_other_modules_types_are_checked(tmp_path):
    write_graph(tmp_path, "Kumo.symbols.json", [])
    write_graph(tmp_path, "Kumo@KumoCore.symbols.json", [symbol("extended", 7)])
    write_graph(tmp_path, "KumoTesting.symbols.json", [symbol("other", 9)])
    rows = comments.declarations("Kumo", str(tmp_path), ROOT)
    assert [(title, ok) for _, _, title, ok in rows] == [("Thing.extended", False)]
