import socket

import pytest

from deploycheck import offline


@pytest.mark.parametrize("host", ["10.0.0.1", "169.254.169.254", "192.0.2.10", "2001:db8::1", "example.com"])
def test_non_loopback_destinations_are_refused(host):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with pytest.raises(ConnectionRefusedError, match="loopback only"):
        offline.refuse_non_loopback(family, (host, 443))


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost"])
def test_loopback_destinations_are_allowed(host):
    offline.refuse_non_loopback(socket.AF_INET6 if ":" in host else socket.AF_INET, (host, 5000))


def test_unix_sockets_are_not_ip_destinations():
    offline.refuse_non_loopback(socket.AF_UNIX, "/tmp/some.sock")


class RecordingSocket:
    """A stand-in socket class: its connect records the address and never touches the network."""
    family = socket.AF_INET

    def __init__(self):
        self.connected = []

    def connect(self, address):
        self.connected.append(address)

    def connect_ex(self, address):
        self.connected.append(address)
        return 0


def test_patched_sockets_refuse_before_connecting():
    cls = type("Sock", (RecordingSocket,), {})
    offline.allow_loopback_only(cls)
    sock = cls()
    with pytest.raises(ConnectionRefusedError):
        sock.connect(("169.254.169.254", 80))
    with pytest.raises(ConnectionRefusedError):
        sock.connect_ex(("10.1.2.3", 80))
    sock.connect(("127.0.0.1", 8080))
    assert sock.connected == [("127.0.0.1", 8080)]
    offline.allow_loopback_only(cls)  # idempotent: not wrapped twice
    sock.connect_ex(("::1", 1))
    assert sock.connected[-1] == ("::1", 1)


def test_offline_environment_has_dummy_credentials_and_no_metadata_or_proxy():
    environ = {"HTTPS_PROXY": "http://proxy:3128", "http_proxy": "http://proxy:3128", "HOME": "/root"}
    offline.go_offline("111122223333", environ)
    assert "HTTPS_PROXY" not in environ and "http_proxy" not in environ
    assert environ["AWS_EC2_METADATA_DISABLED"] == "true"
    assert environ["AWS_ACCESS_KEY_ID"] == "testing" and environ["AWS_SESSION_TOKEN"] == "testing"
    assert environ["AWS_CONFIG_FILE"] == environ["AWS_SHARED_CREDENTIALS_FILE"] == "/dev/null"
    assert environ["MOTO_ACCOUNT_ID"] == "111122223333"
    assert "127.0.0.1" in environ["NO_PROXY"]
    assert environ["HOME"] == "/root"
    assert "MOTO_ACCOUNT_ID" not in offline.offline_variables(None)
