"""Swift source of one typed L1 resource class (with its nested property types) and of a service namespace."""
import re

from .model import ResourceModel
from .naming import doc_text, swift_string

DOCS = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference"


def docs_url(type_name):
    _, service, resource = type_name.split("::")
    return f"{DOCS}/aws-resource-{service.lower()}-{resource.lower()}.html"


def code_list(names, limit=None):
    names = list(names)
    shown = names if limit is None or len(names) <= limit else names[:limit]
    text = ", ".join(f"`{doc_text(n)}`" for n in shown)
    if len(shown) < len(names):
        text += f" and {len(names) - len(shown)} more"
    return text


def describe(node, resolve):
    """One-line description of a property schema's constraints."""
    node = resolve(node) if isinstance(node, dict) else {}
    parts = []
    kind = node.get("type")
    if isinstance(kind, list):
        parts.append(" or ".join(kind))
    elif kind:
        parts.append(kind)
    if "enum" in node:
        parts.append("one of " + code_list(node["enum"], limit=12))
    if "minLength" in node or "maxLength" in node:
        parts.append(f"length {node.get('minLength', 0)}...{node.get('maxLength', '')}".rstrip("."))
    if "minimum" in node or "maximum" in node:
        parts.append(f"range {node.get('minimum', '')}...{node.get('maximum', '')}")
    if "minItems" in node or "maxItems" in node:
        parts.append(f"{node.get('minItems', 0)}...{node.get('maxItems', '')} items")
    if "pattern" in node and len(node["pattern"]) <= 120:
        parts.append(f"pattern `{doc_text(node['pattern'])}`")
    if "default" in node and not isinstance(node["default"], (dict, list)):
        parts.append(f"default `{doc_text(node['default'])}`")
    return ", ".join(parts)


# KumoCore types the generated code names unqualified; a resource class of the same name in the service's
# namespace (`LakeFormation.CfnResource`, `Location.CfnMap`) would shadow them there.
CORE_TYPES = {"CfnString", "CfnInteger", "CfnNumber", "CfnBool", "CfnJSON", "CfnList", "CfnMap", "CfnTag", "CfnBox",
              "CfnEnumValue", "CfnValueConvertible", "CfnResource"}


def shadowed_core_types(resources):
    """The KumoCore type names that resource classes of one service shadow."""
    from .naming import upper_camel
    return {"Cfn" + upper_camel(r) for r in resources} & CORE_TYPES


