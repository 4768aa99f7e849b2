"""SQS queues, queue policies, S3 bucket notifications and bucket policies against moto's SQS and S3 in-process (what
examples/queue-notifications deploys)."""
import json

import pytest

from deploycheck import compare
from deploycheck.intended import Intended

from test_compare import literal

ACCOUNT = "123456789012"


def run(template, physical, clients):
    report = compare.Report()
    mismatches = compare.compare("S", Intended(template, literal(template), physical), clients, report)
    return mismatches, report


def send_policy(queue_arn, action="sqs:SendMessage"):
    return {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": action, "Resource": queue_arn}]}


@pytest.fixture
def deployed(aws):
    """A dead-letter queue, a queue redriving to it with its policy, a bucket notifying the queue with a policy."""
    sqs, s3 = aws("sqs"), aws("s3")
    dlq = sqs.create_queue(QueueName="dlq", Attributes={"MessageRetentionPeriod": "1209600"})["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    redrive = {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 5}
    queue = sqs.create_queue(QueueName="uploads", Attributes={
        "VisibilityTimeout": "60", "RedrivePolicy": json.dumps(redrive)})["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=queue, Attributes={"Policy": json.dumps(send_policy(queue_arn))})
    s3.create_bucket(Bucket="uploads-bucket", CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"})
    s3.put_bucket_notification_configuration(Bucket="uploads-bucket", NotificationConfiguration={
        "QueueConfigurations": [{"QueueArn": queue_arn, "Events": ["s3:ObjectCreated:*"]}]})
    bucket_policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::uploads-bucket/*",
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
    s3.put_bucket_policy(Bucket="uploads-bucket", Policy=json.dumps(bucket_policy))
    return dict(dlq=dlq, dlq_arn=dlq_arn, queue=queue, queue_arn=queue_arn, redrive=redrive, bucket_policy=bucket_policy)


def template(d, visibility=60, retention=1209600, max_receive=5, event="s3:ObjectCreated:*", action="sqs:SendMessage",
             bucket_effect="Deny"):
    bucket_policy = json.loads(json.dumps(d["bucket_policy"]))
    bucket_policy["Statement"][0]["Effect"] = bucket_effect
    return {"Resources": {
        "DeadLetters": {"Type": "AWS::SQS::Queue", "Properties": {"MessageRetentionPeriod": retention}},
        "Uploads": {"Type": "AWS::SQS::Queue", "Properties": {
            "VisibilityTimeout": visibility,
            "RedrivePolicy": {"deadLetterTargetArn": d["dlq_arn"], "maxReceiveCount": max_receive}}},
        "UploadsPolicy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {
            "Queues": [d["queue"]], "PolicyDocument": send_policy(d["queue_arn"], action)}},
        "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"NotificationConfiguration": {
            "QueueConfigurations": [{"Event": event, "Queue": d["queue_arn"]}]}}},
        "BucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
            "Bucket": "uploads-bucket", "PolicyDocument": bucket_policy}},
    }}


def physical(d):
    return {"DeadLetters": d["dlq"], "Uploads": d["queue"], "UploadsPolicy": "p", "Bucket": "uploads-bucket",
            "BucketPolicy": "b"}


def test_what_sqs_and_s3_return_matches_the_template(aws, deployed):
    d = deployed
    mismatches, report = run(template(d), physical(d), aws)
    assert mismatches == []
    assert report.compared == {"SQS queues": 2, "SQS queue policies": 1, "S3 buckets": 1, "S3 bucket policies": 1}


@pytest.mark.parametrize("change, fragment", [
    (dict(visibility=30), 'SQS queue {queue} (Uploads) VisibilityTimeout: expected "30", got "60"'),
    (dict(retention=345600), "(DeadLetters) MessageRetentionPeriod"),
    (dict(max_receive=3), "(Uploads) redrive policy"),
    (dict(action="sqs:*"), "SQS queue policy UploadsPolicy on {queue}"),
    (dict(event="s3:ObjectRemoved:*"), "S3 bucket uploads-bucket (Bucket) queue notifications"),
    (dict(bucket_effect="Allow"), "S3 bucket policy BucketPolicy on uploads-bucket"),
])
def test_each_difference_is_a_mismatch(aws, deployed, change, fragment):
    d = deployed
    mismatches, _ = run(template(d, **change), physical(d), aws)
    assert any(fragment.format(queue=d["queue"]) in m for m in mismatches), mismatches


def test_a_bucket_without_policy_is_a_mismatch(aws):
    aws("s3").create_bucket(Bucket="bare", CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"})
    template = {"Resources": {"P": {"Type": "AWS::S3::BucketPolicy", "Properties": {
        "Bucket": "bare", "PolicyDocument": {"Version": "2012-10-17", "Statement": []}}}}}
    mismatches, _ = run(template, {"P": "p"}, aws)
    assert mismatches == ['S: S3 bucket policy P on bare: expected {"Statement": [], "Version": "2012-10-17"}, got null']
