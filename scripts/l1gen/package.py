"""The generated service list in Package.swift, between `// BEGIN generated services` and `// END generated services`."""
import re

BEGIN = "// BEGIN generated services (scripts/generate-l1"
END = "// END generated services"


def update(path, services, version):
    text = path.read_text()
    names = "\n".join(f'    "{s}",' for s in services)
    block = (f"{BEGIN}, cfn-lint {version}; do not edit)\n"
             f"let l1Services: [String] = [\n{names}\n]\n{END}")
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{path}: no generated-services markers")
    path.write_text(pattern.sub(lambda _: block, text))
