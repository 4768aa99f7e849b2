import Kumo
import KumoS3
import KumoSQS

/// Resources Kumo has no hand-written construct for, through their generated L1s: an S3 bucket that sends a
/// message to an SQS queue for every object created, a dead-letter queue for messages that keep failing, the
/// queue policy that lets S3 send, and a bucket policy that refuses requests without TLS — both policies built
/// from Kumo's typed statements.
final class UploadsStack: Stack {
    init(_ app: App, _ id: String) {
        super.init(app, id)

        let deadLetters = SQS.CfnQueue(self, "DeadLetterQueue", messageRetentionPeriod: 1_209_600)
        let uploads = SQS.CfnQueue(
            self, "UploadsQueue",
            // RedrivePolicy is JSON-typed in the schema: a dictionary literal, checked at synthesis.
            redrivePolicy: ["deadLetterTargetArn": deadLetters.attrArn.cfnValue, "maxReceiveCount": 5],
            visibilityTimeout: 60)

        // S3 checks that it may send to the queue when the notification is configured: the queue policy comes
        // first. It names the account rather than the bucket, whose ARN would make the two depend on each other.
        let queuePolicy = SQS.CfnQueuePolicy(
            self, "UploadsQueuePolicy",
            policyDocument: CfnJSON(PolicyDocument {
                Statement(
                    effect: .allow, actions: ["sqs:SendMessage"], resources: [ARN(uploads.attrArn.cfnValue)],
                    principals: [.service("s3.amazonaws.com")],
                    conditions: [Condition(.stringEquals, "aws:SourceAccount", Pseudo.accountId.value)])
            }),
            queues: [.ref(uploads)])

        let bucket = S3.CfnBucket(
            self, "UploadsBucket",
            bucketEncryption: .init(serverSideEncryptionConfiguration: [
                .init(serverSideEncryptionByDefault: .init(sseAlgorithm: .aes256))
            ]),
            notificationConfiguration: .init(queueConfigurations: [
                .init(event: "s3:ObjectCreated:*", queue: uploads.attrArn)
            ]),
            publicAccessBlockConfiguration: .init(
                blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true),
            versioningConfiguration: .init(status: .enabled))
        bucket.addDependency(on: queuePolicy)

        S3.CfnBucketPolicy(
            self, "UploadsBucketPolicy", bucket: .ref(bucket),
            policyDocument: CfnJSON(PolicyDocument {
                Statement(
                    effect: .deny, actions: ["s3:*"],
                    resources: [ARN(bucket.attrArn.cfnValue), "\(bucket.attrArn.cfnValue)/*"],
                    principals: [.anyone],
                    conditions: [Condition(.bool, "aws:SecureTransport", "false")])
            }))

        CfnOutput(self, "QueueURL", value: uploads.ref)
        CfnOutput(self, "BucketName", value: bucket.ref)
    }
}
