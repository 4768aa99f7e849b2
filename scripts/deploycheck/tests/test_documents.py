import pytest

from deploycheck.documents import as_document, has_unresolved_substitution, normalized


def test_documents_from_dicts_json_url_encoded_json_and_python_reprs():
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}
    assert as_document(document) is document
    assert as_document('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}') == document
    assert as_document("%7B%22Version%22%3A%222012-10-17%22%7D") == {"Version": "2012-10-17"}
    assert as_document("{'Version': '2012-10-17'}") == {"Version": "2012-10-17"}


def test_text_that_is_no_document_is_an_error():
    with pytest.raises(ValueError):
        as_document('{"Version": "2012-10-17"')


def test_normalized_documents_compare_regardless_of_key_order():
    assert normalized('{"b": 1, "a": 2}') == normalized({"a": 2, "b": 1})


def test_unresolved_substitutions_other_than_policy_variables_and_escapes():
    assert has_unresolved_substitution({"Condition": {"StringEquals": {"${Issuer}:sub": "x"}}})
    assert not has_unresolved_substitution({"Resource": "arn:aws:s3:::b/${aws:username}/*"})
    assert not has_unresolved_substitution({"Resource": "${!Literal}"})
