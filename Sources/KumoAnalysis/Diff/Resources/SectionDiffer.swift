import KumoJSON

/// Changes outside `Resources`: entries of `Parameters`, `Outputs` (values resolved), `Conditions`,
/// `Mappings`, `Rules`, and the other top-level fields (`Description`, `Transform`, `Metadata`, …).
struct SectionDiffer {
    let oldResolver: Resolver
    let newResolver: Resolver
    var old: CloudTemplate { oldResolver.template }
    var new: CloudTemplate { newResolver.template }
    let strict: Bool

    static let namedSections = ["Parameters", "Outputs", "Conditions", "Mappings", "Rules"]

    func diff() throws(ReaderError) -> (changes: [SectionChange], noise: [NoiseItem]) {
        var changes: [SectionChange] = []
        var noise: [NoiseItem] = []
        for section in SectionDiffer.namedSections {
            let a = old.json[section]?.objectValue ?? [:], b = new.json[section]?.objectValue ?? [:]
            var names = Array(b.keys)
            for name in a.keys where b[name] == nil { names.append(name) }
            for name in names {
                var before = a[name], after = b[name]
                if section == "Outputs" {
                    before = try before.map { value throws(ReaderError) in try oldResolver.resolve(value, at: "Outputs.\(name)").map(old.display) ?? .null }
                    after = try after.map { value throws(ReaderError) in try newResolver.resolve(value, at: "Outputs.\(name)").map(new.display) ?? .null }
                }
                if let before, let after, before.semanticallyEquals(after) { continue }
                if !strict, let rule = DiffNoise.sectionEntry(section, name) {
                    noise.append(NoiseItem(location: "\(section).\(name)", rule: rule))
                    continue
                }
                let kind: SectionChange.Kind = before == nil ? .added : after == nil ? .removed : .modified
                changes.append(SectionChange(section: section, name: name, kind: kind, old: before, new: after))
            }
        }
        let known = Set(SectionDiffer.namedSections + ["Resources"])
        var keys = Array(new.json.objectValue?.keys ?? [])
        for key in old.json.objectValue?.keys ?? [] where !keys.contains(key) { keys.append(key) }
        for key in keys where !known.contains(key) {
            let before = old.json[key], after = new.json[key]
            if let before, let after, before.semanticallyEquals(after) { continue }
            let kind: SectionChange.Kind = before == nil ? .added : after == nil ? .removed : .modified
            changes.append(SectionChange(section: key, name: "", kind: kind, old: before, new: after))
        }
        return (changes, noise)
    }
}
