"""Policy documents as the API returns them or a template gives them."""
import ast
import json
import urllib.parse


def as_document(value):
    """A policy document from a dict, or from its JSON text (URL-encoded as IAM's API returns it; moto returns an
    inline policy it got from CloudFormation after an update as a Python repr). Raises ValueError on other text."""
    if not isinstance(value, str):
        return value
    text = urllib.parse.unquote(value) if value.startswith("%7B") else value
    try:
        return json.loads(text)
    except ValueError:
        if not text.startswith("{'"):
            raise
        return ast.literal_eval(text)


def normalized(document):
    """A policy document as comparable text (keys sorted)."""
    return json.dumps(as_document(document), sort_keys=True)


def has_unresolved_substitution(document):
    """Whether a resolved document still holds a `${...}` (other than IAM's policy variables and escapes)."""
    return "${" in json.dumps(document).replace("${aws:", "").replace("${!", "")
