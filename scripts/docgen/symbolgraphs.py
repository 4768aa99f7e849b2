"""Symbol graphs of modules the last `swift build` compiled, extracted from their .swiftmodule files with
swift-symbolgraph-extract: nothing is rebuilt, and it takes about a second per module."""
import json
import os
import subprocess
import sys


class ToolError(Exception):
    """A tool could not run (missing build, failed extraction): exit 2 with the message."""


def package_root():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def target_triple():
    info = subprocess.run(["swiftc", "-print-target-info"], capture_output=True, text=True)
    if info.returncode != 0:
        raise ToolError(f"swiftc -print-target-info failed: {info.stderr.strip()}")
    return json.loads(info.stdout)["target"]["triple"]


def bin_path(root):
    """The build's binary directory (`swift build --show-bin-path`: KUMO_L1_SERVICES is honoured)."""
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=root, capture_output=True, text=True)
    if out.returncode != 0:
        raise ToolError(f"swift build --show-bin-path failed: {out.stderr.strip()}")
    return out.stdout.strip().splitlines()[-1]


def c_module_maps(root):
    """The module maps of the C targets of the package and its checked-out dependencies (Yams's CYaml,
    swift-crypto's BoringSSL), which the compiler needs to load modules that import them."""
    bases = [os.path.join(root, "Sources")]
    checkouts = os.path.join(root, ".build", "checkouts")
    if os.path.isdir(checkouts):
        bases += [os.path.join(checkouts, name, "Sources") for name in sorted(os.listdir(checkouts))]
    maps = []
    for base in bases:
        for directory, subdirectories, files in os.walk(base):
            subdirectories.sort()
            if "module.modulemap" in files and os.path.basename(directory) == "include":
                maps.append(os.path.join(directory, "module.modulemap"))
    return maps


def extract(module, output_dir, root, binary_dir, triple, reexported=()):
    """Writes `module`'s symbol graphs (public and open symbols, without members inherited from protocol
    extensions or superclasses) into `output_dir`. `reexported` names modules whose `@_exported` symbols are
    documented as the module's own (Kumo re-exports KumoCore)."""
    modules_dir = os.path.join(binary_dir, "Modules")
    if not os.path.exists(os.path.join(modules_dir, f"{module}.swiftmodule")):
        raise ToolError(f"{modules_dir}/{module}.swiftmodule is missing: run `swift build` first")
    os.makedirs(output_dir, exist_ok=True)
    command = ["swift-symbolgraph-extract", "-module-name", module, "-target", triple, "-I", modules_dir,
               "-output-dir", output_dir, "-minimum-access-level", "public", "-skip-synthesized-members"]
    if reexported:
        command.append("-experimental-allowed-reexported-modules=" + ",".join(reexported))
    for map_file in c_module_maps(root):
        command += ["-Xcc", f"-fmodule-map-file={map_file}", "-Xcc", f"-I{os.path.dirname(map_file)}"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise ToolError(f"swift-symbolgraph-extract failed for {module}:\n{result.stderr.strip()}")


def run(main):
    """Runs `main`, turning a ToolError into a message and exit code 2."""
    try:
        sys.exit(main())
    except ToolError as error:
        print(f"{os.path.basename(sys.argv[0])}: {error}", file=sys.stderr)
        sys.exit(2)
