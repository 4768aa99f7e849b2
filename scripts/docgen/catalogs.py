"""The DocC build of the documentation catalogs: symbol graphs, then `docc convert` per catalog."""
import os
import shutil
import subprocess
import time

from . import symbolgraphs

# Each documented module: its catalog, and the modules whose re-exported symbols its pages include.
CATALOGS = [
    ("Kumo", "Sources/Kumo/Kumo.docc", ("KumoCore",)),
    ("KumoTesting", "Sources/KumoTesting/KumoTesting.docc", ()),
]


def build(output_dir, static_hosting=False, hosting_base_path=None):
    """Builds every catalog into `output_dir/<Module>.doccarchive`; returns (module, seconds, warnings) per catalog.
    Warnings (a broken symbol link, an undocumented parameter of a documented function) fail the build."""
    root = symbolgraphs.package_root()
    binary_dir, triple = symbolgraphs.bin_path(root), symbolgraphs.target_triple()
    graphs = os.path.join(output_dir, "symbol-graphs")
    shutil.rmtree(graphs, ignore_errors=True)
    results = []
    for module, catalog, reexported in CATALOGS:
        start = time.monotonic()
        module_graphs = os.path.join(graphs, module)
        symbolgraphs.extract(module, module_graphs, root, binary_dir, triple, reexported)
        archive = os.path.join(output_dir, f"{module}.doccarchive")
        shutil.rmtree(archive, ignore_errors=True)
        command = ["docc", "convert", os.path.join(root, catalog), "--additional-symbol-graph-dir", module_graphs,
                   "--fallback-display-name", module, "--fallback-bundle-identifier", f"kumo.{module}",
                   "--output-path", archive, "--warnings-as-errors"]
        if static_hosting:
            command.append("--transform-for-static-hosting")
            if hosting_base_path:
                command += ["--hosting-base-path", hosting_base_path]
        result = subprocess.run(command, capture_output=True, text=True)
        output = (result.stdout + result.stderr).strip()
        if result.returncode != 0:
            raise symbolgraphs.ToolError(f"docc convert {catalog} failed:\n{output}")
        results.append((module, time.monotonic() - start, output.count("warning:")))
    return results
