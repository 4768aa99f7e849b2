"""The schema-facts module: per service one Swift file holding, per resource type, the schema reduced to what
synthesis-time validation and the analysis need, as one line of compact JSON (`Type<TAB>{...}`), parsed lazily
per type at run time (Sources/KumoSchema)."""
import json

# Keywords kept inside property schemas and definitions; everything else (format, default, title,
# insertionOrder, uniqueItems, relationshipRef, ...) is dropped.
NODE_KEYWORDS = {
    "type", "properties", "additionalProperties", "patternProperties", "required", "items", "$ref", "enum",
    "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minItems", "maxItems", "minProperties", "maxProperties", "oneOf", "anyOf", "allOf",
    # cfn-lint's own schema keywords (its patches of the provider schemas)
    "enumCaseInsensitive", "requiredXor", "requiredOr", "format",
}
# Keywords kept at the top of a resource schema.
TOP_KEYWORDS = {
    "properties", "definitions", "required", "additionalProperties", "oneOf", "anyOf", "allOf",
    "readOnlyProperties", "createOnlyProperties", "primaryIdentifier", "writeOnlyProperties",
    "conditionalCreateOnlyProperties", "deprecatedProperties", "additionalIdentifiers", "requiredXor",
}


def reduce_node(node):
    if isinstance(node, list):
        return [reduce_node(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key not in NODE_KEYWORDS:
            continue
        if key in ("properties", "patternProperties"):
            out[key] = {name: reduce_node(child) for name, child in value.items()}
        elif key in ("items", "additionalProperties") and isinstance(value, dict):
            out[key] = reduce_node(value)
        elif key in ("oneOf", "anyOf", "allOf"):
            reduced = [reduce_node(child) for child in value]
            # branches that only constrain formats say nothing Kumo checks
            if any(branch for branch in reduced):
                out[key] = reduced
        else:
            out[key] = value
    return out


def tagging(schema):
    """`tags`: "list" (Key/Value items) or "map" when the type is taggable through a `Tags`-like property."""
    info = schema.get("tagging", {})
    pointer = info.get("tagProperty")
    taggable = info.get("taggable", schema.get("taggable", False))
    if not taggable or not pointer or not pointer.startswith("/properties/"):
        return None
    name = pointer[len("/properties/"):]
    if "/" in name:
        return None
    node = resolve(schema, schema.get("properties", {}).get(name))
    if node is None:
        return None
    kind = node.get("type")
    if kind == "array":
        item = resolve(schema, node.get("items", {})) or {}
        if set(item.get("properties", {})) >= {"Key", "Value"}:
            return {"property": name, "format": "list"}
        return None
    if kind == "object" and "properties" not in node:
        return {"property": name, "format": "map"}
    return None


def resolve(schema, node):
    """`node` with `$ref`s to `#/definitions/…` followed; `None` for a reference elsewhere or to nothing."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        ref = node["$ref"]
        if not ref.startswith("#/definitions/"):
            return None
        node = schema.get("definitions", {}).get(ref[len("#/definitions/"):])
        seen += 1
    return node


def reduced_schema(schema):
    out = {}
    for key in sorted(TOP_KEYWORDS):
        if key not in schema:
            continue
        value = schema[key]
        if key == "properties":
            value = {name: reduce_node(child) for name, child in value.items()}
        elif key == "definitions":
            value = {name: reduce_node(child) for name, child in value.items()}
        elif key in ("oneOf", "anyOf", "allOf"):
            value = [reduce_node(child) for child in value]
        out[key] = value
    tags = tagging(schema)
    if tags:
        out["tagging"] = tags
    return out


def service_identifier(service):
    return service[0].lower() + service[1:]


def render_service(service, resources, header):
    lines = []
    for resource, (type_name, schema) in resources.items():
        text = json.dumps(reduced_schema(schema), separators=(",", ":"), ensure_ascii=True, sort_keys=False)
        if '"""##' in text or "\\##" in text or "\n" in text:  # the raw string's delimiter and escape
            raise SystemExit(f"{type_name}: unexpected characters in the compact schema")
        lines.append(f"{type_name}\t{text}")
    body = "\n".join(lines)
    return (
        f"{header}\n"
        "extension SchemaData {\n"
        f"    /// The {len(resources)} resource type(s) of {service}: `Type<TAB>compact schema` per line.\n"
        f'    static let {service_identifier(service)} = ##"""\n{body}\n"""##\n'
        "}\n"
    )


def render_index(services, header):
    cases = "\n".join(
        f'        case "{service}": {service_identifier(service)}' for service in services
    )
    names = ", ".join(f'"{service}"' for service in services)
    return (
        f"{header}\n"
        "extension SchemaData {\n"
        "    /// The compact schema lines of one service (`S3` for `AWS::S3::*`), or `nil` for an unknown service.\n"
        "    static func lines(ofService service: Substring) -> String? {\n"
        "        switch service {\n"
        f"{cases}\n"
        "        default: nil\n"
        "        }\n"
        "    }\n\n"
        f"    /// Every service with resource types ({len(services)}).\n"
        f"    static let serviceNames: [String] = [{names}]\n"
        "}\n"
    )
