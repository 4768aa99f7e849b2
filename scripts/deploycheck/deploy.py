"""Stack creation and updates through CloudFormation's API, awaited."""
import time

CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"]
POLL_SECONDS = 0.3


def wait(cloudformation, stack_name, timeout, sleep=time.sleep, clock=time.time):
    """(status, reason) once the stack is no longer *_IN_PROGRESS, or when `timeout` seconds have passed."""
    deadline = clock() + timeout
    while True:
        description = cloudformation.describe_stacks(StackName=stack_name)["Stacks"][0]
        status = description["StackStatus"]
        if not status.endswith("_IN_PROGRESS") or clock() > deadline:
            return status, description.get("StackStatusReason")
        sleep(POLL_SECONDS)


def create(cloudformation, name, body, parameters, timeout):
    """Creates a stack from a template body with parameter values; (status, reason). API errors (botocore's, or
    moto's HTTP 500 surfacing as a parse error) are a CREATE_FAILED with the error as reason."""
    try:
        cloudformation.create_stack(
            StackName=name, TemplateBody=body, Capabilities=CAPABILITIES,
            Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()])
        return wait(cloudformation, name, timeout)
    except Exception as error:
        return "CREATE_FAILED", str(error)[:800]


def update(cloudformation, name, body, change_set, timeout):
    """Updates a stack through a change set; (status, reason), errors an UPDATE_FAILED as in `create`."""
    try:
        cloudformation.create_change_set(StackName=name, ChangeSetName=change_set, TemplateBody=body,
                                         ChangeSetType="UPDATE", Capabilities=CAPABILITIES[:2])
        cloudformation.execute_change_set(StackName=name, ChangeSetName=change_set)
        return wait(cloudformation, name, timeout)
    except Exception as error:
        return "UPDATE_FAILED", str(error)[:600]
