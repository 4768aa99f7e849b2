"""Loading the provider schemas of the installed cfn-lint (us-east-1), in either layout cfn-lint has used."""
import importlib
import json
import pathlib

import cfnlint


def cfn_lint_version():
    version = getattr(cfnlint, "__version__", None)
    if version is None:
        from cfnlint.version import __version__ as version
    return version


def load():
    """{type name: schema} for every `AWS::` resource type of us-east-1, sorted by type name."""
    base = pathlib.Path(cfnlint.__file__).parent / "data" / "schemas"
    directory = base / "providers" / "us_east_1"
    found = {}
    if directory.is_dir():  # cfn-lint 1.0 - 1.2x: one JSON file per type
        for path in sorted(directory.glob("*.json")):
            schema = json.loads(path.read_text())
            found[schema["typeName"]] = schema
    else:  # later cfn-lint: providers/us_east_1.py maps type -> content hash of resources/<hash>.json
        module = importlib.import_module("cfnlint.data.schemas.providers.us_east_1")
        for type_name, digest in module.types.items():
            found[type_name] = json.loads((base / "resources" / f"{digest}.json").read_text())
    return {name: found[name] for name in sorted(found) if name.startswith("AWS::")}


def by_service(schemas):
    """{service: {resource name: (type name, schema)}} in sorted order."""
    services = {}
    for type_name, schema in schemas.items():
        _, service, resource = type_name.split("::")
        services.setdefault(service, {})[resource] = (type_name, schema)
    return dict(sorted(services.items()))
