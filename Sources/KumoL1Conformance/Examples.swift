import KumoCore

/// The generated examples (`Generated/`, written by scripts/generate-l1): per service, one resource of each type
/// with its required properties.
enum Examples {}
