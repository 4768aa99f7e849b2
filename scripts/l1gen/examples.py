"""The all-types conformance examples: for every resource type, a Swift statement that creates its typed L1 with
its required properties, each value derived from the property's schema (enums: the first value; patterns: a
string matching the pattern; lengths, ranges and item counts: within bounds; nested types: their own required
members; `oneOf`/`anyOf` of required sets: the first set). Sources/KumoL1Conformance runs them (scripts/l1-conformance).
"""
import re
import re._parser as sre_parse  # Python 3.11+
from re._constants import (ANY, AT, BRANCH, CATEGORY, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, NEGATE, NOT_LITERAL,
                           RANGE, SUBPATTERN, CATEGORY_DIGIT, CATEGORY_SPACE, CATEGORY_WORD, CATEGORY_NOT_DIGIT,
                           CATEGORY_NOT_SPACE, CATEGORY_NOT_WORD, GROUPREF, ASSERT, ASSERT_NOT)

import warnings

import regex

warnings.filterwarnings("ignore", category=FutureWarning)

from .model import Enum, ResourceModel, Struct
from .naming import swift_string

# A value for a few JSON-typed properties that cfn-lint's E3 rules read beyond the schema (an IAM policy
# document, a Step Functions definition), keyed by property name. Everything else is derived from the schema.
JSON_EXAMPLES = {
    "PolicyDocument": '["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"]]]',
    "AssumeRolePolicyDocument": '["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Principal": ["Service": "ec2.amazonaws.com"], "Action": "sts:AssumeRole"]]]',
}

def extension_enums():
    """{(type name, lower-case property name): first us-east-1 value} from cfn-lint's regional enum extensions
    (`data/schemas/extensions/aws_<service>_<resource>/<property>_enum.json`, its rules E36xx)."""
    import json
    import pathlib

    import cfnlint
    found = {}
    base = pathlib.Path(cfnlint.__file__).parent / "data" / "schemas" / "extensions"
    for path in base.glob("aws_*/*_enum.json"):
        data = json.loads(path.read_text())
        values = (data.get("us-east-1") or {}).get("enum")
        if values:
            found[(path.parent.name, path.name[: -len("_enum.json")])] = values[0]
    return found


EXTENSION_ENUMS = extension_enums()

# A resource policy (bucket, queue, topic policies): statements name a principal.
RESOURCE_POLICY = ('["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Principal": ["AWS": '
                   '"arn:aws:iam::123456789012:root"], "Action": "s3:GetObject", '
                   '"Resource": "arn:aws:s3:::example-bucket/*"]]]')

FALLBACK_STRINGS = ["example", "a", "1", "ab1", "Example1", "arn:aws:iam::123456789012:role/example",
                    "example-1", "example.com", "10.0.0.0/16", "2024-01-01T00:00:00Z", "{}", "x" * 8]


def translate(pattern):
    """ECMA/`regex` syntax that Python's `re` parser lacks, for generation only (the result is checked with the
    `regex` module against the original pattern)."""
    p = pattern
    for prop, cls in (("L", "a-zA-Z"), ("Z", " "), ("N", "0-9"), ("S", "+"), ("P", "."), ("M", "a"), ("C", "a"),
                      ("Lu", "A-Z"), ("Ll", "a-z"), ("Nd", "0-9"), ("Alnum", "a-zA-Z0-9"), ("Alpha", "a-zA-Z"),
                      ("Print", "a-zA-Z0-9 "), ("Graph", "a-zA-Z0-9"), ("Punct", ".")):
        p = p.replace(f"\\p{{{prop}}}", cls)
    p = re.sub(r"\\p\{[A-Za-z_]+\}", "a", p)
    p = re.sub(r"\\P\{[A-Za-z_]+\}", "!", p)
    p = p.replace("\\Z", "$").replace("\\z", "$").replace("(?s)", "").replace("(?u)", "").replace("(?i)", "")
    p = re.sub(r"\[\[:([a-z]+):\]\]", lambda m: {"alpha": "[a-zA-Z]", "digit": "[0-9]", "alnum": "[a-zA-Z0-9]",
                                                  "space": "[ ]", "upper": "[A-Z]", "lower": "[a-z]",
                                                  "print": "[a-zA-Z0-9 ]", "xdigit": "[0-9a-f]"}.get(m.group(1), "a"), p)
    return p


