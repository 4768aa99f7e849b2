"""The typed model of one resource type: which Swift type each property and definition becomes.

Mapping (KumoCore's value types):
  string -> CfnString, or a generated enum struct when the schema enumerates the values
  integer -> CfnInteger, number -> CfnNumber, boolean -> CfnBool
  array -> CfnList<Element>; object with properties -> a generated struct; object with only a value schema
  (patternProperties / additionalProperties) -> CfnMap<Element>; any other object, JSON-typed or mixed types
  (`["object", "string"]`) -> CfnJSON (which also takes Kumo's typed policy documents)
  the usual Key/Value tag definition -> CfnTag
Every one of these also takes a whole `Value` (an intrinsic function), through `init(_ value: Value)`.
"""
import re

from .facts import resolve as resolve_ref
from .naming import KEYWORDS, UNESCAPABLE, enum_case, lower_camel, upper_camel

# Names generated code uses unqualified inside a resource class: a nested type of that name would shadow them.
RESERVED_TYPE_NAMES = {
    "Value", "Construct", "CfnString", "CfnInteger", "CfnNumber", "CfnBool", "CfnJSON", "CfnList", "CfnMap",
    "CfnTag", "CfnResource", "CfnBox", "CfnEnumValue", "CfnValueConvertible", "OrderedDictionary", "Property",
    "String", "Int", "Double", "Bool", "Optional", "Array", "Dictionary", "Self", "Type", "Protocol", "Any",
    "Sendable", "Hashable", "Error", "KumoCore",
}
# Members of CfnResource and its superclasses (and of the generated code): a property of that name gets `cfn`.
RESERVED_MEMBERS = {
    "type", "properties", "requiredProperties", "removalPolicy", "condition", "metadata", "creationPolicy",
    "updatePolicy", "tagFormat", "lintSuppressions", "ref", "getAtt", "dependencies", "node", "stack",
    "logicalID", "description", "cfnTypeName", "cfnProperties", "prepare", "validate", "renderFragments",
    "renderProperties", "effectiveTags", "overrideLogicalID", "addDependency", "addOverride",
    "addPropertyOverride", "addDeletionOverride", "addPropertyDeletionOverride", "suppressLintChecks",
    "hash", "hashValue", "schemaFacts", "overrides", "cfnValue",
}
# Members of the generated nested structs.
RESERVED_STRUCT_MEMBERS = {"cfnValue", "raw"}


class Field:
    """One property of a resource or a nested struct."""

    def __init__(self, cfn_name, swift_type, required, node, member, label, recursive=False):
        self.cfn_name = cfn_name
        self.swift_type = swift_type
        self.required = required
        self.node = node
        self.member = member  # stored property name (escaped when a keyword)
        self.label = label  # initializer label
        self.recursive = recursive  # stored through CfnBox (the struct contains itself)
        self.struct = None  # the Struct when swift_type is a generated struct


class Struct:
    def __init__(self, name, cfn_name, node):
        self.name = name
        self.cfn_name = cfn_name
        self.node = node
        self.fields = []


class Enum:
    def __init__(self, name, values):
        self.name = name
        self.values = values
        self.cases = []
        used = set()
        for value in values:
            case = enum_case(value)
            if case in UNESCAPABLE or case in {"cfnValue"}:
                case += "_"
            base, n = case, 2
            while case in used:
                case = f"{base}{n}"
                n += 1
            used.add(case)
            self.cases.append((f"`{case}`" if case in KEYWORDS else case, value))


