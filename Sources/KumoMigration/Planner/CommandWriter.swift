/// The AWS CLI commands of the steps, as a person types them in the plan directory (`cd DIR/<Stack>`).
struct CommandWriter {
    let stack: String
    let region: String?

    /// CloudFormation takes a template body of up to 51,200 bytes in the request (API Reference,
    /// *CreateChangeSet*: TemplateBody "maximum length of 51,200 bytes"); larger ones come from S3, up to 1 MB
    /// (User Guide, *CloudFormation quotas*: "Template body size in an Amazon S3 object: 1 MB"; counted here as
    /// 1,000,000 bytes, the stricter reading).
    static let inlineTemplateLimit = 51_200
    static let s3TemplateLimit = 1_000_000

    /// The shell variable that names the S3 bucket for large templates.
    static let bucketVariable = "TEMPLATE_BUCKET"

    func changeSetName(_ index: Int, _ name: String) -> String { "kumo-migrate-\(String(format: "%02d", index))-\(name)" }

    /// The template argument of `create-change-set`, preceded by the upload when the template is too large.
    func templateArguments(_ file: String, size: Int) -> (upload: [String], argument: String) {
        guard size > CommandWriter.inlineTemplateLimit else { return ([], "--template-body file://\(file)") }
        let key = "kumo-migrate/\(stack)/\(file)"
        let host = region.map { "s3.\($0).amazonaws.com" } ?? "s3.amazonaws.com"
        return (["aws s3 cp \(file) \"s3://$\(CommandWriter.bucketVariable)/\(key)\""],
                "--template-url \"https://$\(CommandWriter.bucketVariable).\(host)/\(key)\"")
    }

    /// Create, show and execute a change set of an update or import step.
    func changeSet(index: Int, name: String, file: String, size: Int, resourcesToImport: String?) -> [String] {
        let changeSet = changeSetName(index, name)
        let (upload, template) = templateArguments(file, size: size)
        let type = resourcesToImport == nil ? "UPDATE" : "IMPORT"
        var create = "aws cloudformation create-change-set --stack-name \(stack) --change-set-name \(changeSet) --change-set-type \(type) \(template) --capabilities CAPABILITY_NAMED_IAM"
        if let resourcesToImport { create += " --resources-to-import file://\(resourcesToImport)" }
        return upload + [
            create,
            "aws cloudformation wait change-set-create-complete --stack-name \(stack) --change-set-name \(changeSet)",
            describeChangeSet(changeSet),
            "aws cloudformation execute-change-set --stack-name \(stack) --change-set-name \(changeSet)",
            "aws cloudformation wait \(resourcesToImport == nil ? "stack-update-complete" : "stack-import-complete") --stack-name \(stack)",
        ]
    }

    func describeChangeSet(_ changeSet: String) -> String {
        "aws cloudformation describe-change-set --stack-name \(stack) --change-set-name \(changeSet) --query 'Changes[].ResourceChange.[Action,LogicalResourceId,ResourceType,Replacement]' --output table"
    }

    /// Lists the change set's replacements (`Replacement` `True` or `Conditional`).
    func replacements(_ changeSet: String) -> String {
        "aws cloudformation describe-change-set --stack-name \(stack) --change-set-name \(changeSet) --query \"Changes[?ResourceChange.Replacement=='True' || ResourceChange.Replacement=='Conditional'].ResourceChange.[LogicalResourceId,ResourceType,Replacement]\" --output text"
    }

    /// Saves the stack's stored template and compares it with the step's.
    func storedTemplate(matches file: String) -> String {
        "aws cloudformation get-template --stack-name \(stack) --query TemplateBody --output json > current.template.json && kumo diff current.template.json \(file)"
    }
}
