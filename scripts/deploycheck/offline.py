"""Loopback only, in every process of the harness: sockets that refuse other destinations, dummy credentials, no
instance metadata, no configuration files, no proxy."""
import os
import socket

LOOPBACK = ("127.0.0.1", "::1", "localhost")
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy")


def refuse_non_loopback(family, address):
    """Raises ConnectionRefusedError unless an IP `address` of `family` is a loopback address."""
    if family in (socket.AF_INET, socket.AF_INET6) and address[0] not in LOOPBACK:
        raise ConnectionRefusedError(f"deploy-check: refusing a connection to {address[0]}: loopback only")


def allow_loopback_only(socket_class=socket.socket):
    """Makes `connect` and `connect_ex` of every socket of this process refuse non-loopback destinations."""
    if getattr(socket_class, "_deploycheck_loopback_only", False):
        return
    original_connect, original_connect_ex = socket_class.connect, socket_class.connect_ex

    def connect(sock, address):
        refuse_non_loopback(sock.family, address)
        return original_connect(sock, address)

    def connect_ex(sock, address):
        refuse_non_loopback(sock.family, address)
        return original_connect_ex(sock, address)

    socket_class.connect, socket_class.connect_ex = connect, connect_ex
    socket_class._deploycheck_loopback_only = True


def offline_variables(account=None):
    """The environment the harness and the server run with."""
    env = {
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "NO_PROXY": "127.0.0.1,localhost,::1", "no_proxy": "127.0.0.1,localhost,::1",
        "MOTO_IAM_LOAD_MANAGED_POLICIES": "true",
    }
    if account:
        env["MOTO_ACCOUNT_ID"] = account
    return env


def go_offline(account=None, environ=os.environ):
    """Puts ``offline_variables`` into `environ` and removes every proxy setting from it."""
    for proxy in PROXY_VARIABLES:
        environ.pop(proxy, None)
    environ.update(offline_variables(account))