class ResourceModel:
    def __init__(self, type_name, schema):
        self.type_name = type_name
        self.schema = schema
        _, self.service, self.resource = type_name.split("::")
        self.class_name = "Cfn" + upper_camel(self.resource)
        self.definitions = schema.get("definitions", {})
        self.types = {}  # name -> Struct | Enum, in creation order
        self.definition_types = {}  # definition name -> swift type string
        self.taken = set(RESERVED_TYPE_NAMES) | {self.class_name}
        required = set(self.all_required(schema))
        read_only = {p for p in self.pointer_names("readOnlyProperties") if "/" not in p}
        # read-only properties are attributes (`attrArn`), not inputs: CloudFormation rejects them (cfn-lint E3040)
        settable = {name: node for name, node in schema.get("properties", {}).items()
                    if name not in read_only or name in required}
        self.fields = self.make_fields(settable, required, RESERVED_MEMBERS, owner="")
        self.mark_recursion()

    # Names -----------------------------------------------------------------------------------------------------

    def new_type_name(self, wanted, owner=None):
        name = upper_camel(wanted)
        if name in self.taken and owner:  # `Status` of VersioningConfiguration -> VersioningConfigurationStatus
            name = upper_camel(owner) + name
        if name in self.taken:
            name += "Property"
        base, n = name, 2
        while name in self.taken:
            name = f"{base}{n}"
            n += 1
        self.taken.add(name)
        return name

    def make_fields(self, properties, required, reserved, owner):
        fields = []
        used = set()
        for cfn_name in sorted(properties, key=lambda n: (n.lower(), n)):
            node = properties[cfn_name]
            label = lower_camel(cfn_name)
            if label in UNESCAPABLE:
                label += "_"
            member = label
            if member in reserved:
                member = "cfn" + member[0].upper() + member[1:]
                if member in reserved:  # `Properties` -> cfnProperties is the method itself
                    member = label + "Property"
            base, n = member, 2
            while member in used:
                member = f"{base}{n}"
                n += 1
            used.add(member)
            if label != member and label in used:
                label = member
            swift_type, struct = self.swift_type(node, hint=cfn_name, owner=owner)
            field = Field(cfn_name, swift_type, cfn_name in required, node,
                          f"`{member}`" if member in KEYWORDS else member,
                          f"`{label}`" if label in KEYWORDS else label)
            field.struct = struct
            fields.append(field)
        return fields

    # Types ----------------------------------------------------------------------------------------------------

    def resolve(self, node):
        """`node` with `$ref`s to `#/definitions/…` followed; `{}` for anything else."""
        node = resolve_ref(self.schema, node)
        return node if isinstance(node, dict) else {}

    def all_required(self, node):
        """The required properties of a node, including those an `allOf` branch requires (always required)."""
        names = list(node.get("required", [])) if isinstance(node, dict) else []
        for branch in (node.get("allOf") or []) if isinstance(node, dict) else []:
            names += [n for n in self.all_required(self.resolve(branch)) if n not in names]
        return names

    def merged_union(self, node):
        """A node whose `oneOf`/`anyOf` branches are each an object with properties (`{"Public": …}` or
        `{"Vpc": …}`), as one object with every branch's properties (the branches are kept, for the example and
        the check); `None` for any other node."""
        if not isinstance(node, dict) or node.get("properties"):
            return None
        branches = node.get("oneOf") or node.get("anyOf")
        if not branches or node.get("type", "object") not in ("object", ["object"]):
            return None
        properties = {}
        for branch in branches:
            branch = self.resolve(branch)
            if not branch.get("properties") or branch.get("type", "object") not in ("object", ["object"]):
                return None
            for name, child in branch["properties"].items():
                properties.setdefault(name, child)
        merged = dict(node)
        merged["type"] = "object"
        merged["properties"] = properties
        return merged

    def swift_type(self, node, hint, owner):
        """(Swift type, Struct or None) for a property schema."""
        if not isinstance(node, dict):
            return "CfnJSON", None
        node = self.merged_union(node) or node
        if "$ref" in node:
            ref = node["$ref"]
            if ref.startswith("#/definitions/"):
                return self.definition_type(ref[len("#/definitions/"):])
            return "CfnJSON", None
        kind = node.get("type")
        if isinstance(kind, list):
            kinds = set(kind)
            if len(kinds) == 1:
                kind = kind[0]
            elif kinds <= {"integer", "number"}:
                kind = "number"
            else:
                return "CfnJSON", None
        if kind is None:
            if node.get("properties"):
                kind = "object"
            elif "enum" in node and all(isinstance(v, str) for v in node["enum"]):
                kind = "string"
            elif "items" in node:
                kind = "array"
            else:
                branches = node.get("oneOf") or node.get("anyOf")
                if branches and all(isinstance(b, dict) and b.get("type") == "string" for b in branches):
                    return "CfnString", None
                return "CfnJSON", None
        if kind == "string":
            values = node.get("enum") or node.get("enumCaseInsensitive")
            if values and all(isinstance(v, str) for v in values):
                return self.enum_type(hint, values, owner), None
            return "CfnString", None
        if kind == "integer":
            return "CfnInteger", None
        if kind == "number":
            return "CfnNumber", None
        if kind == "boolean":
            return "CfnBool", None
        if kind == "array":
            items = node.get("items")
            if isinstance(items, dict) and items:
                element, _ = self.swift_type(items, hint=hint, owner=owner)
                return f"CfnList<{element}>", None
            return "CfnList<CfnJSON>", None
        if kind == "object":
            if node.get("properties"):
                if self.is_tag(node):
                    return "CfnTag", None
                struct = self.struct_type(hint, hint, node, owner=owner)
                return struct.name, struct
            values = node.get("additionalProperties")
            if isinstance(values, dict) and values:
                element, _ = self.swift_type(values, hint=hint + "Value", owner=owner)
                return f"CfnMap<{element}>", None
            patterns = node.get("patternProperties")
            if isinstance(patterns, dict) and len(patterns) == 1:
                element, _ = self.swift_type(next(iter(patterns.values())), hint=hint + "Value", owner=owner)
                return f"CfnMap<{element}>", None
            return "CfnJSON", None
        return "CfnJSON", None

    def is_tag(self, node):
        props = node.get("properties", {})
        if set(props) != {"Key", "Value"}:
            return False
        return all(self.resolve(props[k]).get("type") == "string" and "enum" not in self.resolve(props[k])
                   for k in ("Key", "Value"))

    def definition_type(self, name):
        if name in self.definition_types:
            return self.definition_types[name]
        self.definition_types[name] = ("CfnJSON", None)  # while resolving (a definition that refers to itself)
        node = self.definitions.get(name, {})
        node = self.merged_union(node) or node
        if isinstance(node, dict) and node.get("properties") and node.get("type", "object") in ("object", ["object"]) \
                and not self.is_tag(node):
            # registered before its fields, so that a definition that contains itself refers to its own struct
            struct = self.struct_type(name, name, node, register_as=name)
            return struct.name, struct
        result = self.swift_type(node, hint=name, owner=name)
        self.definition_types[name] = result
        return result

    def enum_type(self, hint, values, owner=None):
        for existing in self.types.values():
            if isinstance(existing, Enum) and existing.values == values and existing.name.endswith(upper_camel(hint)):
                return existing.name
        name = self.new_type_name(hint, owner)
        self.types[name] = Enum(name, values)
        return name

    def struct_type(self, hint, cfn_name, node, register_as=None, owner=None):
        name = self.new_type_name(hint, owner)
        struct = Struct(name, cfn_name, node)
        self.types[name] = struct
        if register_as is not None:
            self.definition_types[register_as] = (name, struct)
        struct.fields = self.make_fields(node.get("properties", {}), set(self.all_required(node)),
                                         RESERVED_STRUCT_MEMBERS, owner=name)
        return struct

    def structs(self):
        return [t for t in self.types.values() if isinstance(t, Struct)]

    def enums(self):
        return [t for t in self.types.values() if isinstance(t, Enum)]

    def mark_recursion(self):
        """Struct fields through which a struct (directly or not) contains itself are stored in a CfnBox: Swift
        value types cannot contain themselves (lists and maps hold their items as values, so they are fine)."""
        structs = {s.name: s for s in self.structs()}

        def reaches(start, target, seen):
            for field in structs[start].fields:
                if field.struct is None or field.recursive:
                    continue
                nxt = field.struct.name
                if nxt == target:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    if reaches(nxt, target, seen):
                        return True
            return False

        for struct in structs.values():
            for field in struct.fields:
                if field.struct is not None and not field.recursive:
                    if field.struct.name == struct.name or reaches(field.struct.name, struct.name, set()):
                        field.recursive = True

    # Facts for documentation ------------------------------------------------------------------------------------

    def pointer_names(self, key):
        out = []
        for pointer in self.schema.get(key, []):
            if pointer.startswith("/properties/"):
                out.append(pointer[len("/properties/"):])
        return out

    def attributes(self):
        """(GetAtt name, Swift member, Swift type) for every read-only property, then for every other attribute
        the pinned cfn-lint accepts in `Fn::GetAtt` (types whose writable properties CloudFormation also returns,
        such as `AWS::EC2::VPC`'s `CidrBlock`: cfn-lint's `GetAtts`, from the registry's documentation)."""
        out = []
        used = set()
        paths = self.pointer_names("readOnlyProperties")
        paths += [p for p in cfn_lint_getatt_paths(self.type_name) if p not in paths]
        for path in paths:
            parts = path.split("/")
            if "*" in parts:
                continue
            node = {"properties": self.schema.get("properties", {})}
            for part in parts:
                node = self.resolve(node).get("properties", {}).get(part)
                if node is None:
                    break
            if node is None:
                continue
            kind = self.resolve(node).get("type")
            if isinstance(kind, list):
                kind = kind[0] if len(set(kind)) == 1 else None
            swift = {"string": "CfnString", "integer": "CfnInteger", "number": "CfnNumber",
                     "boolean": "CfnBool"}.get(kind)
            if kind == "array":
                item = self.resolve(self.resolve(node).get("items", {})).get("type")
                swift = "CfnList<CfnString>" if item in (None, "string") else "CfnList<CfnJSON>"
            if swift is None:
                swift = "CfnJSON"
            member = "attr" + "".join(upper_camel(p) for p in parts)
            if member in used:
                continue
            used.add(member)
            out.append((".".join(parts), member, swift))
        return out

    def tag_format(self):
        info = self.schema.get("tagging", {})
        if not info.get("taggable", self.schema.get("taggable", False)):
            return None
        if info.get("tagProperty", "/properties/Tags") != "/properties/Tags":
            return None
        node = self.resolve(self.schema.get("properties", {}).get("Tags", {}))
        if not node:
            return None
        if node.get("type") == "array":
            item = self.resolve(node.get("items", {}))
            if set(item.get("properties", {})) >= {"Key", "Value"}:
                return ".keyValueList"
            return None
        if node.get("type") == "object" and not node.get("properties"):
            return ".map"
        return None


def cfn_lint_getatt_paths(type_name):
    """The property paths (`A/B`) of the attributes cfn-lint accepts for a type, in its order; patterns skipped."""
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
    try:
        getatts = PROVIDER_SCHEMA_MANAGER.get_type_getatts(type_name, "us-east-1")
    except Exception:  # a type cfn-lint does not know in us-east-1
        return []
    out = []
    for name, pointer in getattr(getatts, "data", getatts).items():
        if not re.fullmatch(r"[A-Za-z0-9_.]+", name) or not pointer.startswith("/properties/"):
            continue
        out.append(pointer[len("/properties/"):])
    return out


def is_swift_identifier(text):
    return re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text) is not None