class PatternString:
    """A string matching a pattern, of at least `min_length` characters where the pattern lets it grow."""

    def __init__(self, pattern, min_length, max_length):
        self.pattern = pattern
        self.min_length = min_length
        self.max_length = max_length

    def pick(self, items):
        chars = []
        negate = False
        for op, av in items:
            if op is NEGATE:
                negate = True
            elif op is LITERAL:
                chars.append(chr(av))
            elif op is RANGE:
                lo, hi = av
                for preferred in ("a", "A", "0"):
                    if lo <= ord(preferred) <= hi:
                        chars.append(preferred)
                        break
                else:
                    chars.append(chr(lo))
            elif op is CATEGORY:
                chars.append({CATEGORY_DIGIT: "0", CATEGORY_WORD: "a", CATEGORY_SPACE: " ", CATEGORY_NOT_DIGIT: "a",
                              CATEGORY_NOT_SPACE: "a", CATEGORY_NOT_WORD: "-"}.get(av, "a"))
        if negate:
            excluded = set(chars)
            for c in "abcxyz0123-_.":
                if c not in excluded:
                    return c
            return "~"
        for preferred in ("a", "0", "A"):
            if preferred in chars:
                return preferred
        return chars[0] if chars else "a"

    def emit(self, parsed, extra):
        out = []
        for op, av in parsed:
            if op is LITERAL:
                out.append(chr(av))
            elif op is NOT_LITERAL:
                out.append("a" if chr(av) != "a" else "b")
            elif op is ANY:
                out.append("a")
            elif op is IN:
                out.append(self.pick(av))
            elif op is CATEGORY:
                out.append(self.pick([(CATEGORY, av)]))
            elif op in (MAX_REPEAT, MIN_REPEAT):
                lo, hi, sub = av
                count = lo
                if extra[0] > 0 and (hi == sre_parse.MAXREPEAT or hi > lo):
                    room = (hi - lo) if hi != sre_parse.MAXREPEAT else extra[0]
                    grow = min(extra[0], room)
                    count += grow
                    extra[0] -= grow
                for _ in range(count):
                    out.append(self.emit(sub, extra))
            elif op is SUBPATTERN:
                out.append(self.emit(av[-1], extra))
            elif op is BRANCH:
                out.append(self.emit(av[1][0], extra))
            elif op in (AT, ASSERT, ASSERT_NOT):
                pass
            elif op is GROUPREF:
                pass
        return "".join(out)

    def generate(self):
        try:
            parsed = sre_parse.parse(translate(self.pattern))
        except Exception:
            return None
        candidates = []
        try:
            base = len(self.emit(parsed, [0]))
        except Exception:
            base = 0
        for extra in (0, max(self.min_length - base, 0), self.min_length, self.min_length * 2 + 4):
            try:
                candidates.append(self.emit(parsed, [extra]))
            except Exception:
                continue
        for text in candidates + FALLBACK_STRINGS:
            if self.ok(text):
                return text
        return None

    def ok(self, text):
        if len(text) < self.min_length or (self.max_length is not None and len(text) > self.max_length):
            return False
        try:
            return regex.search(self.pattern, text) is not None
        except Exception:
            return True


