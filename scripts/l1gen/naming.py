"""Swift names for CloudFormation names: camelCase members, UpperCamel types, enum cases, escaping."""
import re

KEYWORDS = {
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
    "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
    "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
    "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
    "where", "while", "as", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "Any",
    "Protocol", "Type", "some", "any", "await", "consume", "copy", "discard", "each", "borrowing", "consuming",
}
# Names that cannot be escaped with backticks where they are used as members.
UNESCAPABLE = {"init", "self", "Self", "Type", "Protocol", "deinit", "subscript"}


def words(name):
    """`KMSMasterKeyId` -> ['KMS', 'Master', 'Key', 'Id']; separators split too."""
    out = []
    for chunk in re.split(r"[^A-Za-z0-9]+", name):
        out += re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+[a-z]*", chunk) or ([chunk] if chunk else [])
    return [w for w in out if w]


def lower_camel(name):
    """CloudFormation property name -> Swift member name, as CDK names them (`DBInstanceClass` -> `dbInstanceClass`,
    `SSESpecification` -> `sseSpecification`, `deadLetterTargetArn` unchanged)."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name):
        m = re.match(r"[A-Z]+", name)
        if not m:
            return name
        run = m.group(0)
        rest = name[len(run):]
        if len(run) == len(name):
            return name.lower()
        if len(run) > 1 and rest and rest[0].islower():
            if rest == "s" or re.match(r"v[0-9]", rest):  # VPCs -> vpcs, IPv6CidrBlock -> ipv6CidrBlock
                return run.lower() + rest
            return run[:-1].lower() + run[-1] + rest
        return run.lower() + rest
    parts = words(name)
    if not parts:
        return "value"
    text = parts[0].lower() + "".join(p[0].upper() + p[1:] for p in parts[1:])
    return text if text[0].isalpha() or text[0] == "_" else "_" + text


def upper_camel(name):
    parts = words(name) if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name) else [name]
    text = "".join(p[0].upper() + p[1:] for p in parts)
    if not text:
        return "Value"
    return text if text[0].isalpha() else "T" + text


def enum_case(value):
    """An enum value -> a case name: `IMMUTABLE_WITH_EXCLUSION` -> `immutableWithExclusion`, `t2.micro` ->
    `t2Micro`, `aws:kms` -> `awsKms`, `1.2` -> `v1_2`."""
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", str(value)) if p]
    if not parts:
        return "wildcard" if str(value) == "*" else "empty"
    if re.fullmatch(r"[0-9]+", parts[0]):
        return "v" + "_".join(parts)
    first = parts[0]
    if first.isupper() or first.isdigit() or re.match(r"[A-Z]{2}", first):
        head = first.lower()
    else:
        head = lower_camel(first)
    tail = ""
    for p in parts[1:]:
        p = p.lower() if p.isupper() else p
        tail += p[0].upper() + p[1:]
    return head + tail


def escaped(identifier):
    return f"`{identifier}`" if identifier in KEYWORDS else identifier


def unprintable(c):
    return ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029\ufeff"


def swift_string(text):
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(f"\\u{{{ord(c):X}}}" if unprintable(c) else c for c in out) + '"'


def doc_text(text):
    """Text safe inside a `///` comment and Markdown code spans (control and line-separator characters shown as
    `\\u{…}`)."""
    text = str(text).replace("`", "'")
    return "".join(f"\\u{{{ord(c):X}}}" if unprintable(c) else c for c in text)
