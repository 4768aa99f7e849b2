from deploycheck.migration.roles import roles_unchanged

TRUST, OTHER_TRUST = '{"t": 1}', '{"t": 2}'
DEPLOYED = {"Resources": {"Old": {"Type": "AWS::IAM::Role"}, "Plumbing": {"Type": "AWS::IAM::Role"},
                          "Kept": {"Type": "AWS::IAM::Role"}, "Bucket": {"Type": "AWS::S3::Bucket"}}}
IDS = {"Old": "old-role", "Plumbing": "plumbing-role", "Kept": "kept-role", "Bucket": "b"}
BEFORE = {"old-role": (TRUST, ["arn:p"], {"i": "{}"}), "plumbing-role": (OTHER_TRUST, [], {}),
          "kept-role": (OTHER_TRUST, [], {"k": "{}"})}


def check(roles, template, previous=None):
    return roles_unchanged("orphan", BEFORE, roles, IDS, DEPLOYED, template, previous or DEPLOYED)


def template(*logical_ids):
    return {"Resources": {i: {"Type": "AWS::IAM::Role"} for i in logical_ids}}


def test_unchanged_roles_and_deleted_plumbing_pass():
    roles = {"old-role": BEFORE["old-role"], "kept-role": BEFORE["kept-role"]}
    assert check(roles, template("Old", "Kept")) == []


def test_a_role_that_grants_something_else():
    roles = dict(BEFORE, **{"old-role": (TRUST, [], {"i": "{}"})})
    assert check(roles, template("Old", "Plumbing", "Kept")) == [
        "orphan: role old-role (Old) grants something else than before the migration"]


def test_a_role_gone_while_the_template_has_it():
    assert check({"kept-role": BEFORE["kept-role"]}, template("Old", "Kept")) == [
        "orphan: role old-role (Old) is gone, but the template still has it"]


def test_a_retained_role_that_is_gone():
    previous = {"Resources": {"Plumbing": {"Type": "AWS::IAM::Role", "DeletionPolicy": "Retain"}}}
    roles = {"old-role": BEFORE["old-role"], "kept-role": BEFORE["kept-role"]}
    assert check(roles, template("Old", "Kept"), previous) == [
        "orphan: role plumbing-role (Plumbing) was retained, but it is gone"]


def test_a_new_role_must_grant_what_an_old_one_did():
    replacement = (TRUST, ["arn:other"], {"i": "{}"})  # trust and inline as before: managed policies move later
    roles = dict(BEFORE, **{"new-role": replacement})
    assert check(roles, template("Old", "Plumbing", "Kept")) == []
    roles["stranger"] = ('{"t": 3}', [], {})
    assert check(roles, template("Old", "Plumbing", "Kept")) == [
        "orphan: a new role stranger that grants what no role of the deployed stack did"]
