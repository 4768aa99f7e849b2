from deploycheck import deploy


class FakeCloudFormation:
    """describe_stacks answers the given statuses in turn; create_stack/create_change_set may raise."""

    def __init__(self, statuses, error=None):
        self.statuses, self.error, self.calls = list(statuses), error, []

    def describe_stacks(self, StackName):
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        return {"Stacks": [{"StackStatus": status, "StackStatusReason": f"reason {status}"}]}

    def create_stack(self, **arguments):
        self.calls.append(("create_stack", arguments))
        if self.error:
            raise self.error

    def create_change_set(self, **arguments):
        self.calls.append(("create_change_set", arguments))
        if self.error:
            raise self.error

    def execute_change_set(self, **arguments):
        self.calls.append(("execute_change_set", arguments))


def test_wait_polls_until_the_stack_is_no_longer_in_progress():
    cloudformation = FakeCloudFormation(["CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE"])
    slept = []
    assert deploy.wait(cloudformation, "S", 60, sleep=slept.append) == ("CREATE_COMPLETE", "reason CREATE_COMPLETE")
    assert slept == [deploy.POLL_SECONDS, deploy.POLL_SECONDS]


def test_wait_gives_up_after_the_timeout():
    times = iter([0, 1, 5, 11, 12])
    cloudformation = FakeCloudFormation(["UPDATE_IN_PROGRESS"])
    status, _ = deploy.wait(cloudformation, "S", 10, sleep=lambda s: None, clock=lambda: next(times))
    assert status == "UPDATE_IN_PROGRESS"


def test_create_passes_parameters_and_capabilities_and_reports_errors_as_failures():
    cloudformation = FakeCloudFormation(["CREATE_COMPLETE"])
    assert deploy.create(cloudformation, "S", "{}", {"Env": "prod"}, 10)[0] == "CREATE_COMPLETE"
    _, arguments = cloudformation.calls[0]
    assert arguments["Parameters"] == [{"ParameterKey": "Env", "ParameterValue": "prod"}]
    assert "CAPABILITY_NAMED_IAM" in arguments["Capabilities"]
    failing = FakeCloudFormation(["CREATE_COMPLETE"], error=RuntimeError("x" * 2000))
    status, reason = deploy.create(failing, "S", "{}", {}, 10)
    assert status == "CREATE_FAILED" and len(reason) == 800


def test_update_goes_through_a_change_set():
    cloudformation = FakeCloudFormation(["UPDATE_COMPLETE"])
    assert deploy.update(cloudformation, "S", "{}", "kumo-retain", 10)[0] == "UPDATE_COMPLETE"
    assert [name for name, _ in cloudformation.calls] == ["create_change_set", "execute_change_set"]
    assert cloudformation.calls[0][1]["ChangeSetType"] == "UPDATE"
    assert deploy.update(FakeCloudFormation(["X"], error=RuntimeError("no")), "S", "{}", "c", 10) == ("UPDATE_FAILED", "no")
