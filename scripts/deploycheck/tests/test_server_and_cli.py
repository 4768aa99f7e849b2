"""The server process for real (loopback, a free port, stopped by its PID), and the command lines' input errors."""
import os
import tempfile

import pytest

from deploycheck import cli, server
from deploycheck.assembly import HarnessError
from deploycheck.migration import cli as migration_cli


def test_the_server_listens_on_loopback_and_answers_the_api():
    import boto3
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        process, port = server.start(log, "123456789012")
        try:
            sts = boto3.client("sts", region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{port}",
                               aws_access_key_id="testing", aws_secret_access_key="testing")
            assert sts.get_caller_identity()["Account"] == "123456789012"
            cloudformation = boto3.client("cloudformation", region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{port}",
                                          aws_access_key_id="testing", aws_secret_access_key="testing")
            assert cloudformation.list_stacks()["StackSummaries"] == []
        finally:
            server.stop(process)
        assert process.returncode is not None


def test_the_server_command_runs_the_package_module():
    command = server.command(5000, "migration")
    assert command[1:] == ["-m", "deploycheck.server", "5000", "migration"]
    assert set(server.profiles()) == {"deploy-check", "migration"}


def test_a_server_that_exits_is_a_harness_error():
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        with pytest.raises(HarnessError, match="exited"):
            server.start(log, profile="no-such-profile")


def test_parameters_must_be_key_value_pairs():
    assert cli.parameters(["A=1", "B=x=y"]) == {"A": "1", "B": "x=y"}
    with pytest.raises(HarnessError, match="KEY=VALUE"):
        cli.parameters(["A"])


def test_an_unreadable_assembly_exits_2(tmp_path, capsys):
    assert cli.main([str(tmp_path / "missing"), "--kumo", "/bin/true"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_deploy_check_needs_a_kumo_binary(tmp_path, capsys):
    assert cli.main([str(tmp_path), "--kumo", str(tmp_path / "no-kumo")]) == 2
    assert "no kumo binary" in capsys.readouterr().err


def test_the_migration_needs_a_kumo_binary(tmp_path, capsys):
    assert migration_cli.main([str(tmp_path), str(tmp_path), "--kumo", str(tmp_path / "no-kumo")]) == 2
    assert "no kumo binary" in capsys.readouterr().err


def test_help_describes_the_harness(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = capsys.readouterr().out
    assert "127.0.0.1" in text and "--self-test" in text and "AWS_EC2_METADATA_DISABLED=true" in text
    assert os.path.basename(migration_cli.DEFAULT_KUMO) == "kumo"