class Examples:
    def __init__(self, type_name, schema):
        self.model = ResourceModel(type_name, schema)
        self.problems = []
        # members that a chosen oneOf/anyOf branch requires below a property, by property name
        self.nested_required = {}

    # Values for the formats cfn-lint checks (its `format` keyword), by format name.
    FORMATS = {
        "ipv4-network": "10.0.0.0/16", "ipv6-network": "2001:db8::/32", "ipv4": "10.0.0.1", "ipv6": "2001:db8::1",
        "date-time": "2024-01-01T00:00:00Z", "date": "2024-01-01", "email": "user@example.com",
        "AWS::IAM::Role.Arn": "arn:aws:iam::123456789012:role/example",
        "AWS::KMS::Key.Arn": "arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012",
        "AWS::KMS::Key.Id": "12345678-1234-1234-1234-123456789012",
        "AWS::EC2::SecurityGroup.Id": "sg-12345678", "AWS::EC2::Subnet.Id": "subnet-12345678",
        "AWS::EC2::VPC.Id": "vpc-12345678", "AWS::EC2::Image.Id": "ami-12345678",
        "AWS::SNS::Topic.Arn": "arn:aws:sns:us-east-1:123456789012:example",
        "AWS::Lambda::Function.Arn": "arn:aws:lambda:us-east-1:123456789012:function:example",
        "AWS::ACM::Certificate.Arn": "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
        "AWS::SQS::Queue.Arn": "arn:aws:sqs:us-east-1:123456789012:example",
        "AWS::S3::Bucket.Name": "example-bucket", "AWS::Logs::LogGroup.Name": "example",
    }

    def string(self, node):
        node = self.model.resolve(node)
        if node.get("enumCaseInsensitive"):
            return str(node["enumCaseInsensitive"][0]).upper() if not node.get("enum") else str(node["enum"][0])
        fmt = node.get("format")
        if isinstance(fmt, str) and fmt in self.FORMATS:
            candidate = self.FORMATS[fmt]
            if PatternString(node.get("pattern", ""), node.get("minLength", 0), node.get("maxLength")).ok(candidate):
                return candidate
        for key in ("anyOf", "oneOf"):
            for branch in node.get(key) or []:
                if isinstance(branch, dict) and branch.get("enum"):
                    return str(branch["enum"][0])
        lo = node.get("minLength", 0)
        hi = node.get("maxLength")
        if "pattern" in node:
            text = PatternString(node["pattern"], lo, hi).generate()
            if text is None:
                self.problems.append(f"no string matches {node['pattern']!r}")
                text = "example"
            return text
        text = "example"
        if len(text) < lo:
            text = text + "x" * (lo - len(text))
        if hi is not None and len(text) > hi:
            text = text[:max(hi, 1)]
        return text

    def number(self, node, integer):
        node = self.model.resolve(node)
        lo = node.get("minimum", node.get("exclusiveMinimum", 0) + (1 if "exclusiveMinimum" in node else 0))
        hi = node.get("maximum")
        value = max(lo, 1)
        if hi is not None and value > hi:
            value = hi
        return str(int(value)) if integer else str(value)

    def required_names(self, node):
        """The required properties, those of `allOf` branches, the first required set of `oneOf`/`anyOf`, and
        the first of cfn-lint's `requiredXor` / `requiredOr` sets."""
        node = self.model.resolve(node)
        names = list(node.get("required", []))
        for key in ("requiredXor", "requiredOr"):
            choices = node.get(key) or []
            if choices and not any(c in names for c in choices):
                names.append(choices[0])
        for key in ("oneOf", "anyOf"):
            branches = node.get(key) or []
            if branches and not any(isinstance(b, dict) and not b.get("required") and not b.get("properties")
                                    for b in branches):
                for branch in branches:
                    branch = self.model.resolve(branch)
                    if branch.get("required"):
                        names += [n for n in branch["required"] if n not in names]
                        # the branch may also constrain members' members (`AccountGrouping` needs `LinkedAccountIds`)
                        for member, sub in (branch.get("properties") or {}).items():
                            if isinstance(sub, dict) and sub.get("required"):
                                self.nested_required.setdefault(member, set()).update(sub["required"])
                        break
        for branch in node.get("allOf") or []:
            names += [n for n in self.required_names(branch) if n not in names]
        return names

    def value(self, swift_type, node, cfn_name, depth):
        """A Swift expression of `swift_type` for a value of schema `node`."""
        resolved = self.model.resolve(node) if isinstance(node, dict) else {}
        directory = "aws_" + self.model.type_name.split("::", 1)[1].replace("::", "_").lower()
        regional = EXTENSION_ENUMS.get((directory, cfn_name.lower()))
        if regional is not None and swift_type == "CfnString":
            return swift_string(regional)
        if depth > 8:
            self.problems.append(f"{cfn_name}: nesting too deep")
        if swift_type == "CfnString":
            return swift_string(self.string(resolved))
        if swift_type == "CfnInteger":
            return self.number(resolved, True)
        if swift_type == "CfnNumber":
            return self.number(resolved, False)
        if swift_type == "CfnBool":
            return "true"
        if swift_type == "CfnJSON":
            if cfn_name == "PolicyDocument" and not self.model.type_name.startswith("AWS::IAM::"):
                return RESOURCE_POLICY
            if cfn_name in JSON_EXAMPLES:
                return JSON_EXAMPLES[cfn_name]
            kinds = resolved.get("type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if "object" in kinds or kinds == [None]:
                return "[:]"
            if "string" in kinds:
                return f"CfnJSON(Value.string({swift_string(self.string(resolved))}))"
            if "array" in kinds:
                return "CfnJSON(Value.list([]))"
            return "[:]"
        if swift_type == "CfnTag":
            return 'CfnTag(key: "key", value: "value")'
        if swift_type.startswith("CfnList<"):
            element = swift_type[len("CfnList<"):-1]
            items = resolved.get("items", {})
            count = max(1, resolved.get("minItems", 1))
            item = self.value(element, items, cfn_name, depth + 1)
            return "[" + ", ".join([item] * count) + "]"
        if swift_type.startswith("CfnMap<"):
            element = swift_type[len("CfnMap<"):-1]
            patterns = resolved.get("patternProperties") or {}
            value_node = next(iter(patterns.values()), resolved.get("additionalProperties", {}))
            key = "key"
            if patterns:
                key = PatternString(next(iter(patterns)), 1, None).generate() or "key"
            return f"[{swift_string(key)}: {self.value(element, value_node, cfn_name, depth + 1)}]"
        t = self.model.types.get(swift_type)
        if isinstance(t, Enum):
            return "." + t.cases[0][0]
        if isinstance(t, Struct):
            return self.struct_value(t, depth)
        self.problems.append(f"{cfn_name}: no example for {swift_type}")
        return ".init(Value.null)"

    def arguments(self, fields, node, depth):
        needed = set(self.required_names(node))
        resolved = self.model.resolve(node)
        if resolved.get("minProperties", 0) >= 1 and not any(f.required or f.cfn_name in needed for f in fields) and fields:
            needed.add(fields[0].cfn_name)
        args = []
        ordered = [f for f in fields if f.required] + [f for f in fields if not f.required and f.cfn_name in needed]
        for f in ordered:
            args.append(f"{f.label}: {self.value(f.swift_type, f.node, f.cfn_name, depth + 1)}")
        return args

    def struct_value(self, struct, depth):
        node = dict(struct.node)
        extra = self.nested_required.pop(struct.cfn_name, None)
        if extra:
            node["required"] = list(node.get("required", [])) + sorted(extra)
        args = self.arguments(struct.fields, node, depth)
        return f".init({', '.join(args)})"

    def statement(self):
        m = self.model
        args = self.arguments(m.fields, {k: v for k, v in m.schema.items() if k != "definitions"}, 0)
        call = ", ".join([f"stack", swift_string(m.class_name)] + args)
        return f"{m.service}.{m.class_name}({call})"


def render_all(services, header):
    files = {}
    index = []
    problems = []
    for service, resources in services.items():
        lines = [header(f"the conformance examples of AWS::{service}::*"), f"import Kumo{service}", "", "extension Examples {",
                 f"    /// One `AWS::{service}::*` resource of each type, with its required properties.",
                 f"    static func {service[0].lower() + service[1:]}(_ stack: Stack) {{"]
        for resource, (type_name, schema) in resources.items():
            example = Examples(type_name, schema)
            lines.append(f"        {example.statement()}")
            problems += [f"{type_name}: {p}" for p in example.problems]
        lines += ["    }", "}", ""]
        files[f"{service}.swift"] = "\n".join(lines)
        index.append((service, len(resources)))
    entries = "\n".join(f'        ("{s}", {n}, {s[0].lower() + s[1:]}),' for s, n in index)
    files["Index.swift"] = (
        header("the conformance example index") + "import KumoCore\n\n"
        "extension Examples {\n"
        "    /// Every service: its name, its number of resource types and the function that adds one of each.\n"
        "    static var services: [(name: String, types: Int, add: (Stack) -> Void)] { [\n"
        f"{entries}\n"
        "    ] }\n"
        "}\n")
    if problems:
        print("generate-l1: examples that could not be derived from the schema:")
        for p in problems:
            print("  " + p)
    return files
