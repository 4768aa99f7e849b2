/// The compact schema lines, one extension per service in `Generated/` (written by `scripts/generate-l1`).
enum SchemaData {}
