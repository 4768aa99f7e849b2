// kumo-l1-conformance: synthesizes one stack per service holding one resource of every resource type of the
// CloudFormation schemas, each created through its generated typed L1 with the required properties the generator
// derived from the schema (Generated/). Every resource passes Kumo's schema check at synthesis on the way;
// scripts/l1-conformance then runs cfn-lint's schema rules (E3xxx) over the templates.
//
// Usage: kumo-l1-conformance OUTPUT_DIRECTORY
import KumoCore
import KumoSchema
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data(("usage: kumo-l1-conformance OUTPUT_DIRECTORY\n").utf8))
    exit(2)
}

let app = App()
for service in Examples.services {
    let stack = Stack(app, "L1\(service.name)")
    service.add(stack)
}
let expected = ResourceSchemas.allTypeNames.count
let created = Examples.services.reduce(0) { $0 + $1.types }
guard created == expected else {
    FileHandle.standardError.write(Data(("kumo-l1-conformance: \(created) examples for \(expected) resource types in the schemas; re-run scripts/generate-l1\n").utf8))
    exit(1)
}
do {
    let assembly = try app.synthesize()
    try assembly.write(to: output)
    print("kumo-l1-conformance: \(created) resource types in \(Examples.services.count) services synthesized and passed Kumo's schema check -> \(output)")
} catch let error as SynthesisError {
    FileHandle.standardError.write(Data(("\(error)\n").utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data(("kumo-l1-conformance: \(error)\n").utf8))
    exit(1)
}