class Renderer:
    def __init__(self, type_name, schema, shadowed=frozenset()):
        self.model = ResourceModel(type_name, schema)
        self.shadowed = shadowed
        if shadowed:
            pattern = re.compile(r"\b(" + "|".join(sorted(shadowed)) + r")\b")
            for field in self.model.fields + [f for t in self.model.structs() for f in t.fields]:
                field.swift_type = pattern.sub(r"KumoCore.\1", field.swift_type)
            self.qualify = lambda text: pattern.sub(r"KumoCore.\1", text)
        else:
            self.qualify = lambda text: text
        self.schema = schema
        self.required = set(schema.get("required", []))
        self.create_only = set(self.model.pointer_names("createOnlyProperties"))
        self.primary = self.model.pointer_names("primaryIdentifier")
        self.write_only = set(self.model.pointer_names("writeOnlyProperties"))
        self.deprecated = set(self.model.pointer_names("deprecatedProperties"))
        self.out = []

    def line(self, text=""):
        self.out.append(text)

    # Documentation -------------------------------------------------------------------------------------------

    def field_doc(self, field, indent, top_level):
        summary = describe(field.node, self.model.resolve)
        text = f"`{field.cfn_name}`" + (f": {summary}." if summary else ".")
        self.line(f"{indent}/// {text}")
        marks = []
        if field.required:
            marks.append("Required.")
        if top_level:
            if field.cfn_name in self.primary:
                marks.append("Part of the primary identifier.")
            if field.cfn_name in self.create_only:
                marks.append("Create-only: changing it replaces the resource.")
            if field.cfn_name in self.write_only:
                marks.append("Write-only: CloudFormation does not return it.")
            if field.cfn_name in self.deprecated:
                marks.append("Deprecated.")
        if marks:
            self.line(f"{indent}///")
            self.line(f"{indent}/// {' '.join(marks)}")

    def class_doc(self, indent):
        m = self.model
        self.line(f"{indent}/// `{m.type_name}` (L1): the CloudFormation resource, one typed property per schema property.")
        self.line(f"{indent}///")
        facts = []
        if self.required:
            facts.append(f"Required: {code_list(sorted(self.required))}")
        if self.primary:
            facts.append(f"Primary identifier: {code_list(self.primary)}")
        if self.create_only:
            facts.append(f"Create-only (a change replaces the resource): {code_list(sorted(self.create_only))}")
        attributes = [name for name, _, _ in m.attributes()]
        if attributes:
            facts.append(f"Attributes (`Fn::GetAtt`): {code_list(attributes)}")
        for fact in facts:
            self.line(f"{indent}/// - {fact}")
        if facts:
            self.line(f"{indent}///")
        self.line(f"{indent}/// Reference: <{docs_url(m.type_name)}>")

    # Members -------------------------------------------------------------------------------------------------

    def stored(self, field, indent, access="public"):
        optional = "" if field.required else "?"
        if field.recursive:
            name = field.member.strip("`")
            self.line(f"{indent}{access} var {field.member}: {field.swift_type}{optional} {{")
            if field.required:
                self.line(f"{indent}    get {{ _{name}.value }}")
                self.line(f"{indent}    set {{ _{name} = CfnBox(newValue) }}")
            else:
                self.line(f"{indent}    get {{ _{name}?.value }}")
                self.line(f"{indent}    set {{ _{name} = newValue.map(CfnBox.init) }}")
            self.line(f"{indent}}}")
            self.line(f"{indent}private var _{name}: CfnBox<{field.swift_type}>{optional}")
        else:
            self.line(f"{indent}{access} var {field.member}: {field.swift_type}{optional}")

    def assign(self, field, indent):
        if field.recursive:
            name = field.member.strip("`")
            value = f"CfnBox({field.label})" if field.required else f"{field.label}.map(CfnBox.init)"
            self.line(f"{indent}self._{name} = {value}")
        else:
            self.line(f"{indent}self.{field.member} = {field.label}")

    def parameters(self, fields):
        ordered = [f for f in fields if f.required] + [f for f in fields if not f.required]
        params = []
        for f in ordered:
            if f.required:
                params.append(f"{f.label}: {f.swift_type}")
            else:
                params.append(f"{f.label}: {f.swift_type}? = nil")
        return ordered, params

    def render_members(self, fields, target, indent):
        """Writes `target[<name>] = value` for every field."""
        for f in fields:
            if f.required:
                self.line(f"{indent}{target}[{swift_string(f.cfn_name)}] = self.{f.member}.cfnValue")
            else:
                self.line(f"{indent}if let v = self.{f.member} {{ {target}[{swift_string(f.cfn_name)}] = v.cfnValue }}")

    # Types ---------------------------------------------------------------------------------------------------

    def render_enum(self, enum, indent):
        self.line(f"{indent}/// The values the schema lists; a value AWS adds later: `.init(\"NEW_VALUE\")` (or any `Value`).")
        self.line(f"{indent}public struct {enum.name}: CfnEnumValue {{")
        self.line(f"{indent}    public let cfnValue: Value")
        self.line(f"{indent}    public init(_ value: Value) {{ cfnValue = value }}")
        for case, value in enum.cases:
            self.line(f"{indent}    /// `{doc_text(value)}`")
            self.line(f"{indent}    public static var {case}: Self {{ Self(.string({swift_string(value)})) }}")
        self.line(f"{indent}}}")

    def render_struct(self, struct, indent):
        self.line(f"{indent}/// `{struct.cfn_name}`, a property type of `{self.model.type_name}`.")
        self.line(f"{indent}public struct {struct.name}: CfnValueConvertible {{")
        inner = indent + "    "
        for f in struct.fields:
            self.field_doc(f, inner, top_level=False)
            self.stored(f, inner)
        self.line(f"{inner}private var raw: Value?")
        self.line()
        ordered, params = self.parameters(struct.fields)
        self.line(f"{inner}public init({', '.join(params)}) {{")
        for f in ordered:
            self.assign(f, inner + "    ")
        self.line(f"{inner}}}")
        self.line()
        self.line(f"{inner}/// The whole value as one `Value` (an intrinsic such as `Fn::If`) instead of member by member.")
        self.line(f"{inner}public init(_ value: Value) {{")
        self.line(f"{inner}    self.raw = value")
        for f in ordered:
            if f.required:
                name = f.member.strip("`")
                if f.recursive:
                    self.line(f"{inner}    self._{name} = CfnBox(.init(Value.null))")
                else:
                    self.line(f"{inner}    self.{f.member} = .init(Value.null)")
        self.line(f"{inner}}}")
        self.line()
        self.line(f"{inner}public var cfnValue: Value {{")
        self.line(f"{inner}    if let raw {{ return raw }}")
        self.line(f"{inner}    var m = OrderedDictionary<String, Value>()")
        self.render_members(struct.fields, "m", inner + "    ")
        self.line(f"{inner}    return .map(m)")
        self.line(f"{inner}}}")
        self.line(f"{indent}}}")

    # The class -----------------------------------------------------------------------------------------------

    def render(self, header):
        m = self.model
        self.line(header)
        self.line("import KumoCore")
        self.line("import KumoJSON")
        self.line()
        self.line(f"extension {m.service} {{")
        ind = "    "
        self.class_doc(ind)
        self.line(f"{ind}open class {m.class_name}: KumoCore.CfnResource {{")
        ind2 = ind + "    "
        self.line(f"{ind2}/// The CloudFormation type, `{m.type_name}`.")
        self.line(f"{ind2}public static let cfnTypeName = {swift_string(m.type_name)}")
        self.line()
        for f in m.fields:
            self.field_doc(f, ind2, top_level=True)
            self.stored(f, ind2)
        self.line()
        ordered, params = self.parameters(m.fields)
        self.line(f"{ind2}/// Adds an `{m.type_name}` with the given properties to `scopeConstruct`, with the construct ID `constructID`.")
        self.line(f"{ind2}@discardableResult")
        self.line(f"{ind2}public init({', '.join(['_ scopeConstruct: Construct', '_ constructID: String'] + params)}) {{")
        for f in ordered:
            self.assign(f, ind2 + "    ")
        tags = m.tag_format()
        tag_arg = f", tags: {tags}" if tags else ""
        self.line(f"{ind2}    super.init(scopeConstruct, constructID, type: {swift_string(m.type_name)}{tag_arg})")
        self.line(f"{ind2}}}")
        self.line()
        self.line(f"{ind2}open override func cfnProperties() -> OrderedDictionary<String, Value> {{")
        self.line(f"{ind2}    var p = OrderedDictionary<String, Value>()")
        self.render_members(m.fields, "p", ind2 + "    ")
        self.line(f"{ind2}    return p")
        self.line(f"{ind2}}}")
        for name, member, swift in m.attributes():
            swift = self.qualify(swift)
            self.line()
            self.line(f"{ind2}/// `Fn::GetAtt` `{doc_text(name)}`.")
            self.line(f"{ind2}public var {member}: {swift} {{ {swift}(getAtt({swift_string(name)})) }}")
        if m.fields:
            self.line()
            self.line(f"{ind2}/// The properties of `{m.type_name}` by CloudFormation name (for overrides and property order).")
            self.line(f"{ind2}public enum Property: String, Sendable {{")
            for f in m.fields:
                self.line(f"{ind2}    case {f.label} = {swift_string(f.cfn_name)}")
            self.line(f"{ind2}}}")
            self.line()
            self.line(f"{ind2}/// Overrides `property` (or a path below it) in the synthesized template, after every construct's preparation.")
            self.line(f"{ind2}public func addPropertyOverride(_ property: Property, at path: String = \"\", _ value: Value) {{")
            self.line(f"{ind2}    addPropertyOverride(named: property.rawValue, below: path, value)")
            self.line(f"{ind2}}}")
        for t in m.types.values():
            self.line()
            if hasattr(t, "fields"):
                self.render_struct(t, ind2)
            else:
                self.render_enum(t, ind2)
        self.line(f"{ind}}}")
        self.line("}")
        return "\n".join(self.out) + "\n"


def render_namespace(service, count, header):
    return (
        f"{header}\n"
        "@_exported import KumoCore\n@_exported import KumoJSON\n\n"
        f"/// The {count} CloudFormation resource type(s) of `AWS::{service}::*` as typed L1 constructs.\n"
        f"public enum {service} {{}}\n"
    )
