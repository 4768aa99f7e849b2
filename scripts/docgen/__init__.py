"""The documentation tools of scripts/check-doc-comments and scripts/build-docs: symbol graphs of the built
modules (swift-symbolgraph-extract), the doc-comment check, the DocC build."""
