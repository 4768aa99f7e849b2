"""pytest setup for the deploycheck package: scripts/ on the path, dummy credentials, and moto in-process (no
server) taught by deploy-check's or the migration's shims, undone after each test."""
import os
import sys

import pytest

SCRIPTS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROOT = os.path.dirname(SCRIPTS)
sys.path.insert(0, SCRIPTS)

from deploycheck import offline  # noqa: E402
from deploycheck.patching import Patches  # noqa: E402

ACCOUNT, REGION = "123456789012", "ap-northeast-1"


@pytest.fixture(autouse=True)
def offline_environment(monkeypatch):
    """Every test: dummy credentials, no metadata, no proxies (in os.environ, restored after the test)."""
    for name in offline.PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in offline.offline_variables(ACCOUNT).items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def patches():
    with Patches() as recorded:
        yield recorded


@pytest.fixture
def aws(patches):
    """moto in-process, taught as deploy-check's server is; yields `client(service)` in REGION."""
    import boto3
    from moto import mock_aws
    from deploycheck.fixes import teach_moto
    teach_moto(patches)
    with mock_aws():
        yield lambda service: boto3.client(service, region_name=REGION)


@pytest.fixture
def migration_aws(patches):
    """moto in-process, taught as deploy-check-migration's server is."""
    import boto3
    from moto import mock_aws
    from deploycheck.migration.shims import teach_migration
    teach_migration(patches)
    with mock_aws():
        yield lambda service: boto3.client(service, region_name=REGION)
